#pragma once

#include "InspectorForm.h"
#include "ui/Ids.h"

#include "models/Topology.h" // after Qt: moc needs the Qt headers first

#include <functional>
#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QComboBox)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;
class TopologyDocument;

/// The inspector's page for one or more edges: their ends and mode (publish
/// or call between two services), the probability of a publish edge, a
/// call's timeout, and the retry policy, circuit breaker and fallback of a
/// call or publish edge.
class LinkForm : public InspectorForm
{
    Q_OBJECT

public:
    LinkForm(TopologyDocument *document, std::vector<LinkId> ids, QWidget *parent = nullptr);

    const std::vector<LinkId> &ids() const { return m_ids; }
    void refresh() override;

private:
    void buildCallSections();
    void connectCallFields();
    void refreshCall();
    void refreshRetry(bool shown);
    void refreshBreaker(bool shown);
    void refreshFallback(bool shown);
    /// The consumer-group section (LinkFormConsume.cpp): the commit override of a topic's consume edge.
    void buildConsumeSection();
    void connectConsumeFields();
    void refreshConsume();
    /// Every selected edge is a consume edge from a topic.
    bool consumesTopic() const;

    void setProbabilityOn(bool on);
    void setProbability(double probability);
    void setMode(models::EdgeMode mode);
    /// Applies @p edit to every selected edge as an undo step of its own named
    /// @p action (a click), if it changes anything.
    void editAsStep(const QString &action, const std::function<void(models::EdgeSpec &)> &edit);
    /// Applies @p change to the retry policy (or breaker) of every selected
    /// edge that has one, as one step named @p property that typing merges;
    /// refused, with validate()'s reason on @p field, when it makes the
    /// member @p member invalid.
    template <typename Config>
    void editPolicy(std::optional<Config> models::EdgeSpec::*policy, QWidget *field, const char *member,
                    const QString &property, const std::function<void(Config &)> &change);
    void editRetry(QWidget *field, const char *member, const QString &property,
                   const std::function<void(models::RetryConfig &)> &change);
    void editBreaker(QWidget *field, const char *member, const QString &property,
                     const std::function<void(models::CircuitBreakerConfig &)> &change);
    /// Every selected edge joins two services (so it may be publish or call).
    bool switchable() const;

    TopologyDocument *m_document; // not owned
    std::vector<LinkId> m_ids;
    QLabel *m_from;
    QLabel *m_to;
    QLabel *m_mode;
    QComboBox *m_modeChoice;
    QLabel *m_modeNote;
    QWidget *m_routingSection;
    QLabel *m_routingNote;
    QCheckBox *m_byProbability;
    NumberField *m_probability;

    QWidget *m_callSection = nullptr;
    DurationEdit *m_timeout = nullptr;

    QWidget *m_retrySection = nullptr;
    QCheckBox *m_retryOn = nullptr;
    NumberField *m_maxAttempts = nullptr;
    DurationEdit *m_retryWait = nullptr;
    QComboBox *m_backoff = nullptr;
    NumberField *m_multiplier = nullptr;
    DurationEdit *m_maxWait = nullptr;
    NumberField *m_jitter = nullptr;

    QWidget *m_breakerSection = nullptr;
    QCheckBox *m_breakerOn = nullptr;
    QComboBox *m_windowType = nullptr;
    NumberField *m_windowSize = nullptr;
    NumberField *m_minimumCalls = nullptr;
    NumberField *m_failureRate = nullptr;
    NumberField *m_slowRate = nullptr;
    DurationEdit *m_slowDuration = nullptr;
    DurationEdit *m_openWait = nullptr;
    NumberField *m_openWaitMultiplier = nullptr;
    DurationEdit *m_maxOpenWait = nullptr;
    NumberField *m_halfOpenCalls = nullptr;
    QCheckBox *m_automaticHalfOpen = nullptr;
    DurationEdit *m_halfOpenMaxWait = nullptr;

    QWidget *m_fallbackSection = nullptr;
    QComboBox *m_fallback = nullptr;
    QComboBox *m_fallbackTo = nullptr;

    QWidget *m_consumeSection = nullptr;
    QComboBox *m_groupCommit = nullptr;
    DurationEdit *m_groupInterval = nullptr;
    QComboBox *m_groupAssignor = nullptr;
};

} // namespace asyncsim::ui
