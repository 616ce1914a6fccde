#include "DistributionEditor.h"

#include "DurationDisplay.h"
#include "DurationEdit.h"
#include "FieldProblem.h"
#include "NumberField.h"
#include "ui/Plural.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <cmath>

namespace asyncsim::ui {

using sim::Distribution;
using sim::DistributionKind;

namespace {

// What a kind's fields are called and mean; an empty label hides the field.
struct KindFields
{
    DistributionKind kind;
    const char *name;
    const char *timeA;
    const char *timeATip;
    const char *timeB;
    const char *timeBTip;
    const char *number;
    const char *numberTip;
};

const KindFields Kinds[] = {
    {DistributionKind::Constant, "constant", "value", "Every draw is exactly this long.", "", "", "", ""},
    {DistributionKind::Exponential, "exponential", "mean", "The average; memoryless, as independent arrivals.", "", "",
     "", ""},
    {DistributionKind::Uniform, "uniform", "low", "The shortest possible value.", "high",
     "The longest possible value; every value between is equally likely.", "", ""},
    {DistributionKind::Normal, "normal", "mean", "The centre of the bell curve.", "sd",
     "Standard deviation: how far values typically stray from the mean. Negative draws are redrawn.", "", ""},
    {DistributionKind::Lognormal, "lognormal", "mean", "The average; most values are below it, a few far above.", "",
     "", "cv", "Coefficient of variation: sd / mean. 1 is as variable as exponential; more gives a long tail."},
    {DistributionKind::Gamma, "gamma / Erlang", "mean", "The average.", "", "", "shape k",
     "Larger is more regular: k = 1 is exponential; a whole k is an Erlang (k steps in a row)."},
    {DistributionKind::Weibull, "Weibull", "scale", "The characteristic value (63% of draws are below it).", "", "",
     "shape k", "Below 1: many short values and a long tail; 1: exponential; above 1: bunched around the scale."},
    {DistributionKind::Pareto, "Pareto", "scale (min)", "The minimum: no draw is shorter.", "", "", "shape \u03b1",
     "Tail weight: smaller is heavier. The mean is infinite for \u03b1 \u2264 1, the variance for \u03b1 \u2264 2."},
};

const KindFields *fieldsOf(DistributionKind kind)
{
    for (const KindFields &k : Kinds)
        if (k.kind == kind)
            return &k;
    return nullptr; // empirical, histogram
}

double secondsOf(const DurationEdit *edit)
{
    return edit->duration().value_or(sim::Duration::zero()).toSeconds();
}

// Three significant digits, so a derived default reads well ("11.1ms").
double rounded(double seconds)
{
    if (seconds <= 0 || !std::isfinite(seconds))
        return seconds;
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(seconds)));
    return std::round(seconds * scale) / scale;
}

// A distribution of @p kind with mean close to @p mean: what picking a kind
// starts from, so the service keeps roughly its speed.
Distribution withMean(DistributionKind kind, double mean)
{
    switch (kind) {
    case DistributionKind::Constant:
        return Distribution::constant(mean);
    case DistributionKind::Exponential:
        return Distribution::exponential(mean);
    case DistributionKind::Uniform:
        return Distribution::uniform(rounded(mean / 2), rounded(mean * 3 / 2));
    case DistributionKind::Normal:
        return Distribution::normal(mean, rounded(mean / 4));
    case DistributionKind::Lognormal:
        return Distribution::lognormal(mean, 1);
    case DistributionKind::Gamma:
        return Distribution::gamma(2, mean);
    case DistributionKind::Weibull:
        return Distribution::weibull(1.5, rounded(mean / std::tgamma(1 + 1 / 1.5)));
    case DistributionKind::Pareto:
        return Distribution::pareto(3, rounded(mean * 2 / 3));
    case DistributionKind::Empirical:
    case DistributionKind::Histogram:
        break;
    }
    return Distribution::constant(mean);
}

} // namespace

DistributionEditor::DistributionEditor(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_parameters(new QFormLayout)
    , m_timeA(new DurationEdit(this))
    , m_timeB(new DurationEdit(this))
    , m_number(new NumberField(this))
    , m_fixed(new QLabel(this))
    , m_summary(new QLabel(this))
{
    m_kind->setObjectName("kind");
    m_timeA->setObjectName("timeA");
    m_timeB->setObjectName("timeB");
    m_number->setObjectName("number");
    for (const KindFields &k : Kinds)
        m_kind->addItem(tr(k.name), static_cast<int>(k.kind));
    m_kind->setPlaceholderText(QStringLiteral("\u2014"));
    m_kind->setToolTip(tr("The shape of the spread of values"));
    m_number->setDecimals(3);
    m_number->setLimits(0.001, 1e6);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_kind);
    m_parameters->setContentsMargins(0, 0, 0, 0);
    m_parameters->setHorizontalSpacing(8);
    m_parameters->setVerticalSpacing(4);
    m_parameters->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_parameters->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Labels made here: addRow() with an empty text would make none.
    for (QWidget *field : {FieldProblem::withReasonLabel(m_timeA), FieldProblem::withReasonLabel(m_timeB),
                           static_cast<QWidget *>(m_number)}) {
        auto *label = new QLabel(this);
        label->setForegroundRole(QPalette::PlaceholderText);
        m_parameters->addRow(label, field);
    }
    layout->addLayout(m_parameters);
    m_fixed->setWordWrap(true);
    layout->addWidget(m_fixed);
    m_summary->setObjectName("summary");
    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_summary);

    connect(m_kind, &QComboBox::activated, this, &DistributionEditor::onKindPicked);
    connect(m_timeA, &QLineEdit::textEdited, this, &DistributionEditor::onParameterEdited);
    connect(m_timeB, &QLineEdit::textEdited, this, &DistributionEditor::onParameterEdited);
    connect(m_number, &NumberField::numberEdited, this, &DistributionEditor::onParameterEdited);

    setDistribution(Distribution::constant(0.01));
}

DistributionKind DistributionEditor::currentKind() const
{
    if (m_kind->currentIndex() < 0)
        return DistributionKind::Constant;
    return static_cast<DistributionKind>(m_kind->currentData().toInt());
}

void DistributionEditor::setDistribution(const Distribution &distribution)
{
    const QSignalBlocker blocker(m_kind);
    m_mixed = false;
    m_last = distribution;
    const DistributionKind kind = distribution.kind();
    // The extra item that shows an empirical or histogram distribution.
    if (m_kind->count() > static_cast<int>(std::size(Kinds)))
        m_kind->removeItem(m_kind->count() - 1);
    if (!fieldsOf(kind)) {
        m_readOnly = distribution;
        const bool empirical = kind == DistributionKind::Empirical;
        const QString count
            = empirical ? countOf(static_cast<qsizetype>(distribution.values().size()), tr("value"), tr("values"))
                        : countOf(static_cast<qsizetype>(distribution.bins().size()), tr("bin"), tr("bins"));
        m_kind->addItem((empirical ? tr("empirical (%1)") : tr("histogram (%1)")).arg(count), static_cast<int>(kind));
        m_kind->setCurrentIndex(m_kind->count() - 1);
        showKind(kind);
        updateSummary();
        return;
    }
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
    showKind(kind);
    auto time = [](double seconds) { return sim::Duration::fromSeconds(seconds); };
    switch (kind) {
    case DistributionKind::Constant:
    case DistributionKind::Exponential:
        m_timeA->setDuration(time(distribution.param1()));
        break;
    case DistributionKind::Uniform:
    case DistributionKind::Normal:
        m_timeA->setDuration(time(distribution.param1()));
        m_timeB->setDuration(time(distribution.param2()));
        break;
    case DistributionKind::Lognormal:
        m_timeA->setDuration(time(distribution.param1()));
        m_number->setNumber(distribution.param2());
        break;
    case DistributionKind::Gamma:
    case DistributionKind::Weibull:
    case DistributionKind::Pareto:
        m_number->setNumber(distribution.param1());
        m_timeA->setDuration(time(distribution.param2()));
        break;
    case DistributionKind::Empirical:
    case DistributionKind::Histogram:
        break;
    }
    validate();
    updateSummary();
}

void DistributionEditor::setMixed()
{
    m_mixed = true;
    const QSignalBlocker blocker(m_kind);
    m_kind->setCurrentIndex(-1);
    showKind(DistributionKind::Empirical); // no fields
    m_fixed->hide();
    m_summary->setText(tr("Differs between the selected nodes; picking a kind sets it on all."));
}

void DistributionEditor::showKind(DistributionKind kind)
{
    const KindFields *fields = fieldsOf(kind);
    auto showRow = [this](QWidget *field, const char *label, const char *tip) {
        QWidget *row = field->parentWidget() == this ? field : field->parentWidget();
        const bool shown = label && *label;
        m_parameters->setRowVisible(row, shown);
        if (!shown)
            return;
        if (auto *text = qobject_cast<QLabel *>(m_parameters->labelForField(row)))
            text->setText(tr(label));
        // A refused field shows its reason; the overlay keeps the tip for later.
        if (FieldProblem::of(field).isEmpty())
            field->setToolTip(tr(tip));
    };
    showRow(m_timeA, fields ? fields->timeA : nullptr, fields ? fields->timeATip : nullptr);
    showRow(m_timeB, fields ? fields->timeB : nullptr, fields ? fields->timeBTip : nullptr);
    showRow(m_number, fields ? fields->number : nullptr, fields ? fields->numberTip : nullptr);
    // Zero is a fine constant or lower bound; elsewhere it would divide.
    const bool zeroAllowed = kind == DistributionKind::Constant || kind == DistributionKind::Uniform;
    m_timeA->setPositive(!zeroAllowed);
    m_number->setSingleStep(kind == DistributionKind::Gamma ? 1 : 0.1);
    m_number->setLimits(0.001, kind == DistributionKind::Lognormal ? 100 : 1e6);
    m_fixed->setVisible(!fields);
    if (!fields)
        m_fixed->setText(tr("Edit its values in the file."));
}

void DistributionEditor::onKindPicked()
{
    const DistributionKind kind = currentKind();
    if (!fieldsOf(kind))
        return; // re-picked the read-only item
    // The combo shows the new kind already: the mean comes from the last
    // valid distribution of the old one.
    double mean = 0.01;
    if (!m_mixed && std::isfinite(m_last.mean()) && m_last.mean() > 0)
        mean = rounded(m_last.mean());
    setDistribution(withMean(kind, mean));
    if (const auto d = distribution()) {
        m_last = *d;
        Q_EMIT distributionEdited(*d);
    }
}

void DistributionEditor::onParameterEdited()
{
    validate();
    updateSummary();
    if (const auto d = distribution()) {
        m_last = *d;
        Q_EMIT distributionEdited(*d);
    }
}

void DistributionEditor::validate()
{
    QString highProblem = m_timeB->problem();
    if (currentKind() == DistributionKind::Uniform && highProblem.isEmpty() && m_timeA->problem().isEmpty()
        && secondsOf(m_timeB) < secondsOf(m_timeA))
        highProblem = tr("must not be less than low (%1)").arg(m_timeA->text());
    FieldProblem::set(m_timeB, highProblem);
}

std::optional<Distribution> DistributionEditor::distribution() const
{
    if (m_mixed)
        return std::nullopt;
    const DistributionKind kind = currentKind();
    if (!fieldsOf(kind))
        return m_readOnly;
    if (!problem().isEmpty())
        return std::nullopt;
    const double a = secondsOf(m_timeA);
    const double b = secondsOf(m_timeB);
    const double n = m_number->value();
    switch (kind) {
    case DistributionKind::Constant:
        return Distribution::constant(a);
    case DistributionKind::Exponential:
        return Distribution::exponential(a);
    case DistributionKind::Uniform:
        return Distribution::uniform(a, b);
    case DistributionKind::Normal:
        return Distribution::normal(a, b);
    case DistributionKind::Lognormal:
        return Distribution::lognormal(a, n);
    case DistributionKind::Gamma:
        return Distribution::gamma(n, a);
    case DistributionKind::Weibull:
        return Distribution::weibull(n, a);
    case DistributionKind::Pareto:
        return Distribution::pareto(n, a);
    case DistributionKind::Empirical:
    case DistributionKind::Histogram:
        break;
    }
    return std::nullopt;
}

QString DistributionEditor::problem() const
{
    const KindFields *fields = fieldsOf(currentKind());
    if (m_mixed || !fields)
        return QString();
    auto labelled = [](const char *label, const QString &reason) {
        return reason.isEmpty() ? reason : tr(label) + QStringLiteral(": ") + reason;
    };
    if (const QString a = labelled(fields->timeA, FieldProblem::of(m_timeA)); !a.isEmpty())
        return a;
    if (*fields->timeB)
        return labelled(fields->timeB, FieldProblem::of(m_timeB));
    return QString();
}

void DistributionEditor::updateSummary()
{
    const auto d = distribution();
    if (!d) {
        m_summary->setText(QString());
        m_summary->hide();
        return;
    }
    m_summary->show();
    const double mean = d->mean();
    const double variance = d->variance();
    QString text = tr("mean %1").arg(approxSecondsText(mean));
    if (std::isfinite(mean) && mean > 0 && d->kind() != DistributionKind::Constant)
        text += std::isfinite(variance) ? tr(", cv %1").arg(std::sqrt(variance) / mean, 0, 'g', 2)
                                        : tr(", infinite variance");
    m_summary->setText(text);
}

} // namespace asyncsim::ui
