// Reading a distribution (a duration drawn at random), as a service time,
// a cost or a producer's on/off periods write it.

#include "DistributionReader.h"

#include <limits>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

constexpr double Infinity = std::numeric_limits<double>::infinity();
const std::vector<std::string> DistributionNames{"constant",  "exponential", "uniform",  "normal",
                                                 "lognormal", "erlang",      "gamma",    "weibull",
                                                 "pareto",    "empirical",   "histogram"};

} // namespace

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

} // namespace asyncsim::models::internal
