#pragma once

#include "SeriesKey.h"

#include <QString>

#include <vector>

namespace asyncsim::ui {

/// The colours of chart lines: roles, so that each chart means the same by
/// the same colour (ChartStyle turns them into colours for the palette).
enum class LineColour {
    In,       ///< arrivals, offered, produced
    Out,      ///< departures, accepted, completed
    Level,    ///< a queue length, a lag
    Bound,    ///< a capacity: in the text colour (and dashed)
    Text,     ///< a thin solid line in the text colour (a state line over coloured bands)
    Loss,     ///< drops, rejections, failures
    Dead,     ///< dead letters
    Warning,  ///< expired, p95, half-open
    Extra,    ///< busy workers, p99, unacked
    Category, ///< the n-th of many alike (partitions, reasons, busiest queues): see LineSpec::category
};

/// One line of a chart.
struct LineSpec
{
    enum class Style {
        Line,    ///< straight segments between the points
        Step,    ///< holds each value until the next point (states)
        Markers, ///< points only (events such as transitions)
        Band,    ///< a filled band around y = bandLevel while the value is bandLevel (a state's timeline)
    };

    QString name;
    SeriesKey key;
    LineColour colour = LineColour::Level;
    Style style = Style::Line;
    double scale = 1;    ///< y is multiplied by this (seconds → ms)
    bool dashed = false; ///< drawn dashed: a bound rather than a measurement
    int category = 0;    ///< LineColour::Category: which of the categorical colours
    int bandLevel = 0;   ///< Style::Band: the value whose times are filled
    /// Left out of the chart and its legend while all its points are 0 (rare
    /// losses: a legend of idle lines hides the ones that matter).
    bool hideWhileZero = false;
};

/// What one chart shows: its lines and how its y axis reads.
struct ChartSpec
{
    enum class YAxis {
        Values,        ///< a value axis from 0
        BreakerStates, ///< closed / half-open / open
    };

    QString title;
    QString yTitle; ///< the unit, e.g. "messages/s"
    YAxis yAxis = YAxis::Values;
    std::vector<LineSpec> lines;
    /// When > 0: the lines are candidates, and only the @c topN with the
    /// largest latest value are drawn (the busiest queues).
    int topN = 0;
    /// Said in the chart while none of its lines has a point.
    QString emptyText;
};

} // namespace asyncsim::ui
