package dev.funnel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Catalog;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.MigrationSummary;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What the runtime checks of an eager migration before it walks a store. The walk itself is proved
 * on every store by funnel-test's {@code EagerMigrationContract}.
 */
final class EagerMigrationTest {
  private static final String SHOP = "online-shop";

  private static Migration nudge() {
    return Migration.between(Shop.v1(), Shop.earlierNudge())
        .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
        .build();
  }

  private static FunnelRuntime next() {
    return FunnelRuntime.builder(Catalog.of(Shop.v1(), Shop.earlierNudge()))
        .store(new InMemoryLeadStore())
        .clock(Clock.fixed(Shop.PUBLISHED, ZoneOffset.UTC))
        .handler("send", call -> {})
        .handler("present", call -> {})
        .handler("segment", call -> {})
        .migration(nudge())
        .build();
  }

  @Test
  void migrateAll_withoutAMigrationFromTheVersion_isRefused() {
    FunnelRuntime rt = next();

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
