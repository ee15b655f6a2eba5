package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Setting a single-valued builder option twice is reported at once, naming the earlier value. */
final class BuilderSetTwiceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Money PRICE = Money.of("9.90", "EUR");

  private static void assertRefused(String message, Executable twice) {
    IllegalStateException e = assertThrows(IllegalStateException.class, twice);
    assertEquals(message, e.getMessage());
  }

  private static FunnelBuilder base() {
    return Funnel.builder("f").stage("a").entry().stage("b").won();
  }

  private static Funnel valid() {
    return base().on("go").from("a").to("b").build();
  }

  @Test
  void funnelVersion_setTwice_isRefused() {
    FunnelBuilder b = base().version(2);
    assertRefused("funnel version was already set to 2", () -> b.version(3));
  }

  @Test
  void funnelVersion_fromToBuilder_canBeChangedOnce() {
    Funnel f = valid().toBuilder().version(2).build();
    assertEquals(2, f.version());
    FunnelBuilder again = f.toBuilder().version(3);
    assertRefused("funnel version was already set to 3", () -> again.version(4));
  }

  @Test
  void stageMarks_setTwice_areRefused() {
    assertRefused(
        "stage 'a' was already marked as an entry",
        () -> Funnel.builder("f").stage("a").entry().entry());
    assertRefused(
        "stage 'a' was already marked as manual",
        () -> Funnel.builder("f").stage("a").manual().manual());
    assertRefused(
        "stage 'a' was already marked as won", () -> Funnel.builder("f").stage("a").won().lost());
    assertRefused(
        "stage 'a' was already marked as junk",
        () -> Funnel.builder("f").stage("a").junk("spam").won());
  }

  @Test
  void transitionOptions_setTwice_areRefused() {
    assertRefused(
        "target of transition on 'go' was already set to 'b'",
        () -> base().on("go").from("a").to("b").to("a"));
    assertRefused(
        "target of transition on 'go' was already set to stay",
        () -> base().on("go").from("a").stay().to("b"));
    assertRefused(
        "target of transition on 'go' was already set to 'b'",
        () -> base().on("go").from("a").to("b").stay());
    Condition guard = Conditions.channel("ads");
    assertRefused(
        "guard of transition on 'go' was already set to " + guard,
        () -> base().on("go").from("a").when(guard).when(Conditions.owner("anna")));
    assertRefused(
        "priority of transition on 'go' was already set to 1",
        () -> base().on("go").from("a").priority(1).priority(2));
  }

  @Test
  void transitionLists_accumulate() {
    Funnel f =
        base()
            .stage("c")
            .on("go")
            .from("a")
            .from("c")
            .to("b")
            .then(Actions.send("t1"))
            .then(Actions.send("t2"))
            .on("in")
            .from("a")
            .to("c")
            .build();
    assertEquals(ImmutableSet.of("a", "c"), f.transitions().get(0).from());
    assertEquals(
        ImmutableList.of(Actions.send("t1"), Actions.send("t2")), f.transitions().get(0).actions());
  }

  @Test
  void timerOptions_setTwice_areRefused() {
    assertRefused(
        "stage of timer after PT24H was already set to 'a'",
        () -> base().after(DAY).in("a").in("b"));
    assertRefused(
        "event of timer after PT24H was already set to 'tick'",
        () -> base().after(DAY).in("a").fire("tick").fire("tock"));
  }

  @Test
  void valueLoopOptions_setTwice_areRefused() {
    assertRefused(
        "the stage buyers move to of the value loop of offer 'board' was already set to 'b'",
        () -> base().valueLoop("board").from("a").bought("b").bought("a"));
    assertRefused(
        "the upsell of the value loop of offer 'board' was already set to 'gear'",
        () -> base().valueLoop("board").upsell("gear").upsell("wax"));
    assertRefused(
        "the stage decliners move to of the value loop of offer 'board' was already set to 'b'",
        () -> base().valueLoop("board").declined("b").declined("a"));
    assertRefused(
        "the downsell of the value loop of offer 'board' was already set to 'course'",
        () -> base().valueLoop("board").downsell("course").downsell("wax"));
    assertRefused(
        "the window of the value loop of offer 'board' was already set to PT24H",
        () -> base().valueLoop("board").within(DAY).within(DAY.multipliedBy(2)));
  }

  @Test
  void segmentationOptions_setTwice_areRefused() {
    assertRefused(
        "target of segmentation on 'seg' was already set to 'b'",
        () -> base().segmentation("seg").from("a").to("b").to("a"));
    assertRefused(
        "default of segmentation on 'seg' was already set to [segment{segment=rest}]",
        () -> base().segmentation("seg").from("a").otherwise("rest").otherwise("others"));
  }

  @Test
  void eventOptions_setTwice_areRefused() {
    assertRefused(
        "event type was already set to 'paid'",
        () -> Event.builder("e", "draft", T0).type("paid").type("refunded"));
    assertRefused(
        "offer was already set to 'board'",
        () -> Event.builder("e", "paid", T0).offer("board").offer("gear"));
    assertRefused(
        "amount was already set to " + PRICE,
        () -> Event.builder("e", "paid", T0).amount(PRICE).amount(PRICE));
    assertRefused(
        "actor was already set to 'anna'",
        () -> Event.builder("e", "moved", T0).actor("anna").actor("boris"));
    assertRefused(
        "reason was already set",
        () -> Event.builder("e", "moved", T0).reason("my secret note").reason("another"));
    assertRefused(
        "payload value 'email' was already set",
        () -> Event.builder("e", "paid", T0).payload("email", "a@b.c").payload("email", "d@e.f"));
  }

  @Test
  void eventToBuilder_valuesCanBeChangedOnce() {
    Event e = Event.builder("e", "paid", T0).offer("board").payload("total", 3).build();
    Event changed = e.toBuilder().type("refunded").offer("gear").payload("total", 4).build();
    assertEquals("refunded", changed.type());
    assertEquals("gear", changed.offer().orElseThrow());
    assertEquals(4L, changed.payload().get("total"));
  }

  @Test
  void entryOptions_setTwice_areRefused() {
    Funnel f = valid();
    assertRefused(
        "entry stage was already set to 'a'", () -> f.newLead("l", "ads").stage("a").stage("a"));
    assertRefused(
        "owner was already set to 'anna'", () -> f.newLead("l", "ads").owner("anna").owner("bob"));
    assertRefused(
        "attribute 'email' was already set",
        () -> f.newLead("l", "ads").attribute("email", "a@b.c").attribute("email", "d@e.f"));
    Lead lead = f.newLead("l", "ads").segment("x").segment("y").enter(T0).lead();
    assertEquals(ImmutableSet.of("x", "y"), lead.segments());
  }

  @Test
  void leadBuilderOptions_setTwice_areRefused() {
    assertRefused(
        "channel was already set to 'ads'",
        () -> Lead.builder("l", "f").channel("ads").channel("seo"));
    assertRefused(
        "stage was already set to 'a' at " + T0,
        () -> Lead.builder("l", "f").stage("a", T0).stage("b", T0));
    assertRefused(
        "lead version was already set to 3", () -> Lead.builder("l", "f").version(3).version(4));
    assertRefused(
        "funnel version was already set to 2",
        () -> Lead.builder("l", "f").funnelVersion(2).funnelVersion(3));
    assertRefused(
        "owner was already set to 'anna'", () -> Lead.builder("l", "f").owner("anna").owner("bob"));
    assertRefused(
        "time of the last step was already set to " + T0,
        () -> Lead.builder("l", "f").updatedAt(T0).updatedAt(T0));
    assertRefused(
        "recent event ids was already set to [e1]",
        () ->
            Lead.builder("l", "f")
                .recentEventIds(ImmutableList.of("e1"))
                .recentEventIds(ImmutableList.of("e2")));
    assertRefused(
        "attribute 'email' was already set",
        () -> Lead.builder("l", "f").attribute("email", "a@b.c").attribute("email", "d@e.f"));
  }

  @Test
  void leadToBuilder_valuesCanBeChangedOnce() {
    Lead lead = valid().newLead("l", "ads").owner("anna").attribute("score", 1).enter(T0).lead();
    Lead changed =
        lead.toBuilder().owner("bob").attribute("score", 2).version(5).stage("a", T0).build();
    assertEquals("bob", changed.owner().orElseThrow());
    assertEquals(2L, changed.attributes().get("score"));
    assertEquals(5, changed.version());
  }
}
