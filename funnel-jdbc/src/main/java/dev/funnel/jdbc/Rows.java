package dev.funnel.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore.Due;
import dev.funnel.runtime.OutboxEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the store's rows back: a lead from its version and body, checked against its key; entries
 * of the due index; outbox entries. A row that does not parse is a {@link JdbcLeadStoreException}
 * naming its key and table, never its data. Immutable.
 */
final class Rows {
  private final Tables tables;

  Rows(Tables tables) {
    this.tables = tables;
  }

  /** Reads a lead's body and checks that it is the lead of its row. */
  Lead lead(LeadKey key, long version, String body) {
    Lead lead;
    try {
      lead = Codec.lead(body);
    } catch (IllegalArgumentException e) {
      throw new JdbcLeadStoreException(
          "lead '"
              + key
              + "' in table '"
              + tables.shown("lead")
              + "' does not parse: "
              + e.getMessage(),
          e);
    }
    if (!LeadKey.of(lead).equals(key) || lead.version() != version) {
      throw new JdbcLeadStoreException(
          "lead '"
              + key
              + "' in table '"
              + tables.shown("lead")
              + "' does not match its row: the body holds lead '"
              + LeadKey.of(lead)
              + "' version "
              + lead.version()
              + ", the row version "
              + version);
    }
    return lead;
  }

  /** Reads entries of the due index: due time, funnel id, lead id. */
  static ImmutableList<Due> dues(ResultSet rs) throws SQLException {
    ImmutableList.Builder<Due> out = ImmutableList.builder();
    while (rs.next()) {
      out.add(
          new Due(
              Codec.instant(rs.getObject(1, OffsetDateTime.class)),
              new LeadKey(rs.getString(2), rs.getString(3))));
    }
    return out.build();
  }

  /** Reads outbox rows, oldest first whatever order they came in. */
  ImmutableList<OutboxEntry> entries(ResultSet rs) throws SQLException {
    List<Row> rows = new ArrayList<>();
    while (rs.next()) {
      EffectKey key =
          new EffectKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
      Action action;
      try {
        action = Codec.action(rs.getString(6));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new JdbcLeadStoreException(
            "the action of entry '"
                + key
                + "' in table '"
                + tables.shown("outbox")
                + "' does not parse",
            e);
      }
      OutboxEntry entry =
          new OutboxEntry(
              key,
              action,
              Codec.instant(rs.getObject(7, OffsetDateTime.class)),
              rs.getInt(8),
              Codec.instant(rs.getObject(9, OffsetDateTime.class)));
      rows.add(new Row(rs.getLong(1), entry));
    }
    rows.sort(Comparator.comparingLong(Row::seq));
    ImmutableList.Builder<OutboxEntry> out = ImmutableList.builderWithExpectedSize(rows.size());
    for (Row r : rows) {
      out.add(r.entry());
    }
    return out.build();
  }

  private record Row(long seq, OutboxEntry entry) {}
}
