#pragma once

#include "InspectorForm.h"

QT_FORWARD_DECLARE_CLASS(QLineEdit)
QT_FORWARD_DECLARE_CLASS(QPlainTextEdit)

namespace asyncsim::ui {

class DurationEdit;
class FaultsEditor;
class NumberField;
class TopologyDocument;

/// The inspector's page when nothing is selected: the document's own fields,
/// its name and description, the simulation settings and the faults timeline.
class SettingsForm : public InspectorForm
{
    Q_OBJECT

public:
    explicit SettingsForm(TopologyDocument *document, QWidget *parent = nullptr);

    void refresh() override;

private:
    void onSeedEdited(const QString &text);

    TopologyDocument *m_document; // not owned
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    DurationEdit *m_duration;
    DurationEdit *m_warmup;
    QLineEdit *m_seed;
    NumberField *m_replications;
    DurationEdit *m_sampleInterval;
    FaultsEditor *m_faults;
};

} // namespace asyncsim::ui
