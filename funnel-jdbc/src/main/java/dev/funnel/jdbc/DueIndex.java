package dev.funnel.jdbc;

import com.google.common.collect.ImmutableList;
import dev.funnel.runtime.LeadStore.Due;
import java.time.Instant;
import java.util.Optional;

/**
 * The due index, {@code next_due} of the lead table with its partial index: read in due order with
 * a {@code LIMIT}, so the cost follows what is returned, not the number of leads. Thread-safe.
 */
final class DueIndex {
  private final Jdbc jdbc;
  private final Sql sql;
  private final String table;

  DueIndex(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.table = jdbc.tables().shown("lead");
  }

  Optional<Due> first() {
    ImmutableList<Due> first =
        jdbc.query(
            () -> "reading the due index of table '" + table + "'",
            sql.due,
            ps -> ps.setInt(1, 1),
            Rows::dues);
    return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0));
  }

  ImmutableList<Due> by(Instant now, int limit) {
    return jdbc.query(
        () -> "reading the due index of table '" + table + "'",
        sql.dueBy,
        ps -> {
          ps.setObject(1, Codec.sql(now));
          ps.setInt(2, limit);
        },
        Rows::dues);
  }
}
