#include "ReplicationsDialog.h"

#include "ReplicationsTable.h"

#include "models/Replications.h"
#include "models/ResultsJson.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace asyncsim::ui {

ReplicationsDialog::ReplicationsDialog(const models::Topology &topology, QWidget *parent)
    : QDialog(parent)
    , m_topology(topology)
    , m_count(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_save(new QPushButton(tr("Save…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_table(new ReplicationsTable(this))
    , m_warnings(new QLabel(this))
{
    setWindowTitle(tr("Replications of %1").arg(QString::fromStdString(topology.name)));
    setObjectName("replicationsDialog");
    resize(760, 640);

    m_count->setObjectName("replications");
    m_count->setRange(2, 10000);
    m_count->setValue(std::max(topology.simulation.replications, 10));
    m_count->setSuffix(tr(" replications"));
    m_count->setToolTip(tr("Independent runs, each with its own seed derived from the topology's seed. More "
                           "replications give narrower confidence intervals (about 1/√R)."));
    m_run->setObjectName("run");
    m_save->setObjectName("save");
    m_progress->setObjectName("progress");
    m_status->setObjectName("status");
    m_status->setWordWrap(true);
    m_warnings->setObjectName("warnings");
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);

    auto *settings = new QHBoxLayout;
    settings->addWidget(m_count);
    settings->addWidget(m_run);
    settings->addWidget(m_progress, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_warnings);
    layout->addWidget(buttons);

    connect(m_run, &QPushButton::clicked, this, [this] {
        if (isRunning())
            m_cancel = true;
        else
            start();
    });
    connect(m_save, &QPushButton::clicked, this, &ReplicationsDialog::save);
    m_status->setText(tr("Each replication runs the whole topology (%1 simulated) with its own seed. Every metric "
                         "is then given as a mean with its 95% confidence interval (Student t).")
                          .arg(QString::number(topology.simulation.duration.toSeconds(), 'g', 6) + tr(" s")));
    updateButtons();
}

ReplicationsDialog::~ReplicationsDialog()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
    }
}

bool ReplicationsDialog::isRunning() const
{
    return m_thread != nullptr;
}

void ReplicationsDialog::setCount(int replications)
{
    m_count->setValue(replications);
}

void ReplicationsDialog::start()
{
    if (isRunning())
        return;
    const int count = m_count->value();
    m_cancel = false;
    m_progress->setRange(0, count);
    m_progress->setValue(0);
    m_status->setText(tr("Running %1 replications on %2 threads…").arg(count).arg(QThread::idealThreadCount()));
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    // The worker owns nothing of the dialog but m_pendingRuns, which only it
    // writes until it finishes; progress comes back through queued calls.
    m_thread = QThread::create([this, count, elapsed] {
        models::ReplicationOptions options;
        options.cancel = &m_cancel;
        options.progress = [this](int finished, int) {
            QMetaObject::invokeMethod(
                this, [this, finished] { m_progress->setValue(finished); }, Qt::QueuedConnection);
        };
        m_pendingRuns = models::runReplications(m_topology, count, m_topology.simulation.seed, options);
        m_seconds = static_cast<double>(elapsed->elapsed()) / 1000;
    });
    connect(m_thread, &QThread::finished, this, &ReplicationsDialog::onThreadFinished);
    m_thread->start();
    updateButtons();
}

void ReplicationsDialog::onThreadFinished()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    if (m_cancel || m_pendingRuns.empty()) {
        m_status->setText(tr("Cancelled."));
        m_progress->setValue(0);
        updateButtons();
        return;
    }
    m_runs = std::move(m_pendingRuns);
    m_pendingRuns.clear();
    m_summary = models::summarizeReplications(m_runs);
    m_table->showSummary(*m_summary);
    m_status->setText(tr("%1 replications in %2 s. %3")
                          .arg(m_summary->replications)
                          .arg(m_seconds, 0, 'f', m_seconds < 1 ? 2 : 1)
                          .arg(m_summary->ledgerBalancedInEveryRun
                                   ? tr("The ledger balances in every run.")
                                   : tr("<b>The ledger does not balance in some run: please report this.</b>")));
    QStringList warnings;
    for (const std::string &w : m_summary->warnings)
        warnings << QStringLiteral("⚠ ") + QString::fromStdString(w).toHtmlEscaped();
    m_warnings->setText(warnings.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!warnings.isEmpty());
    updateButtons();
    Q_EMIT studyFinished();
}

void ReplicationsDialog::updateButtons()
{
    m_run->setText(isRunning() ? tr("Cancel") : tr("Run"));
    m_count->setEnabled(!isRunning());
    m_save->setEnabled(!isRunning() && m_summary.has_value());
}

bool ReplicationsDialog::saveTo(const QString &path, QString *error) const
{
    if (!m_summary)
        return false;
    const bool json = QFileInfo(path).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0;
    const std::string text = json ? models::replicationsToJson(*m_summary, m_runs) : models::summaryToCsv(*m_summary);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ReplicationsDialog::save()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Replications"), QString(),
                                                      tr("Results JSON (*.json);;Summary CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(this, tr("Save Replications"), tr("Could not save %1: %2").arg(path, error));
}

void ReplicationsDialog::reject()
{
    m_cancel = true;
    QDialog::reject();
}

} // namespace asyncsim::ui
