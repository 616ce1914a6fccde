// The bounded store of a chart line: what it keeps and how it merges.
#include "ui/charts/SeriesBuffer.h"

#include <gtest/gtest.h>

using asyncsim::ui::SeriesBuffer;

namespace {

std::vector<std::pair<double, double>> pairs(const SeriesBuffer &b)
{
    std::vector<std::pair<double, double>> out;
    for (const QPointF &p : b.points())
        out.emplace_back(p.x(), p.y());
    return out;
}

} // namespace

TEST(SeriesBuffer, KeepsEveryPointBelowItsCapacity)
{
    SeriesBuffer b(4);
    b.append(1, 10);
    b.append(2, 20);
    b.append(3, 30);
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{1, 10}, {2, 20}, {3, 30}}));
    EXPECT_EQ(b.stride(), 1u);
    EXPECT_EQ(b.lastY(), 30);
    EXPECT_EQ(b.maxY(), 30);
}

TEST(SeriesBuffer, HalvesByMeansWhenFullAndKeepsTheResolutionEven)
{
    SeriesBuffer b(4);
    for (int i = 1; i <= 4; ++i)
        b.append(i, 10 * i);
    // Full at 4: (1,2) and (3,4) merged into their means.
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{1.5, 15}, {3.5, 35}}));
    EXPECT_EQ(b.stride(), 2u);
    // A new point waits for its partner, shown meanwhile as it is.
    b.append(5, 50);
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{1.5, 15}, {3.5, 35}, {5, 50}}));
    b.append(6, 60);
    b.append(7, 70);
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{1.5, 15}, {3.5, 35}, {5.5, 55}, {7, 70}}));
    b.append(8, 80);
    // Full again: each kept point now stands for four recorded ones.
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{2.5, 25}, {6.5, 65}}));
    EXPECT_EQ(b.stride(), 4u);
}

TEST(SeriesBuffer, MaxMergeKeepsPeaksAtTheLaterTime)
{
    SeriesBuffer b(4, SeriesBuffer::Merge::Max);
    for (const auto &[x, y] : std::vector<std::pair<double, double>>{{1, 0}, {2, 2}, {3, 0}, {4, 1}})
        b.append(x, y);
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{2, 2}, {4, 1}}));
}

TEST(SeriesBuffer, StaysBoundedOverAMillionPoints)
{
    SeriesBuffer b(2000);
    for (int i = 0; i < 1'000'000; ++i) {
        b.append(i, 2.0 * i);
        ASSERT_LE(b.size(), 2000u);
    }
    const QList<QPointF> points = b.points();
    EXPECT_GE(points.size(), 1000);
    // Means of a straight line stay on it, and span the whole run.
    for (const QPointF &p : points)
        EXPECT_DOUBLE_EQ(p.y(), 2 * p.x());
    EXPECT_LT(points.front().x(), 1000);
    EXPECT_GT(points.back().x(), 999'000);
}

TEST(SeriesBuffer, ClearForgetsEverything)
{
    SeriesBuffer b(4);
    for (int i = 1; i <= 9; ++i)
        b.append(i, i);
    b.clear();
    EXPECT_TRUE(b.isEmpty());
    EXPECT_EQ(b.stride(), 1u);
    EXPECT_EQ(b.lastY(), 0);
    b.append(1, 1);
    EXPECT_EQ(pairs(b), (std::vector<std::pair<double, double>>{{1, 1}}));
}
