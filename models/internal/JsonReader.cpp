#include "JsonReader.h"

#include "models/DurationText.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace asyncsim::models::internal {

namespace {

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1]))
                           == std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string missingKeyMessage(std::string_view key)
{
    return "missing required key \"" + std::string(key) + "\"";
}

std::string join(const std::vector<std::string> &names)
{
    std::string out;
    for (const std::string &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

} // namespace

std::string childPointer(const std::string &parent, std::string_view key)
{
    std::string out = parent + "/";
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string childPointer(const std::string &parent, std::size_t index)
{
    return parent + "/" + std::to_string(index);
}

std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string> &candidates)
{
    std::optional<std::string> best;
    std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const std::string &c : candidates) {
        const std::size_t d = editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

std::string didYouMean(std::string_view word, const std::vector<std::string> &candidates)
{
    const auto match = closestMatch(word, candidates);
    return match ? " (did you mean \"" + *match + "\"?)" : "";
}

std::string formatNumber(double value)
{
    // Whole numbers in full ("1000000000", not "1e+09"); others to 15
    // significant digits, which hides binary noise such as 0.7 + 0.5 = 1.2000000000000002.
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
}

std::string typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return value.dump(); // "not true" reads better than "not a boolean"
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "a number";
    default:
        return std::string(value.type_name());
    }
}

ObjectReader::ObjectReader(const Json &value, std::string pointer, Problems &problems)
    : m_object(value.is_object() ? &value : nullptr)
    , m_pointer(std::move(pointer))
    , m_problems(problems)
{
    if (!m_object)
        m_problems.add(m_pointer, "must be an object, not " + typeName(value));
}

void ObjectReader::allow(std::initializer_list<std::string_view> keys)
{
    for (std::string_view k : keys)
        m_known.emplace_back(k);
}

const Json *ObjectReader::get(std::string_view key, Need need)
{
    m_known.emplace_back(key);
    if (!m_object)
        return nullptr;
    const auto it = m_object->find(key);
    if (it == m_object->end()) {
        if (need == Need::Required) {
            m_problems.add(m_pointer, missingKeyMessage(key));
            m_missing.emplace_back(key);
        }
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    if (!v->is_string()) {
        m_problems.add(pointer(key), "must be a string, not " + typeName(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean()) {
        m_problems.add(pointer(key), "must be true or false, not " + typeName(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max,
                                                  std::string_view customRule)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    const std::string rule = !customRule.empty() ? std::string(customRule)
                           : max == INT64_MAX
                               ? "must be an integer ≥ " + std::to_string(min)
                               : "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    bool whole = v->is_number_integer();
    if (v->is_number_float()) {
        const double d = v->get<double>();
        whole = std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9e15;
    }
    if (!whole) {
        m_problems.add(pointer(key), rule + (v->is_number() ? "" : ", not " + typeName(*v)));
        return std::nullopt;
    }
    std::int64_t value = 0;
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        value = INT64_MAX;
    else if (v->is_number_float())
        value = static_cast<std::int64_t>(v->get<double>());
    else
        value = v->get<std::int64_t>();
    if (value < min || value > max) {
        m_problems.add(pointer(key), rule);
        return std::nullopt;
    }
    return value;
}

std::optional<std::uint64_t> ObjectReader::unsignedInteger(std::string_view key, Need need)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    if (v->is_number_unsigned())
        return v->get<std::uint64_t>();
    if (v->is_number_integer() && v->get<std::int64_t>() >= 0)
        return static_cast<std::uint64_t>(v->get<std::int64_t>());
    m_problems.add(pointer(key), "must be an integer ≥ 0" + std::string(v->is_number() ? "" : ", not " + typeName(*v)));
    return std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, Need need, double min, double max, bool minExclusive)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    std::string rule;
    if (std::isinf(max))
        rule = std::string("must be a number ") + (minExclusive ? "> " : "≥ ") + formatNumber(min);
    else if (minExclusive)
        rule = "must be a number > " + formatNumber(min) + " and ≤ " + formatNumber(max);
    else
        rule = "must be a number from " + formatNumber(min) + " to " + formatNumber(max);
    if (!v->is_number()) {
        m_problems.add(pointer(key), rule + ", not " + typeName(*v));
        return std::nullopt;
    }
    const double value = v->get<double>();
    if (!(minExclusive ? value > min : value >= min) || value > max) {
        m_problems.add(pointer(key), rule);
        return std::nullopt;
    }
    return value;
}

std::optional<sim::Duration> readDuration(const Json &value, const std::string &pointer, Problems &problems,
                                          bool positive)
{
    std::optional<sim::Duration> d;
    if (value.is_number()) {
        const double seconds = value.get<double>();
        if (std::isfinite(seconds) && std::abs(seconds) < 9.2e9)
            d = sim::Duration::fromSeconds(seconds);
    } else if (value.is_string()) {
        d = parseDuration(value.get<std::string>());
    }
    if (!d) {
        const std::string shown = value.is_string() ? "\"" + value.get<std::string>() + "\"" : value.dump();
        problems.add(pointer, shown
                                  + " is not a duration: write seconds as a number, or a number with a unit "
                                    "(ns, us, ms, s, m, h, d) such as \"250ms\" or \"2m\"");
        return std::nullopt;
    }
    if (positive ? d->ns() <= 0 : d->ns() < 0) {
        problems.add(pointer, positive ? "must be a duration > 0" : "must be a duration ≥ 0");
        return std::nullopt;
    }
    return d;
}

std::optional<sim::Duration> ObjectReader::duration(std::string_view key, Need need, bool positive)
{
    const Json *v = get(key, need);
    if (!v)
        return std::nullopt;
    return readDuration(*v, pointer(key), m_problems, positive);
}

std::optional<std::string> ObjectReader::choice(std::string_view key, Need need, std::string_view what,
                                                const std::vector<std::string> &names)
{
    const auto value = string(key, need);
    if (!value)
        return std::nullopt;
    if (std::find(names.begin(), names.end(), *value) != names.end())
        return value;
    m_problems.add(pointer(key), "unknown " + std::string(what) + " \"" + *value + "\"" + didYouMean(*value, names)
                                     + "; expected one of: " + join(names));
    return std::nullopt;
}

void ObjectReader::finish()
{
    if (!m_object)
        return;
    for (const auto &[key, value] : m_object->items()) {
        if (std::find(m_known.begin(), m_known.end(), key) != m_known.end())
            continue;
        const auto match = closestMatch(key, m_known);
        m_problems.add(pointer(key), "unknown key" + (match ? " (did you mean \"" + *match + "\"?)" : ""));
        // A misspelt required key is one mistake, not two: the did-you-mean
        // says it all, so drop the "missing required key" it also caused.
        if (match && std::find(m_missing.begin(), m_missing.end(), *match) != m_missing.end())
            m_problems.remove({m_pointer, missingKeyMessage(*match)});
    }
}

} // namespace asyncsim::models::internal
