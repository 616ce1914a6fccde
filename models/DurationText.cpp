#include "DurationText.h"

#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace asyncsim::models {

namespace {

struct Unit
{
    std::string_view name;
    std::int64_t ns;
};

// Largest first, for formatting.
constexpr std::array<Unit, 8> Units{{
    {"d", 86400LL * 1000000000LL},
    {"h", 3600LL * 1000000000LL},
    {"m", 60LL * 1000000000LL},
    {"s", 1000000000LL},
    {"ms", 1000000LL},
    {"us", 1000LL},
    {"µs", 1000LL},
    {"ns", 1LL},
}};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::optional<sim::Duration> parseDuration(std::string_view text)
{
    // One or more parts of a number and a unit: "250ms", "1.5s", "2m30s", "1h 15m".
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    double totalNs = 0;
    while (!text.empty()) {
        std::size_t numberEnd = 0;
        while (numberEnd < text.size()
               && (std::isdigit(static_cast<unsigned char>(text[numberEnd])) || text[numberEnd] == '.'
                   || ((text[numberEnd] == '-' || text[numberEnd] == '+') && numberEnd == 0)))
            ++numberEnd;
        std::size_t unitEnd = numberEnd;
        while (unitEnd < text.size() && (std::isalpha(static_cast<unsigned char>(text[unitEnd]))
                                         || static_cast<unsigned char>(text[unitEnd]) >= 0x80))
            ++unitEnd;
        const std::string number(text.substr(0, numberEnd));
        const std::string_view unitName = text.substr(numberEnd, unitEnd - numberEnd);
        if (number.empty() || unitName.empty())
            return std::nullopt;
        char *end = nullptr;
        const double value = std::strtod(number.c_str(), &end);
        if (end != number.c_str() + number.size() || !std::isfinite(value))
            return std::nullopt;
        const Unit *unit = nullptr;
        for (const Unit &u : Units)
            if (u.name == unitName)
                unit = &u;
        if (!unit)
            return std::nullopt;
        totalNs += value * static_cast<double>(unit->ns);
        text = trim(text.substr(unitEnd));
    }
    if (std::abs(totalNs) >= 9.2e18)
        return std::nullopt;
    return sim::Duration::nanoseconds(std::llround(totalNs));
}

std::string formatDuration(sim::Duration d)
{
    const std::int64_t ns = d.ns();
    if (ns == 0)
        return "0s";
    for (const Unit &u : Units) {
        if (u.name == "µs")
            continue;
        if (ns % u.ns == 0)
            return std::to_string(ns / u.ns) + std::string(u.name);
    }
    return std::to_string(ns) + "ns";
}

} // namespace asyncsim::models
