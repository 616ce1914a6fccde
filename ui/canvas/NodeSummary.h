#pragma once

#include "models/Topology.h"

#include <QString>

/// The one-line parameter summaries the canvas shows under a node's name.
namespace asyncsim::ui::canvas {

/// Key parameters of @p node in a few words: "Poisson · 10/s",
/// "SQS · cap 100", "4 workers · 10 ms", "accepts all", "redrive at 5m".
QString nodeSummary(const models::NodeSpec &node);

/// A count or rate in at most four characters of digits: "12.5", "1500", "25k", "3M".
QString compactNumber(double value);

/// Seconds in the unit that reads best, three significant digits: "250 µs",
/// "10 ms", "1.5 s", "2 min", "1.5 h"; "∞" when not finite.
QString formatSeconds(double seconds);

} // namespace asyncsim::ui::canvas
