package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link FunnelRuntime#migrate} touches a lead without an event: its due timers fire, a registered
 * migration moves it on and the timers due on the new version fire in the same change, and the
 * receipt says whether the lead moved.
 */
final class MigrateTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

  /** A trial that reminds the lead after a while and lapses after ten days. */
  private static Funnel trial(int version, Duration remindAfter) {
    return Funnel.builder("trial")
        .version(version)
        .stage("trying")
        .entry()
        .stage("paid")
        .won()
        .stage("lapsed")
        .lost()
        .after(remindAfter)
        .in("trying")
        .fire("remind")
        .after(Duration.ofDays(10))
        .in("trying")
        .fire("expire")
        .on("remind")
        .from("trying")
        .then(Actions.send("reminder"))
        .on("expire")
        .from("trying")
        .to("lapsed")
        .on("paid")
        .from("trying")
        .to("paid")
        .build();
  }

  private static final Funnel V1 = trial(1, Duration.ofDays(2));
  private static final Funnel V2 = trial(2, Duration.ofDays(1));

  private final InMemoryLeadStore store = new InMemoryLeadStore();
  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime(Funnel... funnels) {
    FunnelRuntimeBuilder b =
        FunnelRuntime.builder(Catalog.of(funnels))
            .store(store)
            .clock(clock)
            .handler(Actions.SEND, rec)
            .listener(rec);
    if (funnels.length > 1) {
      b.migration(
          Migration.between(V1, V2).timer("trying", "remind", TimerPolicy.RECOMPUTE).build());
    }
    return b.build();
  }

  private static ImmutableList<String> types(Receipt r) {
    return r.steps().stream().map(Step::eventType).collect(ImmutableList.toImmutableList());
  }

  @Test
  void migrate_timerOfTheNewVersionAlreadyDue_firesInTheSameChange() {
    runtime(V1).enter("trial", "l1", "ads", T0);
    clock.set(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    FunnelRuntime rt = runtime(V1, V2);

    Receipt r = rt.migrate("trial", "l1");

    assertEquals(Receipt.Status.STAYED, r.status());
    assertEquals(ImmutableList.of(Migration.MIGRATED, "remind"), types(r));
    Lead lead = rt.lead("trial", "l1").orElseThrow();
    assertEquals(2, lead.funnelVersion());
    assertEquals(
        ImmutableList.of(new ScheduledTimer("trying", "expire", T0.plus(Duration.ofDays(10)))),
        lead.timers());
    assertEquals(ImmutableList.of("reminder"), rec.sent());
  }

  @Test
  void migrate_timersThatMoveTheLead_sayItMoved() {
    FunnelRuntime rt = runtime(V1);
    rt.enter("trial", "l1", "ads", T0);
    clock.set(T0.plus(Duration.ofDays(11)));

    Receipt r = rt.migrate("trial", "l1");

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals(ImmutableList.of("remind", "expire"), types(r));
    assertEquals("lapsed", rt.lead("trial", "l1").orElseThrow().stage());
  }

  @Test
  void migrate_nothingDueAndNoMigration_staysAndWritesNothing() {
    FunnelRuntime rt = runtime(V1);
    rt.enter("trial", "l1", "ads", T0);
    Lead before = rt.lead("trial", "l1").orElseThrow();
    clock.set(T0.plus(Duration.ofHours(1)));

    Receipt r = rt.migrate("trial", "l1");

    assertEquals(Receipt.Status.STAYED, r.status());
    assertEquals(ImmutableList.of(), r.steps());
    assertEquals(before, rt.lead("trial", "l1").orElseThrow());
    assertEquals(Receipt.Status.NO_LEAD, rt.migrate("trial", "nobody").status());
  }

  @Test
  void migrateAll_refusesAVersionOrBatchBelowOne_andCountsLeadsGoneMeanwhileAsSkipped() {
    FunnelRuntime old = runtime(V1);
    old.enter("trial", "a", "ads", T0);
    old.enter("trial", "b", "ads", T0);
    // The store lists a lead that is gone by the time it is read, as after an erasure.
    LeadStore listing =
        new ForwardingLeadStore(store) {
          @Override
          public ImmutableList<LeadKey> pinnedTo(
              String funnelId, int funnelVersion, String afterLeadId, int limit) {
            ImmutableList<LeadKey> page =
                super.pinnedTo(funnelId, funnelVersion, afterLeadId, limit);
            return afterLeadId.isEmpty()
                ? ImmutableList.<LeadKey>builder()
                    .addAll(page)
                    .add(new LeadKey("trial", "gone"))
                    .build()
                : page;
          }
        };
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(V1, V2))
            .store(listing)
            .clock(clock)
            .handler(Actions.SEND, rec)
            .migration(
                Migration.between(V1, V2).timer("trying", "remind", TimerPolicy.RECOMPUTE).build())
            .build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rt.migrateAll("trial", 0, 10));
    assertEquals("funnel version must be positive", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rt.migrateAll("trial", 1, 0));
    assertEquals("batch size must be positive", e.getMessage());

    assertEquals(new MigrationSummary("trial", 1, 2, 0, 1, 1), rt.migrateAll("trial", 1, 5));
    assertEquals(0, store.countPinnedTo("trial", 1));
  }
}
