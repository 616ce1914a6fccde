// The call sections of the edge page: timeout, retry, circuit breaker and
// fallback. Defaults when a policy is turned on are the config structs'
// (Resilience4j's own); every field is checked with the config's validate().
#include "LinkForm.h"

#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "FieldProblem.h"
#include "LinkCommon.h"
#include "NumberField.h"
#include "ui/TopologyDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>

namespace asyncsim::ui {

using models::CircuitBreakerConfig;
using models::EdgeMode;
using models::EdgeSpec;
using models::FallbackAction;
using models::RetryBackoff;
using models::RetryConfig;
using models::SlidingWindowType;

namespace {

constexpr double MaxCount = 1e9;

QComboBox *choice(QWidget *parent, const char *name)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setPlaceholderText(QStringLiteral("\u2014"));
    return combo;
}

NumberField *count(QWidget *parent, const char *name, double min, const QString &suffix = {})
{
    auto *field = new NumberField(parent);
    field->setObjectName(name);
    field->setDecimals(0);
    field->setLimits(min, MaxCount);
    field->setSuffix(suffix);
    return field;
}

NumberField *number(QWidget *parent, const char *name, double min, double max, int decimals, double step,
                    const QString &suffix = {})
{
    auto *field = new NumberField(parent);
    field->setObjectName(name);
    field->setDecimals(decimals);
    field->setSingleStep(step);
    field->setLimits(min, max);
    field->setSuffix(suffix);
    return field;
}

DurationEdit *duration(QWidget *parent, const char *name)
{
    auto *field = new DurationEdit(parent);
    field->setObjectName(name);
    return field;
}

// validate()'s reason for @p member, if it gives one.
QString reasonFor(const std::vector<models::Problem> &problems, const char *member)
{
    for (const models::Problem &p : problems)
        if (p.pointer == member)
            return QString::fromStdString(p.message);
    return QString();
}

} // namespace

void LinkForm::buildCallSections()
{
    m_callSection = addSection(tr("Call"));
    m_timeout = duration(this, "timeout");
    m_timeout->setPositive(true);
    addCheckedRow(tr("Timeout"), m_timeout,
                  tr("How long the calling worker waits for one attempt's answer before it counts as failed."));

    m_retrySection = addSection(tr("Retry"));
    m_retryOn = new QCheckBox(tr("Retry failed attempts"), this);
    m_retryOn->setObjectName("retryOn");
    addRow(QString(), m_retryOn,
           tr("A Resilience4j retry around the call or publish (and around its breaker): a failed, timed-out, "
              "refused or rejected attempt is tried again after a wait."));
    m_maxAttempts = count(this, "maxAttempts", 1, tr(" attempts"));
    addCheckedRow(tr("Attempts"), m_maxAttempts,
                  tr("Calls in total, the first one included: 3 means at most 2 retries."));
    m_retryWait = duration(this, "retryWait");
    addCheckedRow(tr("Wait"), m_retryWait, tr("The wait before a retry (the first one, for exponential backoff)."));
    m_backoff = choice(this, "backoff");
    m_backoff->addItem(tr("fixed"), static_cast<int>(RetryBackoff::Fixed));
    m_backoff->addItem(tr("exponential"), static_cast<int>(RetryBackoff::Exponential));
    addRow(tr("Backoff"), m_backoff,
           tr("Fixed: the same wait every time. Exponential: each wait is the last × the multiplier."));
    m_multiplier = number(this, "multiplier", 1, 100, 2, 0.1, QStringLiteral("\u00d7"));
    addCheckedRow(tr("Multiplier"), m_multiplier, tr("From one wait to the next."));
    m_maxWait = duration(this, "maxWait");
    m_maxWait->setOptional(true, tr("no cap"));
    addCheckedRow(tr("Max wait"), m_maxWait, tr("No wait is longer than this. Empty: no cap."));
    m_jitter = number(this, "jitter", 0, 1, 2, 0.1);
    addCheckedRow(tr("Jitter"), m_jitter,
                  tr("Randomization factor: each wait is drawn from wait × (1 ± this). 0: none; Resilience4j's "
                     "randomized waits use 0.5."));

    m_breakerSection = addSection(tr("Circuit breaker"));
    m_breakerOn = new QCheckBox(tr("Break the circuit"), this);
    m_breakerOn->setObjectName("breakerOn");
    addRow(QString(), m_breakerOn,
           tr("A Resilience4j circuit breaker: when too many recent calls fail or are slow, calls are rejected "
              "at once for a while, then a few probe calls decide whether to close again."));
    m_windowType = choice(this, "windowType");
    m_windowType->addItem(tr("last N calls"), static_cast<int>(SlidingWindowType::CountBased));
    m_windowType->addItem(tr("last N seconds"), static_cast<int>(SlidingWindowType::TimeBased));
    addRow(tr("Window"), m_windowType, tr("What the failure rate is computed over."));
    m_windowSize = count(this, "windowSize", 1);
    addCheckedRow(tr("Window size"), m_windowSize, tr("Calls, or seconds, in the window."));
    m_minimumCalls = count(this, "minimumCalls", 1, tr(" calls"));
    addCheckedRow(tr("Minimum calls"), m_minimumCalls, tr("Outcomes the window must hold before any rate counts."));
    m_failureRate = number(this, "failureRate", 0, 100, 1, 5, QStringLiteral(" %"));
    addCheckedRow(tr("Failure rate"), m_failureRate, tr("The breaker opens when this share of the window failed."));
    m_slowRate = number(this, "slowRate", 0, 100, 1, 5, QStringLiteral(" %"));
    addCheckedRow(tr("Slow-call rate"), m_slowRate, tr("The breaker opens when this share of the window was slow."));
    m_slowDuration = duration(this, "slowDuration");
    m_slowDuration->setPositive(true);
    addCheckedRow(tr("Slow after"), m_slowDuration, tr("A call is slow when it takes longer than this."));
    m_openWait = duration(this, "openWait");
    addCheckedRow(tr("Open for"), m_openWait, tr("How long the open breaker rejects calls before probing."));
    m_openWaitMultiplier = number(this, "openWaitMultiplier", 1, 100, 2, 0.5, QStringLiteral("\u00d7"));
    addCheckedRow(tr("Wait multiplier"), m_openWaitMultiplier,
                  tr("Each consecutive opening waits this much longer; 1 keeps the wait fixed."));
    m_maxOpenWait = duration(this, "maxOpenWait");
    m_maxOpenWait->setOptional(true, tr("no cap"));
    addCheckedRow(tr("Max open wait"), m_maxOpenWait, tr("No wait in the open state is longer. Empty: no cap."));
    m_halfOpenCalls = count(this, "halfOpenCalls", 1, tr(" calls"));
    addCheckedRow(tr("Probe calls"), m_halfOpenCalls, tr("Calls let through in the half-open state to decide."));
    m_automaticHalfOpen = new QCheckBox(tr("Half-open without traffic"), this);
    m_automaticHalfOpen->setObjectName("automaticHalfOpen");
    addRow(QString(), m_automaticHalfOpen,
           tr("On: the breaker turns half-open as soon as the wait is over. Off: the first call after the wait "
              "turns it."));
    m_halfOpenMaxWait = duration(this, "halfOpenMaxWait");
    // Resilience4j's 0 means "no limit": shown as the empty field.
    m_halfOpenMaxWait->setOptional(true, tr("until the probes decide"));
    addCheckedRow(tr("Max half-open"), m_halfOpenMaxWait,
                  tr("The longest stay in the half-open state before it opens again. Empty: until the probe calls "
                     "have decided."));

    m_fallbackSection = addSection(tr("Fallback"));
    m_fallback = choice(this, "fallback");
    m_fallback->addItem(tr("fail the caller"), static_cast<int>(FallbackAction::Fail));
    m_fallback->addItem(tr("drop the message"), static_cast<int>(FallbackAction::Drop));
    m_fallback->addItem(tr("route to a node"), static_cast<int>(FallbackAction::Route));
    addRow(tr("When all fail"), m_fallback,
           tr("What happens to the sender's message when the last attempt failed, timed out or was rejected. On a "
              "publish edge, failing drops it with the reason of the last refusal."));
    m_fallbackTo = choice(this, "fallbackTo");
    addRow(tr("Route to"), m_fallbackTo,
           tr("The node that takes the message instead; the caller's work counts as done."));
}

void LinkForm::connectCallFields()
{
    connect(m_timeout, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        m_document->changeLinks(m_ids, tr("Timeout"), [d](EdgeSpec &e) { e.timeout = d; });
    });

    connect(m_retryOn, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep(on ? tr("Turn On Retry") : tr("Turn Off Retry"), [on](EdgeSpec &e) {
            if (!on)
                e.retry.reset();
            else if (!e.retry)
                e.retry = RetryConfig{};
        });
    });
    connect(m_maxAttempts, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            editRetry(m_maxAttempts, "maxAttempts", tr("Attempts"),
                      [n = static_cast<int>(*v)](RetryConfig &r) { r.maxAttempts = n; });
    });
    connect(m_retryWait, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        editRetry(m_retryWait, "interval", tr("Retry wait"), [d](RetryConfig &r) { r.interval = d; });
    });
    connect(m_backoff, &QComboBox::activated, this, [this] {
        const auto backoff = static_cast<RetryBackoff>(m_backoff->currentData().toInt());
        editAsStep(tr("Change Backoff"), [backoff](EdgeSpec &e) {
            if (!e.retry)
                return;
            e.retry->backoff = backoff;
            if (backoff == RetryBackoff::Fixed)
                e.retry->maxInterval.reset(); // a cap applies to exponential backoff only
        });
    });
    connect(m_multiplier, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            editRetry(m_multiplier, "multiplier", tr("Retry multiplier"),
                      [m = *v](RetryConfig &r) { r.multiplier = m; });
    });
    connect(m_maxWait, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        editRetry(m_maxWait, "maxInterval", tr("Retry max wait"), [d](RetryConfig &r) { r.maxInterval = d; });
    });
    connect(m_maxWait, &DurationEdit::durationCleared, this, [this] {
        editRetry(m_maxWait, "maxInterval", tr("Retry max wait"), [](RetryConfig &r) { r.maxInterval.reset(); });
    });
    connect(m_jitter, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            editRetry(m_jitter, "randomizationFactor", tr("Jitter"),
                      [f = *v](RetryConfig &r) { r.randomizationFactor = f; });
    });

    connect(m_breakerOn, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep(on ? tr("Turn On Circuit Breaker") : tr("Turn Off Circuit Breaker"), [on](EdgeSpec &e) {
            if (!on)
                e.circuitBreaker.reset();
            else if (!e.circuitBreaker)
                e.circuitBreaker = CircuitBreakerConfig{};
        });
    });
    connect(m_windowType, &QComboBox::activated, this, [this] {
        const auto type = static_cast<SlidingWindowType>(m_windowType->currentData().toInt());
        editAsStep(tr("Change Breaker Window"), [type](EdgeSpec &e) {
            if (e.circuitBreaker)
                e.circuitBreaker->slidingWindowType = type;
        });
    });
    const auto breakerCount
        = [this](NumberField *field, const char *member, const QString &property, int CircuitBreakerConfig::*target) {
              connect(field, &NumberField::numberEdited, this, [=, this](std::optional<double> v) {
                  if (v)
                      editBreaker(field, member, property,
                                  [target, n = static_cast<int>(*v)](CircuitBreakerConfig &c) { c.*target = n; });
              });
          };
    breakerCount(m_windowSize, "slidingWindowSize", tr("Breaker window"), &CircuitBreakerConfig::slidingWindowSize);
    breakerCount(m_minimumCalls, "minimumNumberOfCalls", tr("Minimum calls"),
                 &CircuitBreakerConfig::minimumNumberOfCalls);
    breakerCount(m_halfOpenCalls, "permittedNumberOfCallsInHalfOpenState", tr("Probe calls"),
                 &CircuitBreakerConfig::permittedNumberOfCallsInHalfOpenState);
    const auto breakerNumber = [this](NumberField *field, const char *member, const QString &property,
                                      double CircuitBreakerConfig::*target) {
        connect(field, &NumberField::numberEdited, this, [=, this](std::optional<double> v) {
            if (v)
                editBreaker(field, member, property, [target, x = *v](CircuitBreakerConfig &c) { c.*target = x; });
        });
    };
    breakerNumber(m_failureRate, "failureRateThreshold", tr("Failure rate"),
                  &CircuitBreakerConfig::failureRateThreshold);
    breakerNumber(m_slowRate, "slowCallRateThreshold", tr("Slow-call rate"),
                  &CircuitBreakerConfig::slowCallRateThreshold);
    breakerNumber(m_openWaitMultiplier, "waitDurationMultiplier", tr("Open wait multiplier"),
                  &CircuitBreakerConfig::waitDurationMultiplier);
    const auto breakerDuration = [this](DurationEdit *field, const char *member, const QString &property,
                                        sim::Duration CircuitBreakerConfig::*target) {
        connect(field, &DurationEdit::durationEdited, this, [=, this](sim::Duration d) {
            editBreaker(field, member, property, [target, d](CircuitBreakerConfig &c) { c.*target = d; });
        });
    };
    breakerDuration(m_slowDuration, "slowCallDurationThreshold", tr("Slow-call duration"),
                    &CircuitBreakerConfig::slowCallDurationThreshold);
    breakerDuration(m_openWait, "waitDurationInOpenState", tr("Open wait"),
                    &CircuitBreakerConfig::waitDurationInOpenState);
    breakerDuration(m_halfOpenMaxWait, "maxWaitDurationInHalfOpenState", tr("Max half-open wait"),
                    &CircuitBreakerConfig::maxWaitDurationInHalfOpenState);
    connect(m_halfOpenMaxWait, &DurationEdit::durationCleared, this, [this] {
        editBreaker(m_halfOpenMaxWait, "maxWaitDurationInHalfOpenState", tr("Max half-open wait"),
                    [](CircuitBreakerConfig &c) { c.maxWaitDurationInHalfOpenState = sim::Duration::zero(); });
    });
    connect(m_maxOpenWait, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        editBreaker(m_maxOpenWait, "maxWaitDurationInOpenState", tr("Max open wait"),
                    [d](CircuitBreakerConfig &c) { c.maxWaitDurationInOpenState = d; });
    });
    connect(m_maxOpenWait, &DurationEdit::durationCleared, this, [this] {
        editBreaker(m_maxOpenWait, "maxWaitDurationInOpenState", tr("Max open wait"),
                    [](CircuitBreakerConfig &c) { c.maxWaitDurationInOpenState.reset(); });
    });
    connect(m_automaticHalfOpen, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep(on ? tr("Half-Open Automatically") : tr("Half-Open on a Call"), [on](EdgeSpec &e) {
            if (e.circuitBreaker)
                e.circuitBreaker->automaticTransitionFromOpenToHalfOpenEnabled = on;
        });
    });

    connect(m_fallback, &QComboBox::activated, this, [this] {
        const auto action = static_cast<FallbackAction>(m_fallback->currentData().toInt());
        // Routing needs a target: the first node offered, until one is chosen.
        const std::string first
            = m_fallbackTo->count() > 0 ? m_fallbackTo->itemData(0).toString().toStdString() : std::string();
        editAsStep(tr("Change Fallback"), [action, first](EdgeSpec &e) {
            e.fallback.action = action;
            if (action != FallbackAction::Route)
                e.fallback.to.clear();
            else if (e.fallback.to.empty())
                e.fallback.to = first;
        });
    });
    connect(m_fallbackTo, &QComboBox::activated, this, [this] {
        const std::string to = m_fallbackTo->currentData().toString().toStdString();
        editAsStep(tr("Change Fallback Target"), [to](EdgeSpec &e) {
            if (e.fallback.action == FallbackAction::Route)
                e.fallback.to = to;
        });
    });
}

// Validates the edit on every selected edge's copy of the policy first, so a
// refused value changes nothing and says why under its field.
template <typename Config>
void LinkForm::editPolicy(std::optional<Config> models::EdgeSpec::*policy, QWidget *field, const char *member,
                          const QString &property, const std::function<void(Config &)> &change)
{
    QString reason;
    for (LinkId id : m_ids) {
        if (!m_document->contains(id) || !(m_document->edge(id).*policy))
            continue;
        Config edited = *(m_document->edge(id).*policy);
        change(edited);
        reason = reasonFor(edited.validate(), member);
        if (!reason.isEmpty())
            break;
    }
    FieldProblem::set(field, reason);
    if (reason.isEmpty())
        m_document->changeLinks(m_ids, property, [policy, change](EdgeSpec &e) {
            if (e.*policy)
                change(*(e.*policy));
        });
}

void LinkForm::editRetry(QWidget *field, const char *member, const QString &property,
                         const std::function<void(RetryConfig &)> &change)
{
    editPolicy(&EdgeSpec::retry, field, member, property, change);
}

void LinkForm::editBreaker(QWidget *field, const char *member, const QString &property,
                           const std::function<void(CircuitBreakerConfig &)> &change)
{
    editPolicy(&EdgeSpec::circuitBreaker, field, member, property, change);
}

void LinkForm::refreshCall()
{
    const auto mode = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.mode; });
    const bool call = mode == EdgeMode::Call;
    // A publish edge takes a retry, a breaker and a fallback too (a refused
    // publish is a failed attempt); only a call waits, so only it has a timeout.
    const bool policies = call || mode == EdgeMode::Publish;
    setRowShown(m_callSection, call);
    for (QWidget *section : {m_retrySection, m_breakerSection, m_fallbackSection})
        setRowShown(section, policies);
    setRowShown(m_timeout, call);
    if (call)
        showDuration(m_timeout, commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.timeout; }));
    refreshRetry(policies);
    refreshBreaker(policies);
    refreshFallback(policies);
}

void LinkForm::refreshRetry(bool shown)
{
    setRowShown(m_retryOn, shown);
    const auto on = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.retry.has_value(); });
    showChecked(m_retryOn, on);
    const bool fields = shown && on == true;
    const auto get = [this](auto member) {
        return commonOfLinks(m_document, m_ids, [member](const EdgeSpec &e) { return (*e.retry).*member; });
    };
    const auto backoff = fields ? get(&RetryConfig::backoff) : std::nullopt;
    const bool exponential = backoff == RetryBackoff::Exponential;
    for (QWidget *w : std::initializer_list<QWidget *>{m_maxAttempts, m_retryWait, m_backoff, m_jitter})
        setRowShown(w, fields);
    setRowShown(m_multiplier, fields && exponential);
    setRowShown(m_maxWait, fields && exponential);
    if (!fields)
        return;
    showNumber(m_maxAttempts, get(&RetryConfig::maxAttempts));
    showDuration(m_retryWait, get(&RetryConfig::interval));
    showChoice(m_backoff, backoff ? std::optional(static_cast<int>(*backoff)) : std::nullopt);
    showNumber(m_multiplier, get(&RetryConfig::multiplier));
    showOptionalDuration(m_maxWait, get(&RetryConfig::maxInterval));
    showNumber(m_jitter, get(&RetryConfig::randomizationFactor));
}

void LinkForm::refreshBreaker(bool shown)
{
    setRowShown(m_breakerOn, shown);
    const auto on = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.circuitBreaker.has_value(); });
    showChecked(m_breakerOn, on);
    const bool fields = shown && on == true;
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_windowType, m_windowSize, m_minimumCalls, m_failureRate, m_slowRate, m_slowDuration, m_openWait,
             m_openWaitMultiplier, m_maxOpenWait, m_halfOpenCalls, m_automaticHalfOpen, m_halfOpenMaxWait})
        setRowShown(w, fields);
    if (!fields)
        return;
    const auto get = [this](auto member) {
        return commonOfLinks(m_document, m_ids, [member](const EdgeSpec &e) { return (*e.circuitBreaker).*member; });
    };
    const auto type = get(&CircuitBreakerConfig::slidingWindowType);
    showChoice(m_windowType, type ? std::optional(static_cast<int>(*type)) : std::nullopt);
    m_windowSize->setSuffix(type == SlidingWindowType::TimeBased ? tr(" s") : type ? tr(" calls") : QString());
    showNumber(m_windowSize, get(&CircuitBreakerConfig::slidingWindowSize));
    showNumber(m_minimumCalls, get(&CircuitBreakerConfig::minimumNumberOfCalls));
    showNumber(m_failureRate, get(&CircuitBreakerConfig::failureRateThreshold));
    showNumber(m_slowRate, get(&CircuitBreakerConfig::slowCallRateThreshold));
    showDuration(m_slowDuration, get(&CircuitBreakerConfig::slowCallDurationThreshold));
    showDuration(m_openWait, get(&CircuitBreakerConfig::waitDurationInOpenState));
    showNumber(m_openWaitMultiplier, get(&CircuitBreakerConfig::waitDurationMultiplier));
    showOptionalDuration(m_maxOpenWait, get(&CircuitBreakerConfig::maxWaitDurationInOpenState));
    showNumber(m_halfOpenCalls, get(&CircuitBreakerConfig::permittedNumberOfCallsInHalfOpenState));
    showChecked(m_automaticHalfOpen, get(&CircuitBreakerConfig::automaticTransitionFromOpenToHalfOpenEnabled));
    const auto halfOpenMaxWait = get(&CircuitBreakerConfig::maxWaitDurationInHalfOpenState);
    if (halfOpenMaxWait == sim::Duration::zero())
        m_halfOpenMaxWait->setOptionalDuration(std::nullopt);
    else
        showDuration(m_halfOpenMaxWait, halfOpenMaxWait);
}

void LinkForm::refreshFallback(bool shown)
{
    setRowShown(m_fallback, shown);
    const auto action = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.fallback.action; });
    showChoice(m_fallback, action ? std::optional(static_cast<int>(*action)) : std::nullopt);
    const bool route = shown && action == FallbackAction::Route;
    setRowShown(m_fallbackTo, route);
    if (!shown)
        return;

    // The nodes that can take a fallback's messages: not producers, not
    // dead-letter queues, not the caller itself.
    const auto callers = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.from; });
    QStringList names;
    for (const models::NodeSpec &n : m_document->topology().nodes) {
        const models::NodeKind kind = n.kind();
        if (kind == models::NodeKind::Producer || kind == models::NodeKind::DeadLetter || (callers && n.id == *callers))
            continue;
        names << QString::fromStdString(n.id);
    }
    const auto target = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.fallback.to; });
    const QString current = target ? QString::fromStdString(*target) : QString();
    if (route && target && !current.isEmpty() && !names.contains(current))
        names << current; // a missing node stays shown; the problems panel explains it
    const QSignalBlocker blocker(m_fallbackTo);
    QStringList shownNames;
    for (int i = 0; i < m_fallbackTo->count(); ++i)
        shownNames << m_fallbackTo->itemData(i).toString();
    if (shownNames != names) {
        m_fallbackTo->clear();
        for (const QString &name : names)
            m_fallbackTo->addItem(name, name);
    }
    m_fallbackTo->setCurrentIndex(target ? m_fallbackTo->findData(current) : -1);
}

} // namespace asyncsim::ui
