#pragma once

#include <QStringList>
#include <QWidget>

#include "RunRecorder.h"

#include <memory>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QGridLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QScrollArea)
QT_FORWARD_DECLARE_CLASS(QStackedWidget)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace asyncsim::ui {

class LiveChart;

/// The live charts of a run, for a dock: it records every snapshot for every
/// node and edge (RunRecorder), and shows the charts of the focus (a node, an
/// edge, or the whole run when neither). Charts are redrawn at most ten times
/// a second, and only those on screen, however fast snapshots come.
class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    /// Forgets everything and takes the names, kinds and capacities of @p topology.
    void startRun(const models::Topology &topology);
    /// Records @p snapshot (of the run given to startRun).
    void applySnapshot(const models::RunSnapshot &snapshot);
    /// Forgets the run: no charts until the next startRun.
    void clear();
    /// Charts node @p nodeIndex, else edge @p edgeIndex, else (both -1) the whole run.
    void setFocus(int nodeIndex, int edgeIndex);
    using QWidget::setFocus;

    int focusNode() const { return m_focusNode; }
    int focusEdge() const { return m_focusEdge; }
    const RunRecorder &recorder() const { return m_recorder; }
    /// The charts shown, in order.
    const std::vector<LiveChart *> &charts() const { return m_charts; }
    /// The chart titled @p title, or null.
    LiveChart *chart(const QString &title) const;
    /// The heading above the charts ("queue orders", "whole run"...).
    QString heading() const;
    /// Redraws every chart now (the refresh timer does this for those on screen).
    void refreshNow();

private:
    void refreshVisible();
    void rebuildCharts();
    void layoutCharts();
    void updateHeading();
    void resizeEvent(QResizeEvent *event) override;

    RunRecorder m_recorder;
    int m_focusNode = -1;
    int m_focusEdge = -1;
    QString m_chartsKey; // focus and titles of the charts built, to notice when others are needed
    std::vector<LiveChart *> m_charts;
    QLabel *m_heading;
    QLabel *m_note;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QScrollArea *m_scroll;
    QWidget *m_chartHost;
    QGridLayout *m_grid;
    QTimer *m_refreshTimer;
    int m_columns = 0;
};

} // namespace asyncsim::ui
