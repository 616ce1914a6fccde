#include "Progress.h"

#include <cstdio>
#include <string>
#include <unistd.h>

namespace asyncsim::cli {

Progress::Progress(bool enabled)
    : m_enabled(enabled && isatty(STDERR_FILENO))
    , m_start(std::chrono::steady_clock::now())
    , m_lastDraw(m_start)
{ }

Progress::~Progress()
{
    clear();
}

bool Progress::due()
{
    if (!m_enabled)
        return false;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_start < std::chrono::seconds(1) || now - m_lastDraw < std::chrono::milliseconds(100))
        return false;
    m_lastDraw = now;
    return true;
}

void Progress::draw(double fraction, const char *text)
{
    constexpr int Width = 30;
    const int filled = static_cast<int>(fraction * Width);
    const std::string bar = std::string(filled, '#') + std::string(Width - filled, '-');
    std::fprintf(stderr, "\r[%s] %3d%%  %s ", bar.c_str(), static_cast<int>(fraction * 100), text);
    std::fflush(stderr);
    m_shown = true;
}

void Progress::update(double fraction, double simulatedSeconds, unsigned long long events)
{
    if (!due())
        return;
    char text[96];
    std::snprintf(text, sizeof text, "%.6gs simulated, %llu events", simulatedSeconds, events);
    draw(fraction, text);
}

void Progress::updateCount(int finished, int total, const char *what)
{
    if (!due())
        return;
    char text[96];
    std::snprintf(text, sizeof text, "%d of %d %s", finished, total, what);
    draw(total > 0 ? static_cast<double>(finished) / total : 1.0, text);
}

void Progress::clear()
{
    if (!m_shown)
        return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_shown = false;
}

} // namespace asyncsim::cli
