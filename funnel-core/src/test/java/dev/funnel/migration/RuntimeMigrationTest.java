package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Leads pinned to version 1 of the shop meet version 2 when they are next touched. */
final class RuntimeMigrationTest {
  private static final Instant T0 = Shop.MONDAY;

  private static FunnelRuntime runtime(InMemoryLeadStore store, Catalog catalog, Instant now) {
    return FunnelRuntime.builder(catalog)
        .store(store)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .handler("send", call -> {})
        .handler("present", call -> {})
        .handler("segment", call -> {})
        .build();
  }

  private static Migration nudge() {
    return Migration.between(Shop.v1(), Shop.earlierNudge())
        .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
        .build();
  }

  @Test
  void handle_pinnedLead_isMigratedFirstThenTheEventFires() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime old = runtime(store, Catalog.of(Shop.v1()), T0);
    old.enter("online-shop", "ann", "ads", T0);
    old.handle("online-shop", "ann", Event.of("a-1", "contact-left", T0.plusSeconds(60)));
    FunnelRuntime next =
        FunnelRuntime.builder(Catalog.of(Shop.v1(), Shop.earlierNudge()))
            .store(store)
            .clock(Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC))
            .handler("send", call -> {})
            .handler("present", call -> {})
            .handler("segment", call -> {})
            .migration(nudge())
            .build();

    Receipt r =
        next.handle("online-shop", "ann", Event.of("a-2", "added-to-cart", T0.plusSeconds(7200)));

    Lead lead = r.lead().orElseThrow();
    assertEquals(2, lead.funnelVersion());
    assertEquals("hot-lead", lead.stage());
    assertEquals(Migration.MIGRATED, r.steps().get(0).eventType());
    assertEquals("added-to-cart", r.steps().get(1).eventType());
    assertEquals(lead, next.lead("online-shop", "ann").orElseThrow());
  }

  @Test
  void migrate_eagerly_recomputesThePendingLetterAndNewLeadsEnterVersionTwo() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime old = runtime(store, Catalog.of(Shop.v1()), T0);
    old.enter("online-shop", "ben", "ads", T0);
    old.handle("online-shop", "ben", Event.of("b-1", "contact-left", T0.plusSeconds(60)));
    FunnelRuntime next =
        FunnelRuntime.builder(Catalog.of(Shop.v1(), Shop.earlierNudge()))
            .store(store)
            .clock(Clock.fixed(T0.plus(Duration.ofHours(3)), ZoneOffset.UTC))
            .handler("send", call -> {})
            .handler("present", call -> {})
            .handler("segment", call -> {})
            .migration(nudge())
            .build();

    Receipt r = next.migrate("online-shop", "ben");
    Receipt again = next.migrate("online-shop", "ben");
    next.enter("online-shop", "cid", "ads", T0.plus(Duration.ofHours(3)));

    Lead ben = r.lead().orElseThrow();
    assertEquals(2, ben.funnelVersion());
    assertTrue(
        ben.timers()
            .contains(
                new ScheduledTimer(
                    "cold-lead", "nudge", T0.plusSeconds(60).plus(Duration.ofDays(1)))),
        ben.timers()::toString);
    assertEquals(ben, again.lead().orElseThrow(), "a migrated lead is not migrated twice");
    assertEquals(2, next.lead("online-shop", "cid").orElseThrow().funnelVersion());
  }

  @Test
  void build_migrationOfAVersionTheCatalogLacks_isRefused() {
    FunnelRuntimeBuilder b =
        FunnelRuntime.builder(Catalog.of(Shop.v1()))
            .handler("send", call -> {})
            .handler("present", call -> {})
            .migration(nudge());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertEquals(
        "migration of funnel 'online-shop' needs version 2 in the catalog", e.getMessage());
  }

  @Test
  void builder_migrationFromTheSameVersionTwice_isRefused() {
    FunnelRuntimeBuilder b = FunnelRuntime.builder(Catalog.of(Shop.v1())).migration(nudge());

    assertThrows(IllegalStateException.class, () -> b.migration(nudge()));
  }
}
