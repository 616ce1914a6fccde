// Call edges on the canvas: a distinct drawing, the timeout's pill, and the
// retry and breaker glyphs at the middle, with the breaker centred on it.
#include "ui/TopologyDocument.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/canvas/TopologyView.h"

#include "models/TopologyJson.h"

#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QTest>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

LinkId callOf(const TopologyDocument &doc)
{
    for (LinkId id : doc.linkIds())
        if (doc.edge(id).mode == models::EdgeMode::Call)
            return id;
    return InvalidLinkId;
}

QPalette darkScheme()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x25, 0x27, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x22));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x2f, 0x32, 0x36));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    return p;
}

} // namespace

TEST(LinkItemCall, GlyphsSitAtTheMiddleWithTheBreakerCentredOnIt)
{
    TopologyDocument doc;
    doc.load(models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"));
    TopologyScene scene(&doc);
    const LinkId call = callOf(doc);
    ASSERT_NE(call, InvalidLinkId);
    LinkItem *item = scene.itemFor(call);
    ASSERT_TRUE(item);
    EXPECT_TRUE(item->isCall());
    EXPECT_EQ(item->label(), QStringLiteral("call \u00b7 500ms"));
    EXPECT_EQ(item->breakerGlyphRect().center(), item->middle());
    EXPECT_EQ(item->breakerGlyphRect().size(), QSizeF(LinkItem::GlyphSize, LinkItem::GlyphSize));
    // The retry glyph to its left, on the same line, not overlapping.
    EXPECT_EQ(item->retryGlyphRect().center().y(), item->middle().y());
    EXPECT_LT(item->retryGlyphRect().right(), item->breakerGlyphRect().left());
    EXPECT_EQ(item->toolTip(), QStringLiteral("orders \u2192 payments: call, timeout 500ms\n"
                                              "retry \u00d73, 200ms \u00d72, jitter 0.5; "
                                              "breaker: 50% of 20 calls, open 10s; "
                                              "fallback: route to manual-payments"));

    // Without a breaker the retry glyph takes the middle; without both, the pill does.
    doc.changeLinks({call}, "Breaker", [](models::EdgeSpec &e) { e.circuitBreaker.reset(); });
    EXPECT_TRUE(item->breakerGlyphRect().isNull());
    EXPECT_EQ(item->retryGlyphRect().center(), item->middle());
    doc.changeLinks({call}, "Retry", [](models::EdgeSpec &e) { e.retry.reset(); });
    EXPECT_TRUE(item->retryGlyphRect().isNull());
    EXPECT_FALSE(item->toolTip().contains("retry"));

    // A publish edge has neither, nor a tooltip.
    doc.changeLinks({call}, "Mode", [](models::EdgeSpec &e) {
        e.mode = models::EdgeMode::Publish;
        e.fallback = {};
    });
    EXPECT_FALSE(item->isCall());
    EXPECT_TRUE(item->label().isEmpty());
    EXPECT_TRUE(item->toolTip().isEmpty());
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the call edge of flaky-payments,
// light and dark, selected and not.
TEST(LinkItemCall, RendersTheCallEdgeInLightAndDark)
{
    TopologyDocument doc;
    doc.load(models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"));
    for (const bool dark : {false, true}) {
        TopologyScene scene(&doc);
        TopologyView view(&scene);
        if (dark) {
            scene.setPalette(darkScheme());
            view.setPalette(darkScheme());
        }
        view.resize(1000, 560);
        view.show();
        LinkItem *item = scene.itemFor(callOf(doc));
        view.centerOn(item->middle());
        QTest::qWait(20);
        const QImage image = view.grab().toImage();
        // Something is drawn at the glyphs' place: not the canvas colour alone.
        const QPoint at = view.mapFromScene(item->breakerGlyphRect().center());
        EXPECT_NE(image.pixelColor(at), image.pixelColor(5, 5));
        if (const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            image.save(QStringLiteral("%1/call-edge-%2.png").arg(dir, dark ? "dark" : "light"));
            item->setSelected(true);
            QTest::qWait(20);
            view.grab().save(QStringLiteral("%1/call-edge-selected-%2.png").arg(dir, dark ? "dark" : "light"));
        }
    }
}
