// The edge page's call sections: mode, timeout, retry, circuit breaker and
// fallback, each field one undoable edit, checked with the configs' validate().
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/FieldProblem.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTest>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::CircuitBreakerConfig;
using models::EdgeMode;
using models::EdgeSpec;
using models::FallbackAction;
using models::NodeKind;
using models::RetryBackoff;
using models::RetryConfig;
using models::ServiceSpec;

namespace {

// orders -> payments (two services) and payments -> audit (a queue).
struct CallSetup
{
    TopologyDocument document;
    ComponentId orders = addNode<ServiceSpec>(document, NodeKind::Service, "orders");
    ComponentId payments = addNode<ServiceSpec>(document, NodeKind::Service, "payments");
    ComponentId audit = addNode<models::QueueSpec>(document, NodeKind::Queue, "audit");
    LinkId call = document.connectComponents(orders, payments);
    Inspector inspector{&document};

    CallSetup()
    {
        inspector.resize(360, 1400);
        inspector.show();
        inspector.setSelection({}, {call});
    }
    const EdgeSpec &edge() const { return document.edge(call); }
    int steps() const { return document.undoStack()->count(); }
    void choose(const QString &combo, int data)
    {
        auto *box = field<QComboBox>(&inspector, combo);
        ASSERT_TRUE(box);
        box->setCurrentIndex(box->findData(data));
        Q_EMIT box->activated(box->currentIndex());
    }
    void type(const QString &name, const QString &text)
    {
        // A duration is a line edit; a number a spin box (whose own line edit has another name).
        QWidget *target = inspector.findChild<QLineEdit *>(name);
        if (!target)
            target = field<QAbstractSpinBox>(&inspector, name);
        ASSERT_TRUE(target);
        if (auto *edit = qobject_cast<QLineEdit *>(target))
            edit->selectAll();
        else
            static_cast<QAbstractSpinBox *>(target)->selectAll();
        QTest::keyClicks(target, text);
    }
    bool shown(const QString &name) { return inspector.findChild<QWidget *>(name)->isVisibleTo(&inspector); }
};

} // namespace

TEST(InspectorCall, ModeSwitchesBetweenPublishAndCallAsOneStep)
{
    CallSetup s;
    EXPECT_EQ(s.edge().mode, EdgeMode::Publish);
    EXPECT_TRUE(s.shown("modeChoice"));
    EXPECT_FALSE(s.shown("timeout"));
    s.document.changeLinks({s.call}, "Setup", [](EdgeSpec &e) { e.probability = 0.5; });
    const int before = s.steps();
    s.choose("modeChoice", int(EdgeMode::Call));
    EXPECT_EQ(s.edge().mode, EdgeMode::Call);
    EXPECT_FALSE(s.edge().probability); // a call takes no probability
    EXPECT_EQ(s.steps(), before + 1);
    EXPECT_TRUE(s.shown("timeout"));
    EXPECT_TRUE(s.shown("retryOn"));
    EXPECT_FALSE(s.shown("byProbability"));

    // Back to publish: the timeout goes, so the file stays valid; a publish
    // edge keeps its retry (and breaker and fallback).
    s.document.changeLinks({s.call}, "Setup", [](EdgeSpec &e) {
        e.retry = RetryConfig{};
        e.timeout = sim::Duration::milliseconds(250);
    });
    s.choose("modeChoice", int(EdgeMode::Publish));
    EXPECT_EQ(s.edge().mode, EdgeMode::Publish);
    EXPECT_TRUE(s.edge().retry);
    EXPECT_EQ(s.edge().timeout, EdgeSpec{}.timeout);
    s.document.undoStack()->undo();
    EXPECT_EQ(s.edge().mode, EdgeMode::Call);
    EXPECT_EQ(s.edge().timeout, sim::Duration::milliseconds(250));

    // A queue's edge to a service is consume and stays so: no choice offered.
    const LinkId consume = s.document.connectComponents(s.audit, s.orders);
    s.inspector.setSelection({}, {consume});
    EXPECT_FALSE(s.shown("modeChoice"));
    EXPECT_TRUE(s.shown("mode"));
}

TEST(InspectorCall, APublishEdgeTakesRetryBreakerAndFallbackButNoTimeout)
{
    CallSetup s;
    const LinkId publish = s.document.connectComponents(s.orders, s.audit);
    s.inspector.setSelection({}, {publish});
    EXPECT_FALSE(s.shown("timeout"));
    EXPECT_TRUE(s.shown("retryOn"));
    EXPECT_TRUE(s.shown("breakerOn"));
    EXPECT_TRUE(s.shown("fallback"));
    const int before = s.steps();
    field<QCheckBox>(&s.inspector, "retryOn")->click();
    EXPECT_EQ(s.steps(), before + 1);
    ASSERT_TRUE(s.document.edge(publish).retry);
    EXPECT_EQ(*s.document.edge(publish).retry, RetryConfig{});
    EXPECT_TRUE(s.shown("maxAttempts"));
    field<QCheckBox>(&s.inspector, "breakerOn")->click();
    EXPECT_TRUE(s.document.edge(publish).circuitBreaker);
    EXPECT_FALSE(models::hasErrors(models::checkTopology(s.document.topology())));
}

TEST(InspectorCall, TimeoutTypingIsOneStep)
{
    CallSetup s;
    s.choose("modeChoice", int(EdgeMode::Call));
    const int before = s.steps();
    s.type("timeout", "250ms");
    EXPECT_EQ(s.edge().timeout, sim::Duration::milliseconds(250));
    EXPECT_EQ(s.steps(), before + 1);
}

TEST(InspectorCall, RetryTurnsOnWithResilience4jDefaultsAndEachFieldIsOneStep)
{
    CallSetup s;
    s.choose("modeChoice", int(EdgeMode::Call));
    EXPECT_FALSE(s.shown("maxAttempts"));
    int before = s.steps();
    field<QCheckBox>(&s.inspector, "retryOn")->click();
    ASSERT_TRUE(s.edge().retry);
    EXPECT_EQ(*s.edge().retry, RetryConfig{});
    EXPECT_EQ(s.steps(), before + 1);
    EXPECT_TRUE(s.shown("maxAttempts"));
    EXPECT_FALSE(s.shown("multiplier")); // fixed backoff: no multiplier, no cap
    EXPECT_FALSE(s.shown("maxWait"));

    before = s.steps();
    s.type("maxAttempts", "5");
    EXPECT_EQ(s.edge().retry->maxAttempts, 5);
    s.type("retryWait", "200ms");
    EXPECT_EQ(s.edge().retry->interval, sim::Duration::milliseconds(200));
    s.type("jitter", "0.5");
    EXPECT_EQ(s.edge().retry->randomizationFactor, 0.5);
    EXPECT_EQ(s.steps(), before + 3);

    s.choose("backoff", int(RetryBackoff::Exponential));
    EXPECT_EQ(s.edge().retry->backoff, RetryBackoff::Exponential);
    EXPECT_TRUE(s.shown("multiplier"));
    EXPECT_TRUE(s.shown("maxWait"));
    s.type("multiplier", "2");
    EXPECT_EQ(s.edge().retry->multiplier, 2);
    s.type("maxWait", "5s");
    EXPECT_EQ(s.edge().retry->maxInterval, sim::Duration::seconds(5));
    EXPECT_EQ(s.steps(), before + 6);

    // Back to fixed drops the cap, which applies to exponential backoff only.
    s.choose("backoff", int(RetryBackoff::Fixed));
    EXPECT_FALSE(s.edge().retry->maxInterval);

    // A wait finer than a millisecond is refused with validate()'s reason.
    before = s.steps();
    s.type("retryWait", "1500us");
    EXPECT_EQ(s.edge().retry->interval, sim::Duration::milliseconds(200));
    EXPECT_EQ(FieldProblem::of(field<QWidget>(&s.inspector, "retryWait")),
              QStringLiteral("must be a whole number of milliseconds"));
    EXPECT_EQ(s.steps(), before);

    field<QCheckBox>(&s.inspector, "retryOn")->click();
    EXPECT_FALSE(s.edge().retry);
    s.document.undoStack()->undo();
    EXPECT_TRUE(s.edge().retry);
}

TEST(InspectorCall, BreakerFieldsEditTheConfig)
{
    CallSetup s;
    s.choose("modeChoice", int(EdgeMode::Call));
    field<QCheckBox>(&s.inspector, "breakerOn")->click();
    ASSERT_TRUE(s.edge().circuitBreaker);
    EXPECT_EQ(*s.edge().circuitBreaker, CircuitBreakerConfig{});
    EXPECT_TRUE(s.shown("windowSize"));

    const int before = s.steps();
    s.type("windowSize", "20");
    s.type("minimumCalls", "10");
    s.type("failureRate", "40");
    s.type("slowRate", "80");
    s.type("slowDuration", "2s");
    s.type("openWait", "10s");
    s.type("openWaitMultiplier", "2");
    s.type("maxOpenWait", "1m");
    s.type("halfOpenCalls", "3");
    s.type("halfOpenMaxWait", "5s");
    EXPECT_EQ(s.steps(), before + 10);
    field<QCheckBox>(&s.inspector, "automaticHalfOpen")->click();
    s.choose("windowType", int(models::SlidingWindowType::TimeBased));
    EXPECT_EQ(s.steps(), before + 12);

    CircuitBreakerConfig expected;
    expected.slidingWindowType = models::SlidingWindowType::TimeBased;
    expected.slidingWindowSize = 20;
    expected.minimumNumberOfCalls = 10;
    expected.failureRateThreshold = 40;
    expected.slowCallRateThreshold = 80;
    expected.slowCallDurationThreshold = sim::Duration::seconds(2);
    expected.waitDurationInOpenState = sim::Duration::seconds(10);
    expected.waitDurationMultiplier = 2;
    expected.maxWaitDurationInOpenState = sim::Duration::seconds(60);
    expected.permittedNumberOfCallsInHalfOpenState = 3;
    expected.automaticTransitionFromOpenToHalfOpenEnabled = true;
    expected.maxWaitDurationInHalfOpenState = sim::Duration::seconds(5);
    EXPECT_EQ(*s.edge().circuitBreaker, expected);

    // Emptying the half-open limit is Resilience4j's 0: no limit.
    auto *halfOpenMaxWait = field<DurationEdit>(&s.inspector, "halfOpenMaxWait");
    halfOpenMaxWait->selectAll();
    QTest::keyClick(halfOpenMaxWait, Qt::Key_Backspace);
    EXPECT_EQ(s.edge().circuitBreaker->maxWaitDurationInHalfOpenState, sim::Duration::zero());
    EXPECT_TRUE(halfOpenMaxWait->text().isEmpty());

    // 0 % is refused with validate()'s reason; the config keeps 40.
    s.type("failureRate", "0");
    EXPECT_EQ(s.edge().circuitBreaker->failureRateThreshold, 40);
    EXPECT_EQ(FieldProblem::of(field<QWidget>(&s.inspector, "failureRate")),
              QStringLiteral("must be a percentage > 0 and \u2264 100"));
}

TEST(InspectorCall, FallbackRoutesToAChosenNode)
{
    CallSetup s;
    s.choose("modeChoice", int(EdgeMode::Call));
    EXPECT_FALSE(s.shown("fallbackTo"));
    s.choose("fallback", int(FallbackAction::Route));
    EXPECT_EQ(s.edge().fallback.action, FallbackAction::Route);
    EXPECT_TRUE(s.shown("fallbackTo"));
    auto *to = field<QComboBox>(&s.inspector, "fallbackTo");
    // Not the caller itself; producers and dead-letter queues neither.
    EXPECT_EQ(to->findData("orders"), -1);
    EXPECT_EQ(s.edge().fallback.to, "payments"); // the first offered
    to->setCurrentIndex(to->findData("audit"));
    Q_EMIT to->activated(to->currentIndex());
    EXPECT_EQ(s.edge().fallback.to, "audit");
    s.choose("fallback", int(FallbackAction::Drop));
    EXPECT_EQ(s.edge().fallback, (models::FallbackSpec{FallbackAction::Drop, ""}));
    s.document.undoStack()->undo();
    EXPECT_EQ(s.edge().fallback, (models::FallbackSpec{FallbackAction::Route, "audit"}));
}

TEST(InspectorCall, SeveralEdgesShowTheirCommonValues)
{
    CallSetup s;
    const ComponentId shipping = addNode<ServiceSpec>(s.document, NodeKind::Service, "shipping");
    const LinkId second = s.document.connectComponents(s.orders, shipping);
    s.document.changeLinks({s.call, second}, "Setup", [](EdgeSpec &e) {
        e.mode = EdgeMode::Call;
        e.retry = RetryConfig{};
    });
    s.document.changeLinks({second}, "Setup", [](EdgeSpec &e) {
        e.retry->maxAttempts = 5;
        e.timeout = sim::Duration::milliseconds(300);
    });
    s.inspector.setSelection({}, {s.call, second});
    EXPECT_TRUE(field<NumberField>(&s.inspector, "maxAttempts")->isMixed());
    EXPECT_TRUE(field<DurationEdit>(&s.inspector, "timeout")->isMixed());
    EXPECT_EQ(field<NumberField>(&s.inspector, "jitter")->value(), 0);
    // One edit sets both.
    const int before = s.steps();
    s.type("maxAttempts", "4");
    EXPECT_EQ(s.document.edge(s.call).retry->maxAttempts, 4);
    EXPECT_EQ(s.document.edge(second).retry->maxAttempts, 4);
    EXPECT_EQ(s.steps(), before + 1);
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the edge page of flaky-payments'
// call, light and dark.
TEST(InspectorCall, RendersTheCallPageOfFlakyPayments)
{
    TopologyDocument document;
    document.load(models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"));
    LinkId call = InvalidLinkId;
    for (LinkId id : document.linkIds())
        if (document.edge(id).mode == EdgeMode::Call)
            call = id;
    ASSERT_NE(call, InvalidLinkId);
    for (const bool dark : {false, true}) {
        Inspector inspector(&document);
        if (dark)
            inspector.setPalette(darkPalette());
        inspector.resize(360, 1250);
        inspector.show();
        inspector.setSelection({}, {call});
        QTest::qWait(20);
        EXPECT_EQ(field<NumberField>(&inspector, "maxAttempts")->value(), 3);
        EXPECT_EQ(field<DurationEdit>(&inspector, "timeout")->text(), "500ms");
        EXPECT_EQ(field<QComboBox>(&inspector, "fallbackTo")->currentText(), "manual-payments");
        if (const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR"); !dir.isEmpty())
            inspector.grab().save(QStringLiteral("%1/edge-page-%2.png").arg(dir, dark ? "dark" : "light"));
    }
}
