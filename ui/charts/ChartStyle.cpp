#include "ChartStyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

#include <array>

namespace asyncsim::ui::ChartStyle {

namespace {

// Hues that stay apart for the common kinds of colour blindness (Okabe–Ito;
// its yellow, unreadable on white, swapped for a grey).
constexpr std::array<QRgb, 8> categorical{0x0072b2, 0xe69f00, 0x009e73, 0xd55e00,
                                          0xcc79a7, 0x56b4e9, 0x7f7f7f, 0x8c6d31};

QColor forBackground(QColor colour, bool dark)
{
    // Dark hues vanish on a dark background: lift them to a readable lightness.
    if (dark && colour.lightness() < 150)
        return colour.lighter(150);
    return colour;
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor lineColour(LineColour colour, int category, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (colour) {
    case LineColour::In:
    case LineColour::Level:
        return forBackground(QColor::fromRgb(categorical[0]), dark);
    case LineColour::Out:
        return forBackground(QColor::fromRgb(categorical[2]), dark);
    case LineColour::Bound:
    case LineColour::Text:
        return palette.color(QPalette::Text);
    case LineColour::Loss:
        return forBackground(QColor::fromRgb(categorical[3]), dark);
    case LineColour::Dead:
        return forBackground(QColor::fromRgb(categorical[4]), dark);
    case LineColour::Warning:
        return forBackground(QColor::fromRgb(categorical[1]), dark);
    case LineColour::Extra:
        return forBackground(QColor::fromRgb(categorical[7]), dark);
    case LineColour::Category:
        break;
    }
    const auto n = static_cast<std::size_t>(std::max(category, 0));
    return forBackground(QColor::fromRgb(categorical[n % categorical.size()]), dark);
}

void styleChart(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.brush(QPalette::Text));
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QAbstractAxis *axis : chart->axes())
        styleAxis(axis, palette);
}

void styleAxis(QAbstractAxis *axis, const QPalette &palette)
{
    axis->setLabelsBrush(palette.brush(QPalette::Text));
    axis->setTitleBrush(palette.brush(QPalette::Text));
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(40);
    axis->setGridLineColor(grid);
    axis->setLinePenColor(palette.color(QPalette::Mid));
    QFont small; // from the application's font, so a second styling does not shrink it again
    small.setPointSizeF(small.pointSizeF() * 0.9);
    axis->setTitleFont(small);
}

} // namespace asyncsim::ui::ChartStyle
