package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eager migration: every lead pinned to one funnel version moved on by the migration registered
 * from it. The leads are read from the store in pages by lead id ({@link LeadStore#pinnedTo}), so
 * memory stays bounded by the page, and each is migrated on the path of any other change ({@link
 * Changes#change}): its own compare-and-set, tried again on the fresh lead if an event changed it
 * meanwhile, so a concurrent change is never lost and no lead is migrated twice. Whether this call
 * migrated a lead is read off the steps it committed, which hold the migration's step only if the
 * lead was still on the old version when the commit went in. Thread-safe.
 */
final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final Changes changes;
  private final LeadStore store;
  private final Clock clock;
  private final ImmutableMap<String, Migration> migrations;

  Migrator(
      Changes changes, LeadStore store, Clock clock, ImmutableMap<String, Migration> migrations) {
    this.changes = changes;
    this.store = store;
    this.clock = clock;
    this.migrations = migrations;
  }

  MigrationSummary migrateAll(String funnelId, int version, int batchSize) {
    checkArgument(version > 0, "funnel version must be positive");
    checkArgument(batchSize > 0, "batch size must be positive");
    Migration m = migrations.get(Changes.pin(funnelId, version));
    checkState(
        m != null,
        "funnel '%s' has no migration from version %s registered with the runtime",
        funnelId,
        version);
    String stepId = m.eventId();
    int migrated = 0;
    int already = 0;
    int skipped = 0;
    int batches = 0;
    String after = "";
    while (true) {
      ImmutableList<LeadKey> page = store.pinnedTo(funnelId, version, after, batchSize);
      if (page.isEmpty()) {
        break;
      }
      batches++;
      for (LeadKey key : page) {
        Mdc saved = Mdc.put(funnelId, key.leadId(), null);
        try {
          Receipt r =
              changes.change(key, clock.instant(), null, null, (f, lead) -> null, new Call());
          if (r.status() == Receipt.Status.NO_LEAD) {
            skipped++;
          } else if (tookStep(r.steps(), stepId)) {
            migrated++;
          } else {
            log.debug("lead already migrated by a concurrent change");
            already++;
          }
        } finally {
          saved.restore();
        }
      }
      if (page.size() < batchSize) {
        break;
      }
      after = page.get(page.size() - 1).leadId();
    }
    log.info(
        "migrated {} leads of funnel {} from version {} in {} batches; {} already migrated, {}"
            + " skipped",
        migrated,
        funnelId,
        version,
        batches,
        already,
        skipped);
    return new MigrationSummary(funnelId, version, migrated, already, skipped, batches);
  }

  private static boolean tookStep(ImmutableList<Step> steps, String stepId) {
    for (Step s : steps) {
      if (Migration.MIGRATED.equals(s.eventType()) && stepId.equals(s.eventId())) {
        return true;
      }
    }
    return false;
  }
}
