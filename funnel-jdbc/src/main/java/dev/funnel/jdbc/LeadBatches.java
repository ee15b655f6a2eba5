package dev.funnel.jdbc;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore.Commit;
import dev.funnel.runtime.LeadStore.Due;
import dev.funnel.runtime.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lead table a batch at a time, for the runtime's tick: the due leads claimed and read in one
 * statement, put in due order, and many commits written in one statement ({@link Sql#commitAll}),
 * each its own compare-and-set on its lead's version (refusing an event id its lead accepted
 * before) with its outbox rows and event ids, as one commit is, and releasing its lead's claim.
 * Thread-safe.
 */
final class LeadBatches {
  private final Jdbc jdbc;
  private final Sql sql;
  private final Rows rows;
  private final @Nullable LaterDeletes later;
  private final LeadCache cache;
  private final String claimer;
  private final double leaseMillis;
  private final String table;

  LeadBatches(
      Jdbc jdbc,
      Sql sql,
      Rows rows,
      @Nullable LaterDeletes later,
      LeadCache cache,
      String claimer,
      Duration lease) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = rows;
    this.later = later;
    this.cache = cache;
    this.claimer = claimer;
    this.leaseMillis = lease.toMillis();
    this.table = jdbc.tables().shown("lead");
  }

  /**
   * Claims the leads whose earliest timer is due by {@code now} and that no other store holds a
   * live claim on, in one statement ({@link Sql#loadDue}); returns them in due order.
   */
  ImmutableList<Lead> loadDue(Instant now, int limit) {
    List<Claimed> claimed =
        jdbc.query(
            () -> "claiming due leads of table '" + table + "'",
            sql.loadDue,
            ps -> {
              ps.setObject(1, Codec.sql(now));
              ps.setString(2, claimer);
              ps.setInt(3, limit);
              ps.setDouble(4, leaseMillis);
              ps.setString(5, claimer);
            },
            rs -> {
              List<Claimed> out = new ArrayList<>();
              while (rs.next()) {
                LeadKey key = new LeadKey(rs.getString(3), rs.getString(4));
                long version = rs.getLong(1);
                // A lead kept at the row's version is the stored lead: its body need not be read.
                Optional<Lead> kept = cache.get(key);
                boolean known = kept.isPresent() && kept.get().version() == version;
                Lead lead = known ? kept.get() : rows.lead(key, version, rs.getString(2));
                Instant due = Codec.instant(rs.getObject(5, OffsetDateTime.class));
                out.add(new Claimed(new Due(due, key), lead, known));
              }
              return out;
            });
    claimed.sort(Comparator.comparing(Claimed::due));
    ImmutableList.Builder<Lead> out = ImmutableList.builderWithExpectedSize(claimed.size());
    for (Claimed c : claimed) {
      if (!c.kept()) {
        cache.stored(c.lead());
      }
      out.add(c.lead());
    }
    return out.build();
  }

  /**
   * A claimed lead, its entry in the due index, by which the claim's rows are put in order, and
   * whether it is the lead the cache keeps.
   */
  private record Claimed(Due due, Lead lead, boolean kept) {}

  /** Writes the commits of distinct leads in one statement; which of them were written. */
  boolean[] commitAll(List<Commit> commits) {
    Map<LeadKey, Integer> index = new HashMap<>();
    for (int i = 0; i < commits.size(); i++) {
      LeadKey key = commits.get(i).key();
      checkArgument(
          index.put(key, i) == null, "lead '%s' has more than one commit in the batch", key);
    }
    boolean[] written = new boolean[commits.size()];
    if (commits.isEmpty()) {
      return written;
    }
    LaterDeletes later = this.later;
    List<EffectKey> deletes = later == null ? List.of() : later.drain();
    List<LeadKey> stored;
    try {
      stored =
          jdbc.query(
              () -> "committing " + commits.size() + " leads to table '" + table + "'",
              sql.commitAll,
              ps -> {
                int p = bind(ps, commits);
                if (later != null) {
                  int unused = Outbox.bindKeys(ps, p, deletes);
                }
              },
              rs -> {
                List<LeadKey> keys = new ArrayList<>(commits.size());
                while (rs.next()) {
                  keys.add(new LeadKey(rs.getString(1), rs.getString(2)));
                }
                return keys;
              });
    } catch (RuntimeException e) {
      for (Commit c : commits) {
        cache.forget(c.key());
      }
      if (later != null) {
        later.restore(deletes);
      }
      throw e;
    }
    for (LeadKey key : stored) {
      Integer i = index.get(key);
      if (i != null) {
        written[i] = true;
        cache.stored(commits.get(i).lead());
        if (later != null) {
          later.committed(commits.get(i));
        }
      }
    }
    for (int i = 0; i < written.length; i++) {
      if (!written[i]) {
        cache.forget(commits.get(i).key());
      }
    }
    return written;
  }

  /** Sets the arrays of {@link Sql#commitAll}; returns the index of the next parameter. */
  private static int bind(PreparedStatement ps, List<Commit> commits) throws SQLException {
    int n = commits.size();
    String[] funnels = new String[n];
    String[] leads = new String[n];
    Long[] expected = new Long[n];
    Long[] versions = new Long[n];
    String[] stages = new String[n];
    Boolean[] active = new Boolean[n];
    String[] nextDue = new String[n];
    String[] owners = new String[n];
    String[] updated = new String[n];
    StringBuilder bodies = new StringBuilder(n * 512).append('[');
    Outboxes outboxes = new Outboxes();
    List<String[]> accepted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Commit c = commits.get(i);
      Lead lead = c.lead();
      funnels[i] = lead.funnelId();
      leads[i] = lead.id();
      expected[i] = c.expectedVersion();
      versions[i] = lead.version();
      stages[i] = lead.stage();
      active[i] = c.active();
      Optional<Due> due = Due.of(lead);
      nextDue[i] = due.isPresent() ? Codec.ceilMicros(due.get().due()).toString() : null;
      owners[i] = lead.owner().orElse(null);
      updated[i] = lead.updatedAt().toString();
      if (i > 0) {
        bodies.append(',');
      }
      bodies.append(Codec.lead(lead));
      for (OutboxEntry e : c.outbox()) {
        outboxes.add(e, c.leaseUntil());
      }
      for (String id : c.eventIds()) {
        accepted.add(new String[] {lead.funnelId(), lead.id(), id, c.committedAt().toString()});
      }
    }
    Connection c = ps.getConnection();
    int p = 1;
    ps.setArray(p++, c.createArrayOf("text", funnels));
    ps.setArray(p++, c.createArrayOf("text", leads));
    ps.setArray(p++, c.createArrayOf("int8", expected));
    ps.setArray(p++, c.createArrayOf("int8", versions));
    ps.setArray(p++, c.createArrayOf("text", stages));
    ps.setArray(p++, c.createArrayOf("bool", active));
    ps.setArray(p++, c.createArrayOf("text", nextDue));
    ps.setArray(p++, c.createArrayOf("text", owners));
    ps.setArray(p++, c.createArrayOf("text", updated));
    ps.setString(p++, bodies.append(']').toString());
    for (int column = 0; column < 4; column++) {
      String[] values = new String[accepted.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = accepted.get(i)[column];
      }
      ps.setArray(p++, c.createArrayOf("text", values));
    }
    return outboxes.bind(ps, p);
  }

  /** The outbox rows of a batch as the columns of {@link Sql#commitAll}, in order. */
  private static final class Outboxes {
    private final List<String> funnels = new ArrayList<>();
    private final List<String> leads = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final List<String> ats = new ArrayList<>();
    private final List<Integer> attempts = new ArrayList<>();
    private final List<String> nextAttempts = new ArrayList<>();
    private final List<String> leases = new ArrayList<>();
    // The leads of a batch mostly run the same few actions: each is written once.
    private final Map<Action, String> written = new HashMap<>();

    void add(OutboxEntry e, Instant leaseUntil) {
      funnels.add(e.key().funnelId());
      leads.add(e.key().leadId());
      events.add(e.key().eventId());
      indexes.add(e.key().index());
      actions.add(written.computeIfAbsent(e.action(), Codec::action));
      ats.add(e.at().toString());
      attempts.add(e.attempts());
      nextAttempts.add(e.nextAttempt().toString());
      leases.add(leaseUntil.toString());
    }

    int bind(PreparedStatement ps, int from) throws SQLException {
      Connection c = ps.getConnection();
      int p = from;
      ps.setArray(p++, c.createArrayOf("text", funnels.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("text", leads.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("text", events.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("int4", indexes.toArray(new Integer[0])));
      ps.setArray(p++, c.createArrayOf("text", actions.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("text", ats.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("int4", attempts.toArray(new Integer[0])));
      ps.setArray(p++, c.createArrayOf("text", nextAttempts.toArray(new String[0])));
      ps.setArray(p++, c.createArrayOf("text", leases.toArray(new String[0])));
      return p;
    }
  }
}
