#pragma once

#include <QWidget>

QT_FORWARD_DECLARE_CLASS(QFormLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)

namespace asyncsim::ui {

/// The base of the inspector's pages: labelled fields in titled sections,
/// refreshed from the document without being rebuilt.
class InspectorForm : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorForm(QWidget *parent = nullptr);
    ~InspectorForm() override;

    /// Shows the document's current values. Called on every change that may
    /// concern the page; fields that already show their value are left alone.
    virtual void refresh() = 0;

protected:
    /// A section title; returns it, for setRowShown().
    QWidget *addSection(const QString &title);
    /// A labelled row; @p tip explains the field in the user's terms and goes
    /// on both the label and the field. Returns the label.
    QLabel *addRow(const QString &label, QWidget *field, const QString &tip = {});
    /// As addRow(), with the field's refusals shown in a line under it.
    QLabel *addCheckedRow(const QString &label, QWidget *field, const QString &tip = {});
    /// A field across the whole width, without a label.
    void addWideRow(QWidget *field);
    enum class NotePlace { FullWidth, UnderField };
    /// A short explanation in a muted colour, across the whole width or in
    /// the field column (explaining the field above).
    QLabel *addNote(const QString &text, NotePlace place = NotePlace::FullWidth);

    /// Shows or hides the row of @p field (or section title, or note).
    void setRowShown(QWidget *field, bool shown);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *rowWidget(QWidget *field) const;
    void guardWheel(QWidget *field);

    QFormLayout *m_form;
};

} // namespace asyncsim::ui
