package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What an eager migration of the leads pinned to one funnel version came to ({@link
 * FunnelRuntime#migrateAll}): how many leads it moved on, how many a concurrent change had moved on
 * first, and how many the store no longer held. Immutable and thread-safe.
 *
 * @param funnelId the funnel's id
 * @param version the version the leads were pinned to
 * @param migrated how many leads this call moved off the version
 * @param alreadyMigrated how many leads listed on the version had moved on by the time this call
 *     migrated them: a concurrent change (an event, a tick, another runtime) migrated them first
 * @param skipped how many leads listed on the version the store no longer held when they were
 *     loaded
 * @param batches how many pages of leads were read from the store
 */
public record MigrationSummary(
    String funnelId, int version, int migrated, int alreadyMigrated, int skipped, int batches) {

  /**
   * Creates a summary.
   *
   * @param funnelId the funnel's id
   * @param version the version the leads were pinned to
   * @param migrated how many leads this call moved off the version
   * @param alreadyMigrated how many leads a concurrent change moved on first
   * @param skipped how many leads the store no longer held
   * @param batches how many pages of leads were read
   * @throws IllegalArgumentException if the version is not positive or a count is negative
   */
  public MigrationSummary {
    requireNonNull(funnelId, "funnelId");
    checkArgument(version > 0, "version must be positive");
    checkArgument(
        migrated >= 0 && alreadyMigrated >= 0 && skipped >= 0 && batches >= 0,
        "counts must not be negative");
  }

  /**
   * Returns how many leads the walk found pinned to the version.
   *
   * @return {@code migrated + alreadyMigrated + skipped}
   */
  public int listed() {
    return migrated + alreadyMigrated + skipped;
  }
}
