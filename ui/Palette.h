#pragma once

#include "models/Topology.h"

#include <QIcon>
#include <QString>
#include <QWidget>

#include <optional>

QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QListWidget)
QT_FORWARD_DECLARE_CLASS(QMimeData)

namespace asyncsim::ui {

/// The list of node kinds beside the canvas: drag one onto it, or double-click.
class Palette : public QWidget
{
    Q_OBJECT

public:
    /// The drag format; the data is the kind's file name ("producer", ...) in UTF-8.
    static constexpr const char *MimeType = "application/x-asyncsim-node-kind";

    explicit Palette(QWidget *parent = nullptr);

    /// @name What the editor shows for each kind (also for the canvas and inspector)
    /// @{
    static QString iconPath(models::NodeKind kind); ///< ":/icons/<file name>.svg"
    static QIcon icon(models::NodeKind kind);
    static QString displayName(models::NodeKind kind); ///< "Dead-letter queue"
    static QString description(models::NodeKind kind); ///< one short line
    static QString toolTip(models::NodeKind kind);     ///< a sentence or two more
    /// @}

    /// The drag data for @p kind; the caller owns it (QDrag takes it).
    static QMimeData *createMimeData(models::NodeKind kind);
    /// The kind a drop carries, if it carries one (for the canvas's drop handling).
    static std::optional<models::NodeKind> kindFromMimeData(const QMimeData *data);

Q_SIGNALS:
    /// A double-click (or Enter) on a kind: add one where the user is looking.
    void componentRequested(asyncsim::models::NodeKind kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHintColour();

    QListWidget *m_list; // owned (child)
    QLabel *m_hint;      // owned (child)
};

} // namespace asyncsim::ui
