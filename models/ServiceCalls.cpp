// A service's calls: after its own service time, the worker makes each call
// edge's call in file order, waiting for each answer. Every call is
// Retry(CircuitBreaker(call)), as Resilience4j decorates it with the retry
// outside: each attempt asks the breaker, a rejected attempt is a failed one
// for the retry, and once the attempts are spent the edge's fallback acts.

#include "Service.h"

namespace asyncsim::models {

void Service::startCalls(MessageRef message)
{
    std::uint32_t job;
    if (!m_freeJobs.empty()) {
        job = m_freeJobs.back();
        m_freeJobs.pop_back();
    } else {
        job = static_cast<std::uint32_t>(m_jobs.size());
        m_jobs.emplace_back();
    }
    m_jobs[job] = CallJob{};
    m_jobs[job].message = message;
    if (m_trackActive)
        m_active[message].job = job; // a crash abandons the job
    ++m_calls.front()->requests;
    attempt(job);
}

void Service::attempt(std::uint32_t job)
{
    CallJob &j = m_jobs[job];
    CallEdge &call = *m_calls[j.call];
    ++call.attempts;
    if (CircuitBreaker *breaker = call.breaker()) {
        const bool permitted = breaker->tryAcquirePermission(now()) == CircuitBreaker::Permission::Permitted;
        syncBreaker(j.call);
        if (!permitted) {
            // CallNotPermitted: nothing is sent, and the retry sees a failure.
            ++call.rejectedByBreaker;
            attemptFailed(job);
            return;
        }
    }
    // The request: a copy of the caller's message, a message of its own.
    const MessageRef request = m_context.pool.acquire();
    Message &r = m_context.pool[request];
    r = m_context.pool[j.message];
    r.id = m_context.nextMessageId++;
    r.enteredNode = now();
    r.holder = NoHolder;
    r.visibilityTimer = sim::InvalidEventId;
    r.processing = false;
    r.duplicated = false;
    r.deliveries = 0;
    r.attempts = static_cast<std::uint16_t>(j.failures + 1);
    r.replyTo = static_cast<std::uint32_t>(index());
    r.replyJob = job;
    r.replySerial = j.serial = ++m_nextSerial;
    r.replyEdge = j.call;
    ++m_context.calls;
    m_context.carry(static_cast<std::int32_t>(call.edgeIndex()), r, 0, call.callee().rejectsVersion(r.version));
    j.attemptStart = now();
    j.waiting = true;
    j.timer = m_context.simulation.schedule(call.spec().timeout, *this, CallTimeout, job);
    // The callee may answer before takeCall returns (a duplicate it skips), so
    // everything above is in place first; j may dangle after it.
    const std::uint32_t serial = j.serial;
    const std::uint16_t callIndex = j.call;
    if (m_context.isPartitioned(index(), call.callee().index())) {
        m_context.drop(request, DropReason::Partitioned); // lost on the way: the timeout will tell
        return;
    }
    switch (call.callee().takeCall(request)) {
    case Reception::Accepted:
    case Reception::Hung: // the timeout will tell
        break;
    case Reception::Refused:
    case Reception::Unavailable:
        answer(job, serial, callIndex, false); // at once: a failure that took no time
        break;
    }
}

void Service::answer(std::uint32_t job, std::uint32_t serial, std::uint16_t callIndex, bool success)
{
    CallEdge &call = *m_calls[callIndex];
    if (job >= m_jobs.size() || !m_jobs[job].waiting || m_jobs[job].serial != serial) {
        ++call.lateAnswers; // the caller gave up on it (timeout) and has moved on
        return;
    }
    CallJob &j = m_jobs[job];
    j.waiting = false;
    m_context.simulation.cancel(j.timer);
    j.timer = sim::InvalidEventId;
    const sim::Duration took = now() - j.attemptStart;
    call.latency.record(took);
    if (CircuitBreaker *breaker = call.breaker()) {
        breaker->onResult(now(), took, success ? CircuitBreaker::Outcome::Success : CircuitBreaker::Outcome::Failure);
        syncBreaker(callIndex);
    }
    if (!success) {
        ++call.failures;
        attemptFailed(job);
        return;
    }
    ++call.successes;
    // On to the next call edge, or done.
    if (static_cast<std::size_t>(j.call) + 1 < m_calls.size()) {
        ++j.call;
        j.failures = 0;
        ++m_calls[j.call]->requests;
        attempt(job);
    } else {
        finishJob(job, Outcome::Success);
    }
}

void Service::callTimedOut(std::uint32_t job)
{
    CallJob &j = m_jobs[job];
    CallEdge &call = *m_calls[j.call];
    j.waiting = false;
    j.timer = sim::InvalidEventId;
    ++call.timeouts;
    call.latency.record(call.spec().timeout);
    // A timeout is a failure that lasted the timeout.
    if (CircuitBreaker *breaker = call.breaker()) {
        breaker->onResult(now(), call.spec().timeout, CircuitBreaker::Outcome::Failure);
        syncBreaker(j.call);
    }
    attemptFailed(job);
}

void Service::attemptFailed(std::uint32_t job)
{
    CallJob &j = m_jobs[job];
    CallEdge &call = *m_calls[j.call];
    ++j.failures;
    if (call.retry() && call.retry()->shouldRetry(j.failures)) {
        const sim::Duration wait = call.retry()->waitAfterFailure(j.failures, call.retryRng());
        j.timer = m_context.simulation.schedule(wait, *this, RetryWait, job); // the worker stays held
        return;
    }
    ++call.fallbacks;
    switch (call.spec().fallback.action) {
    case FallbackAction::Fail:
        finishJob(job, Outcome::Failure);
        break;
    case FallbackAction::Drop:
        finishJob(job, Outcome::Dropped);
        break;
    case FallbackAction::Route:
        finishJob(job, Outcome::Routed, call.fallbackTarget());
        break;
    }
}

void Service::finishJob(std::uint32_t job, Outcome outcome, Component *routeTo)
{
    const MessageRef message = m_jobs[job].message;
    m_freeJobs.push_back(job);
    endProcessing(message, outcome, routeTo);
}

void Service::syncBreaker(std::size_t callIndex)
{
    CallEdge &call = *m_calls[callIndex];
    call.logTransitions(index());
    const std::optional<sim::Time> due = call.breaker()->nextTimedTransition();
    if (due == call.timerAt())
        return;
    if (call.timer() != sim::InvalidEventId)
        m_context.simulation.cancel(call.timer());
    if (due)
        call.timerScheduled(*due, m_context.simulation.scheduleAt(std::max(*due, now()), *this, BreakerTimer,
                                                                  static_cast<std::uint32_t>(callIndex)));
    else
        call.timerFired();
}

bool Service::reconfigureCall(std::size_t callIndex, const EdgeSpec &spec)
{
    if (!m_calls[callIndex]->reconfigure(spec))
        return false;
    if (m_calls[callIndex]->breaker())
        syncBreaker(callIndex); // the wait in OPEN or HALF_OPEN may have moved
    return true;
}

void Service::breakerTimer(std::size_t callIndex)
{
    CallEdge &call = *m_calls[callIndex];
    call.timerFired();
    call.breaker()->onTime(now());
    syncBreaker(callIndex);
}

} // namespace asyncsim::models
