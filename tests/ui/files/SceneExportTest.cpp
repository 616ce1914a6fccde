#include "ui/files/SceneExport.h"

#include <QFile>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace asyncsim;

namespace {

/// A red box at (0, 0)-(100, 50), selected.
struct BoxScene
{
    QGraphicsScene scene;
    QGraphicsRectItem *box;

    BoxScene()
        : box(scene.addRect(0, 0, 100, 50, Qt::NoPen, Qt::red))
    {
        box->setFlag(QGraphicsItem::ItemIsSelectable);
        box->setSelected(true);
    }
};

} // namespace

TEST(SceneExport, PngHasTheSizeOfTheAreaWithItsMargin)
{
    BoxScene s;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.png"));
    const QRectF source(0, 0, 100, 50);
    ASSERT_TRUE(ui::exportPng(&s.scene, source, path, 2.0));

    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    const QSize expected(int((100 + 2 * ui::ExportMargin) * 2), int((50 + 2 * ui::ExportMargin) * 2));
    EXPECT_EQ(image.size(), expected);
    EXPECT_EQ(ui::exportImageSize(&s.scene, source, 2.0), expected);
    // The box is drawn where it belongs, on an opaque background.
    EXPECT_EQ(image.pixelColor(image.width() / 2, image.height() / 2), QColor(Qt::red));
    EXPECT_EQ(image.pixelColor(2, 2).alpha(), 255);
    EXPECT_NE(image.pixelColor(2, 2), QColor(Qt::red));
}

TEST(SceneExport, AnEmptySourceMeansTheItems)
{
    BoxScene s;
    s.scene.addRect(300, 200, 10, 10, Qt::NoPen, Qt::blue);
    const QRectF area = ui::exportArea(&s.scene, QRectF());
    EXPECT_EQ(
        area,
        QRectF(0, 0, 310, 210).adjusted(-ui::ExportMargin, -ui::ExportMargin, ui::ExportMargin, ui::ExportMargin));
}

TEST(SceneExport, SelectionIsNotExportedAndIsKept)
{
    BoxScene s;
    int selectionSignals = 0;
    QObject::connect(&s.scene, &QGraphicsScene::selectionChanged, [&] { ++selectionSignals; });
    QTemporaryDir dir;
    const QString selectedPath = dir.filePath(QStringLiteral("selected.png"));
    ASSERT_TRUE(ui::exportPng(&s.scene, QRectF(0, 0, 100, 50), selectedPath));
    EXPECT_TRUE(s.box->isSelected());
    EXPECT_EQ(selectionSignals, 0);

    s.box->setSelected(false);
    const QString plainPath = dir.filePath(QStringLiteral("plain.png"));
    ASSERT_TRUE(ui::exportPng(&s.scene, QRectF(0, 0, 100, 50), plainPath));
    EXPECT_EQ(QImage(selectedPath), QImage(plainPath));
}

TEST(SceneExport, SvgIsXmlWithItsTitle)
{
    BoxScene s;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.svg"));
    ASSERT_TRUE(ui::exportSvg(&s.scene, QRectF(), path, QStringLiteral("Checkout topology")));
    EXPECT_TRUE(s.box->isSelected());

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    EXPECT_TRUE(text.contains("<svg"));
    EXPECT_TRUE(text.contains("Checkout topology"));
    QXmlStreamReader xml(text);
    bool sawSvg = false;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg"))
            sawSvg = true;
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(sawSvg);
}

TEST(SceneExport, AnUnwritablePathFails)
{
    BoxScene s;
    QTemporaryDir dir;
    EXPECT_FALSE(ui::exportPng(&s.scene, QRectF(), dir.filePath(QStringLiteral("missing/scene.png"))));
    EXPECT_FALSE(ui::exportSvg(&s.scene, QRectF(), dir.filePath(QStringLiteral("missing/scene.svg")), {}));
}
