package dev.funnel.jdbc;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.funnel.Lead;
import dev.funnel.runtime.LeadKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The leads as this store last wrote or read them, at most a given number, the least recently used
 * dropped first: what {@link JdbcLeadStore#loadToChange} answers with, so the runtime changes a
 * lead it has in hand with one statement, the commit. A lead here may be out of date if another
 * store wrote it since; the commit's compare-and-set refuses a change made to it, and the refusal
 * drops it. So only a lead that was stored at its version is ever kept, and for a version the
 * stored lead never differs from it. Thread-safe.
 */
final class LeadCache {
  private final @Nullable ConcurrentMap<LeadKey, Lead> leads;

  /** A cache of at most {@code size} leads; none if {@code size} is zero. */
  LeadCache(int size) {
    if (size == 0) {
      this.leads = null;
    } else {
      Cache<LeadKey, Lead> cache = CacheBuilder.newBuilder().maximumSize(size).build();
      this.leads = cache.asMap();
    }
  }

  Optional<Lead> get(LeadKey key) {
    ConcurrentMap<LeadKey, Lead> l = leads;
    return l == null ? Optional.empty() : Optional.ofNullable(l.get(key));
  }

  /**
   * Keeps a lead as stored, unless a later version of it is kept already. A compare-and-set loop of
   * the map's plain operations, cheaper than its {@code merge}, which runs a computation under the
   * segment's lock.
   */
  void stored(Lead lead) {
    ConcurrentMap<LeadKey, Lead> l = leads;
    if (l == null) {
      return;
    }
    LeadKey key = LeadKey.of(lead);
    while (true) {
      Lead kept = l.get(key);
      if (kept == null) {
        if (l.putIfAbsent(key, lead) == null) {
          return;
        }
      } else if (kept.version() > lead.version() || l.replace(key, kept, lead)) {
        return;
      }
    }
  }

  /** Drops a lead whose commit was refused or failed: what is kept of it may be out of date. */
  void forget(LeadKey key) {
    ConcurrentMap<LeadKey, Lead> l = leads;
    if (l != null) {
      l.remove(key);
    }
  }
}
