package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.testing.FunnelArbitraries;
import dev.funnel.testing.LeadArbitraries;
import dev.funnel.testing.Move;
import dev.funnel.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Invariants of entering and firing, over generated funnels and event sequences. */
final class TransitionProperties {
  /** The online shop of the design notes, for generated leads of one given funnel. */
  private static final Funnel SHOP =
      Funnel.builder("online-shop")
          .stage("visitor")
          .entry()
          .stage("cold-lead")
          .stage("hot-lead")
          .manual()
          .stage("buyer")
          .won()
          .stage("lost")
          .lost()
          .offer(Offer.leadMagnet("coupon"))
          .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
          .on("contact-left")
          .from("visitor")
          .to("cold-lead")
          .then(Actions.send("welcome-1"))
          .on("added-to-cart")
          .from("cold-lead")
          .to("hot-lead")
          .on("paid")
          .from("cold-lead", "hot-lead")
          .to("buyer")
          .when(Conditions.bought("mini-set"))
          .on("declined")
          .fromAny()
          .to("lost")
          .after(Duration.ofDays(2))
          .in("cold-lead")
          .fire("nudge")
          .on("nudge")
          .from("cold-lead")
          .stay()
          .then(Actions.send("welcome-2"))
          .after(Duration.ofDays(7))
          .in("hot-lead")
          .fire("declined")
          .build();

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(3, LeadArbitraries.scenarios()),
            Tuple.of(1, LeadArbitraries.scenariosWithCustomGuards())));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void play_leadIsAlwaysInAStageOfItsFunnel(@ForAll("scenarios") Scenario s) {
    ImmutableSet<String> stages =
        s.funnel().stages().stream().map(Stage::id).collect(ImmutableSet.toImmutableSet());
    ImmutableList<Move> moves = s.play();
    for (Move m : moves) {
      assertTrue(stages.contains(m.after().stage()), m.after().stage());
      for (Step step : m.outcome().steps()) {
        assertTrue(stages.contains(step.to()), step.to());
        assertTrue(step.from() == null || stages.contains(step.from()), step.from());
      }
    }
    Stage entry = s.funnel().stage(moves.get(0).after().stage()).orElseThrow();
    assertTrue(entry.entry());
    assertFalse(entry.isTerminal());
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void play_versionGrowsByOnePerAcceptedStepAndNeverOtherwise(@ForAll("scenarios") Scenario s) {
    boolean refused = false;
    boolean accepted = false;
    for (Move m : s.play()) {
      Outcome o = m.outcome();
      Lead before = m.before();
      if (before == null) {
        assertEquals(Outcome.Status.ENTERED, o.status());
        assertEquals(0, m.after().version());
        assertEquals(List.of(Step.entry(m.after())), o.steps());
        continue;
      }
      if (!o.isAccepted()) {
        refused = true;
        assertEquals(before.version(), m.after().version());
        assertTrue(o.steps().isEmpty());
        continue;
      }
      accepted = true;
      ImmutableList<Step> steps = o.steps();
      assertFalse(steps.isEmpty());
      if (m.kind() == Move.Kind.FIRE) {
        assertEquals(1, steps.size());
      }
      for (int i = 0; i < steps.size(); i++) {
        assertEquals(before.version() + i + 1, steps.get(i).version());
      }
      assertEquals(before.version() + steps.size(), m.after().version());
      Instant previous = before.updatedAt();
      for (Step step : steps) {
        assertFalse(step.at().isBefore(previous), "time went backwards");
        previous = step.at();
      }
      assertFalse(m.after().enteredAt().isAfter(m.after().updatedAt()));
      Step last = steps.get(steps.size() - 1);
      assertEquals(m.after().stage(), last.to());
      assertEquals(m.after().updatedAt(), last.at());
      assertEquals(last.eventId(), m.after().recentEventIds().get(0));
    }
    Statistics.label("accepted a move").collect(accepted);
    Statistics.label("refused a move").collect(refused);
    Statistics.label("accepted a move").coverage(c -> c.check(true).percentage(p -> p >= 50));
    Statistics.label("refused a move").coverage(c -> c.check(true).percentage(p -> p >= 20));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void fire_refusedEvent_changesNothing(@ForAll("scenarios") Scenario s) {
    boolean refused = false;
    for (Move m : s.play()) {
      Outcome o = m.outcome();
      refused |= o.isRefused();
      if (o.isRefused() || o.status() == Outcome.Status.IDLE) {
        assertSame(m.before(), m.after());
        assertTrue(o.effects().isEmpty());
        assertTrue(o.steps().isEmpty());
        assertEquals(o.isRefused(), o.refusal().isPresent());
      } else {
        assertTrue(o.refusal().isEmpty());
      }
    }
    Statistics.label("refused an event").collect(refused);
    Statistics.label("refused an event").coverage(c -> c.check(true).percentage(p -> p >= 20));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void play_terminalStagesAbsorbEverything(@ForAll("scenarios") Scenario s) {
    boolean ended = false;
    boolean movedAfterTheEnd = false;
    for (Move m : s.play()) {
      Lead before = m.before();
      if (ended && before != null) {
        movedAfterTheEnd = true;
        assertSame(before, m.after());
        if (m.kind() == Move.Kind.FIRE) {
          Outcome.Refusal r = m.outcome().refusal().orElseThrow();
          assertTrue(r == Outcome.Refusal.TERMINAL || r == Outcome.Refusal.DUPLICATE, r::toString);
        } else {
          assertEquals(Outcome.Status.IDLE, m.outcome().status());
        }
      }
      if (s.funnel().stage(m.after().stage()).orElseThrow().isTerminal()) {
        ended = true;
        assertTrue(m.after().timers().isEmpty());
      }
    }
    Lead last = s.finalLead();
    if (ended) {
      List<String> types = new ArrayList<>(s.funnel().eventTypes());
      types.addAll(LeadArbitraries.UNKNOWN_EVENT_TYPES);
      Instant later = last.updatedAt().plus(Duration.ofDays(1));
      for (String type : types) {
        Outcome o = s.funnel().fire(last, Event.of("late-" + type, type, later));
        assertEquals(Optional.of(Outcome.Refusal.TERMINAL), o.refusal());
        assertSame(last, o.lead());
      }
      assertSame(last, s.funnel().advance(last, later.plus(Duration.ofDays(365))).lead());
    }
    // Neither branch may pass vacuously: enough scenarios end, and enough go on after the end.
    Statistics.label("ends in a terminal stage").collect(ended);
    Statistics.label("moves after the end").collect(movedAfterTheEnd);
    Statistics.label("ends in a terminal stage")
        .coverage(c -> c.check(true).percentage(p -> p >= 20));
    Statistics.label("moves after the end").coverage(c -> c.check(true).percentage(p -> p >= 5));
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void play_sameInputs_giveEqualOutcomes(@ForAll("scenarios") Scenario s) {
    List<OutcomeView> first = views(s.play());
    assertEquals(first, views(s.play()));
    Funnel rebuilt = s.funnel().toBuilder().build();
    assertEquals(s.funnel(), rebuilt);
    if (!rebuilt.customGuards().isEmpty()) {
      rebuilt = rebuilt.withGuards(FunnelArbitraries.CUSTOM_GUARDS);
    }
    assertEquals(first, views(s.play(rebuilt)));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void fire_appliedEventIdAgain_isRefusedAsDuplicate(@ForAll("scenarios") Scenario s) {
    Funnel f = s.funnel();
    List<String> accepted = new ArrayList<>();
    boolean replayed = false;
    boolean retried = false;
    for (Move m : s.play()) {
      Lead before = m.before();
      Event e = m.event();
      if (m.kind() == Move.Kind.FIRE && before != null && e != null) {
        int seen = accepted.lastIndexOf(e.id());
        if (seen >= 0 && accepted.size() - seen <= Lead.RECENT_EVENT_IDS) {
          replayed = true;
          assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), m.outcome().refusal());
        }
        if (m.outcome().isAccepted()) {
          retried = true;
          Outcome again = f.fire(m.after(), e);
          assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
          assertSame(m.after(), again.lead());
          Event later = Event.of(e.id(), "spam", m.after().updatedAt().plusSeconds(60));
          assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), f.fire(m.after(), later).refusal());
        }
      }
      for (Step step : m.outcome().steps()) {
        if (step.eventId() != null) {
          accepted.add(step.eventId());
        }
      }
      int n = accepted.size();
      for (String id : accepted.subList(Math.max(0, n - Lead.RECENT_EVENT_IDS), n)) {
        assertTrue(m.after().hasApplied(id), id);
      }
    }
    Statistics.label("sent an applied event again").collect(retried);
    Statistics.label("scenario repeats an event id").collect(replayed);
    Statistics.label("sent an applied event again")
        .coverage(c -> c.check(true).percentage(p -> p >= 50));
    Statistics.label("scenario repeats an event id")
        .coverage(c -> c.check(true).percentage(p -> p >= 1));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void fire_agreesWithTheReferenceModel(@ForAll("scenarios") Scenario s) {
    Funnel f = s.funnel();
    boolean compared = false;
    for (Move m : s.play()) {
      Lead before = m.before();
      Event e = m.event();
      if (m.kind() != Move.Kind.FIRE || before == null || e == null) {
        continue;
      }
      Outcome o = m.outcome();
      ReferenceModel.Expected expected =
          ReferenceModel.expect(f, before, e, FunnelArbitraries.CUSTOM_GUARDS);
      assertEquals(expected.refusal(), o.refusal(), () -> e + " at " + before);
      assertEquals(o.isAccepted(), f.canAccept(before, e));
      Transition t = expected.transition();
      if (t == null) {
        continue;
      }
      compared = true;
      Lead after = o.lead();
      String to = t.to();
      boolean moved = to != null;
      assertEquals(moved ? to : before.stage(), after.stage());
      assertEquals(moved ? e.at() : before.enteredAt(), after.enteredAt());
      assertEquals(e.at(), after.updatedAt());
      assertEquals(before.id(), after.id());
      assertEquals(before.channel(), after.channel());
      assertEquals(ReferenceModel.ownerAfter(before, t), after.owner());
      assertEquals(ReferenceModel.attributesAfter(before, t), after.attributes());
      assertEquals(ReferenceModel.segmentsAfter(before, t), after.segments().asList());
      List<Purchase> purchases = new ArrayList<>(before.purchases());
      Money amount = e.amount().orElse(null);
      if (amount != null) {
        purchases.add(new Purchase(e.offer().orElseThrow(), amount, e.at(), e.id()));
      }
      assertEquals(purchases, after.purchases());
      List<Effect> effects = new ArrayList<>();
      ImmutableList<ScheduledTimer> timers = before.timers();
      if (to != null) {
        timers = ReferenceModel.timersOnEntering(f, to, e);
        before.timers().forEach(timer -> effects.add(new Effect.TimerCancelled(timer)));
      }
      effects.addAll(t.actions());
      if (to != null) {
        timers.forEach(timer -> effects.add(new Effect.TimerScheduled(timer)));
      }
      assertEquals(timers, after.timers());
      assertEquals(effects, o.effects());
      assertEquals(
          before.stage().equals(after.stage()) ? Outcome.Status.STAYED : Outcome.Status.MOVED,
          o.status());
      Step step = o.steps().get(0);
      assertEquals(
          new Step(
              f.id(),
              before.id(),
              before.stage(),
              after.stage(),
              e.id(),
              e.type(),
              e.at(),
              before.channel(),
              after.owner().orElse(null),
              e.offer().orElse(null),
              amount,
              e.actor().orElse(null),
              e.reason().orElse(null),
              before.version() + 1),
          step);
    }
    Statistics.label("took a transition").collect(compared);
    Statistics.label("took a transition").coverage(c -> c.check(true).percentage(p -> p >= 50));
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void restore_leadFromItsBuilder_behavesTheSame(@ForAll("scenarios") Scenario s) {
    Funnel f = s.funnel();
    for (Move m : s.play()) {
      Lead before = m.before();
      assertEquals(m.after(), m.after().toBuilder().build());
      if (before == null) {
        continue;
      }
      Lead restored = before.toBuilder().build();
      Event e = m.event();
      Outcome replayed = e != null ? f.fire(restored, e) : f.advance(restored, m.at());
      OutcomeView expected = OutcomeView.of(m.outcome());
      assertEquals(expected, OutcomeView.of(replayed));
    }
  }

  @Provide
  Arbitrary<Lead> shopLeads() {
    return LeadArbitraries.leads(SHOP);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void leads_ofTheShop_buyOnlyItsOffersAndBecomeBuyersOnlyAfterTheTripwire(
      @ForAll("shopLeads") Lead lead) {
    assertEquals(SHOP.id(), lead.funnelId());
    Stage stage = SHOP.stage(lead.stage()).orElseThrow();
    for (ScheduledTimer t : lead.timers()) {
      assertEquals(stage.id(), t.stage());
    }
    for (Purchase p : lead.purchases()) {
      assertTrue(SHOP.offer(p.offer()).isPresent(), p::offer);
    }
    if (stage.id().equals("buyer")) {
      assertTrue(lead.hasBought("mini-set"));
    }
  }

  private static List<OutcomeView> views(List<Move> moves) {
    List<OutcomeView> views = new ArrayList<>();
    moves.forEach(m -> views.add(OutcomeView.of(m.outcome())));
    return views;
  }
}
