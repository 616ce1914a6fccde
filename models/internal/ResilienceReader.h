#pragma once

// Internal to models/: reading the resilience parts of a topology file (a
// call edge's retry, circuit breaker and fallback; the faults timeline), with
// every problem reported at its JSON pointer.

#include "JsonReader.h"
#include "models/Topology.h"

#include <optional>
#include <string>
#include <vector>

namespace asyncsim::models::internal {

/// The file's names for the edge modes, in EdgeMode order after Invalid.
extern const std::vector<std::string> EdgeModeNames;

/// Reads an edge's "retry" object; problems found by RetryConfig::validate()
/// are placed under @p pointer with the file's key names.
std::optional<RetryConfig> readRetry(const Json &value, const std::string &pointer, Problems &problems);
/// Reads an edge's "circuitBreaker" object (defaults are Resilience4j's);
/// CircuitBreakerConfig::validate() problems are placed under @p pointer.
std::optional<CircuitBreakerConfig> readCircuitBreaker(const Json &value, const std::string &pointer,
                                                       Problems &problems);
/// Reads an edge's "fallback" object.
std::optional<FallbackSpec> readFallback(const Json &value, const std::string &pointer, Problems &problems);
/// Reads the top-level "faults" array into @p faults. Whether the targets
/// exist and fit is checkTopology's business.
void readFaults(const Json &value, const std::string &pointer, std::vector<FaultSpec> &faults, Problems &problems);

} // namespace asyncsim::models::internal
