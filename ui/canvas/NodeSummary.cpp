#include "NodeSummary.h"

#include "models/DurationText.h"

#include <cmath>
#include <initializer_list>
#include <variant>

namespace asyncsim::ui::canvas {

namespace {

const QString Separator = QStringLiteral(" · ");
const QString Infinity = QStringLiteral("∞");

struct Unit
{
    double scale;
    const char *name;
};

QString withUnit(double value, std::initializer_list<Unit> units, const QString &gap)
{
    // The largest unit the value reaches, moving up when three significant
    // digits would round to 1000 ("1000 ms" reads better as "1 s").
    const Unit *unit = units.begin();
    for (const Unit *u = units.begin(); u != units.end(); ++u)
        if (std::abs(value) >= u->scale)
            unit = u;
    if (std::abs(value) / unit->scale >= 999.5 && unit + 1 != units.end())
        ++unit;
    return QString::number(value / unit->scale, 'g', 3) + gap + QString::fromUtf8(unit->name);
}

QString arrivalName(models::ArrivalProcess process)
{
    switch (process) {
    case models::ArrivalProcess::Poisson:
        return QStringLiteral("Poisson");
    case models::ArrivalProcess::Constant:
        return QStringLiteral("Constant");
    case models::ArrivalProcess::Uniform:
        return QStringLiteral("Uniform");
    case models::ArrivalProcess::Bursty:
        return QStringLiteral("Bursty");
    case models::ArrivalProcess::Invalid:
        break;
    }
    return QStringLiteral("?");
}

QString flavourName(models::QueueFlavour flavour)
{
    switch (flavour) {
    case models::QueueFlavour::Basic:
        return QStringLiteral("Basic");
    case models::QueueFlavour::Sqs:
        return QStringLiteral("SQS");
    case models::QueueFlavour::RabbitMq:
        return QStringLiteral("RabbitMQ");
    case models::QueueFlavour::Invalid:
        break;
    }
    return QStringLiteral("?");
}

QString summary(const models::ProducerSpec &p)
{
    QString text = arrivalName(p.arrivals.process) + Separator + compactNumber(p.arrivals.rate) + QStringLiteral("/s");
    if (p.limit)
        text += Separator + QStringLiteral("limit ") + compactNumber(double(*p.limit));
    return text;
}

QString summary(const models::QueueSpec &q)
{
    QString text = flavourName(q.flavour);
    if (q.capacity)
        text += Separator + QStringLiteral("cap ") + compactNumber(double(*q.capacity));
    else if (q.flavour != models::QueueFlavour::Basic)
        text += Separator + Infinity; // a plain "Basic" reads as the unbounded default
    return text;
}

QString summary(const models::ServiceSpec &s)
{
    QString workers = s.workers == 1 ? QStringLiteral("1 worker") : QStringLiteral("%1 workers").arg(s.workers);
    // Replicas: "3 replicas" of one worker, "3×2 workers" otherwise (short enough for the box).
    if (s.replicas > 1)
        workers = s.workers == 1 ? QStringLiteral("%1 replicas").arg(s.replicas)
                                 : QStringLiteral("%1\u00d7%2 workers").arg(s.replicas).arg(s.workers);
    return workers + Separator + formatSeconds(s.serviceTime.mean());
}

QString summary(const models::SinkSpec &)
{
    return QStringLiteral("accepts all");
}

QString summary(const models::DeadLetterSpec &d)
{
    if (d.redriveAt)
        return QStringLiteral("redrive at ") + QString::fromStdString(models::formatDuration(*d.redriveAt));
    return QStringLiteral("keeps dead letters");
}

QString summary(const models::TopicSpec &t)
{
    return QStringLiteral("%1 partitions · %2")
        .arg(t.partitions)
        .arg(QString::fromStdString(models::formatDuration(t.retention)));
}

} // namespace

QString nodeSummary(const models::NodeSpec &node)
{
    return std::visit([](const auto &params) { return summary(params); }, node.params);
}

QString compactNumber(double value)
{
    if (!std::isfinite(value))
        return Infinity;
    if (std::abs(value) < 9999.5)
        return std::abs(value) >= 999.5 ? QString::number(std::round(value), 'f', 0) : QString::number(value, 'g', 3);
    return withUnit(value, {{1e3, "k"}, {1e6, "M"}, {1e9, "G"}}, QString());
}

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return Infinity;
    if (seconds == 0)
        return QStringLiteral("0 ms");
    return withUnit(seconds, {{1e-6, "µs"}, {1e-3, "ms"}, {1, "s"}, {60, "min"}, {3600, "h"}}, QStringLiteral(" "));
}

} // namespace asyncsim::ui::canvas
