package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ScheduledTimer;
import dev.funnel.testing.LeadArbitraries;
import dev.funnel.testing.Scenario;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of migrations and replays, over generated funnels and event sequences. */
final class MigrationProperties {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return LeadArbitraries.scenarios();
  }

  /** The same definition as the next version. */
  private static Funnel next(Funnel f) {
    return f.toBuilder().version(f.version() + 1).build();
  }

  /** Plays the first {@code k} events of the scenario in a funnel, as the scenario would. */
  private static Lead playTo(Scenario s, Funnel f, int k) {
    Lead lead = s.arrival().enter(f).lead();
    for (int i = 0; i < k; i++) {
      lead = step(s, f, lead, i).lead();
    }
    return lead;
  }

  /** Plays event {@code i}: advance to it if the scenario says so, then fire it. */
  private static Outcome step(Scenario s, Funnel f, Lead lead, int i) {
    Event e = s.events().get(i);
    Lead at = s.advanceFirst().get(i) ? f.advance(lead, e.at()).lead() : lead;
    return f.fire(at, e);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void migrate_identity_thenFiring_equalsFiringOnTheNewVersion(
      @ForAll("scenarios") Scenario s, @ForAll @IntRange(min = 0, max = 40) int split) {
    Funnel v1 = s.funnel();
    Funnel v2 = next(v1);
    Migration m = Migration.between(v1, v2).build();
    assertTrue(m.isIdentity());
    int k = Math.min(split, s.events().size());
    Lead old = playTo(s, v1, k);
    Outcome migratedOutcome = m.migrate(old, old.updatedAt());
    Lead migrated = migratedOutcome.lead();
    Lead fresh = playTo(s, v2, k);

    assertEquals(ImmutableList.of(), migratedOutcome.effects(), "an identity moves no timer");
    assertSameJourney(fresh, migrated);
    assertEquals(fresh.version() + 1, migrated.version());
    for (int i = k; i < s.events().size(); i++) {
      Outcome a = step(s, v2, migrated, i);
      Outcome b = step(s, v2, fresh, i);
      assertEquals(b.status(), a.status(), "event " + i);
      assertEquals(b.refusal(), a.refusal(), "event " + i);
      assertEquals(b.effects(), a.effects(), "event " + i);
      migrated = a.lead();
      fresh = b.lead();
      assertSameJourney(fresh, migrated);
    }
    Outcome a = v2.advance(migrated, s.end());
    Outcome b = v2.advance(fresh, s.end());
    assertEquals(b.effects(), a.effects());
    assertSameJourney(b.lead(), a.lead());
  }

  private static void assertSameJourney(Lead expected, Lead actual) {
    assertEquals(expected.funnelVersion(), actual.funnelVersion());
    assertEquals(expected.stage(), actual.stage());
    assertEquals(expected.enteredAt(), actual.enteredAt());
    assertEquals(expected.updatedAt(), actual.updatedAt());
    assertEquals(expected.timers(), actual.timers());
    assertEquals(expected.attributes(), actual.attributes());
    assertEquals(expected.segments(), actual.segments());
    assertEquals(expected.purchases(), actual.purchases());
    assertEquals(expected.owner(), actual.owner());
    assertEquals(expected.recentEventIds(), actual.recentEventIds());
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void migrate_neverLosesATimerTheMigrationDoesNotDrop(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(min = 0, max = 40) int split,
      @ForAll("policies") List<TimerPolicy> chosen) {
    Funnel v1 = s.funnel();
    Funnel v2 = next(v1);
    Migration.Builder b = Migration.between(v1, v2);
    Set<TimerKey> keys = new LinkedHashSet<>();
    v1.timers().forEach(t -> keys.add(TimerKey.of(t)));
    int i = 0;
    for (TimerKey key : keys) {
      TimerPolicy p = chosen.get(i++ % chosen.size());
      if (p == TimerPolicy.RESTART || p == TimerPolicy.RECOMPUTE) {
        long declared = v1.timers().stream().filter(t -> TimerKey.of(t).equals(key)).count();
        p = declared > 1 ? TimerPolicy.KEEP : p;
      }
      b.timer(key.stage(), key.event(), p);
    }
    Migration m = b.build();
    Lead old = playTo(s, v1, Math.min(split, s.events().size()));
    Outcome out = m.migrate(old, old.updatedAt().plusSeconds(3600));
    Lead migrated = out.lead();

    for (ScheduledTimer t : old.timers()) {
      TimerPolicy p = m.policies().getOrDefault(TimerKey.of(t), TimerPolicy.KEEP);
      boolean pending = migrated.timers().stream().anyMatch(n -> n.event().equals(t.event()));
      if (p == TimerPolicy.DROP) {
        assertTrue(out.effects().contains(new Effect.TimerCancelled(t)), t::toString);
      } else {
        assertTrue(pending, () -> "timer " + t + " was lost under " + p);
      }
      if (p == TimerPolicy.KEEP) {
        assertTrue(migrated.timers().contains(t), t::toString);
      }
    }
    for (ScheduledTimer t : migrated.timers()) {
      assertTrue(
          old.timers().contains(t) || out.effects().contains(new Effect.TimerScheduled(t)),
          () -> "timer " + t + " appeared without an effect");
    }
    assertEquals(old.recentEventIds(), migrated.recentEventIds());
    assertEquals(old.purchases(), migrated.purchases());
  }

  @Provide
  Arbitrary<List<TimerPolicy>> policies() {
    return Arbitraries.of(TimerPolicy.class).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void replay_againstTheSameDefinition_isEmpty(@ForAll("scenarios") Scenario s) {
    Journal.Builder j = Journal.builder();
    j.arrive(
        new Journal.Arrival(
            s.arrival().leadId(),
            s.arrival().channel(),
            s.arrival().owner(),
            s.arrival().attributes(),
            s.arrival().stage(),
            s.arrival().at()));
    for (Event e : s.events()) {
      j.event(s.arrival().leadId(), e);
    }
    Journal journal = j.end(s.end()).build();
    Funnel f = s.funnel();

    ReplayDiff same = Replay.of(journal).compare(f, f);
    ReplayDiff identity =
        Replay.of(journal).compare(Migration.between(f, next(f)).build(), s.end());

    assertTrue(same.isEmpty(), same::render);
    assertTrue(identity.isEmpty(), identity::render);
  }
}
