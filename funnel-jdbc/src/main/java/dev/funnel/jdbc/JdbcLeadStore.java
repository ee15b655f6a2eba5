package dev.funnel.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeadStore} in PostgreSQL over a {@link DataSource} the application owns (its pool, its
 * credentials). Several runtimes, in one process or many, may share one database: every guarantee
 * of {@link LeadStore} holds across them.
 *
 * <pre>{@code
 * JdbcLeadStore store = JdbcLeadStore.builder(dataSource).schema("sales").build();
 * store.createSchema();          // or run the migrations in db/migration with Flyway
 * FunnelRuntime runtime = FunnelRuntime.builder(catalog).store(store).handler(...).build();
 * }</pre>
 *
 * <p><b>Tables.</b> One row per lead in {@code funnel_lead}: the lead in the funnel format as
 * {@code jsonb}, and beside it, as plain indexed columns, its funnel id, lead id, version, stage,
 * whether it is active, the due time of its earliest timer and its owner. The outbox in {@code
 * funnel_outbox}, one row per effect not yet delivered, with its attempts, next attempt time, claim
 * and whether it is parked. The accepted event ids with their commit time in {@code
 * funnel_accepted}. The schema's version in {@code funnel_schema}. Table names take a configurable
 * prefix and schema; the migrations in {@code db/migration} create them with the default names and
 * {@link #createSchema()} with the configured ones.
 *
 * <p><b>How each guarantee is kept.</b> {@link #commit} is one SQL statement, so one round trip and
 * atomic under any isolation level: an {@code UPDATE ... WHERE version = ?} (or an {@code INSERT
 * ... ON CONFLICT DO NOTHING} for {@link LeadStore#ABSENT}) of the lead, with the outbox rows and
 * the accepted event ids inserted only if the lead was written. {@link #claimPending} takes entries
 * with {@code FOR UPDATE SKIP LOCKED} and sets their lease in the same statement, so two runtimes
 * never claim one entry at once. {@link #dueBy} and {@link #firstDue} read the due index in due
 * order with a {@code LIMIT}; {@link #purgeAcceptedBefore} deletes in bounded batches. Instants are
 * kept to the microsecond; a due time is rounded up, so no timer is found due before its time.
 *
 * <p><b>Connections.</b> Each call takes a connection from the data source and gives it back before
 * it returns. Single statements run in auto-commit (or are committed, if the pool hands out
 * connections without it); the isolation level the pool sets does not matter, as no call reads and
 * then writes in two statements. The first call checks the schema's version.
 *
 * <p><b>Errors.</b> Every failure is a {@link JdbcLeadStoreException} naming the operation, the
 * lead or the table; a failed write has written nothing. Messages carry ids only, never a lead's
 * data.
 *
 * <p>Thread-safe.
 */
public final class JdbcLeadStore implements LeadStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcLeadStore.class);

  /** The most event ids {@link #purgeAcceptedBefore} deletes in one statement. */
  static final int PURGE_BATCH = 10_000;

  private static final String OUTBOX_COLUMNS =
      "seq, funnel_id, lead_id, event_id, effect_index, action, at, attempts, next_attempt";

  private final DataSource dataSource;
  private final Tables tables;
  private final Schema schema;
  private final int timeoutSeconds;
  private volatile boolean checked;

  private final String load;
  private final String insert;
  private final String update;
  private final String due;
  private final String dueBy;
  private final String claim;
  private final String delivered;
  private final String retry;
  private final String park;
  private final String requeue;
  private final String discard;
  private final String erase;
  private final String pending;
  private final String parked;
  private final String accepted;
  private final String purge;
  private final String owned;

  private JdbcLeadStore(Builder b) {
    this.dataSource = requireNonNull(b.dataSource);
    this.tables = new Tables(Optional.ofNullable(b.schema), b.prefix);
    this.schema = new Schema(tables);
    this.timeoutSeconds =
        b.timeout == null
            ? 0
            : (int) Math.min(Integer.MAX_VALUE, (b.timeout.toMillis() + 999) / 1000);
    String lead = tables.lead();
    String outbox = tables.outbox();
    String acceptedTable = tables.accepted();
    this.load = "SELECT version, body FROM " + lead + " WHERE funnel_id = ? AND lead_id = ?";
    // One statement per commit: the lead is written first; the outbox rows and the event ids are
    // written only for a lead row the first part returned, so a refused compare-and-set writes
    // nothing at all. The outbox rows keep the order given (WITH ORDINALITY), so the identity
    // column numbers them in commit order.
    String tail =
        ", o AS (INSERT INTO "
            + outbox
            + " (funnel_id, lead_id, event_id, effect_index, action, at, attempts, next_attempt,"
            + " lease_until)"
            + " SELECT l.funnel_id, l.lead_id, x.event_id, x.effect_index, x.action::jsonb,"
            + " x.at::timestamptz, x.attempts, x.next_attempt::timestamptz, ?"
            + " FROM l CROSS JOIN unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[],"
            + " ?::text[]) WITH ORDINALITY"
            + " AS x(event_id, effect_index, action, at, attempts, next_attempt, ord)"
            + " ORDER BY x.ord"
            + " ON CONFLICT (funnel_id, lead_id, event_id, effect_index) DO NOTHING)"
            + ", a AS (INSERT INTO "
            + acceptedTable
            + " (funnel_id, lead_id, event_id, committed_at)"
            + " SELECT l.funnel_id, l.lead_id, e, ? FROM l CROSS JOIN unnest(?::text[]) AS e"
            + " ON CONFLICT (funnel_id, lead_id, event_id) DO NOTHING)"
            + " SELECT count(*) FROM l";
    this.insert =
        "WITH l AS (INSERT INTO "
            + lead
            + " (version, stage, active, next_due, owner, updated_at, body, funnel_id, lead_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
            + " ON CONFLICT (funnel_id, lead_id) DO NOTHING RETURNING funnel_id, lead_id)"
            + tail;
    this.update =
        "WITH l AS (UPDATE "
            + lead
            + " SET version = ?, stage = ?, active = ?, next_due = ?, owner = ?, updated_at = ?,"
            + " body = ?::jsonb WHERE funnel_id = ? AND lead_id = ? AND version = ?"
            + " RETURNING funnel_id, lead_id)"
            + tail;
    String dueColumns = "SELECT next_due, funnel_id, lead_id FROM " + lead;
    String dueOrder = " ORDER BY next_due, funnel_id, lead_id LIMIT ?";
    this.due = dueColumns + " WHERE next_due IS NOT NULL" + dueOrder;
    this.dueBy = dueColumns + " WHERE next_due IS NOT NULL AND next_due <= ?" + dueOrder;
    this.claim =
        "UPDATE "
            + outbox
            + " o SET lease_until = ? FROM (SELECT seq FROM "
            + outbox
            + " WHERE NOT parked AND ready_at <= ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) c"
            + " WHERE o.seq = c.seq RETURNING o.seq, o.funnel_id, o.lead_id, o.event_id,"
            + " o.effect_index, o.action, o.at, o.attempts, o.next_attempt";
    String key = " WHERE funnel_id = ? AND lead_id = ? AND event_id = ? AND effect_index = ?";
    this.delivered = "DELETE FROM " + outbox + key + " AND NOT parked";
    this.retry =
        "UPDATE "
            + outbox
            + " SET attempts = attempts + 1, next_attempt = ?, lease_until = '-infinity'"
            + key
            + " AND NOT parked";
    this.park = "UPDATE " + outbox + " SET parked = true" + key + " AND NOT parked";
    this.requeue =
        "UPDATE "
            + outbox
            + " SET parked = false, attempts = 0, next_attempt = ?, lease_until = '-infinity'"
            + key
            + " AND parked";
    this.discard = "DELETE FROM " + outbox + key + " AND parked";
    this.erase = "DELETE FROM " + outbox + " WHERE lead_id = ?";
    this.pending =
        "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE NOT parked ORDER BY seq LIMIT ?";
    this.parked =
        "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE parked ORDER BY seq LIMIT ?";
    this.accepted =
        "SELECT 1 FROM " + acceptedTable + " WHERE funnel_id = ? AND lead_id = ? AND event_id = ?";
    this.purge =
        "DELETE FROM "
            + acceptedTable
            + " WHERE ctid = ANY (ARRAY (SELECT ctid FROM "
            + acceptedTable
            + " WHERE committed_at < ? LIMIT "
            + PURGE_BATCH
            + "))";
    this.owned = "SELECT count(*) FROM " + lead + " WHERE owner = ? AND active";
  }

  /**
   * Starts building a store over a data source.
   *
   * @param dataSource where connections come from; a pool such as HikariCP in production
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Returns the names of the migrations shipped in this jar under {@code db/migration}, oldest
   * first, named the way Flyway expects ({@code V1__funnel_schema.sql}); they create the tables
   * with the default names in the schema the migration tool works in.
   *
   * @return the migrations' file names
   */
  public static ImmutableList<String> migrations() {
    return Schema.MIGRATIONS;
  }

  /**
   * Returns the version of the schema this code needs.
   *
   * @return the schema version
   */
  public static int schemaVersion() {
    return Schema.VERSION;
  }

  /**
   * Creates the store's schema and tables, or brings them up to the version this code needs, in one
   * transaction; does nothing if they are up to date. Concurrent calls on one database wait for
   * each other. For a quick start or tests; a service that runs migrations with a tool runs the
   * files of {@link #migrations()} instead.
   *
   * @return how many migrations were applied
   * @throws JdbcLeadStoreException if the database refused them or holds a newer version
   */
  @CanIgnoreReturnValue
  public int createSchema() {
    int applied = inTransaction(schema::create, () -> "creating the schema of tables " + tables);
    checked = true;
    return applied;
  }

  /**
   * Checks that the database holds the schema version this code needs; the first call to the store
   * does the same.
   *
   * @throws JdbcLeadStoreException if the schema is missing, older or newer
   */
  public void checkSchema() {
    boolean unused =
        inConnection(
            c -> {
              schema.check(c);
              return true;
            },
            () -> "checking the schema of tables " + tables);
    checked = true;
  }

  private void ensureChecked() {
    if (!checked) {
      checkSchema();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Leads

  @Override
  public Optional<Lead> load(LeadKey key) {
    requireNonNull(key, "key");
    return query(
        () -> "loading lead '" + key + "' from table '" + tables.shown("lead") + "'",
        load,
        ps -> {
          ps.setString(1, key.funnelId());
          ps.setString(2, key.leadId());
        },
        rs ->
            rs.next() ? Optional.of(parse(key, rs.getLong(1), rs.getString(2))) : Optional.empty());
  }

  private Lead parse(LeadKey key, long version, String body) {
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

  @Override
  @CanIgnoreReturnValue
  public boolean commit(Commit commit) {
    requireNonNull(commit, "commit");
    Lead lead = commit.lead();
    String body = Codec.lead(lead);
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
    String[] accepted = commit.eventIds().toArray(new String[0]);
    boolean insert = commit.expectedVersion() == ABSENT;
    Optional<Due> next = Due.of(lead);
    long written =
        query(
            () ->
                "committing lead '"
                    + commit.key()
                    + "' version "
                    + lead.version()
                    + " to table '"
                    + tables.shown("lead")
                    + "'",
            insert ? this.insert : this.update,
            ps -> {
              int p = 1;
              ps.setLong(p++, lead.version());
              ps.setString(p++, lead.stage());
              ps.setBoolean(p++, commit.active());
              ps.setObject(p++, next.map(d -> Codec.sql(Codec.ceilMicros(d.due()))).orElse(null));
              ps.setString(p++, lead.owner().orElse(null));
              ps.setObject(p++, Codec.sql(lead.updatedAt()));
              ps.setString(p++, body);
              ps.setString(p++, lead.funnelId());
              ps.setString(p++, lead.id());
              if (!insert) {
                ps.setLong(p++, commit.expectedVersion());
              }
              Connection c = ps.getConnection();
              ps.setObject(p++, Codec.sql(commit.leaseUntil()));
              ps.setArray(p++, c.createArrayOf("text", eventIds));
              ps.setArray(p++, c.createArrayOf("int4", indexes));
              ps.setArray(p++, c.createArrayOf("text", actions));
              ps.setArray(p++, c.createArrayOf("text", ats));
              ps.setArray(p++, c.createArrayOf("int4", attempts));
              ps.setArray(p++, c.createArrayOf("text", nextAttempts));
              ps.setObject(p++, Codec.sql(commit.committedAt()));
              Array ids = c.createArrayOf("text", accepted);
              ps.setArray(p, ids);
            },
            rs -> {
              rs.next();
              return rs.getLong(1);
            });
    if (written == 0 && log.isDebugEnabled()) {
      log.debug(
          "commit of lead {} refused: version is not {}", commit.key(), commit.expectedVersion());
    }
    return written == 1;
  }

  @Override
  public Optional<Due> firstDue() {
    ImmutableList<Due> first =
        query(
            () -> "reading the due index of table '" + tables.shown("lead") + "'",
            due,
            ps -> ps.setInt(1, 1),
            JdbcLeadStore::dues);
    return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0));
  }

  @Override
  public ImmutableList<Due> dueBy(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    return query(
        () -> "reading the due index of table '" + tables.shown("lead") + "'",
        dueBy,
        ps -> {
          ps.setObject(1, Codec.sql(now));
          ps.setInt(2, limit);
        },
        JdbcLeadStore::dues);
  }

  private static ImmutableList<Due> dues(ResultSet rs) throws SQLException {
    ImmutableList.Builder<Due> out = ImmutableList.builder();
    while (rs.next()) {
      out.add(
          new Due(
              Codec.instant(rs.getObject(1, OffsetDateTime.class)),
              new LeadKey(rs.getString(2), rs.getString(3))));
    }
    return out.build();
  }

  @Override
  public int activeLeadsOwnedBy(String owner) {
    requireNonNull(owner, "owner");
    long n =
        query(
            () -> "counting the active leads of an owner in table '" + tables.shown("lead") + "'",
            owned,
            ps -> ps.setString(1, owner),
            rs -> {
              rs.next();
              return rs.getLong(1);
            });
    return (int) n;
  }

  // ---------------------------------------------------------------------------------------------
  // The outbox

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    checkArgument(limit > 0, "limit must be positive");
    return query(
        () -> "claiming entries of table '" + tables.shown("outbox") + "'",
        claim,
        ps -> {
          ps.setObject(1, Codec.sql(leaseUntil));
          ps.setObject(2, Codec.sql(now));
          ps.setInt(3, limit);
        },
        this::entries);
  }

  @Override
  public ImmutableList<OutboxEntry> pending(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    return query(
        () -> "listing pending entries of table '" + tables.shown("outbox") + "'",
        pending,
        ps -> ps.setInt(1, limit),
        this::entries);
  }

  @Override
  public ImmutableList<OutboxEntry> parked(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    return query(
        () -> "listing parked entries of table '" + tables.shown("outbox") + "'",
        parked,
        ps -> ps.setInt(1, limit),
        this::entries);
  }

  /** Reads outbox rows, oldest first whatever order they came in. */
  private ImmutableList<OutboxEntry> entries(ResultSet rs) throws SQLException {
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

  @Override
  @CanIgnoreReturnValue
  public boolean delivered(EffectKey key) {
    return settle("removing delivered entry", delivered, key, null);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean retryAt(EffectKey key, Instant nextAttempt) {
    requireNonNull(nextAttempt, "nextAttempt");
    return settle("recording a failed attempt of entry", retry, key, nextAttempt);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean park(EffectKey key) {
    return settle("parking entry", park, key, null);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean requeue(EffectKey key, Instant now) {
    requireNonNull(now, "now");
    return settle("requeueing entry", requeue, key, now);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean discard(EffectKey key) {
    return settle("discarding entry", discard, key, null);
  }

  @Override
  @CanIgnoreReturnValue
  public int erase(String leadId) {
    requireNonNull(leadId, "leadId");
    return update(
        () -> "erasing a lead's entries in table '" + tables.shown("outbox") + "'",
        erase,
        ps -> ps.setString(1, leadId));
  }

  /** Runs one statement on one entry, with an instant first if given; whether it hit a row. */
  private boolean settle(String what, String sql, EffectKey key, @Nullable Instant at) {
    requireNonNull(key, "key");
    int n =
        update(
            () -> what + " '" + key + "' in table '" + tables.shown("outbox") + "'",
            sql,
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

  // ---------------------------------------------------------------------------------------------
  // Accepted event ids

  @Override
  public boolean isAccepted(LeadKey key, String eventId) {
    requireNonNull(key, "key");
    requireNonNull(eventId, "eventId");
    return query(
        () ->
            "looking up an accepted event id of lead '"
                + key
                + "' in table '"
                + tables.shown("accepted")
                + "'",
        accepted,
        ps -> {
          ps.setString(1, key.funnelId());
          ps.setString(2, key.leadId());
          ps.setString(3, eventId);
        },
        ResultSet::next);
  }

  @Override
  @CanIgnoreReturnValue
  public int purgeAcceptedBefore(Instant cutoff) {
    requireNonNull(cutoff, "cutoff");
    int total = 0;
    while (true) {
      int n =
          update(
              () -> "purging accepted event ids from table '" + tables.shown("accepted") + "'",
              purge,
              ps -> ps.setObject(1, Codec.sql(cutoff)));
      total += n;
      if (n < PURGE_BATCH) {
        return total;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // JDBC

  /** Sets a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads a statement's result. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Work on one connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T query(Supplier<String> what, String sql, Binder binder, Reader<T> reader) {
    ensureChecked();
    return inConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            timeout(ps);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
              return reader.read(rs);
            }
          }
        },
        what);
  }

  private int update(Supplier<String> what, String sql, Binder binder) {
    ensureChecked();
    return inConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            timeout(ps);
            binder.bind(ps);
            return ps.executeUpdate();
          }
        },
        what);
  }

  private void timeout(PreparedStatement ps) throws SQLException {
    if (timeoutSeconds > 0) {
      ps.setQueryTimeout(timeoutSeconds);
    }
  }

  /** Runs work on a connection; one statement, committed if the connection does not do it. */
  private <T> T inConnection(Work<T> work, Supplier<String> what) {
    try (Connection c = dataSource.getConnection()) {
      if (c.getAutoCommit()) {
        return work.run(c);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw Failures.of(what.get(), e, tables);
    }
  }

  /** Runs work in one transaction, restoring the connection's auto-commit afterwards. */
  private <T> T inTransaction(Work<T> work, Supplier<String> what) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw Failures.of(what.get(), e, tables);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Returns the tables the store uses.
   *
   * @return the schema and prefix, such as {@code sales.funnel_*}
   */
  @Override
  public String toString() {
    return "JdbcLeadStore{tables=" + tables + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  /**
   * Builds a {@link JdbcLeadStore}. Each option may be set once; setting one twice is a mistake
   * reported at once. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable String schema;
    private String prefix = Tables.DEFAULT_PREFIX;
    private boolean prefixSet;
    private @Nullable Duration timeout;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Sets the schema the tables live in; by default names are unqualified and the connection's
     * {@code search_path} decides, as it does for a migration tool.
     *
     * @param schema a lower-case SQL identifier, such as {@code sales}
     * @return this builder
     * @throws IllegalArgumentException if it is not a lower-case identifier of at most 40 letters,
     *     digits and underscores
     * @throws IllegalStateException if the schema was already set
     */
    @CanIgnoreReturnValue
    public Builder schema(String schema) {
      requireNonNull(schema, "schema");
      checkState(this.schema == null, "schema was already set to %s", this.schema);
      this.schema = Tables.check(schema, "schema");
      return this;
    }

    /**
     * Sets the prefix of the table names; {@code funnel_} by default, giving {@code funnel_lead},
     * {@code funnel_outbox}, {@code funnel_accepted} and {@code funnel_schema}.
     *
     * @param prefix a lower-case SQL identifier, or empty
     * @return this builder
     * @throws IllegalArgumentException if it is neither empty nor a lower-case identifier of at
     *     most 40 letters, digits and underscores
     * @throws IllegalStateException if the prefix was already set
     */
    @CanIgnoreReturnValue
    public Builder tablePrefix(String prefix) {
      requireNonNull(prefix, "prefix");
      checkState(!prefixSet, "table prefix was already set to %s", this.prefix);
      if (!prefix.isEmpty()) {
        Tables.check(prefix, "table prefix");
      }
      this.prefix = prefix;
      this.prefixSet = true;
      return this;
    }

    /**
     * Sets how long one statement may run before the driver cancels it and the call fails with
     * nothing written; none by default (the server's {@code statement_timeout} applies). JDBC
     * counts it in whole seconds, rounded up to at least one.
     *
     * @param timeout the longest a statement may run
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     * @throws IllegalStateException if the timeout was already set
     */
    @CanIgnoreReturnValue
    public Builder statementTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      checkState(this.timeout == null, "statement timeout was already set to %s", this.timeout);
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(), "statement timeout must be positive");
      this.timeout = timeout;
      return this;
    }

    /**
     * Returns the store. It does not touch the database; the first call checks the schema.
     *
     * @return the store
     */
    public JdbcLeadStore build() {
      return new JdbcLeadStore(this);
    }
  }
}
