#include "SceneExport.h"

#include <QBuffer>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSvgGenerator>

#include <cmath>
#include <utility>

namespace asyncsim::ui {

namespace {

/// While alive, the scene shows no selection and says it is exporting (its
/// drawBackground() may read the "exporting" property to leave out the grid).
/// Signals are blocked, so the inspector never sees the selection go and come back.
class ExportState
{
public:
    explicit ExportState(QGraphicsScene *scene)
        : m_scene(scene)
        , m_selected(scene->selectedItems())
    {
        const QSignalBlocker blocker(m_scene);
        m_scene->clearSelection();
        m_scene->setProperty("exporting", true);
    }
    ~ExportState()
    {
        const QSignalBlocker blocker(m_scene);
        m_scene->setProperty("exporting", QVariant());
        for (QGraphicsItem *item : std::as_const(m_selected))
            item->setSelected(true);
    }
    ExportState(const ExportState &) = delete;
    ExportState &operator=(const ExportState &) = delete;

private:
    QGraphicsScene *m_scene;
    QList<QGraphicsItem *> m_selected;
};

void paintScene(QGraphicsScene *scene, QPainter *painter, const QRectF &target, const QRectF &area)
{
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    painter->fillRect(target, scene->palette().color(QPalette::Base));
    const ExportState state(scene);
    scene->render(painter, target, area, Qt::KeepAspectRatio);
}

bool writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (file.write(data) != data.size()) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace

QRectF exportArea(QGraphicsScene *scene, const QRectF &source)
{
    const QRectF contents = source.isEmpty() ? scene->itemsBoundingRect() : source;
    return contents.adjusted(-ExportMargin, -ExportMargin, ExportMargin, ExportMargin);
}

QSize exportImageSize(QGraphicsScene *scene, const QRectF &source, double scale)
{
    const QRectF area = exportArea(scene, source);
    return {int(std::ceil(area.width() * scale)), int(std::ceil(area.height() * scale))};
}

bool exportPng(QGraphicsScene *scene, const QRectF &source, const QString &path, double scale)
{
    if (!scene || scale <= 0)
        return false;
    const QRectF area = exportArea(scene, source);
    const QSize size = exportImageSize(scene, source, scale);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return false; // too large to allocate
    image.fill(Qt::transparent);
    QPainter painter(&image);
    paintScene(scene, &painter, QRectF(QPointF(0, 0), QSizeF(size)), area);
    painter.end();

    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return false;
    return writeAtomically(path, data);
}

bool exportSvg(QGraphicsScene *scene, const QRectF &source, const QString &path, const QString &title)
{
    if (!scene)
        return false;
    const QRectF area = exportArea(scene, source);
    const QRectF target(QPointF(0, 0), area.size());

    QByteArray data;
    QBuffer buffer(&data);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(target.size().toSize());
    generator.setViewBox(target);
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported from asyncsim"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    paintScene(scene, &painter, target, area);
    if (!painter.end())
        return false;
    return writeAtomically(path, data);
}

} // namespace asyncsim::ui
