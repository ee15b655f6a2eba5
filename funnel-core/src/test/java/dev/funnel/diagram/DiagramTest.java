package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.ReportBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class DiagramTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Funnel shop() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .manual()
        .stage("buyer")
        .stage("repeat-customer")
        .won()
        .stage("lost")
        .lost()
        .stage("junk")
        .junk("not-target-audience")
        .offer(Offer.leadMagnet("coupon-500"))
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
        .offer(Offer.profitMaximizer("rider-gear", Money.of("89.00", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.present("coupon-500"))
        .on("added-to-cart")
        .from("cold-lead")
        .to("hot-lead")
        .on("rejected")
        .from("hot-lead")
        .to("junk")
        .on("paid")
        .from("cold-lead", "hot-lead")
        .to("buyer")
        .when(Conditions.attr("total").gt(0))
        .on("paid-again")
        .from("buyer")
        .to("repeat-customer")
        .on("nudge")
        .from("cold-lead")
        .on("gone-cold")
        .from("hot-lead")
        .to("lost")
        .on("unsubscribed")
        .fromAny()
        .to("lost")
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("hot-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(30))
        .in("buyer")
        .fire("review-asked")
        .build();
  }

  /** The seeds' shape: 800 visitors, 200 add to the cart, 50 buy. */
  static Report seedReport() {
    Funnel f =
        Funnel.builder("seed")
            .stage("visitor")
            .entry()
            .stage("cart")
            .stage("sale")
            .won()
            .on("add")
            .from("visitor")
            .to("cart")
            .on("pay")
            .from("cart")
            .to("sale")
            .build();
    ReportBuilder b = Report.builder(f);
    for (int i = 0; i < 800; i++) {
      Outcome o = f.enter("v" + i, "ads", T0);
      b.addAll(o.steps());
      Lead lead = o.lead();
      if (i < 200) {
        o = f.fire(lead, Event.of("a", "add", T0.plusSeconds(60)));
        b.addAll(o.steps());
        lead = o.lead();
      }
      if (i < 50) {
        b.addAll(f.fire(lead, Event.of("p", "pay", T0.plusSeconds(120))).steps());
      }
    }
    return b.build();
  }

  @Test
  void mermaid_shop_drawsStagesTransitionsTimersAndOffers() {
    String m = Diagram.mermaid(shop());

    assertTrue(m.startsWith("stateDiagram-v2\n"), m);
    assertTrue(m.contains("  state \"visitor\" as s0\n"), m);
    assertTrue(m.contains("  state \"hot-lead · manual\" as s2\n"), m);
    assertTrue(m.contains("  state \"repeat-customer · won\" as s4\n"), m);
    assertTrue(m.contains("  state \"junk · not-target-audience\" as s6\n"), m);
    assertTrue(m.contains("  [*] --> s0\n"), m);
    assertTrue(m.contains("  s0 --> s1 : contact-left / present coupon-500\n"), m);
    assertTrue(m.contains("  s1 --> s3 : paid [total #62; 0]\n"), m);
    assertTrue(m.contains("  s2 --> s3 : paid [total #62; 0]\n"), m);
    assertTrue(m.contains("  s1 --> s1 : nudge (after 2d)\n"), m);
    assertTrue(m.contains("  s2 --> s5 : gone-cold (after 7d)\n"), m);
    assertTrue(m.contains("  any --> s5 : unsubscribed\n"), m);
    assertTrue(m.contains("  s4 --> [*]\n  s5 --> [*]\n  s6 --> [*]\n"), m);
    assertTrue(m.contains("  note right of s3\n    after 30d#58; review-asked\n  end note\n"), m);
    assertTrue(m.contains("    offers\n    - coupon-500#58; lead magnet, free\n"), m);
    assertTrue(m.contains("    - mini-set#58; tripwire, 9.90 EUR\n"), m);
    assertTrue(m.contains("  class s2 manual\n"), m);
    assertTrue(m.contains("  class s4 won\n"), m);
    assertTrue(m.contains("  class s6 junk\n"), m);
  }

  @Test
  void mermaid_report_annotatesEntriesAndTransitionCounts() {
    String m = Diagram.mermaid(seedReport());

    assertTrue(m.contains("  state \"visitor · 800 entered\" as s0\n"), m);
    assertTrue(m.contains("  s0 --> s1 : add · 200 · 25.00#37;\n"), m);
    assertTrue(m.contains("  s1 --> s2 : pay · 50 · 25.00#37;\n"), m);
    assertTrue(m.contains("  %% seed (version 1): 800 leads, 50 converted\n"), m);
  }

  @Test
  void mermaid_idsWithSyntax_areEscapedAsEntityCodes() {
    Funnel f =
        Funnel.builder("odd funnel")
            .stage("a \"b\": c;#d <e>")
            .entry()
            .stage("end %% {x}")
            .won()
            .on("go & see")
            .from("a \"b\": c;#d <e>")
            .to("end %% {x}")
            .build();

    String m = Diagram.mermaid(f);

    assertTrue(m.contains("  state \"a #34;b#34;#58; c#59;#35;d #60;e#62;\" as s0\n"), m);
    assertTrue(m.contains("  state \"end #37;#37; #123;x#125; · won\" as s1\n"), m);
    assertTrue(m.contains("  s0 --> s1 : go #38; see\n"), m);
    assertTrue(m.contains("  %% odd funnel (version 1)\n"), m);
  }

  @Test
  void dot_shop_drawsStagesTransitionsTimersAndOffers() {
    String d = Diagram.dot(shop());

    assertTrue(d.startsWith("digraph funnel {\n"), d);
    assertTrue(d.endsWith("}\n"), d);
    assertTrue(d.contains("  start -> s0;\n"), d);
    assertTrue(
        d.contains("  s2 [label=\"hot-lead\\nmanual\", style=\"rounded,filled,dashed\"];\n"), d);
    assertTrue(
        d.contains(
            "  s4 [label=\"repeat-customer\\nwon\", peripheries=2, fillcolor=\"#dff0d8\","
                + " color=\"#3c763d\"];\n"),
        d);
    assertTrue(d.contains("  s1 -> s3 [label=\"paid [total > 0]\"];\n"), d);
    assertTrue(d.contains("  s1 -> s1 [label=\"nudge (after 2d)\"];\n"), d);
    assertTrue(d.contains("  any -> s5 [label=\"unsubscribed\", style=dashed];\n"), d);
    assertTrue(d.contains("label=\"after 30d: review-asked\\l\""), d);
    assertTrue(d.contains("coupon-500: lead magnet, free\\l"), d);
  }

  @Test
  void dot_report_annotatesEntriesAndTransitionCounts() {
    String d = Diagram.dot(seedReport());

    assertTrue(d.contains("  s0 [label=\"visitor\\n800 entered\"];\n"), d);
    assertTrue(d.contains("  s0 -> s1 [label=\"add\\n200 · 25.00%\"];\n"), d);
    assertTrue(d.contains("  s1 -> s2 [label=\"pay\\n50 · 25.00%\"];\n"), d);
  }

  @Test
  void dot_quotesAndBackslashes_areEscaped() {
    Funnel f =
        Funnel.builder("f")
            .stage("say \"hi\" \\N")
            .entry()
            .stage("done")
            .won()
            .on("go")
            .from("say \"hi\" \\N")
            .to("done")
            .build();

    String d = Diagram.dot(f);

    assertTrue(d.contains("  s0 [label=\"say \\\"hi\\\" \\\\N\"];\n"), d);
    assertEquals("a\\\\b \\\" c", Diagram.dotText("a\\b \" c"));
    assertEquals("two lines", Diagram.dotText("two\r\nlines"));
  }

  @Test
  void guard_compoundCondition_readsAsAnExpression() {
    String g =
        Text.guard(
            Conditions.all(
                Conditions.attr("total").gt(0),
                Conditions.any(
                    Conditions.bought("mini"), Conditions.not(Conditions.inSegment("vip"))),
                Conditions.payload("size").in("S", "M"),
                Conditions.custom("isVip")));

    assertEquals(
        "total > 0 and (bought 'mini' or not in segment 'vip') and event.size in ['S', 'M'] and"
            + " isVip()",
        g);
    assertEquals("", Text.guard(Conditions.always()));
  }

  @Test
  void guard_offerCondition_readsAsTheEventsOffer() {
    assertEquals("event.offer = 'mini'", Text.guard(Conditions.offer("mini")));
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .offer(Offer.tripwire("mini", Money.of("1.00", "EUR")))
            .on("purchased")
            .from("a")
            .to("b")
            .when(Conditions.offer("mini"))
            .build();
    assertTrue(Diagram.mermaid(f).contains("purchased [event.offer = 'mini']"), Diagram.mermaid(f));
  }

  @Test
  void duration_readsInDaysHoursMinutes() {
    assertEquals("2d 3h", Text.duration(Duration.ofHours(51)));
    assertEquals("1h 30m", Text.duration(Duration.ofMinutes(90)));
    assertEquals("500ms", Text.duration(Duration.ofMillis(500)));
    assertEquals("0s", Text.duration(Duration.ZERO));
  }

  @Test
  void percent_showsExactlyTwoDecimals() {
    assertEquals("6.25%", Text.percent(dev.funnel.analytics.Ratio.of(50, 800)));
    assertEquals("25.00%", Text.percent(dev.funnel.analytics.Ratio.of(200, 800)));
    assertEquals("33.33%", Text.percent(dev.funnel.analytics.Ratio.of(1, 3)));
    assertEquals("-", Text.percent(dev.funnel.analytics.Ratio.of(1, 0)));
    assertFalse(Text.percent(dev.funnel.analytics.Ratio.of(100, 100)).contains("E"));
  }

  @Test
  void money_andCounts_haveTheirDigitsGrouped() {
    assertEquals("22,043.40 EUR", Text.money(Money.of("22043.40", "EUR")));
    assertEquals("-1,234,567.00 EUR", Text.money(Money.of("-1234567.00", "EUR")));
    assertEquals("5,000 JPY", Text.money(Money.of("5000", "JPY")));
    assertEquals("10,000", Text.count(10_000));
  }

  /** A stage with two loops, and two transitions between the same two stages. */
  private static Funnel parallel() {
    return Funnel.builder("parallel")
        .stage("cold")
        .entry()
        .stage("buyer")
        .won()
        .on("nudge")
        .from("cold")
        .on("opened-mail")
        .from("cold")
        .on("paid")
        .from("cold")
        .to("buyer")
        .on("won-raffle")
        .from("cold")
        .to("buyer")
        .build();
  }

  @Test
  void mermaid_parallelTransitionsAndLoops_shareOneArrowListingEveryLabel() {
    String m = Diagram.mermaid(parallel());

    assertTrue(m.contains("  s0 --> s0 : nudge #124; opened-mail\n"), m);
    assertTrue(m.contains("  s0 --> s1 : paid #124; won-raffle\n"), m);
    assertEquals(1, m.split("s0 --> s0", -1).length - 1, m);
    assertEquals(1, m.split("s0 --> s1", -1).length - 1, m);
  }

  @Test
  void dot_parallelTransitionsAndLoops_shareOneArrowWithALineEach() {
    String d = Diagram.dot(parallel());

    assertTrue(d.contains("  s0 -> s0 [label=\"nudge\\nopened-mail\"];\n"), d);
    assertTrue(d.contains("  s0 -> s1 [label=\"paid\\nwon-raffle\"];\n"), d);
  }

  @Test
  void mermaid_report_parallelTransitionsKeepEachCount() {
    Funnel f = parallel();
    ReportBuilder b = Report.builder(f);
    Outcome a = f.enter("a", "ads", T0);
    b.addAll(a.steps());
    Outcome nudged = f.fire(a.lead(), Event.of("n", "nudge", T0.plusSeconds(1)));
    b.addAll(nudged.steps());
    b.addAll(f.fire(nudged.lead(), Event.of("p", "paid", T0.plusSeconds(2))).steps());

    String m = Diagram.mermaid(b.build());

    assertTrue(
        m.contains("  s0 --> s0 : nudge · 1 · 100.00#37; #124; opened-mail · 0 · 0.00#37;\n"), m);
    assertTrue(
        m.contains("  s0 --> s1 : paid · 1 · 100.00#37; #124; won-raffle · 0 · 0.00#37;\n"), m);
  }
}
