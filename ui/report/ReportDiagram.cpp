#include "ReportDiagram.h"

#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/files/SceneExport.h"

#include <QBuffer>
#include <QPainter>
#include <QSvgGenerator>

#include <cmath>

namespace asyncsim::ui::report {

namespace {

// The canvas's dotted grid helps while editing and is noise on paper; it is
// also drawn as pixmaps, which would bloat the SVG.
class PaperScene : public TopologyScene
{
public:
    using TopologyScene::TopologyScene;

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override { painter->fillRect(rect, Qt::white); }
};

} // namespace

ReportDiagram drawDiagram(const models::Topology &topology, double imageScale)
{
    TopologyDocument document;
    document.load(topology);
    PaperScene scene(&document);
    const QRectF area = exportArea(&scene, scene.contentsRect());

    ReportDiagram diagram;
    diagram.size = area.size();
    const QRectF target(QPointF(0, 0), area.size());
    {
        QByteArray data;
        QBuffer buffer(&data);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(target.size().toSize());
        generator.setViewBox(target);
        generator.setTitle(QString::fromStdString(topology.name));
        QPainter painter;
        if (painter.begin(&generator)) {
            painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            scene.render(&painter, target, area, Qt::KeepAspectRatio);
            painter.end();
            diagram.svg = QString::fromUtf8(data);
        }
    }
    if (imageScale > 0) {
        const QSize pixels(int(std::ceil(area.width() * imageScale)), int(std::ceil(area.height() * imageScale)));
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        if (!image.isNull()) {
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                                   | QPainter::SmoothPixmapTransform);
            scene.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)), area, Qt::KeepAspectRatio);
            painter.end();
            diagram.image = image;
        }
    }
    return diagram;
}

} // namespace asyncsim::ui::report
