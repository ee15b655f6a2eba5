package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.Receipt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A version is retired only once no lead is pinned to it; then no lead enters or stays on it. */
final class RetireTest {
  private static final String SHOP = "online-shop";
  private static final Instant NOW = Shop.PUBLISHED;

  private final InMemoryLeadStore store = new InMemoryLeadStore();

  private static Funnel v3() {
    return Shop.earlierNudge().toBuilder().version(3).build();
  }

  private static Migration oneToTwo() {
    return Migration.between(Shop.v1(), Shop.earlierNudge())
        .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
        .build();
  }

  private FunnelRuntimeBuilder builder(Funnel... versions) {
    return FunnelRuntime.builder(Catalog.of(versions))
        .store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .handler("send", call -> {})
        .handler("present", call -> {})
        .handler("segment", call -> {});
  }

  private FunnelRuntime runtime() {
    return builder(Shop.v1(), Shop.earlierNudge()).migration(oneToTwo()).build();
  }

  @Test
  void retire_whileLeadsArePinned_isRefusedNamingHowMany() {
    FunnelRuntime rt = runtime();
    for (String id : new String[] {"ann", "ben", "cid"}) {
      rt.enter(Shop.v1().newLead(id, "ads"), NOW);
    }

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.retire(SHOP, 1));

    assertEquals(
        "funnel 'online-shop' version 1 still has 3 leads pinned to it; migrate them before"
            + " retiring it",
        e.getMessage());
    assertFalse(rt.isRetired(SHOP, 1));
    assertEquals(
        Receipt.Status.ENTERED,
        rt.enter(Shop.v1().newLead("dan", "ads"), NOW).status(),
        "a refused retirement leaves the version open");
  }

  @Test
  void retire_afterEagerMigration_closesTheVersionToNewLeads() {
    FunnelRuntime rt = runtime();
    rt.enter(Shop.v1().newLead("ann", "ads"), NOW);
    rt.migrateAll(SHOP, 1, 10);

    assertTrue(rt.retire(SHOP, 1));

    assertTrue(rt.isRetired(SHOP, 1));
    assertFalse(rt.isRetired(SHOP, 2));
    assertFalse(rt.retire(SHOP, 1), "retiring twice changes nothing");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> rt.enter(Shop.v1().newLead("ben", "ads"), NOW));
    assertEquals(
        "funnel 'online-shop' version 1 is retired; new leads enter version 2", e.getMessage());
    assertTrue(rt.lead(SHOP, "ben").isEmpty(), "the refused entry stored nothing");
    assertEquals(2, rt.enter(SHOP, "cid", "ads", NOW).lead().orElseThrow().funnelVersion());
    assertEquals(0, store.countPinnedTo(SHOP, 1));
  }

  @Test
  void retire_newestVersion_isRefused() {
    FunnelRuntime rt = runtime();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.retire(SHOP, 2));

    assertEquals(
        "funnel 'online-shop' version 2 is the newest, which new leads enter; publish a newer"
            + " version before retiring it",
        e.getMessage());
  }

  @Test
  void retire_versionAMigrationFromALiveVersionLeadsInto_isRefusedUntilThatOneIsRetired() {
    Migration twoToThree = Migration.between(Shop.earlierNudge(), v3()).build();
    FunnelRuntime rt =
        builder(Shop.v1(), Shop.earlierNudge(), v3())
            .migration(oneToTwo())
            .migration(twoToThree)
            .build();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.retire(SHOP, 2));

    assertEquals(
        "funnel 'online-shop' version 2 is where the migration from version 1 leads; retire"
            + " version 1 first",
        e.getMessage());
    assertTrue(rt.retire(SHOP, 1));
    assertTrue(rt.retire(SHOP, 2));
  }

  @Test
  void retire_unknownFunnelOrVersion_isRefused() {
    FunnelRuntime rt = runtime();

    IllegalArgumentException version =
        assertThrows(IllegalArgumentException.class, () -> rt.retire(SHOP, 7));
    IllegalArgumentException funnel =
        assertThrows(IllegalArgumentException.class, () -> rt.retire("none", 1));

    assertEquals(
        "funnel 'online-shop' has no version 7 in the runtime's catalog", version.getMessage());
    assertEquals("unknown funnel 'none'", funnel.getMessage());
  }

  @Test
  void handle_leadAnotherRuntimePinnedToARetiredVersion_isRefused() {
    FunnelRuntime rt = runtime();
    assertTrue(rt.retire(SHOP, 1));
    // A second runtime over the same store that has not retired the version.
    FunnelRuntime other = builder(Shop.v1(), Shop.earlierNudge()).build();
    other.enter(Shop.v1().newLead("ann", "ads"), NOW);
    Lead before = rt.lead(SHOP, "ann").orElseThrow();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> rt.handle(SHOP, "ann", Event.of("e-1", "contact-left", NOW)));

    assertEquals(
        "lead 'ann' is in funnel 'online-shop' version 1, which the runtime retired",
        e.getMessage());
    assertEquals(before, rt.lead(SHOP, "ann").orElseThrow(), "the lead is as it was");
  }

  @Test
  void retire_racingEntriesIntoTheVersion_leavesNoLeadPinnedToIt() throws Exception {
    FunnelRuntime rt = runtime();
    ExecutorService entering = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> entered =
          entering.submit(
              () -> {
                int n = 0;
                try {
                  for (; n < 2_000; n++) {
                    rt.enter(Shop.v1().newLead("lead-" + n, "ads"), NOW);
                  }
                } catch (IllegalStateException retired) {
                  // The version was retired; entering stops.
                }
                return n;
              });
      // Let the entries get going before the first attempt to retire.
      while (store.size() < 50 && !entered.isDone()) {
        Thread.sleep(1);
      }
      boolean retired = false;
      int refusals = 0;
      while (!retired) {
        try {
          retired = rt.retire(SHOP, 1);
        } catch (IllegalStateException pinned) {
          refusals++;
          rt.migrateAll(SHOP, 1, 64);
        }
      }
      int n = entered.get(60, TimeUnit.SECONDS);

      assertTrue(n >= 50, "entered " + n);
      assertEquals(0, store.countPinnedTo(SHOP, 1), "refusals: " + refusals);
      assertEquals(n, store.countPinnedTo(SHOP, 2));
    } finally {
      entering.shutdownNow();
    }
  }
}
