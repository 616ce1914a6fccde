// Reading call-edge policies and the faults timeline. Value ranges are left to
// RetryConfig::validate() and CircuitBreakerConfig::validate(), so the file,
// the editor and the policies agree on one rule each; this file only maps
// their member names back to the keys a user wrote.

#include "ResilienceReader.h"

#include <map>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

const std::vector<std::string> EdgeModeNames{"publish", "consume", "call"};

namespace {

const std::vector<std::string> BackoffNames{"fixed", "exponential"};
const std::vector<std::string> WindowTypeNames{"count", "time"};
const std::vector<std::string> AfterTimeoutNames{"open", "closed"};
const std::vector<std::string> FallbackNames{"fail", "drop", "route"};
const std::vector<std::string> FaultKindNames{"outage", "latency", "errors", "traffic",
                                              "scale",  "poison",  "crash",  "partition"};
const std::vector<std::string> OutageModeNames{"error", "hang"};

// Integers the policies validate themselves: only the type is checked here.
std::optional<int> anyInteger(ObjectReader &r, std::string_view key, std::string_view rule)
{
    const auto v = r.integer(key, Need::Optional, INT32_MIN, INT32_MAX, rule);
    return v ? std::optional(static_cast<int>(*v)) : std::nullopt;
}

std::optional<double> anyNumber(ObjectReader &r, std::string_view key)
{
    const Json *v = r.get(key);
    if (!v)
        return std::nullopt;
    if (!v->is_number()) {
        r.problems().add(r.pointer(key), "must be a number, not " + typeName(*v));
        return std::nullopt;
    }
    return v->get<double>();
}

// Places a policy's validation problems (named by member) at the file's keys.
void placeProblems(const std::vector<Problem> &found, const std::string &pointer,
                   const std::map<std::string, std::string> &keyOf, Problems &problems)
{
    for (const Problem &p : found) {
        const auto it = keyOf.find(p.pointer);
        std::string place = pointer;
        // A mapped key may be nested ("window/size"): one step per part.
        std::string_view rest = it == keyOf.end() ? std::string_view(p.pointer) : std::string_view(it->second);
        for (std::size_t slash = rest.find('/'); slash != std::string_view::npos; slash = rest.find('/')) {
            place = childPointer(place, rest.substr(0, slash));
            rest.remove_prefix(slash + 1);
        }
        problems.add(childPointer(place, rest), p.message);
    }
}

} // namespace

std::optional<RetryConfig> readRetry(const Json &value, const std::string &pointer, Problems &problems)
{
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    const std::size_t before = problems.size();
    RetryConfig c;
    if (const auto n = anyInteger(r, "maxAttempts", "must be an integer ≥ 1"))
        c.maxAttempts = *n;
    if (const auto w = r.duration("wait", Need::Optional, false))
        c.interval = *w;
    const auto backoff = r.choice("backoff", Need::Optional, "backoff", BackoffNames);
    if (const auto m = anyNumber(r, "multiplier"))
        c.multiplier = *m;
    if (const auto m = r.duration("maxWait", Need::Optional, false))
        c.maxInterval = *m;
    if (const auto j = anyNumber(r, "jitter"))
        c.randomizationFactor = *j;
    // Unstated, the backoff follows from the keys: a multiplier or a cap means exponential.
    if (backoff)
        c.backoff = *backoff == "exponential" ? RetryBackoff::Exponential : RetryBackoff::Fixed;
    else if (r.get("multiplier") || r.get("maxWait"))
        c.backoff = RetryBackoff::Exponential;
    r.finish();
    if (problems.size() != before)
        return std::nullopt;
    static const std::map<std::string, std::string> keyOf{{"maxAttempts", "maxAttempts"},
                                                          {"interval", "wait"},
                                                          {"multiplier", "multiplier"},
                                                          {"maxInterval", "maxWait"},
                                                          {"randomizationFactor", "jitter"}};
    placeProblems(c.validate(), pointer, keyOf, problems);
    return problems.size() == before ? std::optional(c) : std::nullopt;
}

std::optional<CircuitBreakerConfig> readCircuitBreaker(const Json &value, const std::string &pointer,
                                                       Problems &problems)
{
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    const std::size_t before = problems.size();
    CircuitBreakerConfig c;
    if (const Json *window = r.get("window")) {
        ObjectReader w(*window, r.pointer("window"), problems);
        if (w.isValid()) {
            if (const auto type = w.choice("type", Need::Optional, "window type", WindowTypeNames))
                c.slidingWindowType = *type == "time" ? SlidingWindowType::TimeBased : SlidingWindowType::CountBased;
            if (const auto size = anyInteger(w, "size", "must be an integer ≥ 1"))
                c.slidingWindowSize = *size;
            w.finish();
        }
    }
    if (const auto n = anyInteger(r, "minimumCalls", "must be an integer ≥ 1"))
        c.minimumNumberOfCalls = *n;
    if (const auto v = anyNumber(r, "failureRateThreshold"))
        c.failureRateThreshold = *v;
    if (const auto v = anyNumber(r, "slowCallRateThreshold"))
        c.slowCallRateThreshold = *v;
    if (const auto d = r.duration("slowCallDuration", Need::Optional, false))
        c.slowCallDurationThreshold = *d;
    if (const auto d = r.duration("waitInOpen", Need::Optional, false))
        c.waitDurationInOpenState = *d;
    if (const auto v = anyNumber(r, "waitMultiplier"))
        c.waitDurationMultiplier = *v;
    if (const auto d = r.duration("maxWaitInOpen", Need::Optional, false))
        c.maxWaitDurationInOpenState = *d;
    if (const auto n = anyInteger(r, "permittedInHalfOpen", "must be an integer ≥ 1"))
        c.permittedNumberOfCallsInHalfOpenState = *n;
    if (const auto b = r.boolean("automaticTransition"))
        c.automaticTransitionFromOpenToHalfOpenEnabled = *b;
    if (const auto d = r.duration("maxWaitInHalfOpen", Need::Optional, false))
        c.maxWaitDurationInHalfOpenState = *d;
    if (const auto s = r.choice("afterHalfOpenTimeout", Need::Optional, "state", AfterTimeoutNames))
        c.transitionToStateAfterWaitDuration = *s == "closed" ? CircuitBreakerState::Closed : CircuitBreakerState::Open;
    r.finish();
    if (problems.size() != before)
        return std::nullopt;
    static const std::map<std::string, std::string> keyOf{
        {"slidingWindowSize", "window/size"},
        {"minimumNumberOfCalls", "minimumCalls"},
        {"failureRateThreshold", "failureRateThreshold"},
        {"slowCallRateThreshold", "slowCallRateThreshold"},
        {"slowCallDurationThreshold", "slowCallDuration"},
        {"permittedNumberOfCallsInHalfOpenState", "permittedInHalfOpen"},
        {"waitDurationInOpenState", "waitInOpen"},
        {"waitDurationMultiplier", "waitMultiplier"},
        {"maxWaitDurationInOpenState", "maxWaitInOpen"},
        {"maxWaitDurationInHalfOpenState", "maxWaitInHalfOpen"},
        {"transitionToStateAfterWaitDuration", "afterHalfOpenTimeout"}};
    placeProblems(c.validate(), pointer, keyOf, problems);
    return problems.size() == before ? std::optional(c) : std::nullopt;
}

std::optional<FallbackSpec> readFallback(const Json &value, const std::string &pointer, Problems &problems)
{
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    const std::size_t before = problems.size();
    FallbackSpec f;
    const auto action = r.choice("action", Need::Required, "fallback action", FallbackNames);
    if (action && *action == "route") {
        f.action = FallbackAction::Route;
        f.to = r.string("to", Need::Required).value_or("");
    } else if (action) {
        f.action = *action == "drop" ? FallbackAction::Drop : FallbackAction::Fail;
        if (r.get("to"))
            problems.add(r.pointer("to"), "only the \"route\" action takes a target");
    } else {
        r.allow({"to"});
    }
    r.finish();
    return problems.size() == before ? std::optional(f) : std::nullopt;
}

void readFaults(const Json &value, const std::string &pointer, std::vector<FaultSpec> &faults, Problems &problems)
{
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of faults");
        return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        ObjectReader r(value[i], childPointer(pointer, i), problems);
        if (!r.isValid())
            continue;
        const std::size_t before = problems.size();
        FaultSpec f;
        if (const auto at = r.duration("at", Need::Required, false))
            f.at = *at;
        f.duration = r.duration("for", Need::Optional, true);
        f.target = r.string("target", Need::Required).value_or("");
        f.enabled = r.boolean("enabled").value_or(true);
        const auto kind = r.choice("kind", Need::Required, "fault kind", FaultKindNames);
        if (!kind) {
            r.allow({"mode", "factor", "probability", "workers", "share", "count", "instances", "peer"});
        } else if (*kind == "outage") {
            f.kind = FaultKind::Outage;
            if (const auto mode = r.choice("mode", Need::Optional, "outage mode", OutageModeNames))
                f.mode = *mode == "hang" ? OutageMode::Hang : OutageMode::Error;
        } else if (*kind == "latency" || *kind == "traffic") {
            f.kind = *kind == "latency" ? FaultKind::Latency : FaultKind::Traffic;
            f.factor = r.number("factor", Need::Required, 0, 1e6, true).value_or(1);
        } else if (*kind == "errors") {
            f.kind = FaultKind::Errors;
            f.probability = r.number("probability", Need::Required, 0, 1).value_or(0);
        } else if (*kind == "poison") {
            // A share of the new messages, or a count of the next ones: exactly one.
            f.kind = FaultKind::Poison;
            const bool hasShare = r.get("share") != nullptr;
            const bool hasCount = r.get("count") != nullptr;
            if (hasShare == hasCount)
                problems.add(r.pointer(), std::string(hasShare ? "takes" : "needs")
                                              + " either \"share\" (of the producer's new messages) or \"count\" "
                                                "(of its next messages)"
                                              + (hasShare ? ", not both" : ""));
            else if (hasShare)
                f.share = r.number("share", Need::Required, 0, 1, true).value_or(0);
            else
                f.count = static_cast<std::uint64_t>(r.integer("count", Need::Required, 1).value_or(1));
            r.allow({"share", "count"});
        } else if (*kind == "crash") {
            f.kind = FaultKind::Crash;
            if (const auto instances = r.integer("instances", Need::Optional, 1, 1000000))
                f.instances = static_cast<int>(*instances);
        } else if (*kind == "partition") {
            f.kind = FaultKind::Partition;
            f.peer = r.string("peer", Need::Required).value_or("");
        } else {
            f.kind = FaultKind::Scale;
            f.workers = static_cast<int>(r.integer("workers", Need::Required, 1, 1000000).value_or(1));
        }
        r.finish();
        if (problems.size() == before)
            faults.push_back(std::move(f));
    }
}

} // namespace asyncsim::models::internal
