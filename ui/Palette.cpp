#include "Palette.h"

#include <QApplication>
#include <QDrag>
#include <QEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QVBoxLayout>

#include <array>
#include <functional>

namespace asyncsim::ui {

namespace {

using models::NodeKind;

constexpr std::array AllKinds{NodeKind::Producer, NodeKind::Queue, NodeKind::Topic,
                              NodeKind::Service,  NodeKind::Sink,  NodeKind::DeadLetter};
constexpr int KindRole = Qt::UserRole + 1;
constexpr int IconSize = 32;
constexpr int DragIconSize = 40;
constexpr int Padding = 8;
constexpr const char *KeyboardFocusProperty
    = "keyboardFocus"; // on KindList: reached by Tab or keys // inside an entry, around its icon and text

// Secondary text: the foreground faded toward the background, so it follows light and dark palettes.
QColor mutedColour(const QPalette &palette)
{
    const QColor fg = palette.color(QPalette::WindowText);
    const QColor bg = palette.color(QPalette::Window);
    const double keep = 0.62;
    return QColor::fromRgbF(float(fg.redF() * keep + bg.redF() * (1 - keep)),
                            float(fg.greenF() * keep + bg.greenF() * (1 - keep)),
                            float(fg.blueF() * keep + bg.blueF() * (1 - keep)));
}

QFont smallerFont(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qMax(8, int(font.pixelSize() * factor + 0.5)));
    return font;
}

QFont nameFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

/// Breaks @p text into at most @p maxLines lines of @p width, eliding the last
/// if it does not fit.
QStringList wrapText(const QString &text, const QFont &font, int width, int maxLines)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    QStringList lines;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) { // the last line allowed takes the rest
            lines.append(QFontMetrics(font).elidedText(text.mid(line.textStart()).trimmed(), Qt::ElideRight, width));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

/// Where an entry's parts go in a row of a given width (relative to the row).
struct EntryLayout
{
    static constexpr int CardMarginX = 4;
    static constexpr int CardMarginY = 2;
    static constexpr int MaxDescriptionLines = 2; // a narrow dock wraps the description once

    QFont titleFont;
    QFont descriptionFont;
    int textLeft;
    int textWidth;
    QStringList descriptionLines;
    int textHeight;
    int height;

    EntryLayout(const QFont &font, const QString &description, int rowWidth)
        : titleFont(nameFont(font))
        , descriptionFont(smallerFont(font, 0.9))
        , textLeft(CardMarginX + Padding + IconSize + Padding + 2)
        , textWidth(qMax(40, rowWidth - textLeft - CardMarginX - Padding))
        , descriptionLines(wrapText(description, descriptionFont, textWidth, MaxDescriptionLines))
    {
        textHeight = QFontMetrics(titleFont).height()
                   + int(descriptionLines.size()) * QFontMetrics(descriptionFont).lineSpacing();
        height = qMax(IconSize, textHeight) + 2 * (Padding + CardMarginY);
    }
};

/// Paints an entry: icon, name, and a muted description, on a rounded
/// highlight while hovered.
class KindDelegate : public QStyledItemDelegate
{
public:
    explicit KindDelegate(QObject *parent)
        : QStyledItemDelegate(parent)
    {
        for (const NodeKind kind : AllKinds)
            m_icons[size_t(kind)] = Palette::icon(kind);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const auto kind = NodeKind(index.data(KindRole).toInt());
        const QPalette &palette = option.palette;
        const EntryLayout entry(option.font, Palette::description(kind), option.rect.width());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);

        const QRectF card = QRectF(option.rect)
                                .adjusted(EntryLayout::CardMarginX, EntryLayout::CardMarginY, -EntryLayout::CardMarginX,
                                          -EntryLayout::CardMarginY);
        const bool hovered = option.state.testFlag(QStyle::State_MouseOver);
        // The current entry is marked only for keyboard use, not after every click.
        const bool current = option.state.testFlag(QStyle::State_HasFocus) && option.widget
                          && option.widget->property(KeyboardFocusProperty).toBool();
        if (hovered || current) {
            QColor fill = palette.color(QPalette::Highlight);
            fill.setAlphaF(hovered ? 0.16f : 0.09f);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(card, 6, 6);
        }

        const int centreY = option.rect.top() + option.rect.height() / 2;
        const QRect iconRect(int(card.left()) + Padding, centreY - IconSize / 2, IconSize, IconSize);
        m_icons[size_t(kind)].paint(painter, iconRect);

        const QFontMetrics titleMetrics(entry.titleFont);
        const QFontMetrics descriptionMetrics(entry.descriptionFont);
        const int left = option.rect.left() + entry.textLeft;
        int top = centreY - entry.textHeight / 2;
        painter->setFont(entry.titleFont);
        painter->setPen(palette.color(QPalette::WindowText));
        painter->drawText(QRect(left, top, entry.textWidth, titleMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          titleMetrics.elidedText(Palette::displayName(kind), Qt::ElideRight, entry.textWidth));
        top += titleMetrics.height();
        painter->setFont(entry.descriptionFont);
        painter->setPen(mutedColour(palette));
        for (const QString &line : entry.descriptionLines) {
            painter->drawText(QRect(left, top, entry.textWidth, descriptionMetrics.height()),
                              Qt::AlignLeft | Qt::AlignVCenter, line);
            top += descriptionMetrics.lineSpacing();
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        // The height depends on the width (the description wraps), so ask the view for it.
        const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
        const int width = view ? view->viewport()->width() : 200;
        const auto kind = NodeKind(index.data(KindRole).toInt());
        return {160, EntryLayout(option.font, Palette::description(kind), width).height};
    }

private:
    std::array<QIcon, AllKinds.size()> m_icons; // by kind; loaded once, not at every paint
};

/// The list: starts its own drags (whatever the selection) and reports
/// double-click and Enter.
class KindList : public QListWidget
{
public:
    std::function<void(NodeKind)> onRequested;

    explicit KindList(QWidget *parent)
        : QListWidget(parent)
    { }

protected:
    void mousePressEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton) {
            m_pressPos = event->position().toPoint();
            m_pressed = itemAt(m_pressPos);
        }
        QListWidget::mousePressEvent(event);
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (m_pressed && event->buttons().testFlag(Qt::LeftButton)
            && (event->position().toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            const auto kind = NodeKind(m_pressed->data(KindRole).toInt());
            m_pressed = nullptr;
            startKindDrag(kind);
            return;
        }
        QListWidget::mouseMoveEvent(event);
    }

    void mouseReleaseEvent(QMouseEvent *event) override
    {
        m_pressed = nullptr;
        QListWidget::mouseReleaseEvent(event);
    }

    void mouseDoubleClickEvent(QMouseEvent *event) override
    {
        QListWidget::mouseDoubleClickEvent(event);
        if (event->button() != Qt::LeftButton)
            return;
        if (const QListWidgetItem *item = itemAt(event->position().toPoint()); item && onRequested)
            onRequested(NodeKind(item->data(KindRole).toInt()));
    }

    void focusInEvent(QFocusEvent *event) override
    {
        setKeyboardFocus(event->reason() == Qt::TabFocusReason || event->reason() == Qt::BacktabFocusReason);
        QListWidget::focusInEvent(event);
    }

    void focusOutEvent(QFocusEvent *event) override
    {
        setKeyboardFocus(false);
        QListWidget::focusOutEvent(event);
    }

    void keyPressEvent(QKeyEvent *event) override
    {
        setKeyboardFocus(true);
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem() && onRequested) {
            onRequested(NodeKind(currentItem()->data(KindRole).toInt()));
            return;
        }
        QListWidget::keyPressEvent(event);
    }

private:
    void setKeyboardFocus(bool on)
    {
        if (property(KeyboardFocusProperty).toBool() == on)
            return;
        setProperty(KeyboardFocusProperty, on);
        viewport()->update();
    }

    void startKindDrag(NodeKind kind)
    {
        auto *drag = new QDrag(this);
        drag->setMimeData(Palette::createMimeData(kind));
        drag->setPixmap(Palette::icon(kind).pixmap(QSize(DragIconSize, DragIconSize), devicePixelRatioF()));
        drag->setHotSpot(QPoint(DragIconSize / 2, DragIconSize / 2));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }

    QPoint m_pressPos;
    QListWidgetItem *m_pressed = nullptr; // the entry a drag would take
};

} // namespace

Palette::Palette(QWidget *parent)
    : QWidget(parent)
{
    auto *list = new KindList(this);
    list->onRequested = [this](NodeKind kind) { Q_EMIT componentRequested(kind); };
    m_list = list;
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setItemDelegate(new KindDelegate(m_list));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setDragEnabled(false); // KindList starts its own drags
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setResizeMode(QListView::Adjust); // entries grow taller when the dock is narrow
    m_list->setMouseTracking(true);
    m_list->viewport()->setAttribute(Qt::WA_Hover);
    m_list->viewport()->setBackgroundRole(QPalette::Window);
    m_list->setBackgroundRole(QPalette::Window);
    for (const NodeKind kind : AllKinds) {
        auto *item = new QListWidgetItem(displayName(kind), m_list);
        item->setData(KindRole, int(kind));
        item->setToolTip(toolTip(kind));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsDragEnabled);
    }
    m_list->setCurrentRow(0);

    m_hint = new QLabel(tr("Drag onto the canvas, or double\u2011click to add."), this);
    m_hint->setWordWrap(true);
    m_hint->setFont(smallerFont(font(), 0.9));
    m_hint->setContentsMargins(Padding + 4, Padding, Padding + 4, Padding);
    updateHintColour();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
}

QString Palette::iconPath(models::NodeKind kind)
{
    return QStringLiteral(":/icons/%1.svg").arg(QLatin1String(models::nodeKindName(kind)));
}

QIcon Palette::icon(models::NodeKind kind)
{
    return QIcon(iconPath(kind));
}

QString Palette::displayName(models::NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return tr("Producer");
    case NodeKind::Queue:
        return tr("Queue");
    case NodeKind::Service:
        return tr("Service");
    case NodeKind::Sink:
        return tr("Sink");
    case NodeKind::DeadLetter:
        return tr("Dead-letter queue");
    case NodeKind::Topic:
        return tr("Topic");
    }
    return {};
}

QString Palette::description(models::NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return tr("Publishes messages at a rate");
    case NodeKind::Queue:
        return tr("Holds messages for consumers");
    case NodeKind::Service:
        return tr("Processes messages with workers");
    case NodeKind::Sink:
        return tr("Accepts everything it receives");
    case NodeKind::DeadLetter:
        return tr("Keeps messages that failed");
    case NodeKind::Topic:
        return tr("A partitioned log for groups");
    }
    return {};
}

QString Palette::toolTip(models::NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return tr("Publishes messages at a rate: steady, Poisson or in bursts, optionally following a rate profile.");
    case NodeKind::Queue:
        return tr("Holds messages until a service consumes them; may be bounded, and may behave like SQS or "
                  "RabbitMQ.");
    case NodeKind::Service:
        return tr("Processes messages with a number of workers, each taking a service time; processing may fail.");
    case NodeKind::Sink:
        return tr("An external system that accepts every message it receives.");
    case NodeKind::DeadLetter:
        return tr("Keeps the messages a queue gave up on, with the reason; can redrive them later.");
    case NodeKind::Topic:
        return tr("A Kafka topic: records kept in partitions for a retention time; every consuming service is a "
                  "consumer group that reads all of them, in order per partition.");
    }
    return {};
}

QMimeData *Palette::createMimeData(models::NodeKind kind)
{
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(MimeType), QByteArray(models::nodeKindName(kind)));
    return data;
}

std::optional<models::NodeKind> Palette::kindFromMimeData(const QMimeData *data)
{
    const QString format = QString::fromLatin1(MimeType);
    if (!data || !data->hasFormat(format))
        return std::nullopt;
    const QByteArray name = data->data(format);
    for (const NodeKind kind : AllKinds) {
        if (name == models::nodeKindName(kind))
            return kind;
    }
    return std::nullopt;
}

void Palette::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateHintColour();
    else if (event->type() == QEvent::FontChange)
        m_hint->setFont(smallerFont(font(), 0.9));
}

void Palette::updateHintColour()
{
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, mutedColour(palette()));
    m_hint->setPalette(hintPalette);
}

} // namespace asyncsim::ui
