#include "CanvasStyle.h"

#include <QApplication>
#include <QLineF>
#include <QPalette>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui::canvas {

QColor kindColor(models::NodeKind kind)
{
    switch (kind) {
    case models::NodeKind::Producer:
        return QColor(0x2f, 0x6f, 0xeb);
    case models::NodeKind::Queue:
        return QColor(0xd9, 0x77, 0x06);
    case models::NodeKind::Service:
        return QColor(0x0e, 0x9f, 0x6e);
    case models::NodeKind::Sink:
        return QColor(0x7c, 0x4d, 0xdb);
    case models::NodeKind::DeadLetter:
        return QColor(0xdc, 0x2e, 0x43);
    case models::NodeKind::Topic:
        return QColor(0x0f, 0x8f, 0xb8);
    }
    return QColor(0x88, 0x88, 0x88);
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(x.redF() + (y.redF() - x.redF()) * t, x.greenF() + (y.greenF() - x.greenF()) * t,
                            x.blueF() + (y.blueF() - x.blueF()) * t, x.alphaF() + (y.alphaF() - x.alphaF()) * t);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor canvasColor(const QPalette &palette)
{
    // Cards take Base (light) or a lifted Window (dark); the canvas sits a
    // step darker than either, so cards stand out in both themes.
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    if (!isDark(palette))
        return mix(window, base, 0.35);
    return mix(base.lightness() < window.lightness() ? base : window, Qt::black, 0.25);
}

QColor gridColor(const QPalette &palette)
{
    return mix(canvasColor(palette), palette.color(QPalette::Text), 0.2);
}

QColor cardColor(const QPalette &palette)
{
    if (!isDark(palette))
        return palette.color(QPalette::Base);
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    return mix(base.lightness() > window.lightness() ? base : window, Qt::white, 0.04);
}

QColor cardBorderColor(const QPalette &palette)
{
    return mix(cardColor(palette), palette.color(QPalette::Text), isDark(palette) ? 0.18 : 0.2);
}

QColor mutedTextColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), cardColor(palette), 0.4);
}

QColor linkColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), canvasColor(palette), isDark(palette) ? 0.4 : 0.45);
}

QFont nameFont()
{
    QFont font = QApplication::font();
    font.setPixelSize(13);
    font.setWeight(QFont::DemiBold);
    return font;
}

QFont detailFont()
{
    QFont font = QApplication::font();
    font.setPixelSize(11);
    return font;
}

QPainterPath linkCurve(QPointF from, QPointF to)
{
    const qreal dx = to.x() - from.x();
    QPainterPath path(from);
    if (dx >= -2 * MinHandle) {
        const qreal handle = std::max(std::abs(dx) * 0.5, MinHandle);
        path.cubicTo(from + QPointF(handle, 0), to - QPointF(handle, 0), to);
        return path;
    }
    // Backwards: a hairpin out of the source, a straight run along a lane
    // that misses the cards (between their rows, or under both), and a
    // hairpin into the target from the left.
    const qreal clearance = NodeSize.height() / 2 + 24;
    const qreal laneY = std::abs(to.y() - from.y()) >= 2 * clearance ? (from.y() + to.y()) / 2
                                                                     : std::max(from.y(), to.y()) + clearance;
    const QPointF laneStart(from.x(), laneY);
    const QPointF laneEnd(to.x(), laneY);
    path.cubicTo(from + QPointF(MinHandle, 0), laneStart + QPointF(MinHandle, 0), laneStart);
    path.lineTo(laneEnd);
    path.cubicTo(laneEnd - QPointF(MinHandle, 0), to - QPointF(MinHandle, 0), to);
    return path;
}

QPolygonF arrowHead(const QPainterPath &curve)
{
    const QPointF tip = curve.pointAtPercent(1);
    // The last control point gives the direction at the tip.
    const QPainterPath::Element c2 = curve.elementAt(std::max(0, curve.elementCount() - 2));
    QLineF back(tip, QPointF(c2.x, c2.y));
    if (back.length() < 0.01)
        back = QLineF(tip, tip - QPointF(1, 0));
    back.setLength(ArrowLength);
    QLineF left = back;
    left.setAngle(back.angle() + 28);
    QLineF right = back;
    right.setAngle(back.angle() - 28);
    return QPolygonF({tip, left.p2(), back.pointAt(0.8), right.p2()});
}

} // namespace asyncsim::ui::canvas
