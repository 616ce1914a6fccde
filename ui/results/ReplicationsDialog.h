#pragma once

#include "models/ReplicationSummary.h"
#include "models/RunResults.h"
#include "models/Topology.h"

#include <QDialog>

#include <atomic>
#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QProgressBar)
QT_FORWARD_DECLARE_CLASS(QPushButton)
QT_FORWARD_DECLARE_CLASS(QSpinBox)
QT_FORWARD_DECLARE_CLASS(QThread)

namespace asyncsim::ui {

class ReplicationsTable;

/// Runs R independent replications of a copy of the topology in background
/// threads and shows every metric as a mean with its 95% confidence
/// interval, with the warnings about intervals too wide to decide from; the
/// results save as JSON (with every run) and as CSV (one metric to a row).
/// The editor stays usable while it runs; closing the dialog cancels.
class ReplicationsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReplicationsDialog(const models::Topology &topology, QWidget *parent = nullptr);
    ~ReplicationsDialog() override;

    /// Starts the replications (the count in the spin box), unless running.
    void start();
    bool isRunning() const;
    void setCount(int replications);
    /// The finished study, if any.
    const std::optional<models::ReplicationSummary> &summary() const { return m_summary; }
    const std::vector<models::RunResults> &runs() const { return m_runs; }
    ReplicationsTable *table() const { return m_table; }

    /// Writes the results to @p path: JSON for ".json", else the summary CSV.
    bool saveTo(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    /// The replications have finished (not after a cancel).
    void studyFinished();

protected:
    void reject() override;

private:
    void onThreadFinished();
    void updateButtons();
    void save();

    models::Topology m_topology;
    QSpinBox *m_count;
    QPushButton *m_run;
    QPushButton *m_save;
    QProgressBar *m_progress;
    QLabel *m_status;
    ReplicationsTable *m_table;
    QLabel *m_warnings;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::vector<models::RunResults> m_pendingRuns; // written by the worker thread until it finishes
    std::vector<models::RunResults> m_runs;
    std::optional<models::ReplicationSummary> m_summary;
    double m_seconds = 0;
};

} // namespace asyncsim::ui
