#pragma once

#include <QGraphicsView>

namespace asyncsim::ui {

class TopologyScene;

/// The canvas's view: rubber-band selection, zoom around the cursor and panning.
class TopologyView : public QGraphicsView
{
    Q_OBJECT

public:
    static constexpr double MinZoom = 0.1;
    static constexpr double MaxZoom = 4.0;

    explicit TopologyView(TopologyScene *scene, QWidget *parent = nullptr);

    /// The scene shown, if it is a TopologyScene.
    TopologyScene *topologyScene() const;
    /// The scale, 1 = 100 %.
    double zoom() const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Sets the zoom (clamped), keeping the centre of the view in place.
    void setZoom(double zoom);
    /// Shows all nodes with a margin; never magnifies beyond 100 %.
    void fitToContents();

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    /// Zooms to @p zoom (clamped), keeping the scene point under @p viewportPos in place.
    void zoomAround(double zoom, QPointF viewportPos);
    void updatePanCursor();

    bool m_spaceHeld = false;
    bool m_panning = false;
    Qt::MouseButton m_panButton = Qt::NoButton;
    QPoint m_panLast;
};

} // namespace asyncsim::ui
