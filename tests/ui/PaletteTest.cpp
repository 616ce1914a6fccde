#include "ui/Palette.h"

#include <QFile>
#include <QListWidget>
#include <QMimeData>
#include <QSvgRenderer>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace asyncsim;
using models::NodeKind;

namespace {

const NodeKind AllKinds[]
    = {NodeKind::Producer, NodeKind::Queue, NodeKind::Topic, NodeKind::Service, NodeKind::Sink, NodeKind::DeadLetter};

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x25, 0x27, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x22));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x2f, 0x32, 0x36));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

TEST(Palette, DragDataCarriesTheKindsFileName)
{
    for (const NodeKind kind : AllKinds) {
        const std::unique_ptr<QMimeData> data(ui::Palette::createMimeData(kind));
        ASSERT_TRUE(data->hasFormat(QStringLiteral("application/x-asyncsim-node-kind")));
        EXPECT_EQ(data->data(QStringLiteral("application/x-asyncsim-node-kind")),
                  QByteArray(models::nodeKindName(kind)));
        EXPECT_EQ(ui::Palette::kindFromMimeData(data.get()), kind);
    }
    const std::unique_ptr<QMimeData> producer(ui::Palette::createMimeData(NodeKind::Producer));
    EXPECT_EQ(producer->data(QString::fromLatin1(ui::Palette::MimeType)), QByteArray("producer"));
}

TEST(Palette, OtherDropsCarryNoKind)
{
    QMimeData text;
    text.setText(QStringLiteral("producer"));
    EXPECT_FALSE(ui::Palette::kindFromMimeData(&text).has_value());
    QMimeData unknown;
    unknown.setData(QString::fromLatin1(ui::Palette::MimeType), "teapot");
    EXPECT_FALSE(ui::Palette::kindFromMimeData(&unknown).has_value());
    EXPECT_FALSE(ui::Palette::kindFromMimeData(nullptr).has_value());
}

TEST(Palette, EveryKindHasAnIconANameAndADescription)
{
    for (const NodeKind kind : AllKinds) {
        SCOPED_TRACE(models::nodeKindName(kind));
        EXPECT_TRUE(QFile::exists(ui::Palette::iconPath(kind)));
        EXPECT_TRUE(QSvgRenderer(ui::Palette::iconPath(kind)).isValid());
        EXPECT_FALSE(ui::Palette::icon(kind).pixmap(24, 24).isNull());
        EXPECT_FALSE(ui::Palette::displayName(kind).isEmpty());
        EXPECT_FALSE(ui::Palette::description(kind).isEmpty());
        EXPECT_FALSE(ui::Palette::toolTip(kind).isEmpty());
    }
    EXPECT_EQ(ui::Palette::displayName(NodeKind::DeadLetter), QStringLiteral("Dead-letter queue"));
    EXPECT_EQ(ui::Palette::description(NodeKind::Producer), QStringLiteral("Publishes messages at a rate"));
}

TEST(Palette, TheOtherIconsAreCompiledIn)
{
    for (const char *name : {"asyncsim", "retry", "circuit-breaker"}) {
        SCOPED_TRACE(name);
        const QString path = QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name));
        EXPECT_TRUE(QSvgRenderer(path).isValid());
    }
    EXPECT_EQ(QSvgRenderer(QStringLiteral(":/icons/asyncsim.svg")).viewBox(), QRect(0, 0, 64, 64));
    EXPECT_EQ(QSvgRenderer(QStringLiteral(":/icons/service.svg")).viewBox(), QRect(0, 0, 24, 24));
}

TEST(Palette, DoubleClickRequestsThatKind)
{
    ui::Palette palette;
    palette.resize(220, 420);
    palette.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&palette));
    auto *list = palette.findChild<QListWidget *>(QStringLiteral("paletteList"));
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->count(), 6);

    std::vector<NodeKind> requested;
    QObject::connect(&palette, &ui::Palette::componentRequested, [&](NodeKind kind) { requested.push_back(kind); });
    const QPoint service = list->visualItemRect(list->item(3)).center();
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, service);
    ASSERT_EQ(requested.size(), 1u);
    EXPECT_EQ(requested.front(), NodeKind::Service);

    list->setCurrentRow(5);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    ASSERT_EQ(requested.size(), 2u);
    EXPECT_EQ(requested.back(), NodeKind::DeadLetter);
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the palette in a light and a dark theme,
// in a narrow and a wide dock, with the pointer over "Queue".
TEST(Palette, RendersInLightAndDarkPalettes)
{
    for (const bool dark : {false, true}) {
        for (const int width : {200, 300}) {
            ui::Palette palette;
            if (dark)
                palette.setPalette(darkPalette());
            palette.resize(width, 420);
            palette.show();
            ASSERT_TRUE(QTest::qWaitForWindowExposed(&palette));
            auto *list = palette.findChild<QListWidget *>(QStringLiteral("paletteList"));
            QTest::mouseMove(list->viewport(), list->visualItemRect(list->item(1)).center());
            QTest::qWait(20);
            const QImage image = palette.grab().toImage();
            EXPECT_EQ(image.size(), palette.size() * image.devicePixelRatio());
            // The background follows the palette.
            EXPECT_EQ(image.pixelColor(image.width() - 3, image.height() / 2).lightness() < 128, dark);
            // Every entry is visible without scrolling, and none is cut off.
            const QRect last = list->visualItemRect(list->item(4));
            EXPECT_LE(last.bottom(), list->viewport()->height());
            EXPECT_GE(last.height(), 40);
            if (const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR"); !dir.isEmpty())
                image.save(QStringLiteral("%1/palette-%2-%3.png")
                               .arg(dir, dark ? QStringLiteral("dark") : QStringLiteral("light"))
                               .arg(width));
        }
    }
}
