#include "CapacityView.h"

#include "models/CapacityCheck.h"
#include "models/RunResults.h"
#include "models/Topology.h"
#include "ui/TopologyDocument.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

QString perSecond(double rate)
{
    return std::isinf(rate) ? CapacityView::tr("unbounded") : CapacityView::tr("%1/s").arg(rate, 0, 'g', 4);
}

QString seconds(double s)
{
    if (s < 1e-3)
        return CapacityView::tr("%1 µs").arg(s * 1e6, 0, 'g', 3);
    if (s < 1)
        return CapacityView::tr("%1 ms").arg(s * 1e3, 0, 'g', 3);
    return CapacityView::tr("%1 s").arg(s, 0, 'g', 3);
}

// What the run measured where the prediction applies, in the prediction's terms.
QString measuredLine(const models::RunResults &run, const models::Topology &topology,
                     const models::QueueingPrediction &p, std::size_t index)
{
    const std::string &waitingId = topology.nodes[p.waitingNode].id;
    const auto found = std::find_if(run.nodes.begin(), run.nodes.end(),
                                    [&](const models::NodeResults &n) { return n.id == waitingId; });
    if (found == run.nodes.end())
        return {};
    QString line = CapacityView::tr("The last run measured a mean wait of %1 and %2 waiting on average")
                       .arg(seconds(found->waitingTime.mean))
                       .arg(found->queueLength.mean, 0, 'g', 3);
    // A service's own utilisation; a queue's station is its consumers.
    if (topology.nodes[index].kind() == models::NodeKind::Service) {
        const std::string &id = topology.nodes[index].id;
        for (const models::NodeResults &n : run.nodes)
            if (n.id == id)
                line += CapacityView::tr(", ρ = %1").arg(n.utilisation, 0, 'f', 3);
    }
    return line + CapacityView::tr(" (one run: see Run ▸ Replications for intervals).");
}

} // namespace

CapacityView::CapacityView(QWidget *parent)
    : QLabel(parent)
{
    setObjectName("capacityView");
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void CapacityView::showNode(const TopologyDocument &document, std::size_t index)
{
    if (m_document != &document) {
        disconnect(m_runConnection);
        m_document = &document;
        m_runConnection = connect(&document, &TopologyDocument::lastRunChanged, this, &CapacityView::refresh);
    }
    m_index = index;
    refresh();
}

void CapacityView::refresh()
{
    if (m_document)
        showNode(m_document->topology(), m_index, m_document->lastRunResults());
}

void CapacityView::showNode(const models::Topology &topology, std::size_t index, const models::RunResults *measured)
{
    const models::CapacityCheck check = models::checkCapacity(topology);
    if (index >= check.nodes.size()) {
        clear();
        return;
    }
    const models::NodeLoad &load = check.nodes[index];
    QStringList lines;
    QString arrivals = tr("Arrivals: %1").arg(perSecond(load.arrivalRate));
    if (load.peakArrivalRate > load.arrivalRate * 1.001)
        arrivals += tr(" (%1 at the peak)").arg(perSecond(load.peakArrivalRate));
    lines << arrivals;
    if (load.capacity) {
        lines << tr("Capacity: %1").arg(perSecond(*load.capacity));
        const double rho = load.utilisation.value_or(0);
        QString utilisation = tr("Utilisation ρ = %1").arg(rho, 0, 'f', 3);
        if (rho >= 1)
            utilisation = QStringLiteral("<b>%1</b> — %2").arg(utilisation, tr("over capacity: the backlog grows"));
        lines << utilisation;
    }
    if (load.prediction && load.prediction->waitingNode == index) {
        const models::QueueingPrediction &p = *load.prediction;
        lines << tr("%1 predicts a mean wait of %2 and %3 waiting on average (response %4).")
                     .arg(QString::fromStdString(p.model), seconds(p.waitingTime))
                     .arg(p.queueLength, 0, 'g', 3)
                     .arg(seconds(p.responseTime));
        if (measured)
            if (const QString line = measuredLine(*measured, topology, p, index); !line.isEmpty())
                lines << line;
    } else if (load.prediction) {
        const std::string &where = topology.nodes[load.prediction->waitingNode].id;
        lines << tr("%1 predicts a mean wait of %2 in %3.")
                     .arg(QString::fromStdString(load.prediction->model), seconds(load.prediction->waitingTime),
                          QString::fromStdString(where));
    } else if (!load.noPrediction.empty()) {
        lines << tr("No exact prediction: %1.").arg(QString::fromStdString(load.noPrediction));
    }
    setText(lines.join(QStringLiteral("<br>")));
    setToolTip(tr("From the traffic equations: mean rates over the run, retries and redeliveries not counted."));
}

} // namespace asyncsim::ui
