package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.migration.Migration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funnel versions a runtime has retired: no lead enters them, none is migrated into them, and a
 * lead found pinned to one is refused like a lead of a version the catalog lacks. A version is
 * retired only while no lead is pinned to it; the count and the mark are taken under the write side
 * of a lock whose read side every entry into an older version holds across its commit, so no lead
 * slips into a version between the count and the mark. Entries into a funnel's newest version,
 * which cannot be retired, take no lock. Thread-safe.
 */
final class Retirements {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final Catalog catalog;
  private final LeadStore store;
  private final ImmutableMap<String, Migration> migrations;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<String> retired = ConcurrentHashMap.newKeySet();
  // Set once the first version is retired. Every change asks isRetired, and the set's isEmpty sums
  // the map's counter cells each time (RuntimeBenchmark.handleOneThread, -prof stack: 1.3%).
  private volatile boolean any;

  Retirements(Catalog catalog, LeadStore store, ImmutableMap<String, Migration> migrations) {
    this.catalog = catalog;
    this.store = store;
    this.migrations = migrations;
  }

  /** Retires a version; false if it was retired already. */
  boolean retire(String funnelId, int version) {
    Funnel newest =
        catalog
            .latest(funnelId)
            .orElseThrow(() -> new IllegalArgumentException("unknown funnel '" + funnelId + "'"));
    if (catalog.funnel(funnelId, version).isEmpty()) {
      throw new IllegalArgumentException(
          "funnel '" + funnelId + "' has no version " + version + " in the runtime's catalog");
    }
    checkState(
        newest.version() != version,
        "funnel '%s' version %s is the newest, which new leads enter; publish a newer version"
            + " before retiring it",
        funnelId,
        version);
    String pin = Changes.pin(funnelId, version);
    if (retired.contains(pin)) {
      return false;
    }
    for (Migration m : migrations.values()) {
      int from = m.from().version();
      checkState(
          !(m.funnelId().equals(funnelId)
              && m.to().version() == version
              && !retired.contains(Changes.pin(funnelId, from))),
          "funnel '%s' version %s is where the migration from version %s leads; retire version %s"
              + " first",
          funnelId,
          version,
          from,
          from);
    }
    Lock write = lock.writeLock();
    write.lock();
    try {
      long pinned = store.countPinnedTo(funnelId, version);
      checkState(
          pinned == 0,
          "funnel '%s' version %s still has %s pinned to it; migrate %s before retiring it",
          funnelId,
          version,
          pinned == 1 ? "1 lead" : pinned + " leads",
          pinned == 1 ? "it" : "them");
      if (!retired.add(pin)) {
        return false;
      }
      any = true;
    } finally {
      write.unlock();
    }
    log.info("retired funnel {} version {}", funnelId, version);
    return true;
  }

  boolean isRetired(String funnelId, int version) {
    return any && retired.contains(Changes.pin(funnelId, version));
  }

  /**
   * Commits the entry of a new lead into a version, unless the version is retired: under the read
   * side of the lock for an older version, so that a retirement counts the lead or refuses it.
   */
  boolean commitEntry(Funnel funnel, LeadStore.Commit commit) {
    if (catalog.latest(funnel.id()).map(f -> f.version() == funnel.version()).orElse(false)) {
      return store.commit(commit);
    }
    Lock read = lock.readLock();
    read.lock();
    try {
      checkState(
          !isRetired(funnel.id(), funnel.version()),
          "funnel '%s' version %s is retired; new leads enter version %s",
          funnel.id(),
          funnel.version(),
          catalog.latest(funnel.id()).map(Funnel::version).orElse(0));
      return store.commit(commit);
    } finally {
      read.unlock();
    }
  }
}
