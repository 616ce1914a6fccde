#pragma once

#include <QChartView>
#include <QList>

#include "ChartSpec.h" // after the Qt headers: moc cannot parse <compare>

#include <cstdint>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QAreaSeries)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QValueAxis)
QT_FORWARD_DECLARE_CLASS(QXYSeries)

namespace asyncsim::ui {

class RunRecorder;

/// One live chart: the lines of a ChartSpec drawn from a RunRecorder, with a
/// time axis that grows with the run (seconds, then minutes, then hours) and
/// a value axis that fits what is shown. refresh() hands each line its points
/// in one QXYSeries::replace(), never point by point.
class LiveChart : public QChartView
{
    Q_OBJECT

public:
    explicit LiveChart(ChartSpec spec, QWidget *parent = nullptr);

    const ChartSpec &spec() const { return m_spec; }
    /// Redraws from @p recorder (whatever its revision).
    void refresh(const RunRecorder &recorder);
    /// The recorder revision last drawn (0: never).
    std::uint64_t drawnRevision() const { return m_drawnRevision; }
    int refreshCount() const { return m_refreshCount; }

    /// The drawn line named @p name (as in the legend), or null. For a band:
    /// its upper edge (the lower one is flat).
    QXYSeries *line(const QString &name) const;
    /// The names of the lines that have points, in legend order.
    QStringList shownLines() const;
    /// The time axis' unit: "s", "min" or "h".
    QString timeUnit() const { return m_timeUnit; }
    QValueAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    /// Whether the empty-state text is up (no line has a point).
    bool isShowingEmptyText() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Drawn
    {
        QXYSeries *series = nullptr; // owned by the chart (a band's: by its area)
        QAreaSeries *area = nullptr; // bands only, owned by the chart
        QXYSeries *lower = nullptr;  // bands only, owned by the area
        int line = -1;               // index into m_spec.lines; for top-N charts, set per refresh
    };

    void showValue(QXYSeries *series, const QPointF &point, bool over);
    void applyPalette();
    void colourLines(const QPalette &palette);
    void placeEmptyText();
    QList<QPointF> pointsOf(const LineSpec &line, const RunRecorder &recorder, double divisor, double nowX) const;

    ChartSpec m_spec;
    std::vector<Drawn> m_drawn;
    QValueAxis *m_timeAxis;
    QValueAxis *m_valueAxis; // a QCategoryAxis for breaker states
    QLabel *m_emptyText;
    QString m_timeUnit = QStringLiteral("s");
    std::uint64_t m_drawnRevision = 0;
    int m_refreshCount = 0;
};

} // namespace asyncsim::ui
