// The future event set: ordering by (time, sequence), lazy cancellation, and a
// long random run against a shadow model (after OMNeT++'s cEventHeap stress test).

#include "sim/EventCalendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <utility>
#include <vector>

using namespace asyncsim::sim;

namespace {

Event makeEvent(std::int64_t timeNs, EventId sequence)
{
    Event e;
    e.time = Time::fromNs(timeNs);
    e.sequence = sequence;
    e.data = sequence * 3 + 1; // a payload to check it travels with the event
    return e;
}

std::vector<EventId> drainSequences(EventCalendar &calendar)
{
    std::vector<EventId> out;
    while (!calendar.empty())
        out.push_back(calendar.pop().sequence);
    return out;
}

} // namespace

TEST(EventCalendar, StartsEmpty)
{
    EventCalendar calendar;
    EXPECT_TRUE(calendar.empty());
    EXPECT_EQ(calendar.size(), 0u);
}

TEST(EventCalendar, PopsInTimeOrder)
{
    EventCalendar calendar;
    const std::vector<std::int64_t> times = {50, 10, 40, 30, 20, 60, 5, 45};
    for (std::size_t i = 0; i < times.size(); ++i)
        calendar.insert(makeEvent(times[i], i));
    EXPECT_EQ(calendar.size(), times.size());

    std::vector<std::int64_t> popped;
    while (!calendar.empty()) {
        const Event e = calendar.pop();
        EXPECT_EQ(e.data, e.sequence * 3 + 1);
        popped.push_back(e.time.ns());
    }
    std::vector<std::int64_t> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(popped, sorted);
}

TEST(EventCalendar, PopsEqualTimesInInsertionOrder)
{
    // Sequences are handed out in insertion order (as Simulation does); 300
    // events spread over three times, interleaved so that the heap has to
    // reorder them, must come out per time in insertion order.
    EventCalendar calendar;
    std::vector<std::pair<std::int64_t, EventId>> expected;
    for (EventId seq = 0; seq < 300; ++seq) {
        const std::int64_t t = static_cast<std::int64_t>((seq * 7) % 3) * 100;
        calendar.insert(makeEvent(t, seq));
        expected.emplace_back(t, seq);
    }
    std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[t, seq] : expected) {
        const Event e = calendar.pop();
        ASSERT_EQ(e.time.ns(), t);
        ASSERT_EQ(e.sequence, seq);
    }
    EXPECT_TRUE(calendar.empty());
}

TEST(EventCalendar, BreaksTiesBySequenceNumber)
{
    // The tie-break is the sequence number itself, not the order of insert().
    EventCalendar calendar;
    calendar.insert(makeEvent(10, 5));
    calendar.insert(makeEvent(10, 3));
    calendar.insert(makeEvent(10, 4));
    calendar.insert(makeEvent(9, 6));
    EXPECT_EQ(drainSequences(calendar), (std::vector<EventId>{6, 3, 4, 5}));
}

TEST(EventCalendar, PeekReturnsWhatPopRemoves)
{
    EventCalendar calendar;
    calendar.insert(makeEvent(30, 0));
    calendar.insert(makeEvent(10, 1));
    calendar.insert(makeEvent(20, 2));
    EXPECT_EQ(calendar.peek().sequence, 1u);
    EXPECT_EQ(calendar.size(), 3u); // peek does not remove
    EXPECT_EQ(calendar.pop().sequence, 1u);
    EXPECT_EQ(calendar.peek().sequence, 2u);
    EXPECT_EQ(calendar.peek().time.ns(), 20);
    EXPECT_EQ(calendar.size(), 2u);
}

TEST(EventCalendar, PeekAndPopSkipACancelledTop)
{
    EventCalendar calendar;
    calendar.insert(makeEvent(1, 0));
    calendar.insert(makeEvent(2, 1));
    calendar.insert(makeEvent(3, 2));
    calendar.cancel(0);
    EXPECT_EQ(calendar.size(), 2u);
    EXPECT_EQ(calendar.peek().sequence, 1u);
    EXPECT_EQ(calendar.pop().sequence, 1u);

    // Cancel the new top and the one behind it: nothing is left.
    calendar.insert(makeEvent(4, 3));
    calendar.cancel(2);
    EXPECT_EQ(calendar.pop().sequence, 3u);
    EXPECT_TRUE(calendar.empty());
    EXPECT_EQ(calendar.size(), 0u);
}

TEST(EventCalendar, CancelsEventsBuriedInTheHeap)
{
    EventCalendar calendar;
    for (EventId seq = 0; seq < 100; ++seq)
        calendar.insert(makeEvent(static_cast<std::int64_t>(100 - seq), seq));
    // Cancel every third event, wherever it sits.
    std::vector<EventId> expected;
    for (EventId seq = 0; seq < 100; ++seq) {
        if (seq % 3 == 0)
            calendar.cancel(seq);
        else
            expected.push_back(seq);
    }
    EXPECT_EQ(calendar.size(), expected.size());
    std::reverse(expected.begin(), expected.end()); // later sequence = earlier time
    EXPECT_EQ(drainSequences(calendar), expected);
}

TEST(EventCalendar, CancellingEverythingEmptiesIt)
{
    EventCalendar calendar;
    for (EventId seq = 0; seq < 10; ++seq)
        calendar.insert(makeEvent(5, seq));
    for (EventId seq = 0; seq < 10; ++seq)
        calendar.cancel(seq);
    EXPECT_TRUE(calendar.empty());
    EXPECT_EQ(calendar.size(), 0u);

    calendar.insert(makeEvent(7, 10));
    EXPECT_EQ(calendar.size(), 1u);
    EXPECT_EQ(calendar.pop().sequence, 10u);
}

TEST(EventCalendar, CancelledFarOffEventsDoNotPileUp)
{
    // A topic's retention timer, an hour ahead, scheduled and cancelled for
    // every record: without compaction the heap would hold all 100,000.
    EventCalendar calendar;
    calendar.insert(makeEvent(1, 0)); // one live event the whole time
    for (EventId seq = 1; seq <= 100'000; ++seq) {
        calendar.insert(makeEvent(3'600'000'000'000 + static_cast<std::int64_t>(seq), seq));
        calendar.cancel(seq);
        ASSERT_LE(calendar.stored(), 600u) << "after " << seq;
    }
    EXPECT_EQ(calendar.size(), 1u);
    // Cancelled events taken out by a compaction and those still waiting
    // for it are both skipped, and the order of the rest holds.
    calendar.insert(makeEvent(2'000'000'000'000'000, 100'001));
    EXPECT_EQ(drainSequences(calendar), (std::vector<EventId>{0, 100'001}));
}

TEST(EventCalendar, ClearRemovesPendingAndCancelledEvents)
{
    EventCalendar calendar;
    for (EventId seq = 0; seq < 10; ++seq)
        calendar.insert(makeEvent(static_cast<std::int64_t>(seq), seq));
    calendar.cancel(0);
    calendar.cancel(7);
    calendar.clear();
    EXPECT_TRUE(calendar.empty());
    EXPECT_EQ(calendar.size(), 0u);

    // The cancellations must not outlive clear(): an event that reuses a
    // cancelled sequence number (as a reset simulation would) still fires.
    calendar.insert(makeEvent(3, 7));
    calendar.insert(makeEvent(4, 0));
    EXPECT_EQ(calendar.size(), 2u);
    EXPECT_EQ(drainSequences(calendar), (std::vector<EventId>{7, 0}));
}

TEST(EventCalendar, RandomOperationsMatchAShadowModel)
{
    // About four million random inserts, cancels (of pending events only) and
    // pops, checked after every operation against an ordered set of
    // (time, sequence). The mix drifts between phases so that the heap grows
    // to tens of thousands of events and drains to empty again; times are
    // drawn from a narrow window so that ties are common.
    constexpr int Operations = 4'000'000;
    constexpr int PhaseLength = 200'000;
    std::mt19937_64 rng(20240611);

    EventCalendar calendar;
    std::set<std::pair<std::int64_t, EventId>> shadow;
    std::vector<EventId> pending;          // for picking a random event to cancel
    std::vector<std::size_t> pendingIndex; // sequence -> position in pending
    std::vector<std::int64_t> timeOf;      // sequence -> time
    EventId nextSequence = 0;
    std::int64_t lastPopped = 0;
    int inserts = 0;
    int cancels = 0;
    int pops = 0;
    std::size_t largest = 0;

    const auto forget = [&](EventId seq) {
        const std::size_t i = pendingIndex[seq];
        pending[i] = pending.back();
        pendingIndex[pending[i]] = i;
        pending.pop_back();
    };

    for (int op = 0; op < Operations; ++op) {
        // Even phases grow the calendar, odd ones drain it.
        const bool growing = (op / PhaseLength) % 2 == 0;
        const unsigned dice = static_cast<unsigned>(rng() % 100);
        const unsigned insertShare = growing ? 55 : 35;
        const unsigned cancelShare = 10;

        if (dice < insertShare || shadow.empty()) {
            // Never earlier than the last popped event, as in a simulation.
            const std::int64_t t = lastPopped + static_cast<std::int64_t>(rng() % 64);
            const EventId seq = nextSequence++;
            calendar.insert(makeEvent(t, seq));
            shadow.emplace(t, seq);
            pendingIndex.push_back(pending.size());
            pending.push_back(seq);
            timeOf.push_back(t);
            ++inserts;
        } else if (dice < insertShare + cancelShare) {
            const EventId seq = pending[rng() % pending.size()];
            calendar.cancel(seq);
            shadow.erase({timeOf[seq], seq});
            forget(seq);
            ++cancels;
        } else {
            const auto expected = *shadow.begin();
            ASSERT_EQ(calendar.peek().sequence, expected.second) << "operation " << op;
            const Event e = calendar.pop();
            ASSERT_EQ(e.time.ns(), expected.first) << "operation " << op;
            ASSERT_EQ(e.sequence, expected.second) << "operation " << op;
            shadow.erase(shadow.begin());
            forget(e.sequence);
            lastPopped = e.time.ns();
            ++pops;
        }
        ASSERT_EQ(calendar.size(), shadow.size()) << "operation " << op;
        ASSERT_EQ(calendar.empty(), shadow.empty()) << "operation " << op;
        largest = std::max(largest, shadow.size());
    }

    // The run really exercised what it claims to.
    EXPECT_GT(inserts, 1'000'000);
    EXPECT_GT(cancels, 200'000);
    EXPECT_GT(pops, 1'000'000);
    EXPECT_GT(largest, 10'000u);

    // Drain what is left; it must match to the end.
    while (!shadow.empty()) {
        ASSERT_EQ(calendar.pop().sequence, shadow.begin()->second);
        shadow.erase(shadow.begin());
    }
    EXPECT_TRUE(calendar.empty());
}
