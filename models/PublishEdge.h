#pragma once

#include "Message.h"
#include "ResilientEdge.h"
#include "sim/Event.h"

namespace asyncsim::models {

/// A publish edge with a retry policy, a circuit breaker or both, owned by
/// the sending node's Emitter. A publish is Retry(CircuitBreaker(publish)),
/// as on a call edge; it fails when the target refuses the message (a
/// publisher-confirm nack: a full queue that rejects publishes, a service in
/// an outage or with a full line) or a partition cuts the edge. The publish
/// is asynchronous with confirms: the sender's worker is not held, and a
/// message waiting for its next attempt stays with the edge (in flight),
/// keeping its id. Once the attempts are spent, or the breaker rejects the
/// last one, the fallback drops it (with the reason of the last refusal) or
/// routes it.
class PublishEdge : public ResilientEdge, public sim::EventHandler
{
public:
    /// Sends from node @p senderIndex to @p target; @p target and
    /// @p fallbackTarget (null unless the fallback routes) are not owned.
    PublishEdge(RunContext &context, const EdgeSpec &spec, std::size_t edgeIndex, std::size_t senderIndex,
                Component *target, Component *fallbackTarget);

    /// Publishes @p message (a new hop: its first attempt). The message is
    /// the edge's until the target takes it or the fallback disposes of it.
    void publish(MessageRef message);

    void handleEvent(const sim::Event &event) override;
    /// A live edit (see ResilientEdge::reconfigure); re-arms the breaker's timer.
    bool reconfigure(const EdgeSpec &spec) override;

private:
    enum EventKind : std::uint32_t { RetryWait, BreakerTimer };

    /// One attempt of @p message (Message::attempts is its number).
    void attempt(MessageRef message);
    /// The attempt of @p message failed for @p reason: wait and retry, or fall back.
    void attemptFailed(MessageRef message, DropReason reason);
    /// Logs the breaker's transitions and keeps its timer event where it is due.
    void syncBreaker();

    std::size_t m_senderIndex;
    Component *m_target; // not owned
};

} // namespace asyncsim::models
