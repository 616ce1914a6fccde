#pragma once

#include "ResilientEdge.h"

namespace asyncsim::models {

class Service;

/// The running state of one call edge, owned by the calling Service: the
/// edge's policies and counters (ResilientEdge) and the callee. The Service
/// drives the calls; this keeps the per-edge parts together.
class CallEdge : public ResilientEdge
{
public:
    /// @p callee and @p fallbackTarget (null unless the fallback routes) are not owned.
    CallEdge(RunContext &context, const EdgeSpec &spec, std::size_t edgeIndex, Service *callee,
             Component *fallbackTarget)
        : ResilientEdge(context, spec, edgeIndex, fallbackTarget)
        , m_callee(callee)
    { }

    Service &callee() const { return *m_callee; }

private:
    Service *m_callee; // not owned
};

} // namespace asyncsim::models
