package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FunnelTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Money PRICE = Money.of("9.90", "EUR");

  private static final Funnel SHOP =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .stage("landing")
          .entry()
          .stage("cold-lead")
          .stage("hot-lead")
          .manual()
          .stage("buyer")
          .won()
          .stage("lost")
          .lost()
          .stage("junk")
          .junk("not-target-audience")
          .offer(Offer.leadMagnet("coupon"))
          .offer(Offer.tripwire("mini-set", PRICE))
          .on("contact-left")
          .from("visitor", "landing")
          .to("cold-lead")
          .then(Actions.send("welcome-1", "email"), Actions.present("coupon"))
          .on("added-to-cart")
          .from("cold-lead")
          .to("hot-lead")
          .then(Actions.assign("anna"))
          .on("qualified")
          .from("cold-lead")
          .to("hot-lead")
          .when(Conditions.attr("budget").ge(100))
          .on("paid")
          .from("cold-lead", "hot-lead")
          .to("buyer")
          .on("spam")
          .fromAny()
          .to("junk")
          .on("note")
          .fromAny()
          .on("nudge")
          .from("cold-lead")
          .then(Actions.send("welcome-2"))
          .on("restart")
          .from("cold-lead")
          .to("cold-lead")
          .on("gone-cold")
          .from("cold-lead", "hot-lead")
          .to("lost")
          .after(Duration.ofDays(2))
          .in("cold-lead")
          .fire("nudge")
          .after(Duration.ofDays(7))
          .in("cold-lead")
          .fire("gone-cold")
          .after(Duration.ofDays(3))
          .in("hot-lead")
          .fire("gone-cold")
          .build();

  private static Lead visitor() {
    return SHOP.enter("lead-1", "google-ads", T0).lead();
  }

  /** A lead that left its contact one hour after entering: in cold-lead with two timers. */
  private static Lead coldLead() {
    return SHOP.fire(visitor(), Event.of("e1", "contact-left", T0.plus(HOUR))).lead();
  }

  private static Lead hotLead() {
    return SHOP.fire(coldLead(), Event.of("e2", "added-to-cart", T0.plus(DAY))).lead();
  }

  private static ScheduledTimer timer(String stage, String event, Instant due) {
    return new ScheduledTimer(stage, event, due);
  }

  // ---------------------------------------------------------------------------------------------
  // Definition

  @Test
  void build_javadocExample_buildsAndMovesLeads() {
    Funnel shop =
        Funnel.builder("online-shop")
            .stage("visitor")
            .entry()
            .stage("cold-lead")
            .stage("buyer")
            .won()
            .stage("lost")
            .lost()
            .on("contact-left")
            .from("visitor")
            .to("cold-lead")
            .then(Actions.send("welcome-1"))
            .on("paid")
            .from("cold-lead")
            .to("buyer")
            .after(Duration.ofDays(7))
            .in("cold-lead")
            .fire("gone-cold")
            .on("gone-cold")
            .from("cold-lead")
            .to("lost")
            .build();

    Lead lead = shop.enter("lead-42", "google-ads", T0).lead();
    Outcome out = shop.fire(lead, Event.of("evt-1", "contact-left", T0));

    assertEquals("cold-lead", out.lead().stage());
    assertEquals(Actions.send("welcome-1"), out.effects().get(0));
    assertEquals(ImmutableList.of(), shop.warnings());
  }

  @Test
  void stages_keepDeclarationOrderKindsAndFlags() {
    assertEquals(
        ImmutableList.of(
            new Stage("visitor", Stage.Kind.ACTIVE, true, false, null),
            new Stage("landing", Stage.Kind.ACTIVE, true, false, null),
            new Stage("cold-lead", Stage.Kind.ACTIVE, false, false, null),
            new Stage("hot-lead", Stage.Kind.ACTIVE, false, true, null),
            new Stage("buyer", Stage.Kind.WON, false, false, null),
            new Stage("lost", Stage.Kind.LOST, false, false, null),
            new Stage("junk", Stage.Kind.JUNK, false, false, "not-target-audience")),
        SHOP.stages());
  }

  @Test
  void stage_terminalKinds_areTerminalAndActiveIsNot() {
    assertFalse(SHOP.stage("cold-lead").orElseThrow().isTerminal());
    assertTrue(SHOP.stage("buyer").orElseThrow().isTerminal());
    assertTrue(SHOP.stage("lost").orElseThrow().isTerminal());
    assertTrue(SHOP.stage("junk").orElseThrow().isTerminal());
  }

  @Test
  void lost_marksStageAsLost() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("end")
            .lost()
            .on("go")
            .from("a")
            .to("end")
            .build();

    assertEquals(Stage.Kind.LOST, f.stage("end").orElseThrow().kind());
  }

  @Test
  void stage_unknownId_isEmpty() {
    assertEquals(Optional.empty(), SHOP.stage("nowhere"));
  }

  @Test
  void stage_reasonOnNonJunkStage_throwsIae() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Stage("lost", Stage.Kind.LOST, false, false, "too-expensive"));
  }

  @Test
  void stage_blankId_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Funnel.builder("f").stage(" "));
    assertThrows(IllegalArgumentException.class, () -> Funnel.builder(""));
  }

  @Test
  void entryStages_listsEntriesInDeclarationOrder() {
    assertEquals(
        ImmutableList.of("visitor", "landing"),
        SHOP.entryStages().stream().map(Stage::id).collect(ImmutableList.toImmutableList()));
  }

  @Test
  void transitions_recordEventSourcesTargetGuardActionsAndPriority() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .stage("c")
            .won()
            .on("go")
            .from("a", "b")
            .to("c")
            .when(Conditions.channel("ads"))
            .then(Actions.send("t1"), Actions.segment("s"))
            .priority(5)
            .on("ping")
            .fromAny()
            .on("next")
            .from("a")
            .to("b")
            .build();

    Transition go = f.transitions().get(0);
    assertEquals(
        new Transition(
            "go",
            ImmutableSet.of("a", "b"),
            "c",
            Conditions.channel("ads"),
            ImmutableList.of(Actions.send("t1"), Actions.segment("s")),
            5),
        go);
    assertTrue(go.isGuarded());
    assertFalse(go.isStay());
    assertFalse(go.isFromAny());
    assertEquals("go: a,b -> c", go.describe());

    Transition ping = f.transitions().get(1);
    assertTrue(ping.isFromAny());
    assertTrue(ping.isStay());
    assertFalse(ping.isGuarded());
    assertEquals(Condition.ALWAYS, ping.guard());
    assertEquals(0, ping.priority());
    assertEquals("ping: * -> (stay)", ping.describe());
  }

  @Test
  void then_calledTwice_appendsActionsInOrder() {
    Funnel f = TwoStages.aToB().then(Actions.send("t1")).then(Actions.send("t2")).build();

    assertEquals(
        ImmutableList.of(Actions.send("t1"), Actions.send("t2")),
        f.fire(f.enter("l", "ads", T0).lead(), Event.of("e", "go", T0)).effects());
  }

  @Test
  void fromAfterFromAny_lastCallWins() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .stage("c")
            .won()
            .on("go")
            .from("a")
            .to("b")
            .on("end")
            .fromAny()
            .from("b")
            .to("c")
            .on("skip")
            .from("a")
            .fromAny()
            .to("c")
            .build();

    assertEquals(ImmutableSet.of("b"), f.transitions().get(1).from());
    assertTrue(f.transitions().get(2).isFromAny());
  }

  @Test
  void fire_transitionWithSeveralSources_firesFromEach() {
    Lead fromVisitor = SHOP.enter("l1", "ads", T0).lead();
    Lead fromLanding = SHOP.newLead("l2", "ads").stage("landing").enter(T0).lead();

    assertEquals(
        "cold-lead", SHOP.fire(fromVisitor, Event.of("e1", "contact-left", T0)).lead().stage());
    assertEquals(
        "cold-lead", SHOP.fire(fromLanding, Event.of("e1", "contact-left", T0)).lead().stage());
  }

  @Test
  void fire_fromAnyTransition_appliesInEveryActiveStage() {
    for (Lead lead : List.of(visitor(), coldLead(), hotLead())) {
      Outcome out = SHOP.fire(lead, Event.of("spam-1", "spam", T0.plus(Duration.ofDays(2))));

      assertEquals(Outcome.Status.MOVED, out.status());
      assertEquals("junk", out.lead().stage());
    }
  }

  @Test
  void fire_fromAnyTransition_doesNotApplyInTerminalStage() {
    Lead junk = SHOP.fire(visitor(), Event.of("e1", "spam", T0)).lead();

    Outcome out = SHOP.fire(junk, Event.of("e2", "note", T0));

    assertEquals(Optional.of(Outcome.Refusal.TERMINAL), out.refusal());
  }

  @Test
  void fire_higherPriorityWins_evenWhenDeclaredLater() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("low")
            .won()
            .stage("high")
            .won()
            .on("go")
            .from("a")
            .to("low")
            .when(Conditions.channel("ads"))
            .on("go")
            .from("a")
            .to("high")
            .when(Conditions.channel("ads"))
            .priority(1)
            .build();

    Outcome out = f.fire(f.enter("l", "ads", T0).lead(), Event.of("e", "go", T0));

    assertEquals("high", out.lead().stage());
  }

  @Test
  void fire_equalPriority_firstDeclaredWins() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("first")
            .won()
            .stage("second")
            .won()
            .on("go")
            .from("a")
            .to("first")
            .when(Conditions.channel("ads"))
            .on("go")
            .from("a")
            .to("second")
            .when(Conditions.channel("ads"))
            .build();

    Outcome out = f.fire(f.enter("l", "ads", T0).lead(), Event.of("e", "go", T0));

    assertEquals("first", out.lead().stage());
  }

  @Test
  void fire_firstTransitionWhoseGuardHolds_wins() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("vip")
            .won()
            .stage("regular")
            .won()
            .stage("other")
            .won()
            .on("go")
            .from("a")
            .to("vip")
            .when(Conditions.attr("vip").eq(true))
            .priority(2)
            .on("go")
            .from("a")
            .to("regular")
            .when(Conditions.channel("ads"))
            .priority(1)
            .on("go")
            .from("a")
            .to("other")
            .build();

    Lead regular = f.newLead("l1", "ads").attribute("vip", false).enter(T0).lead();
    Lead vip = f.newLead("l2", "ads").attribute("vip", true).enter(T0).lead();
    Lead other = f.newLead("l3", "mail").enter(T0).lead();

    assertEquals("regular", f.fire(regular, Event.of("e", "go", T0)).lead().stage());
    assertEquals("vip", f.fire(vip, Event.of("e", "go", T0)).lead().stage());
    assertEquals("other", f.fire(other, Event.of("e", "go", T0)).lead().stage());
  }

  @Test
  void timers_keepDeclarationOrder() {
    assertEquals(
        ImmutableList.of(
            new Timer("cold-lead", Duration.ofDays(2), "nudge"),
            new Timer("cold-lead", Duration.ofDays(7), "gone-cold"),
            new Timer("hot-lead", Duration.ofDays(3), "gone-cold")),
        SHOP.timers());
  }

  @Test
  void after_notPositive_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Funnel.builder("f").after(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> Funnel.builder("f").after(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> new Timer("a", Duration.ZERO, "tick"));
  }

  @Test
  void version_isOneByDefault() {
    assertEquals(1, SHOP.version());
  }

  @Test
  void version_isSetAndCarriedByEnteredLeads() {
    Funnel v3 = SHOP.toBuilder().version(3).build();

    assertEquals(3, v3.version());
    assertEquals(3, v3.enter("l", "ads", T0).lead().funnelVersion());
  }

  @Test
  void version_notPositive_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Funnel.builder("f").version(0));
  }

  @Test
  void offers_keepDeclarationOrderAndAreFoundById() {
    assertEquals(
        ImmutableList.of(Offer.leadMagnet("coupon"), Offer.tripwire("mini-set", PRICE)),
        SHOP.offers());
    assertEquals(Optional.of(Offer.tripwire("mini-set", PRICE)), SHOP.offer("mini-set"));
    assertEquals(Optional.empty(), SHOP.offer("snowboard"));
  }

  @Test
  void eventTypes_areThoseSomeTransitionTakes() {
    assertEquals(
        ImmutableSet.of(
            "contact-left",
            "added-to-cart",
            "qualified",
            "paid",
            "spam",
            "note",
            "nudge",
            "restart",
            "gone-cold"),
        SHOP.eventTypes());
  }

  @Test
  void customGuardsAndActions_listTheNamesUsed() {
    Funnel f =
        TwoStages.aToB()
            .when(
                Conditions.all(
                    Conditions.custom("is-business"),
                    Conditions.not(Conditions.any(Conditions.custom("blocked")))))
            .then(Actions.send("t"), Actions.custom("crm-sync"), Actions.custom("notify"))
            .build();

    assertEquals(ImmutableSet.of("is-business", "blocked"), f.customGuards());
    assertEquals(ImmutableSet.of("crm-sync", "notify"), f.customActions());
  }

  @Test
  void toBuilder_build_equalsOriginal() {
    Funnel rich =
        SHOP.toBuilder()
            .version(7)
            .on("vip")
            .from("cold-lead", "hot-lead")
            .to("buyer")
            .when(
                Conditions.any(
                    Conditions.attr("tier").in("gold", "platinum"),
                    Conditions.all(
                        Conditions.payload("total").gt(new java.math.BigDecimal("99.50")),
                        Conditions.not(Conditions.bought("mini-set")))))
            .then(Actions.segment("vip"), Actions.handOff("repeat", "engaged"))
            .priority(3)
            .build();

    Funnel copy = rich.toBuilder().build();

    assertEquals(rich, copy);
    assertEquals(rich.hashCode(), copy.hashCode());
    assertEquals(rich.stages(), copy.stages());
    assertEquals(rich.transitions(), copy.transitions());
    assertEquals(rich.timers(), copy.timers());
    assertEquals(rich.offers(), copy.offers());
    assertEquals(rich.version(), copy.version());
    assertEquals(rich.warnings(), copy.warnings());
  }

  @Test
  void toBuilder_changingTheCopy_leavesOriginalUnchanged() {
    Funnel changed =
        SHOP.toBuilder().stage("extra").on("extra").from("visitor").to("extra").build();

    assertNotEquals(SHOP, changed);
    assertEquals(7, SHOP.stages().size());
    assertEquals(8, changed.stages().size());
    assertEquals(SHOP, SHOP.toBuilder().build());
  }

  @Test
  void equals_sameDefinition_isEqualWithSameHashCode() {
    Funnel a = TwoStages.aToB().build();
    Funnel b = TwoStages.aToB().build();

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void equals_differentIdVersionOrParts_isNotEqual() {
    Funnel base = TwoStages.aToB().build();

    assertNotEquals(
        base,
        Funnel.builder("g").stage("a").entry().stage("b").won().on("go").from("a").to("b").build());
    assertNotEquals(base, base.toBuilder().version(2).build());
    assertNotEquals(base, base.toBuilder().stage("c").won().on("stop").from("a").to("c").build());
    assertNotEquals(base, base.toBuilder().after(DAY).in("a").fire("go").build());
    assertNotEquals(base, base.toBuilder().offer(Offer.leadMagnet("guide")).build());
  }

  @Test
  void toString_namesIdAndVersion() {
    assertTrue(SHOP.toString().contains("shop"));
  }

  // ---------------------------------------------------------------------------------------------
  // Entering

  @Test
  void enter_startsInFirstEntryStageAtVersionZero() {
    Outcome out = SHOP.enter("lead-1", "google-ads", T0);

    Lead lead = out.lead();
    assertEquals(Outcome.Status.ENTERED, out.status());
    assertEquals("lead-1", lead.id());
    assertEquals("shop", lead.funnelId());
    assertEquals("visitor", lead.stage());
    assertEquals("google-ads", lead.channel());
    assertEquals(0, lead.version());
    assertEquals(T0, lead.enteredAt());
    assertEquals(T0, lead.updatedAt());
    assertEquals(Optional.empty(), lead.owner());
    assertEquals(ImmutableList.of(), lead.timers());
    assertEquals(ImmutableList.of(), out.effects());
  }

  @Test
  void enter_recordsEntryStep() {
    Outcome out = SHOP.newLead("lead-1", "google-ads").owner("anna").enter(T0);

    assertEquals(
        ImmutableList.of(
            new Step(
                "shop",
                "lead-1",
                null,
                "visitor",
                null,
                null,
                T0,
                "google-ads",
                "anna",
                null,
                null,
                null,
                null,
                0)),
        out.steps());
    assertTrue(out.steps().get(0).isEntry());
  }

  @Test
  void enter_chosenEntryStage_startsThere() {
    Lead lead = SHOP.newLead("lead-1", "ads").stage("landing").enter(T0).lead();

    assertEquals("landing", lead.stage());
  }

  @Test
  void enter_nonEntryStage_throwsIae() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SHOP.newLead("lead-1", "ads").stage("cold-lead").enter(T0));
    assertThrows(
        IllegalArgumentException.class,
        () -> SHOP.newLead("lead-1", "ads").stage("nowhere").enter(T0));
  }

  @Test
  void enter_blankLeadIdOrChannel_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> SHOP.enter(" ", "ads", T0));
    assertThrows(IllegalArgumentException.class, () -> SHOP.enter("lead-1", "", T0));
  }

  @Test
  void enter_entryStageTimers_areScheduledAsEffectsAndOnTheLead() {
    Funnel f =
        Funnel.builder("drip")
            .stage("subscribed")
            .entry()
            .stage("gone")
            .lost()
            .on("lapse")
            .from("subscribed")
            .to("gone")
            .on("letter")
            .from("subscribed")
            .then(Actions.send("letter-1"))
            .after(Duration.ofDays(5))
            .in("subscribed")
            .fire("lapse")
            .after(Duration.ofDays(1))
            .in("subscribed")
            .fire("letter")
            .build();

    Outcome out = f.enter("lead-1", "ads", T0);

    ImmutableList<ScheduledTimer> expected =
        ImmutableList.of(
            timer("subscribed", "letter", T0.plus(Duration.ofDays(1))),
            timer("subscribed", "lapse", T0.plus(Duration.ofDays(5))));
    assertEquals(expected, out.lead().timers());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerScheduled(expected.get(0)), new Effect.TimerScheduled(expected.get(1))),
        out.effects());
  }

  @Test
  void enter_leadsEnteringAlike_shareWhatTheyHaveInCommon() {
    Lead a = SHOP.enter("lead-a", "google-ads", T0).lead();
    Lead b = SHOP.enter("lead-b", "google-ads", T0.plus(HOUR)).lead();
    Lead other = SHOP.enter("lead-c", "newsletter", T0).lead();
    Lead known = SHOP.newLead("lead-d", "google-ads").attribute("budget", 5).enter(T0).lead();

    assertSame(a.profile(), b.profile());
    assertNotEquals(a.profile(), other.profile());
    assertNotEquals(a.profile(), known.profile());
    assertEquals("lead-a", a.id());
    assertEquals("lead-b", b.id());
    assertNotEquals(a, b);
  }

  @Test
  void fire_changingOneOfLeadsThatShareAProfile_leavesTheOthersAsTheyWere() {
    Funnel f =
        Funnel.builder("f")
            .stage("new")
            .entry()
            .stage("done")
            .won()
            .on("tagged")
            .from("new")
            .then(Actions.set("tag", "x"), Actions.assign("anna"))
            .on("paid")
            .from("new")
            .to("done")
            .build();
    Lead a = f.enter("lead-a", "ads", T0).lead();
    Lead b = f.enter("lead-b", "ads", T0).lead();

    Lead changed = f.fire(a, Event.of("e1", "tagged", T0)).lead();

    assertEquals(Optional.of("x"), changed.attribute("tag"));
    assertEquals(Optional.of("anna"), changed.owner());
    assertEquals(ImmutableMap.of(), b.attributes());
    assertEquals(Optional.empty(), b.owner());
    assertEquals(ImmutableMap.of(), a.attributes());
  }

  @Test
  void newLead_setsAttributesSegmentsAndOwner() {
    Lead lead =
        SHOP.newLead("lead-1", "ads")
            .attribute("budget", 150)
            .attributes(ImmutableMap.of("country", "DE"))
            .segment("rational")
            .segment("newsletter")
            .owner("anna")
            .enter(T0)
            .lead();

    assertEquals(ImmutableMap.of("budget", 150L, "country", "DE"), lead.attributes());
    assertEquals(ImmutableSet.of("rational", "newsletter"), lead.segments());
    assertEquals(Optional.of("anna"), lead.owner());
  }

  // ---------------------------------------------------------------------------------------------
  // Firing

  @Test
  void fire_matchingEvent_movesLeadAndAddsOneToVersion() {
    Lead before = visitor();

    Outcome out = SHOP.fire(before, Event.of("e1", "contact-left", T0.plus(HOUR)));

    assertEquals(Outcome.Status.MOVED, out.status());
    assertEquals("cold-lead", out.lead().stage());
    assertEquals(1, out.lead().version());
    assertEquals(T0.plus(HOUR), out.lead().enteredAt());
    assertEquals(T0.plus(HOUR), out.lead().updatedAt());
    assertTrue(out.lead().hasApplied("e1"));
    assertEquals("visitor", before.stage());
    assertEquals(0, before.version());
  }

  @Test
  void fire_move_effectsAreActionsThenScheduledTimers() {
    Outcome out = SHOP.fire(visitor(), Event.of("e1", "contact-left", T0.plus(HOUR)));

    Instant at = T0.plus(HOUR);
    assertEquals(
        ImmutableList.of(
            Actions.send("welcome-1", "email"),
            Actions.present("coupon"),
            new Effect.TimerScheduled(timer("cold-lead", "nudge", at.plus(Duration.ofDays(2)))),
            new Effect.TimerScheduled(
                timer("cold-lead", "gone-cold", at.plus(Duration.ofDays(7))))),
        out.effects());
    assertEquals(
        ImmutableList.of(
            timer("cold-lead", "nudge", at.plus(Duration.ofDays(2))),
            timer("cold-lead", "gone-cold", at.plus(Duration.ofDays(7)))),
        out.lead().timers());
  }

  @Test
  void fire_move_cancelsOldTimersThenActionsThenSchedulesNewOnes() {
    Lead cold = coldLead();
    Instant at = T0.plus(DAY);

    Outcome out = SHOP.fire(cold, Event.of("e2", "added-to-cart", at));

    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(cold.timers().get(0)),
            new Effect.TimerCancelled(cold.timers().get(1)),
            Actions.assign("anna"),
            new Effect.TimerScheduled(timer("hot-lead", "gone-cold", at.plus(Duration.ofDays(3))))),
        out.effects());
    assertEquals(
        ImmutableList.of(timer("hot-lead", "gone-cold", at.plus(Duration.ofDays(3)))),
        out.lead().timers());
  }

  @Test
  void fire_moveToTerminalStage_cancelsTimersAndLeavesNone() {
    Lead cold = coldLead();

    Outcome out = SHOP.fire(cold, Event.of("e2", "paid", T0.plus(DAY)));

    assertEquals("buyer", out.lead().stage());
    assertEquals(ImmutableList.of(), out.lead().timers());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(cold.timers().get(0)),
            new Effect.TimerCancelled(cold.timers().get(1))),
        out.effects());
  }

  @Test
  void fire_stayTransition_keepsStageTimersAndEntryTime() {
    Lead cold = coldLead();

    Outcome out = SHOP.fire(cold, Event.of("e2", "nudge", T0.plus(DAY)));

    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals("cold-lead", out.lead().stage());
    assertEquals(cold.timers(), out.lead().timers());
    assertEquals(cold.enteredAt(), out.lead().enteredAt());
    assertEquals(T0.plus(DAY), out.lead().updatedAt());
    assertEquals(2, out.lead().version());
    assertEquals(ImmutableList.of(Actions.send("welcome-2")), out.effects());
  }

  @Test
  void fire_toSameStage_reentersAndRestartsTimers() {
    Lead cold = coldLead();
    Instant at = T0.plus(DAY);

    Outcome out = SHOP.fire(cold, Event.of("e2", "restart", at));

    assertEquals("cold-lead", out.lead().stage());
    assertEquals(at, out.lead().enteredAt());
    ImmutableList<ScheduledTimer> restarted =
        ImmutableList.of(
            timer("cold-lead", "nudge", at.plus(Duration.ofDays(2))),
            timer("cold-lead", "gone-cold", at.plus(Duration.ofDays(7))));
    assertEquals(restarted, out.lead().timers());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(cold.timers().get(0)),
            new Effect.TimerCancelled(cold.timers().get(1)),
            new Effect.TimerScheduled(restarted.get(0)),
            new Effect.TimerScheduled(restarted.get(1))),
        out.effects());
  }

  @Test
  void fire_recordsStepWithEveryField() {
    Lead hot = hotLead();
    Instant at = T0.plus(Duration.ofDays(2));
    Event paid =
        Event.builder("e3", "paid", at)
            .offer("mini-set")
            .amount(PRICE)
            .actor("anna")
            .reason("phone-order")
            .build();

    Outcome out = SHOP.fire(hot, paid);

    assertEquals(
        ImmutableList.of(
            new Step(
                "shop",
                "lead-1",
                "hot-lead",
                "buyer",
                "e3",
                "paid",
                at,
                "google-ads",
                "anna",
                "mini-set",
                PRICE,
                "anna",
                "phone-order",
                3)),
        out.steps());
  }

  @Test
  void fire_stay_recordsStepFromAndToTheSameStage() {
    Outcome out = SHOP.fire(coldLead(), Event.of("e2", "note", T0.plus(DAY)));

    Step step = out.steps().get(0);
    assertEquals("cold-lead", step.from());
    assertEquals("cold-lead", step.to());
    assertFalse(step.isMove());
  }

  @Test
  void fire_unknownEventType_isRefusedNoTransitionWithSameLead() {
    Lead lead = visitor();

    Outcome out = SHOP.fire(lead, Event.of("e1", "unheard-of", T0));

    assertEquals(Outcome.Status.REFUSED, out.status());
    assertEquals(Optional.of(Outcome.Refusal.NO_TRANSITION), out.refusal());
    assertSame(lead, out.lead());
    assertEquals(ImmutableList.of(), out.effects());
    assertEquals(ImmutableList.of(), out.steps());
  }

  @Test
  void fire_eventNotTakenInThisStage_isRefusedNoTransition() {
    Lead lead = visitor();

    Outcome out = SHOP.fire(lead, Event.of("e1", "paid", T0));

    assertEquals(Optional.of(Outcome.Refusal.NO_TRANSITION), out.refusal());
    assertSame(lead, out.lead());
  }

  @Test
  void fire_guardFails_isRefusedGuardRejectedWithSameLead() {
    Lead cold = coldLead();

    Outcome out = SHOP.fire(cold, Event.of("e2", "qualified", T0.plus(DAY)));

    assertEquals(Optional.of(Outcome.Refusal.GUARD_REJECTED), out.refusal());
    assertSame(cold, out.lead());
  }

  @Test
  void fire_guardHolds_isAccepted() {
    Lead cold =
        SHOP.fire(
                SHOP.newLead("lead-1", "ads").attribute("budget", 100).enter(T0).lead(),
                Event.of("e1", "contact-left", T0))
            .lead();

    Outcome out = SHOP.fire(cold, Event.of("e2", "qualified", T0.plus(DAY)));

    assertEquals("hot-lead", out.lead().stage());
  }

  @Test
  void fire_sameEventIdAgain_isRefusedDuplicateWithSameLead() {
    Lead cold = coldLead();

    Outcome out = SHOP.fire(cold, Event.of("e1", "note", T0.plus(DAY)));

    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), out.refusal());
    assertSame(cold, out.lead());
  }

  @Test
  void fire_redeliveredEvent_isRefusedDuplicate() {
    Event contact = Event.of("e1", "contact-left", T0.plus(HOUR));
    Lead cold = SHOP.fire(visitor(), contact).lead();

    Outcome again = SHOP.fire(cold, contact);

    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
    assertSame(cold, again.lead());
  }

  @Test
  void fire_leadInTerminalStage_isRefusedTerminalWithSameLead() {
    Lead buyer = SHOP.fire(coldLead(), Event.of("e2", "paid", T0.plus(DAY))).lead();

    Outcome out = SHOP.fire(buyer, Event.of("e3", "note", T0.plus(Duration.ofDays(2))));

    assertEquals(Optional.of(Outcome.Refusal.TERMINAL), out.refusal());
    assertSame(buyer, out.lead());
  }

  @Test
  void fire_eventOlderThanLastStep_isRefusedStaleWithSameLead() {
    Lead cold = coldLead();

    Outcome out = SHOP.fire(cold, Event.of("e2", "note", T0));

    assertEquals(Optional.of(Outcome.Refusal.STALE), out.refusal());
    assertSame(cold, out.lead());
  }

  @Test
  void fire_eventAtTimeOfLastStep_isNotStale() {
    Outcome out = SHOP.fire(coldLead(), Event.of("e2", "note", T0.plus(HOUR)));

    assertEquals(Outcome.Status.STAYED, out.status());
  }

  @Test
  void fire_refusalsAreCheckedDuplicateThenTerminalThenStaleThenTransition() {
    Lead buyer = SHOP.fire(coldLead(), Event.of("e2", "paid", T0.plus(DAY))).lead();
    Lead cold = coldLead();

    // duplicate beats terminal and stale
    assertEquals(
        Optional.of(Outcome.Refusal.DUPLICATE),
        SHOP.fire(buyer, Event.of("e2", "unheard-of", T0)).refusal());
    // terminal beats stale
    assertEquals(
        Optional.of(Outcome.Refusal.TERMINAL),
        SHOP.fire(buyer, Event.of("e3", "unheard-of", T0)).refusal());
    // stale beats no transition
    assertEquals(
        Optional.of(Outcome.Refusal.STALE),
        SHOP.fire(cold, Event.of("e3", "unheard-of", T0)).refusal());
  }

  @Test
  void canAccept_tellsWhetherFireWouldAccept() {
    Lead cold = coldLead();

    assertTrue(SHOP.canAccept(cold, Event.of("e2", "paid", T0.plus(DAY))));
    assertFalse(SHOP.canAccept(cold, Event.of("e2", "contact-left", T0.plus(DAY))));
    assertFalse(SHOP.canAccept(cold, Event.of("e1", "paid", T0.plus(DAY))));
  }

  @Test
  void fire_leadOfAnotherFunnel_throwsIae() {
    Lead foreign =
        Funnel.builder("other")
            .stage("visitor")
            .entry()
            .stage("buyer")
            .won()
            .on("paid")
            .from("visitor")
            .to("buyer")
            .build()
            .enter("lead-1", "ads", T0)
            .lead();

    assertThrows(
        IllegalArgumentException.class,
        () -> SHOP.fire(foreign, Event.of("e1", "contact-left", T0)));
  }

  @Test
  void fire_leadInStageFunnelLacks_throwsIae() {
    Lead stray = Lead.builder("lead-1", "shop").stage("nowhere", T0).channel("ads").build();

    assertThrows(
        IllegalArgumentException.class, () -> SHOP.fire(stray, Event.of("e1", "note", T0)));
  }

  @Test
  void fire_restoredLead_movesLikeTheLeadItWasSavedFrom() {
    Lead cold = coldLead();
    Lead restored = cold.toBuilder().build();
    Event paid = Event.of("e9", "paid", T0.plus(DAY));

    Outcome fromRestored = SHOP.fire(restored, paid);
    Outcome fromOriginal = SHOP.fire(cold, paid);

    assertEquals(fromOriginal.lead(), fromRestored.lead());
    assertEquals(fromOriginal.effects(), fromRestored.effects());
    assertEquals(Outcome.Status.MOVED, fromRestored.status());
    assertEquals(
        Outcome.Refusal.DUPLICATE,
        SHOP.fire(restored, Event.of("e1", "note", T0.plus(DAY))).refusal().orElseThrow());
  }

  @Test
  void fire_leadOfAnEqualFunnelBuiltAgain_isTakenByStageId() {
    Funnel rebuilt = SHOP.toBuilder().build();
    Lead cold = coldLead();

    Outcome o = rebuilt.fire(cold, Event.of("e9", "added-to-cart", T0.plus(DAY)));

    assertEquals("hot-lead", o.lead().stage());
    assertEquals(SHOP.fire(cold, Event.of("e9", "added-to-cart", T0.plus(DAY))).lead(), o.lead());
    assertEquals(
        "buyer", SHOP.fire(o.lead(), Event.of("e10", "paid", T0.plus(DAY))).lead().stage());
  }

  @Test
  void fire_eventTypeEqualButNotTheSameString_findsTheTransition() {
    String type = new String("added-to-cart".toCharArray());

    Outcome o = SHOP.fire(coldLead(), Event.of("e9", type, T0.plus(DAY)));

    assertEquals("hot-lead", o.lead().stage());
  }

  @Test
  void fire_stageTakingManyEventTypes_findsEachAndRefusesOthers() {
    FunnelBuilder b = Funnel.builder("many").stage("open").entry().stage("done").won();
    for (int i = 0; i < 20; i++) {
      TransitionBuilder t = b.on("type-" + i).from("open");
      if (i % 2 == 0) {
        t.to("done");
      } else {
        t.stay();
      }
    }
    Funnel many = b.build();

    for (int i = 0; i < 20; i++) {
      Lead lead = many.enter("l", "ads", T0).lead();
      Outcome o = many.fire(lead, Event.of("e", new String(("type-" + i).toCharArray()), T0));
      assertEquals(i % 2 == 0 ? Outcome.Status.MOVED : Outcome.Status.STAYED, o.status(), "" + i);
    }
    Lead lead = many.enter("l", "ads", T0).lead();
    assertEquals(
        Outcome.Refusal.NO_TRANSITION,
        many.fire(lead, Event.of("e", "type-20", T0)).refusal().orElseThrow());
  }

  // ---------------------------------------------------------------------------------------------
  // Purchases

  @Test
  void fire_purchaseEvent_recordsPurchaseOnLead() {
    Instant at = T0.plus(DAY);

    Lead buyer =
        SHOP.fire(
                coldLead(),
                Event.purchase("e2", at).type("paid").offer("mini-set").amount(PRICE).build())
            .lead();

    assertEquals(ImmutableList.of(new Purchase("mini-set", PRICE, at, "e2")), buyer.purchases());
    assertTrue(buyer.hasBought("mini-set"));
    assertFalse(buyer.hasBought("coupon"));
  }

  @Test
  void fire_purchaseOnStayTransition_recordsPurchase() {
    Instant at = T0.plus(DAY);

    Outcome out =
        SHOP.fire(
            coldLead(),
            Event.purchase("e2", at).type("note").offer("mini-set").amount(PRICE).build());

    assertEquals(Outcome.Status.STAYED, out.status());
    assertTrue(out.lead().hasBought("mini-set"));
    assertTrue(out.steps().get(0).isPurchase());
  }

  @Test
  void fire_eventNamingOfferWithoutAmount_recordsNoPurchase() {
    Event declined =
        Event.builder("e2", "note", T0.plus(DAY)).offer("mini-set").reason("too-expensive").build();

    Outcome out = SHOP.fire(coldLead(), declined);

    assertEquals(ImmutableList.of(), out.lead().purchases());
    assertFalse(out.steps().get(0).isPurchase());
    assertEquals("mini-set", out.steps().get(0).offer());
  }

  @Test
  void fire_refusedPurchase_recordsNothing() {
    Lead lead = visitor();

    Outcome out =
        SHOP.fire(
            lead, Event.purchase("e1", T0).type("paid").offer("mini-set").amount(PRICE).build());

    assertTrue(out.isRefused());
    assertEquals(ImmutableList.of(), out.lead().purchases());
  }

  @Test
  void fire_secondPurchase_isAppendedOldestFirst() {
    Event coupon =
        Event.purchase("e2", T0.plus(DAY))
            .type("note")
            .offer("coupon")
            .amount(Money.zero("EUR"))
            .build();
    Event miniSet =
        Event.purchase("e3", T0.plus(Duration.ofDays(2)))
            .type("paid")
            .offer("mini-set")
            .amount(PRICE)
            .build();
    Lead once = SHOP.fire(coldLead(), coupon).lead();

    Lead twice = SHOP.fire(once, miniSet).lead();

    assertEquals(
        ImmutableList.of("coupon", "mini-set"),
        twice.purchases().stream().map(Purchase::offer).collect(ImmutableList.toImmutableList()));
  }

  // ---------------------------------------------------------------------------------------------
  // Reassigning

  @Test
  void reassign_changesOwnerStaysAndAddsOneToVersion() {
    Lead hot = hotLead();
    Instant at = T0.plus(Duration.ofDays(2));
    Event event = Event.builder("r1", "manual", at).actor("boss").reason("holiday").build();

    Outcome out = SHOP.reassign(hot, "ben", event);

    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals("hot-lead", out.lead().stage());
    assertEquals(Optional.of("ben"), out.lead().owner());
    assertEquals(hot.version() + 1, out.lead().version());
    assertEquals(hot.timers(), out.lead().timers());
    assertEquals(hot.enteredAt(), out.lead().enteredAt());
    assertEquals(at, out.lead().updatedAt());
    assertTrue(out.lead().hasApplied("r1"));
    assertEquals(ImmutableList.of(Actions.assign("ben")), out.effects());
    assertEquals(
        ImmutableList.of(
            new Step(
                "shop",
                "lead-1",
                "hot-lead",
                "hot-lead",
                "r1",
                Funnel.REASSIGNED,
                at,
                "google-ads",
                "ben",
                null,
                null,
                "boss",
                "holiday",
                hot.version() + 1)),
        out.steps());
  }

  @Test
  void reassign_eventWithPurchase_recordsThePurchaseItsStepShows() {
    Lead hot = hotLead();
    Instant at = T0.plus(Duration.ofDays(2));

    Outcome out =
        SHOP.reassign(
            hot,
            "ben",
            Event.purchase("r1", at).type("manual").offer("mini-set").amount(PRICE).build());

    assertTrue(out.steps().get(0).isPurchase());
    assertEquals(
        ImmutableList.of(new Purchase("mini-set", PRICE, at, "r1")), out.lead().purchases());
    assertEquals(Optional.of("ben"), out.lead().owner());
  }

  @Test
  void reassign_duplicateEvent_isRefusedWithSameLead() {
    Lead hot = hotLead();

    Outcome out = SHOP.reassign(hot, "ben", Event.of("e2", "manual", T0.plus(Duration.ofDays(2))));

    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), out.refusal());
    assertSame(hot, out.lead());
  }

  @Test
  void reassign_terminalLead_isRefusedWithSameLead() {
    Lead buyer = SHOP.fire(hotLead(), Event.of("e3", "paid", T0.plus(Duration.ofDays(2)))).lead();

    Outcome out =
        SHOP.reassign(buyer, "ben", Event.of("r1", "manual", T0.plus(Duration.ofDays(3))));

    assertEquals(Optional.of(Outcome.Refusal.TERMINAL), out.refusal());
    assertSame(buyer, out.lead());
  }

  @Test
  void reassign_staleEvent_isRefusedWithSameLead() {
    Lead hot = hotLead();

    Outcome out = SHOP.reassign(hot, "ben", Event.of("r1", "manual", T0));

    assertEquals(Optional.of(Outcome.Refusal.STALE), out.refusal());
    assertSame(hot, out.lead());
  }

  @Test
  void reassign_blankOwner_throwsIae() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SHOP.reassign(hotLead(), " ", Event.of("r1", "manual", T0.plus(Duration.ofDays(2)))));
  }

  @Test
  void reassign_leadOfAnotherFunnel_throwsIae() {
    Lead foreign = Lead.builder("lead-1", "other").stage("visitor", T0).channel("ads").build();

    assertThrows(
        IllegalArgumentException.class,
        () -> SHOP.reassign(foreign, "ben", Event.of("r1", "manual", T0)));
  }

  @Test
  void equals_differentJourneyControls_isNotEqual_andTheSameOnesBuiltTwiceAre() {
    Funnel base =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .stage("gone")
            .lost()
            .on("go")
            .from("a")
            .to("b")
            .on("quit")
            .from("a")
            .to("gone")
            .build();
    Funnel goal = base.toBuilder().goal("paid").onEvent("paid").to("b").build();
    Funnel exit = base.toBuilder().exit("left").onEvent("left").to("gone").build();
    Funnel scored = base.toBuilder().scoring(Scoring.builder().points("go", 1).build()).build();
    Funnel reEntry = base.toBuilder().reEntry(ReEntry.builder().maxEntries(2).build()).build();

    assertEquals(goal, base.toBuilder().goal("paid").onEvent("paid").to("b").build());
    assertNotEquals(base, goal);
    assertNotEquals(
        goal, base.toBuilder().goal("paid").onEvent("paid").within(DAY).to("b").build());
    assertNotEquals(goal, exit);
    assertNotEquals(base, exit);
    assertNotEquals(base, scored);
    assertNotEquals(base, reEntry);
    Object other = base.id();
    assertFalse(base.equals(other));
  }
}
