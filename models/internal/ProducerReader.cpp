// Reading a producer node: its arrivals, rate profile, keys and versions.

#include "ProducerReader.h"

#include "DistributionReader.h"

#include "models/DurationText.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

constexpr std::int64_t MaxKeys = 10000000;
const std::vector<std::string> ArrivalNames{"poisson", "constant", "uniform", "bursty"};

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

} // namespace

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

} // namespace asyncsim::models::internal
