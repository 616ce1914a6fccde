#include "Progress.h"

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

void Progress::update(double fraction, double simulatedSeconds, unsigned long long events)
{
    if (!m_enabled)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_start < std::chrono::seconds(1) || now - m_lastDraw < std::chrono::milliseconds(100))
        return;
    m_lastDraw = now;
    constexpr int Width = 30;
    const int filled = static_cast<int>(fraction * Width);
    const std::string bar = std::string(filled, '#') + std::string(Width - filled, '-');
    std::fprintf(stderr, "\r[%s] %3d%%  %.6gs simulated, %llu events ", bar.c_str(), static_cast<int>(fraction * 100),
                 simulatedSeconds, events);
    std::fflush(stderr);
    m_shown = true;
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
