package dev.funnel.jdbc;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.LeadStore.Commit;
import dev.funnel.runtime.LeadStore.Due;
import dev.funnel.runtime.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead table: a lead loaded by its key (or taken from the {@link LeadCache} of leads this store
 * wrote or read, to be changed), and the commit, one statement that compares and sets the lead's
 * version, refuses an event id the lead accepted before and, only if the lead was written, inserts
 * its outbox rows and accepted event ids; the owners' load; and the leads pinned to a funnel
 * version, read through the index of the version in the lead's body. Thread-safe.
 */
final class Leads {
  private static final Logger log = LoggerFactory.getLogger(JdbcLeadStore.class);

  private final Jdbc jdbc;
  private final Sql sql;
  private final Rows rows;
  private final @Nullable LaterDeletes later;
  private final LeadCache cache;
  private final String table;

  Leads(Jdbc jdbc, Sql sql, Rows rows, @Nullable LaterDeletes later, LeadCache cache) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = rows;
    this.later = later;
    this.cache = cache;
    this.table = jdbc.tables().shown("lead");
  }

  /** The lead as this store last wrote or read it, if it keeps it; else as stored. */
  Optional<Lead> loadToChange(LeadKey key) {
    Optional<Lead> kept = cache.get(key);
    return kept.isPresent() ? kept : load(key);
  }

  Optional<Lead> load(LeadKey key) {
    Optional<Lead> loaded = loadStored(key);
    loaded.ifPresent(cache::stored);
    return loaded;
  }

  /** The leads of the keys as this store keeps them; the others loaded in one query. */
  ImmutableMap<LeadKey, Lead> loadAllToChange(Collection<LeadKey> keys) {
    Map<LeadKey, Lead> found = new LinkedHashMap<>();
    List<LeadKey> missing = new ArrayList<>();
    for (LeadKey key : keys) {
      if (found.containsKey(key)) {
        continue;
      }
      Optional<Lead> kept = cache.get(key);
      if (kept.isPresent()) {
        found.put(key, kept.get());
      } else {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      found.putAll(loadAll(missing));
    }
    return ImmutableMap.copyOf(found);
  }

  /**
   * The stored leads of the keys, in one query on the primary key; keys without a lead left out.
   */
  ImmutableMap<LeadKey, Lead> loadAll(Collection<LeadKey> keys) {
    Set<LeadKey> distinct = new LinkedHashSet<>(keys);
    if (distinct.isEmpty()) {
      return ImmutableMap.of();
    }
    String[] funnels = new String[distinct.size()];
    String[] ids = new String[distinct.size()];
    int i = 0;
    for (LeadKey key : distinct) {
      funnels[i] = key.funnelId();
      ids[i] = key.leadId();
      i++;
    }
    Map<LeadKey, Lead> found =
        jdbc.query(
            () -> "loading " + distinct.size() + " leads from table '" + table + "'",
            sql.loadAll,
            ps -> {
              Connection c = ps.getConnection();
              ps.setArray(1, c.createArrayOf("text", funnels));
              ps.setArray(2, c.createArrayOf("text", ids));
            },
            rs -> {
              Map<LeadKey, Lead> out = new HashMap<>();
              while (rs.next()) {
                LeadKey key = new LeadKey(rs.getString(1), rs.getString(2));
                out.put(key, rows.lead(key, rs.getLong(3), rs.getString(4)));
              }
              return out;
            });
    ImmutableMap.Builder<LeadKey, Lead> leads = ImmutableMap.builderWithExpectedSize(found.size());
    for (LeadKey key : distinct) {
      Lead lead = found.get(key);
      if (lead != null) {
        cache.stored(lead);
        leads.put(key, lead);
      }
    }
    return leads.buildOrThrow();
  }

  private Optional<Lead> loadStored(LeadKey key) {
    return jdbc.query(
        () -> "loading lead '" + key + "' from table '" + table + "'",
        sql.load,
        ps -> {
          ps.setString(1, key.funnelId());
          ps.setString(2, key.leadId());
        },
        rs ->
            rs.next()
                ? Optional.of(rows.lead(key, rs.getLong(1), rs.getString(2)))
                : Optional.empty());
  }

  boolean commit(Commit commit) {
    boolean insert = commit.expectedVersion() == LeadStore.ABSENT;
    LaterDeletes later = this.later;
    List<EffectKey> deletes = later == null ? List.of() : later.drain();
    long written;
    try {
      written =
          jdbc.query(
              () ->
                  "committing lead '"
                      + commit.key()
                      + "' version "
                      + commit.lead().version()
                      + " to table '"
                      + table
                      + "'",
              insert ? sql.insert : sql.update,
              ps -> {
                int p = bind(ps, commit);
                if (later != null) {
                  int unused = Outbox.bindKeys(ps, p, deletes);
                }
              },
              rs -> {
                rs.next();
                return rs.getLong(1);
              });
    } catch (RuntimeException e) {
      cache.forget(commit.key());
      if (later != null) {
        later.restore(deletes);
      }
      throw e;
    }
    if (written == 1) {
      cache.stored(commit.lead());
      if (later != null) {
        later.committed(commit);
      }
    } else {
      cache.forget(commit.key());
    }
    if (written == 0 && log.isDebugEnabled()) {
      log.debug(
          "commit of lead {} refused: version is not {} or an event id was accepted before",
          commit.key(),
          commit.expectedVersion());
    }
    return written == 1;
  }

  /**
   * Sets the parameters of {@link Sql#insert} or {@link Sql#update} for one commit; returns the
   * index of the next parameter.
   */
  static int bind(PreparedStatement ps, Commit commit) throws SQLException {
    Lead lead = commit.lead();
    int n = commit.outbox().size();
    String[] eventIds = new String[n];
    Integer[] indexes = new Integer[n];
    String[] actions = new String[n];
    String[] ats = new String[n];
    Integer[] attempts = new Integer[n];
    String[] nextAttempts = new String[n];
    for (int i = 0; i < n; i++) {
      OutboxEntry e = commit.outbox().get(i);
      eventIds[i] = e.key().eventId();
      indexes[i] = e.key().index();
      actions[i] = Codec.action(e.action());
      ats[i] = e.at().toString();
      attempts[i] = e.attempts();
      nextAttempts[i] = e.nextAttempt().toString();
    }
    boolean insert = commit.expectedVersion() == LeadStore.ABSENT;
    Optional<Due> next = Due.of(lead);
    int p = 1;
    ps.setLong(p++, lead.version());
    ps.setString(p++, lead.stage());
    ps.setBoolean(p++, commit.active());
    ps.setObject(p++, next.map(d -> Codec.sql(Codec.ceilMicros(d.due()))).orElse(null));
    ps.setString(p++, lead.owner().orElse(null));
    ps.setObject(p++, Codec.sql(lead.updatedAt()));
    ps.setString(p++, Codec.lead(lead));
    ps.setString(p++, lead.funnelId());
    ps.setString(p++, lead.id());
    Connection c = ps.getConnection();
    if (!insert) {
      ps.setLong(p++, commit.expectedVersion());
      ps.setArray(p++, c.createArrayOf("text", commit.eventIds().toArray(new String[0])));
    }
    ps.setObject(p++, Codec.sql(commit.leaseUntil()));
    ps.setArray(p++, c.createArrayOf("text", eventIds));
    ps.setArray(p++, c.createArrayOf("int4", indexes));
    ps.setArray(p++, c.createArrayOf("text", actions));
    ps.setArray(p++, c.createArrayOf("text", ats));
    ps.setArray(p++, c.createArrayOf("int4", attempts));
    ps.setArray(p++, c.createArrayOf("text", nextAttempts));
    ps.setObject(p++, Codec.sql(commit.committedAt()));
    ps.setArray(p++, c.createArrayOf("text", commit.eventIds().toArray(new String[0])));
    return p;
  }

  int activeLeadsOwnedBy(String owner) {
    long n =
        jdbc.query(
            () -> "counting the active leads of an owner in table '" + table + "'",
            sql.owned,
            ps -> ps.setString(1, owner),
            rs -> {
              rs.next();
              return rs.getLong(1);
            });
    return (int) n;
  }

  ImmutableList<LeadKey> pinnedTo(String funnelId, int version, String after, int limit) {
    return jdbc.query(
        () ->
            "listing the leads of funnel '"
                + funnelId
                + "' pinned to version "
                + version
                + " in table '"
                + table
                + "'",
        sql.pinned,
        ps -> {
          ps.setString(1, funnelId);
          ps.setInt(2, version);
          ps.setString(3, after);
          ps.setInt(4, limit);
        },
        rs -> {
          ImmutableList.Builder<LeadKey> keys = ImmutableList.builder();
          while (rs.next()) {
            keys.add(new LeadKey(funnelId, rs.getString(1)));
          }
          return keys.build();
        });
  }

  long countPinnedTo(String funnelId, int version) {
    return jdbc.query(
        () ->
            "counting the leads of funnel '"
                + funnelId
                + "' pinned to version "
                + version
                + " in table '"
                + table
                + "'",
        sql.countPinned,
        ps -> {
          ps.setString(1, funnelId);
          ps.setInt(2, version);
        },
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }
}
