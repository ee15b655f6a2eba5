package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.MigrationSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every lead pinned to version 1 of the shop moved onto version 2 at once, in batches. */
final class EagerMigrationTest {
  private static final String SHOP = "online-shop";
  private static final Instant T0 = Shop.MONDAY;
  private static final Instant NOW = Shop.PUBLISHED;

  private final InMemoryLeadStore store = new InMemoryLeadStore();
  private final List<Step> steps = new CopyOnWriteArrayList<>();
  private final List<Thread> migratedOn = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

  private static Migration nudge() {
    return Migration.between(Shop.v1(), Shop.earlierNudge())
        .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
        .build();
  }

  /** Enters leads on version 1 and has each leave its contact a minute later. */
  private void enterOnVersionOne(int n) {
    FunnelRuntime old =
        FunnelRuntime.builder(Catalog.of(Shop.v1()))
            .store(store)
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .handler("send", call -> {})
            .handler("present", call -> {})
            .handler("segment", call -> {})
            .build();
    for (int i = 0; i < n; i++) {
      String id = String.format("lead-%03d", i);
      old.enter(SHOP, id, "ads", T0);
      old.handle(SHOP, id, Event.of(id + "-contact", "contact-left", T0.plusSeconds(60)));
    }
  }

  private FunnelRuntime next(FunnelListener listener) {
    return FunnelRuntime.builder(Catalog.of(Shop.v1(), Shop.earlierNudge()))
        .store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .handler(
            "send",
            call ->
                sent.computeIfAbsent(
                        call.key().leadId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(call.action().param("template").orElse("?")))
        .handler("present", call -> {})
        .handler("segment", call -> {})
        .listener(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                steps.add(step);
                if (Migration.MIGRATED.equals(step.eventType())) {
                  migratedOn.add(Thread.currentThread());
                }
                listener.stepped(step);
              }
            })
        .migration(nudge())
        .build();
  }

  private long migrationSteps(String leadId) {
    return steps.stream()
        .filter(s -> s.leadId().equals(leadId) && Migration.MIGRATED.equals(s.eventType()))
        .count();
  }

  @Test
  void migrateAll_movesEveryPinnedLeadInBatches() {
    enterOnVersionOne(7);
    FunnelRuntime rt = next(new FunnelListener() {});

    MigrationSummary summary = rt.migrateAll(SHOP, 1, 3);
    MigrationSummary again = rt.migrateAll(SHOP, 1, 3);

    assertEquals(new MigrationSummary(SHOP, 1, 7, 0, 0, 3), summary);
    assertEquals(7, summary.listed());
    assertEquals(new MigrationSummary(SHOP, 1, 0, 0, 0, 0), again);
    assertEquals(0, store.countPinnedTo(SHOP, 1));
    assertEquals(7, store.countPinnedTo(SHOP, 2));
    Lead lead = rt.lead(SHOP, "lead-004").orElseThrow();
    assertEquals(2, lead.funnelVersion());
    assertEquals(
        List.of(
            new ScheduledTimer("cold-lead", "nudge", T0.plusSeconds(60).plus(Duration.ofDays(1))),
            new ScheduledTimer(
                "cold-lead", "gone-cold", T0.plusSeconds(60).plusSeconds(7 * 86400))),
        lead.timers());
    for (int i = 0; i < 7; i++) {
      assertEquals(1, migrationSteps(String.format("lead-%03d", i)));
    }
  }

  @Test
  void migrateAll_pageOfExactlyTheBatchSize_readsOneEmptyPageMore() {
    enterOnVersionOne(4);
    FunnelRuntime rt = next(new FunnelListener() {});

    assertEquals(new MigrationSummary(SHOP, 1, 4, 0, 0, 2), rt.migrateAll(SHOP, 1, 2));
  }

  @Test
  void migrateAll_leadAnEventMigratedFirst_isCountedAsAlreadyMigrated() {
    enterOnVersionOne(3);
    AtomicReference<FunnelRuntime> runtime = new AtomicReference<>();
    // When the walk migrates the first lead, an event for the last one arrives and migrates it
    // lazily, after the walk read its page and before it reached the lead.
    FunnelRuntime rt =
        next(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                if (step.leadId().equals("lead-000")
                    && Migration.MIGRATED.equals(step.eventType())) {
                  Objects.requireNonNull(runtime.get())
                      .handle(SHOP, "lead-002", Event.of("late-cart", "added-to-cart", NOW));
                }
              }
            });
    runtime.set(rt);

    MigrationSummary summary = rt.migrateAll(SHOP, 1, 10);

    assertEquals(new MigrationSummary(SHOP, 1, 2, 1, 0, 1), summary);
    Lead late = rt.lead(SHOP, "lead-002").orElseThrow();
    assertEquals(2, late.funnelVersion());
    assertEquals("hot-lead", late.stage());
    assertEquals(1, migrationSteps("lead-002"));
  }

  @Test
  void migrateAll_whileEventsArrive_migratesEachLeadOnceAndLosesNoEvent() throws Exception {
    int n = 200;
    enterOnVersionOne(n);
    FunnelRuntime rt = next(new FunnelListener() {});
    ExecutorService events = Executors.newSingleThreadExecutor();
    try {
      Future<?> arriving =
          events.submit(
              () -> {
                for (int i = n - 1; i >= 0; i--) {
                  String id = String.format("lead-%03d", i);
                  rt.handle(SHOP, id, Event.of(id + "-cart", "added-to-cart", NOW));
                  rt.handle(SHOP, id, Event.of(id + "-abandoned", "cart-abandoned", NOW));
                }
              });
      MigrationSummary summary = rt.migrateAll(SHOP, 1, 16);
      arriving.get(60, TimeUnit.SECONDS);

      // The walk lists the leads still on version 1 when it reads each page: those the events
      // migrated before are not listed, those they migrated after are found already migrated.
      long byTheWalk = migratedOn.stream().filter(t -> t == Thread.currentThread()).count();
      assertEquals(byTheWalk, summary.migrated(), summary::toString);
      assertEquals(n, migratedOn.size());
      assertEquals(0, summary.skipped());
      assertEquals(0, store.countPinnedTo(SHOP, 1));
      for (int i = 0; i < n; i++) {
        String id = String.format("lead-%03d", i);
        Lead lead = rt.lead(SHOP, id).orElseThrow();
        assertEquals(2, lead.funnelVersion(), id);
        assertEquals("hot-lead", lead.stage(), id);
        assertEquals(1, migrationSteps(id), id);
        assertEquals(List.of("cart-reminder"), sent.get(id), id);
      }
      assertEquals(0, store.pendingCount());
    } finally {
      events.shutdownNow();
    }
  }

  @Test
  void migrateAll_withoutAMigrationFromTheVersion_isRefused() {
    FunnelRuntime rt = next(new FunnelListener() {});

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> rt.migrateAll(SHOP, 2, 10));
    assertEquals(
        "funnel 'online-shop' has no migration from version 2 registered with the runtime",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> rt.migrateAll(SHOP, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> rt.migrateAll(SHOP, 0, 10));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> rt.migrateAll("none", 1, 10));
    assertEquals("unknown funnel 'none'", unknown.getMessage());
  }

  @Test
  void summary_countsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new MigrationSummary(SHOP, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new MigrationSummary(SHOP, 1, -1, 0, 0, 0));
    assertEquals(6, new MigrationSummary(SHOP, 1, 1, 2, 3, 1).listed());
  }
}
