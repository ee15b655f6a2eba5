package dev.funnel.jdbc;

import com.google.common.collect.ImmutableList;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
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
  private final String table;

  Outbox(Jdbc jdbc, Sql sql, Rows rows) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = rows;
    this.table = jdbc.tables().shown("outbox");
  }

  ImmutableList<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
    return jdbc.query(
        () -> "claiming entries of table '" + table + "'",
        sql.claim,
        ps -> {
          ps.setObject(1, Codec.sql(leaseUntil));
          ps.setObject(2, Codec.sql(now));
          ps.setInt(3, limit);
        },
        rows::entries);
  }

  ImmutableList<OutboxEntry> pending(int limit) {
    return jdbc.query(
        () -> "listing pending entries of table '" + table + "'",
        sql.pending,
        ps -> ps.setInt(1, limit),
        rows::entries);
  }

  ImmutableList<OutboxEntry> parked(int limit) {
    return jdbc.query(
        () -> "listing parked entries of table '" + table + "'",
        sql.parked,
        ps -> ps.setInt(1, limit),
        rows::entries);
  }

  boolean delivered(EffectKey key) {
    return settle("removing delivered entry", sql.delivered, key, null);
  }

  boolean retryAt(EffectKey key, Instant nextAttempt) {
    return settle("recording a failed attempt of entry", sql.retry, key, nextAttempt);
  }

  boolean park(EffectKey key) {
    return settle("parking entry", sql.park, key, null);
  }

  boolean requeue(EffectKey key, Instant now) {
    return settle("requeueing entry", sql.requeue, key, now);
  }

  boolean discard(EffectKey key) {
    return settle("discarding entry", sql.discard, key, null);
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
