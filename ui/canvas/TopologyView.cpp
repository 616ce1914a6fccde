#include "TopologyView.h"

#include "TopologyScene.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

constexpr double ZoomStep = 1.25;    // zoomIn() / zoomOut()
constexpr double WheelBase = 1.0015; // zoom factor per 1/8 degree of wheel rotation
constexpr qreal FitMargin = 40;      // scene pixels around the contents in fitToContents()

} // namespace

TopologyView::TopologyView(TopologyScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::ContainsItemShape);
    // Zoom keeps its own anchor (zoomAround); resizing keeps the centre.
    setTransformationAnchor(NoAnchor);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
}

TopologyScene *TopologyView::topologyScene() const
{
    return qobject_cast<TopologyScene *>(scene());
}

double TopologyView::zoom() const
{
    return transform().m11();
}

void TopologyView::zoomIn()
{
    setZoom(zoom() * ZoomStep);
}

void TopologyView::zoomOut()
{
    setZoom(zoom() / ZoomStep);
}

void TopologyView::resetZoom()
{
    setZoom(1);
}

void TopologyView::setZoom(double zoom)
{
    zoomAround(zoom, QRectF(viewport()->rect()).center());
}

void TopologyView::fitToContents()
{
    const TopologyScene *topology = topologyScene();
    const QRectF contents = topology ? topology->contentsRect() : (scene() ? scene()->itemsBoundingRect() : QRectF());
    if (contents.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    const QRectF target = contents.adjusted(-FitMargin, -FitMargin, FitMargin, FitMargin);
    const QSizeF area = viewport()->size();
    const double fit = std::min(area.width() / target.width(), area.height() / target.height());
    const double zoom = std::clamp(fit, MinZoom, 1.0);
    const double before = this->zoom();
    setTransform(QTransform::fromScale(zoom, zoom));
    centerOn(target.center());
    if (zoom != before)
        Q_EMIT zoomChanged(zoom);
}

void TopologyView::zoomAround(double zoom, QPointF viewportPos)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    const double before = this->zoom();
    if (std::abs(zoom - before) < 1e-9)
        return;
    const QPointF anchor = mapToScene(viewportPos.toPoint());
    setTransform(QTransform::fromScale(zoom, zoom));
    // Scroll so that the anchor is back under viewportPos.
    const QPointF drift = QPointF(mapFromScene(anchor)) - viewportPos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(drift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(drift.y()));
    Q_EMIT zoomChanged(zoom);
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (delta.y() == 0 || std::abs(delta.x()) > std::abs(delta.y())) {
        QGraphicsView::wheelEvent(event); // sideways: scroll
        return;
    }
    zoomAround(zoom() * std::pow(WheelBase, delta.y()), event->position());
    event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent *event)
{
    const bool pan = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld);
    if (pan && !m_panning) {
        m_panning = true;
        m_panButton = event->button();
        m_panLast = event->position().toPoint();
        updatePanCursor();
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint position = event->position().toPoint();
        const QPoint delta = position - m_panLast;
        m_panLast = position;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == m_panButton) {
        m_panning = false;
        m_panButton = Qt::NoButton;
        updatePanCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            updatePanCursor();
        }
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = false;
            updatePanCursor();
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void TopologyView::focusOutEvent(QFocusEvent *event)
{
    m_spaceHeld = false; // the release would go elsewhere
    updatePanCursor();
    QGraphicsView::focusOutEvent(event);
}

void TopologyView::updatePanCursor()
{
    if (m_panning)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

} // namespace asyncsim::ui
