#pragma once

#include "models/Topology.h"

#include <QString>

namespace asyncsim::ui {

/// The pill on a call edge: "call · 500ms".
QString callLabelText(const models::EdgeSpec &edge);
/// A retry policy in a few words: "retry ×3, 200ms ×2, max 5s, jitter 0.5".
QString retrySummary(const models::RetryConfig &retry);
/// A circuit breaker in a few words: "breaker: 50% of 20 calls, open 10s".
QString breakerSummary(const models::CircuitBreakerConfig &breaker);
/// A fallback in a few words: "fallback: route to audit"; empty for Fail (the default).
QString fallbackSummary(const models::FallbackSpec &fallback);
/// Everything above that the edge has, joined with "; " (its tooltip); empty
/// for an edge without policies.
QString callPolicySummary(const models::EdgeSpec &edge);

} // namespace asyncsim::ui
