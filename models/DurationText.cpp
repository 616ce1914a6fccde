#include "DurationText.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

namespace asyncsim::models {

namespace {

struct Unit
{
    std::string_view name;
    std::int64_t ns;
};

// Largest first, for formatting. Both micro signs are accepted: U+00B5 (what
// keyboards type) and U+03BC (Greek mu, what some editors substitute).
constexpr std::array<Unit, 9> Units{{
    {"d", 86400LL * 1000000000LL},
    {"h", 3600LL * 1000000000LL},
    {"m", 60LL * 1000000000LL},
    {"s", 1000000000LL},
    {"ms", 1000000LL},
    {"us", 1000LL},
    {"\u00b5s", 1000LL},
    {"\u03bcs", 1000LL},
    {"ns", 1LL},
}};

constexpr std::int64_t MaxNs = std::numeric_limits<std::int64_t>::max();

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

const Unit *findUnit(std::string_view name)
{
    for (const Unit &u : Units)
        if (u.name == name)
            return &u;
    return nullptr;
}

// The nanoseconds of "<whole>.<fraction> unit", or nothing beyond MaxNs.
// The whole part is exact integer arithmetic, so every value formatDuration()
// writes reads back bit for bit; only a fraction goes through a double, whose
// product with the unit stays far below 2^53 and so rounds to the right ns.
std::optional<std::int64_t> partNs(std::string_view whole, std::string_view fraction, const Unit &unit)
{
    std::int64_t wholeValue = 0;
    for (char c : whole) {
        const int digit = c - '0';
        if (wholeValue > (MaxNs - digit) / 10)
            return std::nullopt;
        wholeValue = wholeValue * 10 + digit;
    }
    if (wholeValue > MaxNs / unit.ns)
        return std::nullopt;
    std::int64_t ns = wholeValue * unit.ns;
    if (!fraction.empty()) {
        const double value = std::strtod(("0." + std::string(fraction)).c_str(), nullptr);
        const std::int64_t fractionNs = std::llround(value * static_cast<double>(unit.ns));
        if (ns > MaxNs - fractionNs)
            return std::nullopt;
        ns += fractionNs;
    }
    return ns;
}

} // namespace

std::optional<sim::Duration> parseDuration(std::string_view text)
{
    // One or more parts of a number and a unit: "250ms", "1.5s", "2m30s",
    // "1h 15m". A sign may only lead, and applies to the whole: "-2m30s" is
    // minus two and a half minutes.
    text = trim(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text = trim(text.substr(1));
    }
    if (text.empty())
        return std::nullopt;
    std::int64_t totalNs = 0;
    while (!text.empty()) {
        std::size_t wholeEnd = 0;
        while (wholeEnd < text.size() && isDigit(text[wholeEnd]))
            ++wholeEnd;
        std::size_t numberEnd = wholeEnd;
        std::string_view fraction;
        if (numberEnd < text.size() && text[numberEnd] == '.') {
            ++numberEnd;
            while (numberEnd < text.size() && isDigit(text[numberEnd]))
                ++numberEnd;
            fraction = text.substr(wholeEnd + 1, numberEnd - wholeEnd - 1);
        }
        const std::string_view whole = text.substr(0, wholeEnd);
        if (whole.empty() && fraction.empty())
            return std::nullopt; // no digits at all: "ms", ".s", "-"
        std::size_t unitStart = numberEnd;
        while (unitStart < text.size() && isSpace(text[unitStart]))
            ++unitStart;
        std::size_t unitEnd = unitStart;
        while (unitEnd < text.size()
               && (std::isalpha(static_cast<unsigned char>(text[unitEnd]))
                   || static_cast<unsigned char>(text[unitEnd]) >= 0x80))
            ++unitEnd;
        const Unit *unit = findUnit(text.substr(unitStart, unitEnd - unitStart));
        if (!unit)
            return std::nullopt; // no unit ("10"), an unknown one ("10 parsecs"), or "1.2.3s"
        const auto ns = partNs(whole, fraction, *unit);
        if (!ns || totalNs > MaxNs - *ns)
            return std::nullopt;
        totalNs += *ns;
        text = trim(text.substr(unitEnd));
    }
    return sim::Duration::nanoseconds(negative ? -totalNs : totalNs);
}

std::string formatDuration(sim::Duration d)
{
    const std::int64_t ns = d.ns();
    if (ns == 0)
        return "0s";
    for (const Unit &u : Units) {
        if (u.name.size() > 2)
            continue; // the micro signs: write "us", which any keyboard can type
        if (ns % u.ns == 0)
            return std::to_string(ns / u.ns) + std::string(u.name);
    }
    return std::to_string(ns) + "ns";
}

} // namespace asyncsim::models
