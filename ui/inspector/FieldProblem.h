#pragma once

#include <QString>
#include <QWidget>

QT_FORWARD_DECLARE_CLASS(QLabel)

namespace asyncsim::ui {

/// The red frame drawn over a field whose text is refused, with the reason as
/// the field's tooltip and, when one is attached, in a reason label under it.
///
/// An overlay rather than a style sheet, so the field keeps the native look
/// (and its size) in either state.
class FieldProblem : public QWidget
{
    Q_OBJECT

public:
    /// Marks @p field as refused for @p reason; an empty reason clears it.
    static void set(QWidget *field, const QString &reason);
    /// The reason @p field is refused; empty when it is not.
    static QString of(const QWidget *field);
    /// Shows @p field's reasons in @p label too (hidden while there is none).
    static void setReasonLabel(QWidget *field, QLabel *label);
    /// A small wrapped label in the palette's warning colour, for setReasonLabel().
    static QLabel *createReasonLabel(QWidget *parent);
    /// @p field above its reason label, in one widget for a form's field column.
    static QWidget *withReasonLabel(QWidget *field);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    explicit FieldProblem(QWidget *field);
    static FieldProblem *find(const QWidget *field);

    QWidget *m_field; // the parent, not owned
    QLabel *m_reasonLabel = nullptr;
    QString m_reason;
    QString m_ownToolTip; // the field's tooltip while it is valid
};

} // namespace asyncsim::ui
