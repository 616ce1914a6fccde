#include "CallPolicyText.h"

#include "ui/inspector/DurationDisplay.h"

#include <QCoreApplication>
#include <QStringList>

namespace asyncsim::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CallPolicyText", text);
}

QString number(double value)
{
    return QString::number(value, 'g', 4);
}

} // namespace

QString callLabelText(const models::EdgeSpec &edge)
{
    return tr("call \u00b7 %1").arg(durationDisplayText(edge.timeout));
}

QString retrySummary(const models::RetryConfig &retry)
{
    QString text = tr("retry \u00d7%1, %2").arg(retry.maxAttempts).arg(durationDisplayText(retry.interval));
    if (retry.backoff == models::RetryBackoff::Exponential) {
        text += QStringLiteral(" \u00d7") + number(retry.multiplier);
        if (retry.maxInterval)
            text += tr(", max %1").arg(durationDisplayText(*retry.maxInterval));
    }
    if (retry.randomizationFactor > 0)
        text += tr(", jitter %1").arg(number(retry.randomizationFactor));
    return text;
}

QString breakerSummary(const models::CircuitBreakerConfig &breaker)
{
    const QString window = breaker.slidingWindowType == models::SlidingWindowType::CountBased
                             ? tr("%1 calls").arg(breaker.slidingWindowSize)
                             : tr("%1 s").arg(breaker.slidingWindowSize);
    QString text
        = tr("breaker: %1% of %2, open %3")
              .arg(number(breaker.failureRateThreshold), window, durationDisplayText(breaker.waitDurationInOpenState));
    if (breaker.slowCallRateThreshold < 100)
        text += tr(", slow %1% over %2")
                    .arg(number(breaker.slowCallRateThreshold), durationDisplayText(breaker.slowCallDurationThreshold));
    return text;
}

QString fallbackSummary(const models::FallbackSpec &fallback)
{
    switch (fallback.action) {
    case models::FallbackAction::Fail:
        break;
    case models::FallbackAction::Drop:
        return tr("fallback: drop");
    case models::FallbackAction::Route:
        return tr("fallback: route to %1").arg(QString::fromStdString(fallback.to));
    }
    return QString();
}

QString callPolicySummary(const models::EdgeSpec &edge)
{
    QStringList parts;
    if (edge.retry)
        parts << retrySummary(*edge.retry);
    if (edge.circuitBreaker)
        parts << breakerSummary(*edge.circuitBreaker);
    if (const QString fallback = fallbackSummary(edge.fallback); !fallback.isEmpty())
        parts << fallback;
    return parts.join(QStringLiteral("; "));
}

} // namespace asyncsim::ui
