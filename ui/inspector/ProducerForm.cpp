#include "ProducerForm.h"

#include "DistributionEditor.h"
#include "FieldDisplay.h"
#include "NumberField.h"
#include "RateProfileEditor.h"
#include "VersionSharesEditor.h"

#include <QComboBox>

#include <cstdint>

namespace asyncsim::ui {

using models::ArrivalProcess;
using models::ProducerSpec;

ProducerForm::ProducerForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_process(new QComboBox(this))
    , m_rate(new NumberField(this))
    , m_spread(new NumberField(this))
    , m_on(new DistributionEditor(this))
    , m_off(new DistributionEditor(this))
    , m_profile(new RateProfileEditor(this))
    , m_keys(new NumberField(this))
    , m_zipf(new NumberField(this))
    , m_versions(new VersionSharesEditor(this))
    , m_limit(new NumberField(this))
{
    addSection(tr("Arrivals"));
    m_process->setObjectName("process");
    m_process->setPlaceholderText(QStringLiteral("\u2014"));
    m_process->addItem(tr("Poisson"), static_cast<int>(ArrivalProcess::Poisson));
    m_process->addItem(tr("Constant"), static_cast<int>(ArrivalProcess::Constant));
    m_process->addItem(tr("Uniform"), static_cast<int>(ArrivalProcess::Uniform));
    m_process->addItem(tr("Bursty"), static_cast<int>(ArrivalProcess::Bursty));
    m_process->setItemData(0, tr("Independent arrivals: exponential gaps with mean 1/rate."), Qt::ToolTipRole);
    m_process->setItemData(1, tr("Evenly spaced: gaps of exactly 1/rate."), Qt::ToolTipRole);
    m_process->setItemData(2, tr("Gaps uniform around 1/rate, as wide as the spread."), Qt::ToolTipRole);
    m_process->setItemData(3, tr("Poisson at the rate while on, silent while off."), Qt::ToolTipRole);
    addRow(tr("Process"), m_process, tr("How the producer spaces its messages."));
    m_rate->setObjectName("rate");
    m_rate->setDecimals(3);
    m_rate->setLimits(0.001, 1e9);
    m_rate->setSuffix(tr(" msg/s"));
    addRow(tr("Rate"), m_rate, tr("Messages per second (while on, for a bursty producer)."));
    m_spread->setObjectName("spread");
    m_spread->setDecimals(2);
    m_spread->setSingleStep(0.05);
    m_spread->setLimits(0, 1);
    addRow(tr("Spread"), m_spread,
           tr("Gaps are uniform on (1 \u00b1 spread) / rate: 0 is evenly spaced, 1 from 0 to twice the mean gap."));
    m_on->setObjectName("on");
    addRow(tr("On for"), m_on, tr("How long an on period (sending) lasts."));
    m_off->setObjectName("off");
    addRow(tr("Off for"), m_off, tr("How long an off period (silent) lasts."));

    addSection(tr("Rate profile"));
    m_profile->setObjectName("profile");
    addWideRow(m_profile);

    addSection(tr("Keys & versions"));
    m_keys->setObjectName("keys");
    m_keys->setDecimals(0);
    m_keys->setLimits(1, 1e7);
    m_keys->setNoneText(tr("no keys"));
    m_keys->setSuffix(tr(" keys"));
    addRow(tr("Keys"), m_keys,
           tr("How many distinct keys its messages carry (a customer id, say); per-key ordering is checked."));
    m_zipf->setObjectName("zipf");
    m_zipf->setDecimals(2);
    m_zipf->setSingleStep(0.05);
    m_zipf->setLimits(0.05, 100);
    m_zipf->setNoneText(tr("uniform"));
    m_zipf->setPrefix(tr("zipf s = "));
    addRow(tr("Skew"), m_zipf,
           tr("Uniform: every key equally likely. Zipf s: key k is drawn in proportion to 1/k^s, so a few keys "
              "are hot."));
    m_versions->setObjectName("versions");
    addRow(tr("Versions"), m_versions, tr("Which schema versions its messages carry; none listed: all are v1."));

    addSection(tr("Limit"));
    m_limit->setObjectName("limit");
    m_limit->setDecimals(0);
    m_limit->setLimits(1, 9e15);
    m_limit->setNoneText(tr("never"));
    m_limit->setSuffix(tr(" msgs"));
    addRow(tr("Stop after"), m_limit, tr("The producer stops after this many messages."));

    connect(m_process, &QComboBox::activated, this, [this] {
        const auto process = static_cast<ArrivalProcess>(m_process->currentData().toInt());
        edit<ProducerSpec>(tr("Arrival process"), [process](ProducerSpec &p) {
            p.arrivals.process = process;
            // A new bursty producer needs on periods that send something.
            if (process == ArrivalProcess::Bursty && p.arrivals.on.mean() <= 0) {
                p.arrivals.on = sim::Distribution::exponential(1);
                p.arrivals.off = sim::Distribution::exponential(1);
            }
        });
    });
    connect(m_rate, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<ProducerSpec>(tr("Rate"), [r = *v](ProducerSpec &p) { p.arrivals.rate = r; });
    });
    connect(m_spread, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<ProducerSpec>(tr("Spread"), [s = *v](ProducerSpec &p) { p.arrivals.spread = s; });
    });
    connect(m_on, &DistributionEditor::distributionEdited, this, [this](const sim::Distribution &d) {
        edit<ProducerSpec>(tr("On periods"), [d](ProducerSpec &p) { p.arrivals.on = d; });
    });
    connect(m_off, &DistributionEditor::distributionEdited, this, [this](const sim::Distribution &d) {
        edit<ProducerSpec>(tr("Off periods"), [d](ProducerSpec &p) { p.arrivals.off = d; });
    });
    connect(m_profile, &RateProfileEditor::profileEdited, this, [this](const std::vector<models::RatePoint> &points) {
        edit<ProducerSpec>(tr("Rate profile"), [points](ProducerSpec &p) { p.profile = points; });
    });
    connect(m_profile, &RateProfileEditor::rowsChanged, this, [this](const std::vector<models::RatePoint> &points) {
        editAsStep<ProducerSpec>(tr("Change Rate Profile Points"), tr("Rate profile"),
                                 [points](ProducerSpec &p) { p.profile = points; });
    });
    connect(m_keys, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        const auto count = static_cast<std::uint32_t>(v.value_or(0));
        edit<ProducerSpec>(tr("Keys"), [count](ProducerSpec &p) { p.keys.count = count; });
    });
    connect(m_zipf, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        edit<ProducerSpec>(tr("Key skew"), [s = v.value_or(0)](ProducerSpec &p) { p.keys.zipf = s; });
    });
    connect(m_versions, &VersionSharesEditor::versionsEdited, this,
            [this](const std::vector<models::VersionShare> &versions) {
                edit<ProducerSpec>(tr("Versions"), [versions](ProducerSpec &p) { p.versions = versions; });
            });
    connect(m_versions, &VersionSharesEditor::rowsChanged, this,
            [this](const std::vector<models::VersionShare> &versions) {
                editAsStep<ProducerSpec>(tr("Change Version List"), tr("Versions"),
                                         [versions](ProducerSpec &p) { p.versions = versions; });
            });
    connect(m_limit, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        std::optional<std::uint64_t> limit;
        if (v)
            limit = static_cast<std::uint64_t>(*v);
        edit<ProducerSpec>(tr("Limit"), [limit](ProducerSpec &p) { p.limit = limit; });
    });
    refresh();
}

void ProducerForm::refreshFields()
{
    const auto process = common<ProducerSpec>([](const ProducerSpec &p) { return p.arrivals.process; });
    showChoice(m_process, process ? std::optional(static_cast<int>(*process)) : std::nullopt);
    showNumber(m_rate, common<ProducerSpec>([](const ProducerSpec &p) { return p.arrivals.rate; }));
    // Only the fields of the process in effect.
    setRowShown(m_spread, process == ArrivalProcess::Uniform);
    setRowShown(m_on, process == ArrivalProcess::Bursty);
    setRowShown(m_off, process == ArrivalProcess::Bursty);
    if (process == ArrivalProcess::Uniform)
        showNumber(m_spread, common<ProducerSpec>([](const ProducerSpec &p) { return p.arrivals.spread; }));
    if (process == ArrivalProcess::Bursty) {
        showDistribution(m_on, common<ProducerSpec>([](const ProducerSpec &p) { return p.arrivals.on; }));
        showDistribution(m_off, common<ProducerSpec>([](const ProducerSpec &p) { return p.arrivals.off; }));
    }

    if (const auto profile = common<ProducerSpec>([](const ProducerSpec &p) { return p.profile; }))
        m_profile->setProfile(*profile);
    else
        m_profile->setMixed();

    // No keys and a uniform skew are the fields' none states.
    const auto keys = common<ProducerSpec>(
        [](const ProducerSpec &p) { return p.keys.count > 0 ? std::optional<double>(p.keys.count) : std::nullopt; });
    showOptionalNumber(m_keys, keys);
    setRowShown(m_zipf, !keys || keys->has_value());
    showOptionalNumber(m_zipf, common<ProducerSpec>([](const ProducerSpec &p) {
                           return p.keys.zipf > 0 ? std::optional(p.keys.zipf) : std::nullopt;
                       }));

    if (const auto versions = common<ProducerSpec>([](const ProducerSpec &p) { return p.versions; }))
        m_versions->setVersions(*versions);
    else
        m_versions->setMixed();

    showOptionalNumber(m_limit, common<ProducerSpec>([](const ProducerSpec &p) { return p.limit; }));
}

} // namespace asyncsim::ui
