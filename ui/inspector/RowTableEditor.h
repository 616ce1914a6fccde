#pragma once

#include <QList>
#include <QWidget>

QT_FORWARD_DECLARE_CLASS(QGridLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QPushButton)

namespace asyncsim::ui {

/// The frame of a small editable table in the inspector (a rate profile,
/// version shares): a note shown when there are no rows, a grid with column
/// titles in its first row, a line for the reason a row is refused, and an
/// "add" button below.
class RowTableEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RowTableEditor(QWidget *parent = nullptr);

protected:
    /// Puts a muted title over @p column, with @p toolTip.
    void addColumnTitle(const QString &text, int column, const QString &toolTip);
    /// Adds the button that adds a row, under the table.
    QPushButton *addAddButton(const QString &text, const QString &objectName, const QString &toolTip = {});
    /// Shows the column titles only when there are rows.
    void setTitlesShown(bool shown);

    QGridLayout *m_grid; // row 0: titles; rows from 1: the table
    QLabel *m_note;
    QLabel *m_reason; // the first refused row's reason

private:
    QList<QLabel *> m_titles;
};

} // namespace asyncsim::ui
