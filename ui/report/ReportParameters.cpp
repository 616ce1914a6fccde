#include "ReportParameters.h"

#include "ReportFormat.h"

#include "models/DurationText.h"
#include "models/LoadBalancer.h"

#include <QStringList>

#include <variant>

namespace asyncsim::ui::report {

namespace {

QString duration(sim::Duration d)
{
    return formatSeconds(d.toSeconds());
}

QString number(double v)
{
    return formatNumber(v);
}

QString percent(double fraction)
{
    return formatNumber(fraction * 100) + QStringLiteral("%");
}

QString arrivalName(models::ArrivalProcess p)
{
    switch (p) {
    case models::ArrivalProcess::Poisson:
        return QStringLiteral("Poisson (exponential gaps)");
    case models::ArrivalProcess::Constant:
        return QStringLiteral("constant gaps");
    case models::ArrivalProcess::Uniform:
        return QStringLiteral("uniform gaps");
    case models::ArrivalProcess::Bursty:
        return QStringLiteral("bursty (Poisson while on, silent while off)");
    case models::ArrivalProcess::Invalid:
        break;
    }
    return QStringLiteral("?");
}

std::vector<Parameter> parameters(const models::ProducerSpec &p)
{
    std::vector<Parameter> out;
    out.emplace_back(QStringLiteral("arrivals"), arrivalName(p.arrivals.process));
    out.emplace_back(QStringLiteral("rate"), number(p.arrivals.rate) + QStringLiteral(" msg/s"));
    if (p.arrivals.process == models::ArrivalProcess::Uniform)
        out.emplace_back(QStringLiteral("spread"), percent(p.arrivals.spread));
    if (p.arrivals.process == models::ArrivalProcess::Bursty) {
        out.emplace_back(QStringLiteral("on periods"), describeDistribution(p.arrivals.on));
        out.emplace_back(QStringLiteral("off periods"), describeDistribution(p.arrivals.off));
    }
    if (!p.profile.empty()) {
        QStringList points;
        for (const models::RatePoint &r : p.profile)
            points << (r.ramp ? QStringLiteral("ramp to ×%1 by %2") : QStringLiteral("×%1 from %2"))
                          .arg(number(r.factor), duration(r.at));
        out.emplace_back(QStringLiteral("rate profile"), points.join(QStringLiteral("; ")));
    }
    out.emplace_back(QStringLiteral("keys"),
                     p.keys.count == 0
                         ? QStringLiteral("none")
                         : formatCount(p.keys.count)
                               + (p.keys.zipf > 0 ? QStringLiteral(", Zipf skew s = ") + number(p.keys.zipf)
                                                  : QStringLiteral(", uniform")));
    if (!p.versions.empty()) {
        QStringList shares;
        for (const models::VersionShare &v : p.versions)
            shares << QStringLiteral("v%1 %2").arg(v.version).arg(percent(v.share));
        out.emplace_back(QStringLiteral("schema versions"), shares.join(QStringLiteral(", ")));
    }
    if (p.limit)
        out.emplace_back(QStringLiteral("stops after"), formatCount(double(*p.limit)) + QStringLiteral(" messages"));
    return out;
}

QString flavourName(models::QueueFlavour f)
{
    switch (f) {
    case models::QueueFlavour::Basic:
        return QStringLiteral("basic (auto-ack)");
    case models::QueueFlavour::Sqs:
        return QStringLiteral("Amazon SQS");
    case models::QueueFlavour::RabbitMq:
        return QStringLiteral("RabbitMQ quorum queue");
    case models::QueueFlavour::Invalid:
        break;
    }
    return QStringLiteral("?");
}

QString overflowName(models::OverflowPolicy o)
{
    switch (o) {
    case models::OverflowPolicy::RejectNew:
        return QStringLiteral("reject new messages");
    case models::OverflowPolicy::DropOldest:
        return QStringLiteral("drop the oldest");
    case models::OverflowPolicy::RejectNewDeadLetter:
        return QStringLiteral("reject new and dead-letter them");
    case models::OverflowPolicy::Invalid:
        break;
    }
    return QStringLiteral("?");
}

std::vector<Parameter> parameters(const models::QueueSpec &q)
{
    std::vector<Parameter> out;
    out.emplace_back(QStringLiteral("flavour"), flavourName(q.flavour));
    out.emplace_back(QStringLiteral("capacity"), q.capacity
                                                     ? formatCount(double(*q.capacity)) + QStringLiteral(" messages")
                                                     : QStringLiteral("unbounded"));
    if (q.capacity)
        out.emplace_back(QStringLiteral("when full"), overflowName(q.overflow));
    if (q.flavour == models::QueueFlavour::Sqs) {
        out.emplace_back(QStringLiteral("visibility timeout"), duration(q.visibilityTimeout));
        if (q.maxReceiveCount)
            out.emplace_back(QStringLiteral("max receive count"), QString::number(*q.maxReceiveCount));
        out.emplace_back(QStringLiteral("retention"), duration(q.retention));
        if (q.deliveryDelay.ns() > 0)
            out.emplace_back(QStringLiteral("delivery delay"), duration(q.deliveryDelay));
    }
    if (q.flavour == models::QueueFlavour::RabbitMq) {
        out.emplace_back(QStringLiteral("delivery limit"),
                         q.deliveryLimit ? QString::number(*q.deliveryLimit) : QStringLiteral("none"));
        out.emplace_back(QStringLiteral("on failure"), q.onFailure == models::FailureAction::Reject
                                                           ? QStringLiteral("reject (no requeue)")
                                                           : QStringLiteral("requeue"));
        if (q.messageTtl)
            out.emplace_back(QStringLiteral("message TTL"), duration(*q.messageTtl));
    }
    out.emplace_back(QStringLiteral("dead letters to"),
                     q.deadLetter.empty() ? QStringLiteral("none") : QString::fromStdString(q.deadLetter));
    return out;
}

std::vector<Parameter> parameters(const models::ServiceSpec &s)
{
    std::vector<Parameter> out;
    out.emplace_back(QStringLiteral("workers"), QString::number(s.workers));
    if (s.replicas > 1)
        out.emplace_back(QStringLiteral("replicas"),
                         QStringLiteral("%1, load balancer: %2")
                             .arg(s.replicas)
                             .arg(QString::fromLatin1(models::balancerStrategyName(s.balancer))));
    out.emplace_back(QStringLiteral("service time"), describeDistribution(s.serviceTime));
    out.emplace_back(QStringLiteral("failure probability"), percent(s.failureProbability));
    out.emplace_back(QStringLiteral("own waiting line"),
                     s.capacity ? formatCount(double(*s.capacity)) + QStringLiteral(" messages")
                                : QStringLiteral("unbounded"));
    if (s.idempotency)
        out.emplace_back(QStringLiteral("idempotency"),
                         QStringLiteral("ids kept ") + duration(s.idempotency->ttl)
                             + (s.idempotency->capacity
                                    ? QStringLiteral(", at most ") + formatCount(double(*s.idempotency->capacity))
                                    : QString()));
    else
        out.emplace_back(QStringLiteral("idempotency"), QStringLiteral("none (duplicates processed again)"));
    if (s.failureMode == models::FailureMode::Hang)
        out.emplace_back(QStringLiteral("a failure"), QStringLiteral("hangs until the caller or queue gives up"));
    if (!s.accepts.empty()) {
        QStringList versions;
        for (int v : s.accepts)
            versions << QStringLiteral("v%1").arg(v);
        out.emplace_back(QStringLiteral("reads versions"), versions.join(QStringLiteral(", ")));
    }
    for (const models::UpcasterSpec &u : s.upcasters)
        out.emplace_back(QStringLiteral("upcaster v%1 \u2192 v%2").arg(u.from).arg(u.from + 1),
                         describeDistribution(u.cost));
    return out;
}

std::vector<Parameter> parameters(const models::SinkSpec &)
{
    return {{QStringLiteral("accepts"), QStringLiteral("everything")}};
}

std::vector<Parameter> parameters(const models::DeadLetterSpec &d)
{
    return {{QStringLiteral("redrive"), d.redriveAt ? QStringLiteral("at ") + duration(*d.redriveAt)
                                                    : QStringLiteral("never (keeps every dead letter)")}};
}

std::vector<Parameter> parameters(const models::TopicSpec &t)
{
    return {
        {QStringLiteral("partitions"), QString::number(t.partitions)},
        {QStringLiteral("retention"), duration(t.retention)},
        {QStringLiteral("offset commits"), t.commit == models::CommitMode::PerRecord
                                               ? QStringLiteral("after each record")
                                               : QStringLiteral("automatic, every ") + duration(t.autoCommitInterval)},
        {QStringLiteral("rebalancing"),
         describeAssignor(t.assignor) + QStringLiteral(", rounds of ") + duration(t.rebalancePause)}};
}

} // namespace

QString describeDistribution(const sim::Distribution &d)
{
    using K = sim::DistributionKind;
    const QString mean = formatSeconds(d.mean());
    switch (d.kind()) {
    case K::Constant:
        return QStringLiteral("constant ") + mean;
    case K::Exponential:
        return QStringLiteral("exponential, mean ") + mean;
    case K::Uniform:
        return QStringLiteral("uniform %1 to %2").arg(formatSeconds(d.param1()), formatSeconds(d.param2()));
    case K::Normal:
        return QStringLiteral("normal, mean %1, SD %2 (truncated at 0)")
            .arg(formatSeconds(d.param1()), formatSeconds(d.param2()));
    case K::Lognormal:
        return QStringLiteral("lognormal, mean %1, CV %2").arg(mean, number(d.param2()));
    case K::Gamma:
        return QStringLiteral("gamma, shape %1, mean %2").arg(number(d.param1()), mean);
    case K::Weibull:
        return QStringLiteral("Weibull, shape %1, scale %2, mean %3")
            .arg(number(d.param1()), formatSeconds(d.param2()), mean);
    case K::Pareto:
        return QStringLiteral("Pareto, shape %1, minimum %2, mean %3")
            .arg(number(d.param1()), formatSeconds(d.param2()), mean);
    case K::Empirical:
        return QStringLiteral("empirical, %1 values, mean %2").arg(d.values().size()).arg(mean);
    case K::Histogram:
        return QStringLiteral("histogram, %1 bins, mean %2").arg(d.bins().size()).arg(mean);
    }
    return mean;
}

std::vector<Parameter> nodeParameters(const models::NodeSpec &node)
{
    return std::visit([](const auto &p) { return parameters(p); }, node.params);
}

std::vector<Parameter> simulationParameters(const models::SimulationSettings &s)
{
    std::vector<Parameter> out;
    out.emplace_back(QStringLiteral("simulated time"), duration(s.duration));
    out.emplace_back(QStringLiteral("warm-up (discarded from statistics)"),
                     s.warmup.ns() > 0 ? duration(s.warmup) : QStringLiteral("none"));
    out.emplace_back(QStringLiteral("seed"), QString::number(s.seed));
    out.emplace_back(QStringLiteral("replications"), QString::number(s.replications));
    out.emplace_back(QStringLiteral("time-series interval"),
                     s.sampleInterval
                         ? duration(*s.sampleInterval)
                         : formatSeconds(s.duration.toSeconds() / 500) + QStringLiteral(" (duration / 500)"));
    return out;
}

QString describeEdge(const models::EdgeSpec &e)
{
    QString text = e.mode == models::EdgeMode::Consume ? QStringLiteral("consume") : QStringLiteral("publish");
    if (e.probability)
        text += QStringLiteral(", probability ") + percent(*e.probability);
    // A consumer group's own settings, where they differ from its topic's.
    if (e.commit == models::CommitMode::PerRecord)
        text += QStringLiteral("; the group commits after each record");
    else if (e.commit)
        text += QStringLiteral("; the group auto-commits every ")
              + (e.autoCommitInterval ? duration(*e.autoCommitInterval) : QStringLiteral("topic's interval"));
    if (e.assignor)
        text += QStringLiteral("; the group's assignor is ") + describeAssignor(*e.assignor);
    return text;
}

QString describeAssignor(models::Assignor assignor)
{
    return assignor == models::Assignor::CooperativeSticky ? QStringLiteral("cooperative sticky")
                                                           : QStringLiteral("range (eager)");
}

} // namespace asyncsim::ui::report
