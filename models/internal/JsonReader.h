#pragma once

// Internal to models/: reading JSON with every problem reported at its JSON
// pointer. Not part of the public headers, so nlohmann stays private.

#include "models/TopologyError.h"
#include "sim/Time.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asyncsim::models::internal {

using Json = nlohmann::json;

/// The problems found so far.
class Problems
{
public:
    void add(std::string pointer, std::string message) { m_list.push_back({std::move(pointer), std::move(message)}); }
    /// Withdraws @p problem, reported earlier and since found to be explained by another.
    void remove(const Problem &problem)
    {
        const auto it = std::find(m_list.begin(), m_list.end(), problem);
        if (it != m_list.end())
            m_list.erase(it);
    }
    bool empty() const { return m_list.empty(); }
    std::size_t size() const { return m_list.size(); }
    std::vector<Problem> &list() { return m_list; }

private:
    std::vector<Problem> m_list;
};

/// JSON pointer of a member / an element of the value at @p parent.
std::string childPointer(const std::string &parent, std::string_view key);
std::string childPointer(const std::string &parent, std::size_t index);

/// The closest of @p candidates to @p word, if it is close enough to be a likely typo.
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string> &candidates);
/// " (did you mean "x"?)" or "".
std::string didYouMean(std::string_view word, const std::vector<std::string> &candidates);

/// Reads members of one JSON object; finish() reports the keys nobody asked for.
class ObjectReader
{
public:
    enum class Need { Optional, Required };

    /// Reports a problem if @p value is not an object (then isValid() is false).
    ObjectReader(const Json &value, std::string pointer, Problems &problems);

    bool isValid() const { return m_object != nullptr; }
    const std::string &pointer() const { return m_pointer; }
    std::string pointer(std::string_view key) const { return childPointer(m_pointer, key); }
    Problems &problems() { return m_problems; }

    /// Declares @p keys as known without reading them.
    void allow(std::initializer_list<std::string_view> keys);
    /// The member @p key, or nullptr (with a problem if required).
    const Json *get(std::string_view key, Need need = Need::Optional);

    std::optional<std::string> string(std::string_view key, Need need = Need::Optional);
    std::optional<bool> boolean(std::string_view key, Need need = Need::Optional);
    /// An integer in [min, max]. A bad value is reported with @p customRule
    /// when given ("must be ..."), else with "must be an integer from min to max".
    std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min, std::int64_t max = INT64_MAX,
                                        std::string_view customRule = {});
    std::optional<std::uint64_t> unsignedInteger(std::string_view key, Need need);
    /// A number in [min, max] (or (min, max] when @p minExclusive).
    std::optional<double> number(std::string_view key, Need need, double min, double max, bool minExclusive = false);
    /// A duration (number of seconds or a string with a unit) >= min (> 0 when @p positive).
    std::optional<sim::Duration> duration(std::string_view key, Need need, bool positive);
    /// One of @p names; reports an unknown value with a did-you-mean.
    std::optional<std::string> choice(std::string_view key, Need need, std::string_view what,
                                      const std::vector<std::string> &names);

    /// Reports every member not read or allowed, with a did-you-mean.
    void finish();

private:
    const Json *m_object;
    std::string m_pointer;
    Problems &m_problems;
    std::vector<std::string> m_known;
    std::vector<std::string> m_missing; // required keys reported missing
};

/// Reads a duration value at @p pointer (shared by ObjectReader and arrays of durations).
std::optional<sim::Duration> readDuration(const Json &value, const std::string &pointer, Problems &problems,
                                          bool positive);

/// What @p value is, for messages such as "must be a string, not an array":
/// "an object", "an array", "a string", "a number", "true", "false" or "null".
std::string typeName(const Json &value);

/// Formats a number for messages the way a person writes it ("0.5", "1", "1e-06").
std::string formatNumber(double value);

} // namespace asyncsim::models::internal
