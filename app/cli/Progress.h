#pragma once

#include <chrono>
#include <cstdio>

namespace asyncsim::cli {

/// A progress bar on a terminal's stderr, shown only once a run has taken
/// more than a second, and never when stderr is not a terminal.
class Progress
{
public:
    explicit Progress(bool enabled);
    ~Progress();

    /// Shows @p fraction (0..1) done, with the simulated seconds and events so far.
    void update(double fraction, double simulatedSeconds, unsigned long long events);
    /// Shows @p finished of @p total @p what ("replications") done.
    void updateCount(int finished, int total, const char *what);
    /// Removes the bar.
    void clear();

private:
    /// Whether to draw now: shown after a second, at most 10 times a second.
    bool due();
    void draw(double fraction, const char *text);

    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastDraw;
};

} // namespace asyncsim::cli
