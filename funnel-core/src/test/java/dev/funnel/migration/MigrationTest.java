package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ScheduledTimer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class MigrationTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** Version 1: visitor, lead (nudge at 2 days, gone-cold at 7), tripwire, buyer, lost. */
  private static Funnel v1() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("tripwire")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .on("nudge")
        .from("lead")
        .stay()
        .then(Actions.send("welcome-2"))
        .on("offered")
        .from("lead")
        .to("tripwire")
        .on("paid")
        .from("lead", "tripwire")
        .to("buyer")
        .on("gone-cold")
        .from("lead", "tripwire")
        .to("lost")
        .after(Duration.ofDays(2))
        .in("lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("lead")
        .fire("gone-cold")
        .after(Duration.ofDays(3))
        .in("tripwire")
        .fire("gone-cold")
        .build();
  }

  /** Version 2: 'lead' renamed 'prospect', nudge at 1 day, the tripwire stage gone. */
  private static Funnel v2() {
    return v2(new Action[0]);
  }

  /** Version 2 whose 'prospect' stage runs these actions on entry. */
  private static Funnel v2(Action... onEnter) {
    return Funnel.builder("shop")
        .version(2)
        .stage("visitor")
        .entry()
        .stage("prospect")
        .onEnter(onEnter)
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("prospect")
        .on("nudge")
        .from("prospect")
        .stay()
        .then(Actions.send("welcome-2"))
        .on("paid")
        .from("prospect")
        .to("buyer")
        .on("gone-cold")
        .from("prospect")
        .to("lost")
        .after(Duration.ofDays(1))
        .in("prospect")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("prospect")
        .fire("gone-cold")
        .build();
  }

  private static Lead inLead() {
    Funnel f = v1();
    Lead l = f.enter("ann", "ads", T0).lead();
    return f.fire(l, Event.of("e-1", "contact-left", T0.plusSeconds(60))).lead();
  }

  private static Migration.Builder complete() {
    return Migration.between(v1(), v2())
        .rename("lead", "prospect")
        .move("tripwire", "prospect")
        .timer("lead", "nudge", TimerPolicy.RECOMPUTE)
        .timer("tripwire", "gone-cold", TimerPolicy.DROP);
  }

  @Test
  void migrate_keepsTheJourneysMemory_andOnlyTheGoalsTheNewVersionDeclares() {
    Lead lead =
        inLead().toBuilder()
            .entries(ImmutableList.of(T0.minus(Duration.ofDays(30)), T0))
            .score(40, T0.plusSeconds(60))
            .goalReached("signed-up")
            .goalReached("retired-goal")
            .build();
    Funnel v2WithGoal = v2().toBuilder().goal("signed-up").onEvent("paid").to("buyer").build();
    Migration m =
        Migration.between(v1(), v2WithGoal)
            .rename("lead", "prospect")
            .move("tripwire", "prospect")
            .timer("lead", "nudge", TimerPolicy.RECOMPUTE)
            .timer("tripwire", "gone-cold", TimerPolicy.DROP)
            .build();

    Lead after = m.migrate(lead, T0.plusSeconds(600)).lead();

    assertEquals(lead.entries(), after.entries());
    assertEquals(40, after.score());
    assertEquals(lead.scoreSince(), after.scoreSince());
    assertEquals(ImmutableSet.of("signed-up"), after.goalsReached());
  }

  @Test
  void build_everyProblem_isReportedAtOnce() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                Migration.between(v1(), v2())
                    .move("lead", "nowhere")
                    .move("ghost", "prospect")
                    .timer("visitor", "never", TimerPolicy.KEEP)
                    .build());

    assertEquals(
        ImmutableList.of(
            "stage 'lead' moves to 'nowhere', which version 2 lacks; move it to a stage of"
                + " version 2",
            "stage 'ghost' is moved, but version 1 lacks it; remove the move",
            "stage 'tripwire' of version 1 is gone from version 2 and its leads have nowhere to"
                + " go; move it to a stage of version 2",
            "timer 'visitor/never' has a policy, but version 1 declares no timer firing 'never'"
                + " in stage 'visitor'; remove the policy"),
        e.problems());
    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith("migration of funnel 'shop' from version 1 to 2 has 4"));
  }

  @Test
  void build_timersWithoutPolicy_areReported() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                Migration.between(v1(), v2())
                    .rename("lead", "prospect")
                    .rename("tripwire", "prospect")
                    .timer("tripwire", "gone-cold", TimerPolicy.KEEP)
                    .build());

    assertEquals(
        ImmutableList.of(
            "stages 'lead' and 'tripwire' are both renamed 'prospect'; rename one and move the"
                + " other into it",
            "timer 'lead/nudge' changed from PT48H to PT24H in version 2; give it a policy: keep,"
                + " restart, recompute or drop"),
        e.problems());
  }

  @Test
  void build_timerKeptInATerminalStageOrRestartedWithoutDelay_isReported() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                Migration.between(v1(), v2())
                    .rename("lead", "prospect")
                    .move("tripwire", "lost")
                    .timer("lead", "nudge", TimerPolicy.KEEP)
                    .timer("tripwire", "gone-cold", TimerPolicy.RESTART)
                    .build());

    assertEquals(
        ImmutableList.of(
            "timer 'tripwire/gone-cold' is to restart, but version 2 declares no timer firing"
                + " 'gone-cold' in stage 'lost'; keep or drop it"),
        e.problems());
    MigrationException kept =
        assertThrows(
            MigrationException.class,
            () ->
                Migration.between(v1(), v2())
                    .rename("lead", "prospect")
                    .move("tripwire", "lost")
                    .timer("lead", "nudge", TimerPolicy.KEEP)
                    .timer("tripwire", "gone-cold", TimerPolicy.KEEP)
                    .build());
    assertEquals(
        ImmutableList.of(
            "timer 'tripwire/gone-cold' would stay pending in terminal stage 'lost'; drop it"),
        kept.problems());
  }

  @Test
  void build_versionsOfOtherFunnelsOrOutOfOrder_areReported() {
    Funnel other =
        Funnel.builder("other")
            .stage("visitor")
            .entry()
            .stage("x")
            .lost()
            .on("go")
            .from("visitor")
            .to("x")
            .build();
    MigrationException e =
        assertThrows(MigrationException.class, () -> Migration.between(v1(), other).build());

    assertTrue(e.problems().get(0).contains("funnels 'shop' and 'other'"), e::getMessage);
    assertTrue(e.problems().get(1).contains("version 1 does not follow version 1"), e::getMessage);
  }

  @Test
  void builder_setTwice_isRefused() {
    Migration.Builder b = Migration.between(v1(), v2()).move("lead", "prospect");
    IllegalStateException moved =
        assertThrows(IllegalStateException.class, () -> b.move("lead", "buyer"));
    assertEquals("stage 'lead' was already moved to 'prospect'", moved.getMessage());

    b.timer("lead", "nudge", TimerPolicy.KEEP);
    IllegalStateException timed =
        assertThrows(IllegalStateException.class, () -> b.timer("lead", "nudge", TimerPolicy.DROP));
    assertEquals("timer 'lead/nudge' was already given policy keep", timed.getMessage());
  }

  @Test
  void migrate_rename_keepsStageEntryAndRecomputesTheChangedTimer() {
    Lead lead = inLead();
    Instant now = T0.plus(Duration.ofHours(5));

    Outcome out = complete().build().migrate(lead, now);

    Lead after = out.lead();
    assertEquals(Outcome.Status.MOVED, out.status());
    assertEquals("prospect", after.stage());
    assertEquals(2, after.funnelVersion());
    assertEquals(lead.version() + 1, after.version());
    assertEquals(lead.enteredAt(), after.enteredAt(), "a renamed stage is the same stage");
    assertEquals(now, after.updatedAt());
    assertEquals(lead.recentEventIds(), after.recentEventIds());
    Instant entered = lead.enteredAt();
    assertEquals(
        ImmutableList.of(
            new ScheduledTimer("prospect", "nudge", entered.plus(Duration.ofDays(1))),
            new ScheduledTimer("prospect", "gone-cold", entered.plus(Duration.ofDays(7)))),
        after.timers());
    assertEquals(4, out.effects().size(), "each timer cancelled in 'lead' and set in 'prospect'");
    assertEquals(1, out.steps().size());
    assertEquals(Migration.MIGRATED, out.steps().get(0).eventType());
    assertEquals("lead", out.steps().get(0).from());
    assertEquals("prospect", out.steps().get(0).to());
  }

  @Test
  void migrate_removedStage_entersItsHomeAndSchedulesItsTimers() {
    Funnel f = v1();
    Lead lead = f.fire(inLead(), Event.of("e-2", "offered", T0.plusSeconds(120))).lead();
    Instant now = T0.plus(Duration.ofHours(1));

    Outcome out = complete().build().migrate(lead, now);

    Lead after = out.lead();
    assertEquals("prospect", after.stage());
    assertEquals(now, after.enteredAt());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(lead.timers().get(0)),
            new Effect.TimerScheduled(
                new ScheduledTimer("prospect", "nudge", now.plus(Duration.ofDays(1)))),
            new Effect.TimerScheduled(
                new ScheduledTimer("prospect", "gone-cold", now.plus(Duration.ofDays(7))))),
        out.effects());
  }

  @Test
  void migrate_movedIntoAnotherStage_runsItsOnEnterActions_butARenameDoesNot() {
    Funnel v2 = v2(Actions.send("welcome-back", "email"), Actions.segment("prospects"));
    Migration m =
        Migration.between(v1(), v2)
            .rename("lead", "prospect")
            .move("tripwire", "prospect")
            .timer("lead", "nudge", TimerPolicy.RECOMPUTE)
            .timer("tripwire", "gone-cold", TimerPolicy.DROP)
            .build();
    Lead tripwire = v1().fire(inLead(), Event.of("e-2", "offered", T0.plusSeconds(120))).lead();
    Instant now = T0.plus(Duration.ofHours(1));

    Outcome moved = m.migrate(tripwire, now);

    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(tripwire.timers().get(0)),
            Actions.send("welcome-back", "email"),
            Actions.segment("prospects"),
            new Effect.TimerScheduled(
                new ScheduledTimer("prospect", "nudge", now.plus(Duration.ofDays(1)))),
            new Effect.TimerScheduled(
                new ScheduledTimer("prospect", "gone-cold", now.plus(Duration.ofDays(7))))),
        moved.effects());
    assertEquals(ImmutableSet.of("prospects"), moved.lead().segments());

    Outcome renamed = m.migrate(inLead(), now);
    assertEquals("prospect", renamed.lead().stage());
    assertTrue(renamed.effects().stream().noneMatch(e -> e instanceof Action));
    assertTrue(renamed.lead().segments().isEmpty());
  }

  @Test
  void migrate_duplicatesStayRefused() {
    Lead lead = inLead();
    Migration m = complete().build();
    Lead after = m.migrate(lead, T0.plusSeconds(600)).lead();

    Outcome again = v2().fire(after, Event.of("e-1", "contact-left", T0.plusSeconds(700)));

    assertEquals(Outcome.Refusal.DUPLICATE, again.refusal().orElseThrow());
    assertSame(after, again.lead());
  }

  @Test
  void migrate_leadOfAnotherVersion_isRefused() {
    Migration m = complete().build();
    Lead migrated = m.migrate(inLead(), T0.plusSeconds(600)).lead();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.migrate(migrated, T0));
    assertEquals(
        "lead 'ann' is on funnel 'shop' version 2, not version 1 of funnel 'shop'", e.getMessage());
    assertFalse(m.appliesTo(migrated));
  }

  @Test
  void migrate_beforeTheLeadsLastStep_happensAtItsLastStep() {
    Lead lead = inLead();

    Lead after = complete().build().migrate(lead, T0).lead();

    assertEquals(lead.updatedAt(), after.updatedAt());
  }
}
