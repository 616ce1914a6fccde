// Reading a queue node (its flavour and the options of each flavour) and a
// dead-letter node.

#include "MessageQueueReader.h"

#include <limits>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

const std::vector<std::string> OverflowNames{"reject", "drop-oldest", "reject-publish-dlx"};
const std::vector<std::string> FlavourNames{"basic", "sqs", "rabbitmq"};
const std::vector<std::string> FailureActionNames{"requeue", "reject"};
const std::vector<std::string> DeliveryLimitCountNames{"all", "failed"};
// basic.qos takes a prefetch count of 16 bits.
constexpr std::int64_t MaxPrefetch = 65535;
// SQS's own limits (SEMANTICS.md §2.1, §2.2).
constexpr sim::Duration MaxVisibilityTimeout = sim::Duration::seconds(12 * 3600);
constexpr std::int64_t MaxReceiveCount = 1000;

// Prefetch, consumer timeout, FIFO, deduplication and the delivery-limit rule. @p present is
// readQueue's check that a key is there and applies to the flavour.
template <typename Present> void readQueueOptions(ObjectReader &r, QueueSpec &q, const Present &present)
{
    constexpr std::string_view SqsOnly = "\"flavour\": \"sqs\"";
    constexpr std::string_view RabbitOnly = "\"flavour\": \"rabbitmq\"";
    const bool sqs = q.flavour == QueueFlavour::Sqs;
    const bool rabbit = q.flavour == QueueFlavour::RabbitMq;
    if (present("prefetch", rabbit, RabbitOnly))
        if (const auto prefetch = r.integer("prefetch", Need::Optional, 0, MaxPrefetch))
            q.prefetch = static_cast<std::uint32_t>(*prefetch);
    if (present("consumerTimeout", rabbit, RabbitOnly))
        if (const auto timeout = r.duration("consumerTimeout", Need::Optional, true))
            q.consumerTimeout = *timeout;
    if (present("deliveryLimitCounts", rabbit, RabbitOnly))
        if (const auto counts
            = r.choice("deliveryLimitCounts", Need::Optional, "delivery-limit rule", DeliveryLimitCountNames))
            q.deliveryLimitCounts = *counts == "failed" ? DeliveryLimitCounting::Failed : DeliveryLimitCounting::All;
    if (present("fifo", sqs, SqsOnly))
        if (const auto fifo = r.boolean("fifo"))
            q.fifo = *fifo;
    // Deduplication is a generic option: any flavour may have it.
    if (const Json *deduplication = r.get("deduplication")) {
        ObjectReader d(*deduplication, r.pointer("deduplication"), r.problems());
        QueueDeduplication spec;
        if (const auto interval = d.duration("interval", Need::Optional, true))
            spec.interval = *interval;
        if (const auto extend = d.boolean("extendOnDuplicate"))
            spec.extendOnDuplicate = *extend;
        d.finish();
        q.deduplication = spec;
    }
}

} // namespace

QueueSpec readQueue(ObjectReader &r)
{
    QueueSpec q;
    if (const auto capacity = r.integer("capacity", Need::Optional, 0))
        q.capacity = static_cast<std::uint64_t>(*capacity);
    if (const auto overflow = r.choice("overflow", Need::Optional, "overflow policy", OverflowNames)) {
        q.overflow = *overflow == "drop-oldest"        ? OverflowPolicy::DropOldest
                   : *overflow == "reject-publish-dlx" ? OverflowPolicy::RejectNewDeadLetter
                                                       : OverflowPolicy::RejectNew;
        if (!q.capacity)
            r.problems().add(r.pointer("overflow"), "only applies with a capacity; an unbounded queue never overflows");
    }

    const bool flavourGiven = r.get("flavour") != nullptr;
    const auto flavour = r.choice("flavour", Need::Optional, "queue flavour", FlavourNames);
    if (flavour == "sqs")
        q.flavour = QueueFlavour::Sqs;
    else if (flavour == "rabbitmq")
        q.flavour = QueueFlavour::RabbitMq;
    else if (flavourGiven && !flavour)
        q.flavour = QueueFlavour::Invalid;
    // With an unknown flavour the keys of every flavour are read for their
    // values alone: which of them apply cannot be told.
    const bool known = q.flavour != QueueFlavour::Invalid;
    const bool sqs = q.flavour == QueueFlavour::Sqs;
    const bool rabbit = q.flavour == QueueFlavour::RabbitMq;
    // Whether @p key is there and applies; a key of another flavour is
    // reported as such, without a second problem about its value.
    auto present = [&](std::string_view key, bool applies, std::string_view where) {
        if (!r.get(key))
            return false;
        if (known && !applies) {
            r.problems().add(r.pointer(key), "only applies to " + std::string(where));
            return false;
        }
        return true;
    };
    constexpr std::string_view SqsOnly = "\"flavour\": \"sqs\"";
    constexpr std::string_view RabbitOnly = "\"flavour\": \"rabbitmq\"";

    if (present("visibilityTimeout", sqs, SqsOnly)) {
        if (const auto timeout = r.duration("visibilityTimeout", Need::Optional, true)) {
            if (*timeout > MaxVisibilityTimeout)
                r.problems().add(r.pointer("visibilityTimeout"),
                                 "must be at most 12h, the longest visibility timeout SQS allows");
            else
                q.visibilityTimeout = *timeout;
        }
    }
    const bool hasReceiveCount = present("maxReceiveCount", sqs, SqsOnly);
    if (hasReceiveCount)
        if (const auto count = r.integer("maxReceiveCount", Need::Optional, 1, MaxReceiveCount))
            q.maxReceiveCount = static_cast<int>(*count);
    if (present("deliveryLimit", rabbit, RabbitOnly)) {
        // RabbitMQ's own convention: -1 turns the limit off.
        if (const auto limit = r.integer("deliveryLimit", Need::Optional, -1, std::numeric_limits<int>::max(),
                                         "must be -1 (no limit) or an integer from 0 to "
                                             + std::to_string(std::numeric_limits<int>::max())))
            q.deliveryLimit = *limit < 0 ? std::nullopt : std::optional(static_cast<int>(*limit));
    }
    if (present("onFailure", rabbit, RabbitOnly)) {
        if (const auto action = r.choice("onFailure", Need::Optional, "failure action", FailureActionNames))
            q.onFailure = *action == "reject" ? FailureAction::Reject : FailureAction::Requeue;
    }
    bool hasDeadLetter = false;
    if (r.get("deadLetter")) {
        if (known && !sqs && !rabbit) {
            r.problems().add(r.pointer("deadLetter"), "only applies to \"flavour\": \"sqs\" or \"rabbitmq\"; a "
                                                      "basic queue never dead-letters");
        } else if (const auto target = r.string("deadLetter")) {
            hasDeadLetter = true;
            if (target->empty())
                r.problems().add(r.pointer("deadLetter"), "must not be empty");
            q.deadLetter = *target; // checked against the nodes once all are read
        } else {
            hasDeadLetter = true; // not a string: reported already
        }
    }
    if (present("messageTtl", rabbit, RabbitOnly))
        q.messageTtl = r.duration("messageTtl", Need::Optional, false);
    if (present("retention", sqs, SqsOnly)) {
        if (const auto retention = r.duration("retention", Need::Optional, true)) {
            if (*retention < sim::Duration::seconds(60) || *retention > sim::Duration::seconds(14 * 86400))
                r.problems().add(r.pointer("retention"), "must be from 1m to 14d, the retention periods SQS allows");
            else
                q.retention = *retention;
        }
    }
    if (present("deliveryDelay", sqs, SqsOnly)) {
        if (const auto delay = r.duration("deliveryDelay", Need::Optional, false)) {
            if (*delay > sim::Duration::seconds(900))
                r.problems().add(r.pointer("deliveryDelay"), "must be at most 15m, the longest delay SQS allows");
            else
                q.deliveryDelay = *delay;
        }
    }
    readQueueOptions(r, q, present);
    if (q.overflow == OverflowPolicy::RejectNewDeadLetter && known && !rabbit)
        r.problems().add(r.pointer("overflow"), "\"reject-publish-dlx\" only applies to " + std::string(RabbitOnly));
    else if (q.overflow == OverflowPolicy::RejectNewDeadLetter && rabbit && !hasDeadLetter)
        r.problems().add(r.pointer("overflow"), "\"reject-publish-dlx\" needs a \"deadLetter\" target to send "
                                                "refused messages to");
    // An SQS redrive policy always has both: a count without a target has
    // nowhere to move messages, a target without a count never receives any.
    if (sqs && hasReceiveCount && !hasDeadLetter)
        r.problems().add(r.pointer("maxReceiveCount"), "needs \"deadLetter\": SQS moves a message to a dead-letter "
                                                       "queue after maxReceiveCount receives");
    if (sqs && hasDeadLetter && !hasReceiveCount)
        r.problems().add(r.pointer("deadLetter"), "needs \"maxReceiveCount\": SQS moves a message to the dead-letter "
                                                  "queue only after that many receives");
    return q;
}

DeadLetterSpec readDeadLetter(ObjectReader &r)
{
    DeadLetterSpec d;
    if (const Json *redrive = r.get("redrive")) {
        ObjectReader at(*redrive, r.pointer("redrive"), r.problems());
        d.redriveAt = at.duration("at", Need::Required, false);
        at.finish();
    }
    return d;
}

} // namespace asyncsim::models::internal
