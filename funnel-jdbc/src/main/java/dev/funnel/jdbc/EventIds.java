package dev.funnel.jdbc;

import dev.funnel.runtime.LeadKey;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The table of accepted event ids: looked up by lead and id, and purged past their retention in
 * bounded batches of {@link Sql#PURGE_BATCH}. They are written by the commit. Thread-safe.
 */
final class EventIds {
  private final Jdbc jdbc;
  private final Sql sql;
  private final String table;

  EventIds(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.table = jdbc.tables().shown("accepted");
  }

  boolean isAccepted(LeadKey key, String eventId) {
    return jdbc.query(
        () -> "looking up an accepted event id of lead '" + key + "' in table '" + table + "'",
        sql.accepted,
        ps -> {
          ps.setString(1, key.funnelId());
          ps.setString(2, key.leadId());
          ps.setString(3, eventId);
        },
        ResultSet::next);
  }

  int purgeBefore(Instant cutoff) {
    int total = 0;
    while (true) {
      int n =
          jdbc.update(
              () -> "purging accepted event ids from table '" + table + "'",
              sql.purge,
              ps -> ps.setObject(1, Codec.sql(cutoff)));
      total += n;
      if (n < Sql.PURGE_BATCH) {
        return total;
      }
    }
  }
}
