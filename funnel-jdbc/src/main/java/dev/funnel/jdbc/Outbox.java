package dev.funnel.jdbc;

import com.google.common.collect.ImmutableList;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outbox table: claims with {@code FOR UPDATE SKIP LOCKED} and a lease set in the same
 * statement, listings, and the settling of one entry (delivered, failed, parked, requeued,
 * discarded), each one statement. Thread-safe.
 */
final class Outbox {
  private final Jdbc jdbc;
  private final Sql sql;
  private final Rows rows;
  private final @Nullable LaterDeletes later;
  private final String table;

  Outbox(Jdbc jdbc, Sql sql, Rows rows, @Nullable LaterDeletes later) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = rows;
    this.later = later;
    this.table = jdbc.tables().shown("outbox");
  }

  /** Sets four array parameters from {@code p} on: the keys' funnels, leads, events, indexes. */
  static int bindKeys(PreparedStatement ps, int p, List<EffectKey> keys) throws SQLException {
    int n = keys.size();
    String[] funnels = new String[n];
    String[] leads = new String[n];
    String[] events = new String[n];
    Integer[] indexes = new Integer[n];
    for (int i = 0; i < n; i++) {
      EffectKey k = keys.get(i);
      funnels[i] = k.funnelId();
      leads[i] = k.leadId();
      events[i] = k.eventId();
      indexes[i] = k.index();
    }
    Connection c = ps.getConnection();
    ps.setArray(p++, c.createArrayOf("text", funnels));
    ps.setArray(p++, c.createArrayOf("text", leads));
    ps.setArray(p++, c.createArrayOf("text", events));
    ps.setArray(p++, c.createArrayOf("int4", indexes));
    return p;
  }

  /** Deletes the delivered entries whose deletes were deferred, in one statement. */
  void flush() {
    LaterDeletes later = this.later;
    if (later == null || later.isEmpty()) {
      return;
    }
    List<EffectKey> keys = later.drain();
    try {
      int unused = deleteDelivered(keys).size();
    } catch (RuntimeException e) {
      later.restore(keys);
      throw e;
    }
  }

  /** Deletes delivered entries in one statement; returns the keys of those that were pending. */
  ImmutableList<EffectKey> deleteDelivered(List<EffectKey> keys) {
    if (keys.isEmpty()) {
      return ImmutableList.of();
    }
    return jdbc.query(
        () -> "removing " + keys.size() + " delivered entries from table '" + table + "'",
        sql.deleteDelivered,
        ps -> {
          int unused = bindKeys(ps, 1, keys);
        },
        rs -> {
          ImmutableList.Builder<EffectKey> out = ImmutableList.builder();
          while (rs.next()) {
            out.add(new EffectKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
          }
          return out.build();
        });
  }

  ImmutableList<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
    flush();
    ImmutableList<OutboxEntry> claimed =
        jdbc.query(
            () -> "claiming entries of table '" + table + "'",
            sql.claim,
            ps -> {
              ps.setObject(1, Codec.sql(leaseUntil));
              ps.setObject(2, Codec.sql(now));
              ps.setInt(3, limit);
            },
            rows::entries);
    if (later != null) {
      later.claimed(claimed, now, leaseUntil);
    }
    return claimed;
  }

  ImmutableList<OutboxEntry> pending(int limit) {
    flush();
    return jdbc.query(
        () -> "listing pending entries of table '" + table + "'",
        sql.pending,
        ps -> ps.setInt(1, limit),
        rows::entries);
  }

  ImmutableList<OutboxEntry> parked(int limit) {
    flush();
    return jdbc.query(
        () -> "listing parked entries of table '" + table + "'",
        sql.parked,
        ps -> ps.setInt(1, limit),
        rows::entries);
  }

  /**
   * Removes a delivered entry: at once, or with the next write if this store holds the entry's
   * lease and defers deletes ({@link LaterDeletes}).
   */
  boolean delivered(EffectKey key) {
    LaterDeletes later = this.later;
    if (later != null) {
      if (later.isDeferred(key)) {
        return false;
      }
      if (later.defer(key)) {
        return true;
      }
    }
    return settle("removing delivered entry", sql.delivered, key, null);
  }

  /**
   * Removes delivered entries: those this store holds with the next write if it defers deletes, the
   * others in one statement; returns how many were still in the outbox.
   */
  int deliveredAll(Collection<EffectKey> keys) {
    LaterDeletes later = this.later;
    List<EffectKey> now = new ArrayList<>(keys.size());
    int removed = 0;
    for (EffectKey key : keys) {
      if (later != null) {
        if (later.isDeferred(key)) {
          continue;
        }
        if (later.defer(key)) {
          removed++;
          continue;
        }
      }
      now.add(key);
    }
    return removed + deleteDelivered(now).size();
  }

  boolean retryAt(EffectKey key, Instant nextAttempt) {
    if (isDelivered(key)) {
      return false;
    }
    return settle("recording a failed attempt of entry", sql.retry, key, nextAttempt);
  }

  boolean park(EffectKey key) {
    if (isDelivered(key)) {
      return false;
    }
    return settle("parking entry", sql.park, key, null);
  }

  boolean requeue(EffectKey key, Instant now) {
    return settle("requeueing entry", sql.requeue, key, now);
  }

  boolean discard(EffectKey key) {
    return settle("discarding entry", sql.discard, key, null);
  }

  /** Deletes every entry, pending or parked, of a lead id in any funnel; how many went. */
  int erase(String leadId) {
    return jdbc.update(
        () -> "erasing a lead's entries in table '" + table + "'",
        sql.erase,
        ps -> ps.setString(1, leadId));
  }

  /** Releases this store's lease on an entry; whether it was delivered with its delete deferred. */
  private boolean isDelivered(EffectKey key) {
    LaterDeletes later = this.later;
    if (later == null) {
      return false;
    }
    later.release(key);
    return later.isDeferred(key);
  }

  /** Runs one statement on one entry, with an instant first if given; whether it hit a row. */
  private boolean settle(String what, String statement, EffectKey key, @Nullable Instant at) {
    int n =
        jdbc.update(
            () -> what + " '" + key + "' in table '" + table + "'",
            statement,
            ps -> {
              int p = 1;
              if (at != null) {
                ps.setObject(p++, Codec.sql(at));
              }
              ps.setString(p++, key.funnelId());
              ps.setString(p++, key.leadId());
              ps.setString(p++, key.eventId());
              ps.setInt(p, key.index());
            });
    return n > 0;
  }
}
