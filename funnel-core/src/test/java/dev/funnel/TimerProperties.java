package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import dev.funnel.testing.LeadArbitraries;
import dev.funnel.testing.Move;
import dev.funnel.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/** Invariants of timers and advancing time, over generated funnels and event sequences. */
final class TimerProperties {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(3, LeadArbitraries.scenarios()),
            Tuple.of(1, LeadArbitraries.scenariosWithCustomGuards())));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void advance_firesEveryTimerOnceAndNeverBeforeItIsDue(@ForAll("scenarios") Scenario s) {
    Set<ScheduledTimer> fired = new HashSet<>();
    boolean advanced = false;
    for (Move m : s.play()) {
      Lead before = m.before();
      Event event = m.event();
      if (event != null) {
        for (Step step : m.outcome().steps()) {
          assertEquals(event.id(), step.eventId(), "firing an event fires no timer");
        }
      }
      if (m.kind() != Move.Kind.ADVANCE || before == null) {
        continue;
      }
      advanced = true;
      Map<String, ScheduledTimer> known = known(before, m.outcome());
      for (Step step : m.outcome().steps()) {
        ScheduledTimer timer = known.get(step.eventId());
        assertNotNull(timer, () -> "step " + step.eventId() + " fired no pending timer");
        assertEquals(timer.event(), step.eventType());
        assertFalse(timer.due().isAfter(m.at()), () -> timer + " fired before it was due");
        assertFalse(step.at().isBefore(timer.due()), () -> timer + " fired early");
        assertTrue(fired.add(timer), () -> timer + " fired twice");
      }
      for (ScheduledTimer t : m.after().timers()) {
        assertTrue(t.due().isAfter(m.at()), () -> t + " is due but was not fired");
      }
    }
    Statistics.label("advanced time").collect(advanced);
    Statistics.label("fired a timer").collect(!fired.isEmpty());
    Statistics.label("advanced time").coverage(c -> c.check(true).percentage(p -> p >= 50));
    Statistics.label("fired a timer").coverage(c -> c.check(true).percentage(p -> p >= 20));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void advance_twiceToTheSameInstant_equalsAdvancingOnce(
      @ForAll("scenarios") Scenario s, @ForAll("jumps") Duration jump) {
    Funnel f = s.funnel();
    Statistics.label("advancing moved the lead")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p >= 5);
              c.check(false).percentage(p -> p >= 5);
            });
    for (Move m : s.play()) {
      Instant now = m.at().plus(jump);
      Outcome once = f.advance(m.after(), now);
      Outcome twice = f.advance(once.lead(), now);
      Statistics.label("advancing moved the lead").collect(once.status() != Outcome.Status.IDLE);
      assertEquals(Outcome.Status.IDLE, twice.status());
      assertSame(once.lead(), twice.lead());
      assertEquals(OutcomeView.of(once), OutcomeView.of(f.advance(m.after(), now)));
      if (once.status() == Outcome.Status.IDLE) {
        assertSame(m.after(), once.lead());
      }
    }
  }

  @Provide
  Arbitrary<Duration> jumps() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(1, Arbitraries.just(Duration.ZERO)),
            Tuple.of(2, Arbitraries.integers().between(1, 24 * 14).map(Duration::ofHours))));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void effects_agreeWithTheLeadsTimers(@ForAll("scenarios") Scenario s) {
    Statistics.label("timer effect")
        .coverage(
            c -> {
              c.check("cancelled").count(n -> n >= 50);
              c.check("scheduled").count(n -> n >= 50);
            });
    for (Move m : s.play()) {
      Lead before = m.before();
      Lead after = m.after();
      Multiset<ScheduledTimer> pending = HashMultiset.create();
      if (before != null) {
        pending.addAll(before.timers());
      }
      Map<String, ScheduledTimer> known = known(before, m.outcome());
      for (Effect e : m.outcome().effects()) {
        if (e instanceof Effect.TimerCancelled c) {
          assertTrue(pending.remove(c.timer()), () -> c.timer() + " cancelled but not pending");
          Statistics.label("timer effect").collect("cancelled");
        } else if (e instanceof Effect.TimerScheduled t) {
          pending.add(t.timer());
          Statistics.label("timer effect").collect("scheduled");
        }
      }
      if (m.kind() == Move.Kind.ADVANCE) {
        for (Step step : m.outcome().steps()) {
          assertTrue(pending.remove(known.get(step.eventId())), step.eventId());
        }
      }
      assertEquals(pending, HashMultiset.create(after.timers()));
      for (int i = 0; i < after.timers().size(); i++) {
        ScheduledTimer t = after.timers().get(i);
        assertEquals(after.stage(), t.stage());
        assertFalse(t.due().isBefore(after.enteredAt()));
        if (i > 0) {
          assertFalse(t.due().isBefore(after.timers().get(i - 1).due()));
        }
      }
    }
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void enter_schedulesTheEntryStagesTimers(@ForAll("scenarios") Scenario s) {
    Outcome entered = s.arrival().enter(s.funnel());
    Lead lead = entered.lead();
    assertEquals(
        ReferenceModel.timersOnEntering(
            s.funnel(), lead.stage(), Event.of("entry", "entry", s.arrival().at())),
        lead.timers());
    assertEquals(
        lead.timers().stream().map(Effect.TimerScheduled::new).toList(), entered.effects());
  }

  /** The timers a step could fire: those pending before and those the outcome scheduled. */
  private static Map<String, ScheduledTimer> known(@Nullable Lead before, Outcome o) {
    Map<String, ScheduledTimer> known = new HashMap<>();
    if (before != null) {
      before.timers().forEach(t -> known.put(t.eventId(), t));
    }
    for (Effect e : o.effects()) {
      if (e instanceof Effect.TimerScheduled t) {
        known.put(t.timer().eventId(), t.timer());
      }
    }
    return known;
  }
}
