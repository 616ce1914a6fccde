// Reading the nodes of a topology file, kind by kind, with every problem
// reported at its JSON pointer (the document and its edges are read in
// TopologyJsonRead.cpp).

#include "NodeReader.h"

#include "models/DurationText.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

constexpr double Infinity = std::numeric_limits<double>::infinity();
constexpr std::int64_t MaxWorkers = 1000000;
constexpr std::int64_t MaxKeys = 10000000;

const std::vector<std::string> FailureModeNames{"error", "hang"};
constexpr std::int64_t MaxReplicas = 1000;
const std::vector<std::string> BalancerNames{"round-robin", "random", "least-outstanding", "power-of-two"};
const std::vector<std::string> NodeKindNames{"producer", "queue", "service", "sink", "deadletter", "topic"};
constexpr std::int64_t MaxPartitions = 10000;
const std::vector<std::string> ArrivalNames{"poisson", "constant", "uniform", "bursty"};
const std::vector<std::string> DistributionNames{"constant",  "exponential", "uniform",  "normal",
                                                 "lognormal", "erlang",      "gamma",    "weibull",
                                                 "pareto",    "empirical",   "histogram"};
const std::vector<std::string> OverflowNames{"reject", "drop-oldest", "reject-publish-dlx"};
const std::vector<std::string> FlavourNames{"basic", "sqs", "rabbitmq"};
const std::vector<std::string> FailureActionNames{"requeue", "reject"};
const std::vector<std::string> DeliveryLimitCountNames{"all", "failed"};
// basic.qos takes a prefetch count of 16 bits.
constexpr std::int64_t MaxPrefetch = 65535;
// SQS's own limits (SEMANTICS.md §2.1, §2.2).
constexpr sim::Duration MaxVisibilityTimeout = sim::Duration::seconds(12 * 3600);
constexpr std::int64_t MaxReceiveCount = 1000;

std::optional<sim::Distribution> readDistribution(const Json &value, const std::string &pointer, Problems &problems)
{
    // A bare duration is a constant.
    if (value.is_string() || value.is_number()) {
        const auto d = readDuration(value, pointer, problems, false);
        return d ? std::optional(sim::Distribution::constant(d->toSeconds())) : std::nullopt;
    }
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    const std::size_t before = problems.size();
    const auto dist = r.choice("dist", Need::Required, "distribution", DistributionNames);
    std::optional<sim::Distribution> result;
    auto seconds = [&](std::string_view key, bool positive) {
        const auto d = r.duration(key, Need::Required, positive);
        return d ? d->toSeconds() : 0.0;
    };
    if (!dist) {
        r.allow({"value", "mean", "min", "max", "sd", "cv", "k", "shape", "scale", "values", "bins"});
    } else if (*dist == "constant") {
        result = sim::Distribution::constant(seconds("value", false));
    } else if (*dist == "exponential") {
        result = sim::Distribution::exponential(seconds("mean", true));
    } else if (*dist == "uniform") {
        const double low = seconds("min", false);
        const double high = seconds("max", false);
        if (problems.size() == before && high < low)
            problems.add(r.pointer("max"), "must not be less than min");
        result = sim::Distribution::uniform(low, high);
    } else if (*dist == "normal") {
        const double mean = seconds("mean", true);
        const double sd = seconds("sd", false);
        // Truncation at 0 resamples; a mean many sd below 0 would almost never finish.
        if (problems.size() == before && sd > 0 && mean / sd < -3)
            problems.add(r.pointer("mean"), "must be at least 3 sd above 0: the normal is truncated at 0");
        result = sim::Distribution::normal(mean, sd);
    } else if (*dist == "lognormal") {
        const double mean = seconds("mean", true);
        const auto cv = r.number("cv", Need::Required, 0, 100, true);
        result = sim::Distribution::lognormal(mean, cv.value_or(1));
    } else if (*dist == "erlang") {
        const auto k = r.integer("k", Need::Required, 1, 1000);
        result = sim::Distribution::erlang(static_cast<int>(k.value_or(1)), seconds("mean", true));
    } else if (*dist == "gamma") {
        const auto shape = r.number("shape", Need::Required, 0, 1e6, true);
        result = sim::Distribution::gamma(shape.value_or(1), seconds("mean", true));
    } else if (*dist == "weibull") {
        const auto shape = r.number("shape", Need::Required, 0, 1e6, true);
        result = sim::Distribution::weibull(shape.value_or(1), seconds("scale", true));
    } else if (*dist == "pareto") {
        const auto shape = r.number("shape", Need::Required, 0, 1e6, true);
        result = sim::Distribution::pareto(shape.value_or(1), seconds("scale", true));
    } else if (*dist == "empirical") {
        std::vector<double> values;
        if (const Json *list = r.get("values", Need::Required)) {
            if (!list->is_array() || list->empty())
                problems.add(r.pointer("values"), "must be a non-empty array of durations");
            else
                for (std::size_t i = 0; i < list->size(); ++i)
                    if (const auto d = readDuration((*list)[i], childPointer(r.pointer("values"), i), problems, false))
                        values.push_back(d->toSeconds());
        }
        result = sim::Distribution::empirical(std::move(values));
    } else if (*dist == "histogram") {
        std::vector<sim::HistogramBin> bins;
        if (const Json *list = r.get("bins", Need::Required)) {
            if (!list->is_array() || list->empty()) {
                problems.add(r.pointer("bins"), "must be a non-empty array of {\"from\", \"to\", \"weight\"}");
            } else {
                double total = 0;
                for (std::size_t i = 0; i < list->size(); ++i) {
                    ObjectReader b((*list)[i], childPointer(r.pointer("bins"), i), problems);
                    const auto from = b.duration("from", Need::Required, false);
                    const auto to = b.duration("to", Need::Required, false);
                    const auto weight = b.number("weight", Need::Required, 0, Infinity);
                    b.finish();
                    if (from && to && *to < *from)
                        problems.add(b.pointer("to"), "must not be less than from");
                    if (from && to && weight) {
                        bins.push_back({from->toSeconds(), to->toSeconds(), *weight});
                        total += *weight;
                    }
                }
                if (bins.size() == list->size() && total <= 0)
                    problems.add(r.pointer("bins"), "the weights must not all be 0");
            }
        }
        result = sim::Distribution::histogram(std::move(bins));
    }
    r.finish();
    return problems.size() == before ? result : std::nullopt;
}

std::optional<sim::Distribution> readDistributionAt(ObjectReader &parent, std::string_view key, Need need)
{
    const Json *v = parent.get(key, need);
    if (!v)
        return std::nullopt;
    return readDistribution(*v, parent.pointer(key), parent.problems());
}

ArrivalSpec readArrivals(const Json &value, const std::string &pointer, Problems &problems)
{
    ArrivalSpec a;
    ObjectReader r(value, pointer, problems);
    const auto dist = r.choice("dist", Need::Required, "arrival process", ArrivalNames);
    if (const auto rate = r.number("rate", Need::Required, 0, 1e9, true))
        a.rate = *rate;
    if (dist == "poisson")
        a.process = ArrivalProcess::Poisson;
    else if (dist == "constant")
        a.process = ArrivalProcess::Constant;
    else if (dist == "uniform") {
        a.process = ArrivalProcess::Uniform;
        a.spread = r.number("spread", Need::Optional, 0, 1).value_or(1.0);
    } else if (dist == "bursty") {
        a.process = ArrivalProcess::Bursty;
        if (auto on = readDistributionAt(r, "on", Need::Required)) {
            a.on = *on;
            if (a.on.mean() <= 0)
                problems.add(r.pointer("on"), "must have a mean > 0: a producer that is never on sends nothing");
        }
        if (auto off = readDistributionAt(r, "off", Need::Required))
            a.off = *off;
    } else {
        r.allow({"spread", "on", "off"});
    }
    r.finish();
    return a;
}

std::vector<RatePoint> readProfile(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<RatePoint> points;
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of {\"at\", \"factor\"} points");
        return points;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        ObjectReader r(value[i], childPointer(pointer, i), problems);
        const auto at = r.duration("at", Need::Required, false);
        const auto factor = r.number("factor", Need::Required, 0, 1e6);
        const auto ramp = r.boolean("ramp");
        r.finish();
        if (!at || !factor)
            continue;
        if (!points.empty() && *at <= points.back().at)
            problems.add(r.pointer("at"),
                         "must be later than the previous point (" + formatDuration(points.back().at) + ")");
        points.push_back({*at, *factor, ramp.value_or(false)});
    }
    return points;
}

KeySpec readKeys(const Json &value, const std::string &pointer, Problems &problems)
{
    KeySpec k;
    ObjectReader r(value, pointer, problems);
    if (const auto count = r.integer("count", Need::Required, 1, MaxKeys))
        k.count = static_cast<std::uint32_t>(*count);
    if (const Json *skew = r.get("skew")) {
        const std::string at = r.pointer("skew");
        if (skew->is_string() && skew->get<std::string>() == "uniform") {
            k.zipf = 0;
        } else if (skew->is_object()) {
            ObjectReader s(*skew, at, problems);
            k.zipf = s.number("zipf", Need::Required, 0, 100, true).value_or(0);
            s.finish();
        } else {
            problems.add(at, "must be \"uniform\" or {\"zipf\": s} with s > 0");
        }
    }
    r.finish();
    return k;
}

std::vector<VersionShare> readVersions(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<VersionShare> versions;
    if (!value.is_object() || value.empty()) {
        problems.add(pointer, "must be an object of shares such as {\"v1\": 0.9, \"v2\": 0.1}");
        return versions;
    }
    double total = 0;
    bool allRead = true;
    for (const auto &[name, share] : value.items()) {
        const std::string at = childPointer(pointer, name);
        // "v" and a number from 1 to 65535 without leading zeros, so that no
        // two names ("v1", "v01") mean the same version.
        int number = 0;
        const bool named = name.size() >= 2 && name.size() <= 6 && name[0] == 'v' && name[1] != '0'
                        && name.find_first_not_of("0123456789", 1) == std::string::npos
                        && (number = std::stoi(name.substr(1))) <= 65535;
        if (!named) {
            problems.add(at, "unknown version \"" + name + "\"; versions are named v1, v2, ... up to v65535");
            allRead = false;
            continue;
        }
        if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1) {
            problems.add(at, "must be a number from 0 to 1");
            allRead = false;
            continue;
        }
        versions.push_back({number, share.get<double>()});
        total += share.get<double>();
    }
    if (allRead && std::abs(total - 1) > 1e-6)
        problems.add(pointer, "the shares must add up to 1; they add up to " + formatNumber(total));
    // JSON objects are unordered (and nlohmann sorts names as text, "v10" before
    // "v2"): keep versions in numeric order so a file reads the same every time.
    std::sort(versions.begin(), versions.end(),
              [](const VersionShare &a, const VersionShare &b) { return a.version < b.version; });
    return versions;
}

ProducerSpec readProducer(ObjectReader &r)
{
    ProducerSpec p;
    if (const Json *a = r.get("arrivals", Need::Required))
        p.arrivals = readArrivals(*a, r.pointer("arrivals"), r.problems());
    if (const Json *profile = r.get("profile"))
        p.profile = readProfile(*profile, r.pointer("profile"), r.problems());
    if (const Json *keys = r.get("keys"))
        p.keys = readKeys(*keys, r.pointer("keys"), r.problems());
    if (const Json *versions = r.get("versions"))
        p.versions = readVersions(*versions, r.pointer("versions"), r.problems());
    if (const auto limit = r.integer("limit", Need::Optional, 1))
        p.limit = static_cast<std::uint64_t>(*limit);
    return p;
}

// Prefetch, FIFO, deduplication and the delivery-limit rule. @p present is
// readQueue's check that a key is there and applies to the flavour.
template <typename Present> void readQueueOptions(ObjectReader &r, QueueSpec &q, const Present &present)
{
    constexpr std::string_view SqsOnly = "\"flavour\": \"sqs\"";
    constexpr std::string_view RabbitOnly = "\"flavour\": \"rabbitmq\"";
    const bool sqs = q.flavour == QueueFlavour::Sqs;
    const bool rabbit = q.flavour == QueueFlavour::RabbitMq;
    if (present("prefetch", rabbit, RabbitOnly))
        if (const auto prefetch = r.integer("prefetch", Need::Optional, 0, MaxPrefetch))
            q.prefetch = static_cast<std::uint32_t>(*prefetch);
    if (present("deliveryLimitCounts", rabbit, RabbitOnly))
        if (const auto counts
            = r.choice("deliveryLimitCounts", Need::Optional, "delivery-limit rule", DeliveryLimitCountNames))
            q.deliveryLimitCounts = *counts == "failed" ? DeliveryLimitCounting::Failed : DeliveryLimitCounting::All;
    if (present("fifo", sqs, SqsOnly))
        if (const auto fifo = r.boolean("fifo"))
            q.fifo = *fifo;
    // Deduplication is a generic option: any flavour may have it.
    if (const Json *deduplication = r.get("deduplication")) {
        ObjectReader d(*deduplication, r.pointer("deduplication"), r.problems());
        QueueDeduplication spec;
        if (const auto interval = d.duration("interval", Need::Optional, true))
            spec.interval = *interval;
        if (const auto extend = d.boolean("extendOnDuplicate"))
            spec.extendOnDuplicate = *extend;
        d.finish();
        q.deduplication = spec;
    }
}

QueueSpec readQueue(ObjectReader &r)
{
    QueueSpec q;
    if (const auto capacity = r.integer("capacity", Need::Optional, 0))
        q.capacity = static_cast<std::uint64_t>(*capacity);
    if (const auto overflow = r.choice("overflow", Need::Optional, "overflow policy", OverflowNames)) {
        q.overflow = *overflow == "drop-oldest"        ? OverflowPolicy::DropOldest
                   : *overflow == "reject-publish-dlx" ? OverflowPolicy::RejectNewDeadLetter
                                                       : OverflowPolicy::RejectNew;
        if (!q.capacity)
            r.problems().add(r.pointer("overflow"), "only applies with a capacity; an unbounded queue never overflows");
    }

    const bool flavourGiven = r.get("flavour") != nullptr;
    const auto flavour = r.choice("flavour", Need::Optional, "queue flavour", FlavourNames);
    if (flavour == "sqs")
        q.flavour = QueueFlavour::Sqs;
    else if (flavour == "rabbitmq")
        q.flavour = QueueFlavour::RabbitMq;
    else if (flavourGiven && !flavour)
        q.flavour = QueueFlavour::Invalid;
    // With an unknown flavour the keys of every flavour are read for their
    // values alone: which of them apply cannot be told.
    const bool known = q.flavour != QueueFlavour::Invalid;
    const bool sqs = q.flavour == QueueFlavour::Sqs;
    const bool rabbit = q.flavour == QueueFlavour::RabbitMq;
    // Whether @p key is there and applies; a key of another flavour is
    // reported as such, without a second problem about its value.
    auto present = [&](std::string_view key, bool applies, std::string_view where) {
        if (!r.get(key))
            return false;
        if (known && !applies) {
            r.problems().add(r.pointer(key), "only applies to " + std::string(where));
            return false;
        }
        return true;
    };
    constexpr std::string_view SqsOnly = "\"flavour\": \"sqs\"";
    constexpr std::string_view RabbitOnly = "\"flavour\": \"rabbitmq\"";

    if (present("visibilityTimeout", sqs, SqsOnly)) {
        if (const auto timeout = r.duration("visibilityTimeout", Need::Optional, true)) {
            if (*timeout > MaxVisibilityTimeout)
                r.problems().add(r.pointer("visibilityTimeout"),
                                 "must be at most 12h, the longest visibility timeout SQS allows");
            else
                q.visibilityTimeout = *timeout;
        }
    }
    const bool hasReceiveCount = present("maxReceiveCount", sqs, SqsOnly);
    if (hasReceiveCount)
        if (const auto count = r.integer("maxReceiveCount", Need::Optional, 1, MaxReceiveCount))
            q.maxReceiveCount = static_cast<int>(*count);
    if (present("deliveryLimit", rabbit, RabbitOnly)) {
        // RabbitMQ's own convention: -1 turns the limit off.
        if (const auto limit = r.integer("deliveryLimit", Need::Optional, -1, std::numeric_limits<int>::max(),
                                         "must be -1 (no limit) or an integer from 0 to "
                                             + std::to_string(std::numeric_limits<int>::max())))
            q.deliveryLimit = *limit < 0 ? std::nullopt : std::optional(static_cast<int>(*limit));
    }
    if (present("onFailure", rabbit, RabbitOnly)) {
        if (const auto action = r.choice("onFailure", Need::Optional, "failure action", FailureActionNames))
            q.onFailure = *action == "reject" ? FailureAction::Reject : FailureAction::Requeue;
    }
    bool hasDeadLetter = false;
    if (r.get("deadLetter")) {
        if (known && !sqs && !rabbit) {
            r.problems().add(r.pointer("deadLetter"), "only applies to \"flavour\": \"sqs\" or \"rabbitmq\"; a "
                                                      "basic queue never dead-letters");
        } else if (const auto target = r.string("deadLetter")) {
            hasDeadLetter = true;
            if (target->empty())
                r.problems().add(r.pointer("deadLetter"), "must not be empty");
            q.deadLetter = *target; // checked against the nodes once all are read
        } else {
            hasDeadLetter = true; // not a string: reported already
        }
    }
    if (present("messageTtl", rabbit, RabbitOnly))
        q.messageTtl = r.duration("messageTtl", Need::Optional, false);
    if (present("retention", sqs, SqsOnly)) {
        if (const auto retention = r.duration("retention", Need::Optional, true)) {
            if (*retention < sim::Duration::seconds(60) || *retention > sim::Duration::seconds(14 * 86400))
                r.problems().add(r.pointer("retention"), "must be from 1m to 14d, the retention periods SQS allows");
            else
                q.retention = *retention;
        }
    }
    if (present("deliveryDelay", sqs, SqsOnly)) {
        if (const auto delay = r.duration("deliveryDelay", Need::Optional, false)) {
            if (*delay > sim::Duration::seconds(900))
                r.problems().add(r.pointer("deliveryDelay"), "must be at most 15m, the longest delay SQS allows");
            else
                q.deliveryDelay = *delay;
        }
    }
    readQueueOptions(r, q, present);
    if (q.overflow == OverflowPolicy::RejectNewDeadLetter && known && !rabbit)
        r.problems().add(r.pointer("overflow"), "\"reject-publish-dlx\" only applies to " + std::string(RabbitOnly));
    else if (q.overflow == OverflowPolicy::RejectNewDeadLetter && rabbit && !hasDeadLetter)
        r.problems().add(r.pointer("overflow"), "\"reject-publish-dlx\" needs a \"deadLetter\" target to send "
                                                "refused messages to");
    // An SQS redrive policy always has both: a count without a target has
    // nowhere to move messages, a target without a count never receives any.
    if (sqs && hasReceiveCount && !hasDeadLetter)
        r.problems().add(r.pointer("maxReceiveCount"), "needs \"deadLetter\": SQS moves a message to a dead-letter "
                                                       "queue after maxReceiveCount receives");
    if (sqs && hasDeadLetter && !hasReceiveCount)
        r.problems().add(r.pointer("deadLetter"), "needs \"maxReceiveCount\": SQS moves a message to the dead-letter "
                                                  "queue only after that many receives");
    return q;
}

DeadLetterSpec readDeadLetter(ObjectReader &r)
{
    DeadLetterSpec d;
    if (const Json *redrive = r.get("redrive")) {
        ObjectReader at(*redrive, r.pointer("redrive"), r.problems());
        d.redriveAt = at.duration("at", Need::Required, false);
        at.finish();
    }
    return d;
}

// A version name: "v" and a number from 1 to 65535 without leading zeros.
std::optional<int> versionNumber(const Json &value)
{
    if (!value.is_string())
        return std::nullopt;
    const std::string name = value.get<std::string>();
    if (name.size() < 2 || name.size() > 6 || name[0] != 'v' || name[1] == '0'
        || name.find_first_not_of("0123456789", 1) != std::string::npos)
        return std::nullopt;
    const int number = std::stoi(name.substr(1));
    return number <= 65535 ? std::optional(number) : std::nullopt;
}

std::vector<int> readAccepts(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<int> accepts;
    if (!value.is_array() || value.empty()) {
        problems.add(pointer, "must be a non-empty array of versions such as [\"v1\", \"v2\"]; leave it out to "
                              "accept every version");
        return accepts;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto v = versionNumber(value[i]);
        if (!v)
            problems.add(childPointer(pointer, i), "must be a version named v1, v2, ... up to v65535");
        else if (std::find(accepts.begin(), accepts.end(), *v) != accepts.end())
            problems.add(childPointer(pointer, i), "names v" + std::to_string(*v) + " twice");
        else
            accepts.push_back(*v);
    }
    std::sort(accepts.begin(), accepts.end());
    return accepts;
}

std::vector<UpcasterSpec> readUpcasters(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<UpcasterSpec> upcasters;
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of steps such as [{\"from\": \"v1\", \"cost\": 0.002}]");
        return upcasters;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        ObjectReader u(value[i], childPointer(pointer, i), problems);
        if (!u.isValid())
            continue;
        UpcasterSpec step;
        const Json *from = u.get("from", Need::Required);
        const auto v = from ? versionNumber(*from) : std::nullopt;
        if (from && (!v || *v >= 65535))
            problems.add(u.pointer("from"), "must be a version named v1, v2, ... up to v65534 (the step reads it and "
                                            "writes the next)");
        const auto cost = readDistributionAt(u, "cost", Need::Required);
        u.finish();
        if (!v || *v >= 65535 || !cost)
            continue;
        step.from = *v;
        step.cost = *cost;
        if (std::any_of(upcasters.begin(), upcasters.end(), [&](const UpcasterSpec &o) { return o.from == *v; })) {
            problems.add(u.pointer("from"), "a step from v" + std::to_string(*v) + " is there already");
            continue;
        }
        upcasters.push_back(step);
    }
    std::sort(upcasters.begin(), upcasters.end(),
              [](const UpcasterSpec &a, const UpcasterSpec &b) { return a.from < b.from; });
    return upcasters;
}

ServiceSpec readService(ObjectReader &r)
{
    ServiceSpec s;
    if (const auto workers = r.integer("workers", Need::Required, 1, MaxWorkers))
        s.workers = static_cast<int>(*workers);
    if (auto d = readDistributionAt(r, "serviceTime", Need::Required))
        s.serviceTime = *d;
    if (const Json *failure = r.get("failure")) {
        ObjectReader f(*failure, r.pointer("failure"), r.problems());
        s.failureProbability = f.number("probability", Need::Required, 0, 1).value_or(0);
        f.finish();
    }
    if (const auto capacity = r.integer("capacity", Need::Optional, 0))
        s.capacity = static_cast<std::uint64_t>(*capacity);
    if (const Json *idempotency = r.get("idempotency")) {
        ObjectReader i(*idempotency, r.pointer("idempotency"), r.problems());
        IdempotencySpec spec;
        if (const auto ttl = i.duration("ttl", Need::Optional, true))
            spec.ttl = *ttl;
        if (const auto capacity = i.integer("capacity", Need::Optional, 1))
            spec.capacity = static_cast<std::uint64_t>(*capacity);
        i.finish();
        s.idempotency = spec;
    }
    if (const Json *accepts = r.get("accepts"))
        s.accepts = readAccepts(*accepts, r.pointer("accepts"), r.problems());
    if (const Json *upcasters = r.get("upcasters"))
        s.upcasters = readUpcasters(*upcasters, r.pointer("upcasters"), r.problems());
    if (const auto mode = r.choice("failureMode", Need::Optional, "failure mode", FailureModeNames))
        s.failureMode = *mode == "hang" ? FailureMode::Hang : FailureMode::Error;
    if (const auto replicas = r.integer("replicas", Need::Optional, 1, MaxReplicas))
        s.replicas = static_cast<int>(*replicas);
    if (const auto balancer = r.choice("balancer", Need::Optional, "load-balancing strategy", BalancerNames))
        s.balancer = static_cast<BalancerStrategy>(std::find(BalancerNames.begin(), BalancerNames.end(), *balancer)
                                                   - BalancerNames.begin());
    return s;
}

TopicSpec readTopic(ObjectReader &r)
{
    TopicSpec t;
    if (const auto partitions = r.integer("partitions", Need::Optional, 1, MaxPartitions))
        t.partitions = static_cast<int>(*partitions);
    if (const auto retention = r.duration("retention", Need::Optional, true))
        t.retention = *retention;
    if (const Json *commit = r.get("commit"))
        if (const auto setting = readCommit(*commit, r.pointer("commit"), r.problems())) {
            t.commit = setting->mode;
            if (setting->autoCommitInterval)
                t.autoCommitInterval = *setting->autoCommitInterval;
        }
    if (const auto pause = r.duration("rebalancePause", Need::Optional, false))
        t.rebalancePause = *pause;
    return t;
}

} // namespace

std::optional<CommitSetting> readCommit(const Json &value, const std::string &pointer, Problems &problems,
                                        bool allowAuto)
{
    if (value.is_string() && value.get<std::string>() == "per-record")
        return CommitSetting{CommitMode::PerRecord, std::nullopt};
    if (allowAuto && value.is_string() && value.get<std::string>() == "auto")
        return CommitSetting{CommitMode::Auto, std::nullopt};
    if (!value.is_object()) {
        problems.add(pointer, allowAuto ? "must be \"per-record\", \"auto\" (the topic's interval) or "
                                          "{\"autoCommitInterval\": duration}"
                                        : "must be \"per-record\" or {\"autoCommitInterval\": duration}");
        return std::nullopt;
    }
    ObjectReader c(value, pointer, problems);
    const std::size_t before = problems.size();
    CommitSetting setting;
    setting.autoCommitInterval = c.duration("autoCommitInterval", Need::Required, true);
    c.finish();
    return problems.size() == before ? std::optional(setting) : std::nullopt;
}

// The node, when its id and kind could be read (its parameters may still have
// problems, reported to @p problems): enough to check the edges against it.
std::optional<NodeSpec> readNode(const Json &value, const std::string &pointer, Problems &problems)
{
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    NodeSpec node;
    const auto id = r.string("id", Need::Required);
    if (id && id->empty())
        problems.add(r.pointer("id"), "must not be empty");
    node.id = id.value_or("");
    if (const Json *pos = r.get("position")) {
        if (pos->is_array() && pos->size() == 2 && (*pos)[0].is_number() && (*pos)[1].is_number())
            node.position = {(*pos)[0].get<double>(), (*pos)[1].get<double>()};
        else
            problems.add(r.pointer("position"), "must be [x, y], two numbers");
    }
    r.allow({"description"});
    const auto kind = r.choice("kind", Need::Required, "node kind", NodeKindNames);
    if (kind == "producer")
        node.params = readProducer(r);
    else if (kind == "queue")
        node.params = readQueue(r);
    else if (kind == "service")
        node.params = readService(r);
    else if (kind == "sink")
        node.params = SinkSpec{};
    else if (kind == "deadletter")
        node.params = readDeadLetter(r);
    else if (kind == "topic")
        node.params = readTopic(r);
    if (!kind)
        return std::nullopt; // without a kind, unknown keys cannot be told from the kind's own
    r.finish();
    if (node.id.empty())
        return std::nullopt;
    return node;
}

} // namespace asyncsim::models::internal
