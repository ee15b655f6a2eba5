package dev.funnel.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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
 * whether it is active, the due time of its earliest timer and its owner; the funnel version a lead
 * is pinned to is read from its body, through an expression index. The outbox in {@code
 * funnel_outbox}, one row per effect not yet delivered, with its attempts, next attempt time, claim
 * and whether it is parked. The accepted event ids with their commit time in {@code
 * funnel_accepted}. The tick's claims on due leads, each at a lead's version, in the unlogged
 * {@code funnel_lead_claim}. The schema's version in {@code funnel_schema}. Table names take a
 * configurable prefix and schema; the migrations in {@code db/migration} create them with the
 * default names and {@link #createSchema()} with the configured ones.
 *
 * <p><b>How each guarantee is kept.</b> {@link #commit} is one SQL statement, so one round trip and
 * atomic under any isolation level: an {@code UPDATE ... WHERE version = ?} (or an {@code INSERT
 * ... ON CONFLICT DO NOTHING} for {@link LeadStore#ABSENT}) of the lead, refused too if the lead
 * accepted one of the commit's event ids before, with the outbox rows and the accepted event ids
 * inserted only if the lead was written. {@link #claimPending} takes entries with {@code FOR UPDATE
 * SKIP LOCKED} and sets their lease in the same statement, so two runtimes never claim one entry at
 * once. {@link #dueBy} and {@link #firstDue} read the due index in due order with a {@code LIMIT};
 * {@link #purgeAcceptedBefore} deletes in bounded batches. Instants are kept to the microsecond; a
 * due time is rounded up, so no timer is found due before its time.
 *
 * <p><b>Round trips.</b> The store keeps the leads it last wrote or read ({@link
 * Builder#cachedLeads}) and hands them to the runtime through {@link #loadToChange}; as its commit
 * checks the event ids as well as the version ({@link #optimisticChanges}), the runtime handles an
 * event on such a lead with the commit alone, and a stale lead costs one refused commit before the
 * runtime loads it afresh. Handling one event costs two round trips, {@code commit} and {@code
 * delivered}; one with {@link Builder#deleteDeliveredWithNextWrite()}, which lets the next commit
 * carry the delete; a load more for a lead the store does not have in hand. A batch of events
 * handed to {@link dev.funnel.runtime.FunnelRuntime#handleAll} costs what one event costs: one
 * {@link #commitAll} for all its leads, one {@link #deliveredAll}, and one {@link #loadAllToChange}
 * query for the leads the store does not have in hand.
 *
 * <p><b>Batches.</b> The runtime's tick claims a batch of due leads with {@link #loadDue} (one
 * statement on the due index, bodies included: {@code FOR UPDATE SKIP LOCKED}, and a claim on each
 * lead at its version that lasts {@link Builder#timerClaim}, so ticks of several stores take
 * disjoint batches; the claim is a row of its own, so the lead row is not written), writes their
 * changes with {@link #commitAll} (one statement for the whole batch, each lead still its own
 * compare-and-set, with its outbox rows and event ids, its new version releasing its claim) and
 * settles the delivered effects with {@link #deliveredAll} (one {@code DELETE}): three round trips
 * for a batch of timers ({@link Builder#timerBatch}, {@value #DEFAULT_TIMER_BATCH} by default), not
 * four per timer; the batch's bodies go to the database as one JSON array, parsed once. The claim
 * is not flushed to disk before the statement returns (its transaction runs with {@code
 * synchronous_commit} off) and its table is not written to the log at all ({@code UNLOGGED}): it
 * only spares the stores each other's work, and a claim lost in a server crash is as if never made;
 * the commits' compare-and-set is what fires each timer once.
 *
 * <p><b>Connections.</b> Each call takes a connection from the data source and gives it back before
 * it returns. Single statements run in auto-commit (or are committed, if the pool hands out
 * connections without it); the isolation level the pool sets does not matter, as no call reads and
 * then writes in two statements. The first call checks the schema's version. Only stores write the
 * tables: a store that keeps a lead changes it without reading its row, so a row changed from
 * outside without a new version would go unseen.
 *
 * <p><b>Errors.</b> Every failure is a {@link JdbcLeadStoreException} naming the operation, the
 * lead or the table; a failed write has written nothing. Messages carry ids only, never a lead's
 * data.
 *
 * <p>Thread-safe.
 */
public final class JdbcLeadStore implements LeadStore {
  /** The most event ids {@link #purgeAcceptedBefore} deletes in one statement. */
  static final int PURGE_BATCH = Sql.PURGE_BATCH;

  /** How many leads the store keeps as it last wrote or read them, unless the builder says. */
  public static final int DEFAULT_CACHED_LEADS = 16_384;

  /** How many due leads the tick claims, fires and commits at a time, unless the builder says. */
  public static final int DEFAULT_TIMER_BATCH = 512;

  /** How long the tick's claim on a batch of due leads lasts, unless the builder says. */
  public static final Duration DEFAULT_TIMER_CLAIM = Duration.ofSeconds(30);

  private final Tables tables;
  private final Jdbc jdbc;
  private final Leads leads;
  private final LeadBatches batches;
  private final DueIndex due;
  private final Outbox outbox;
  private final EventIds eventIds;
  private final @Nullable LaterDeletes later;
  private final int timerBatch;

  private JdbcLeadStore(Builder b) {
    this.timerBatch = b.timerBatch > 0 ? b.timerBatch : DEFAULT_TIMER_BATCH;
    this.tables = b.placement.tables();
    this.jdbc = b.placement.jdbc(b.dataSource, tables);
    this.later = b.deleteDeliveredWithNextWrite ? new LaterDeletes() : null;
    Sql sql = new Sql(tables, later != null);
    Rows rows = new Rows(tables);
    LeadCache cache = new LeadCache(b.cachedLeads < 0 ? DEFAULT_CACHED_LEADS : b.cachedLeads);
    Duration claim = b.timerClaim == null ? DEFAULT_TIMER_CLAIM : b.timerClaim;
    this.leads = new Leads(jdbc, sql, rows, later, cache);
    this.batches =
        new LeadBatches(jdbc, sql, rows, later, cache, UUID.randomUUID().toString(), claim);
    this.due = new DueIndex(jdbc, sql);
    this.outbox = new Outbox(jdbc, sql, rows, later);
    this.eventIds = new EventIds(jdbc, sql);
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
    return jdbc.createSchema();
  }

  /**
   * Checks that the database holds the schema version this code needs; the first call to the store
   * does the same.
   *
   * @throws JdbcLeadStoreException if the schema is missing, older or newer
   */
  public void checkSchema() {
    jdbc.checkSchema();
  }

  /** Flushes deferred deletes of delivered entries that have waited too long for a write. */
  private void flushOverdue() {
    LaterDeletes l = later;
    if (l != null && l.isOverdue()) {
      outbox.flush();
    }
  }

  @Override
  public Optional<Lead> load(LeadKey key) {
    requireNonNull(key, "key");
    flushOverdue();
    return leads.load(key);
  }

  /**
   * Loads the leads in one query on the primary key ({@code unnest} of the keys' two arrays), and
   * keeps them as read, as {@link #load} does.
   *
   * @param keys the leads' funnels and ids
   * @return the leads found, by key
   */
  @Override
  public ImmutableMap<LeadKey, Lead> loadAll(Collection<LeadKey> keys) {
    requireNonNull(keys, "keys");
    flushOverdue();
    return leads.loadAll(keys);
  }

  /**
   * Returns the leads this store keeps as it last wrote or read them (see {@link
   * Builder#cachedLeads}) without a round trip, and loads the others in one query, as {@link
   * #loadAll} does.
   *
   * @param keys the leads' funnels and ids
   * @return the leads found, by key
   */
  @Override
  public ImmutableMap<LeadKey, Lead> loadAllToChange(Collection<LeadKey> keys) {
    requireNonNull(keys, "keys");
    flushOverdue();
    return leads.loadAllToChange(keys);
  }

  /**
   * Returns the lead as this store last wrote or read it, if it still keeps it (see {@link
   * Builder#cachedLeads}), without a round trip; else loads it. It may be out of date if another
   * store changed the lead since: the commit of a change made to it is refused and the runtime
   * loads the lead afresh.
   */
  @Override
  public Optional<Lead> loadToChange(LeadKey key) {
    requireNonNull(key, "key");
    flushOverdue();
    return leads.loadToChange(key);
  }

  /**
   * Returns true: a {@link #commit} of a stored lead is refused, writing nothing, if the lead's
   * version differs or if the lead accepted one of the commit's event ids before, in the commit's
   * one statement; so the runtime handles an event with the commit alone when it has the lead.
   */
  @Override
  public boolean optimisticChanges() {
    return true;
  }

  /**
   * Returns the batch size the builder set ({@link Builder#timerBatch}), {@value
   * #DEFAULT_TIMER_BATCH} by default: each batch costs the tick three statements and two log
   * flushes (one with {@link Builder#deleteDeliveredWithNextWrite()}), whatever its size.
   */
  @Override
  public int timerBatch() {
    return timerBatch;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean commit(Commit commit) {
    return leads.commit(requireNonNull(commit, "commit"));
  }

  /**
   * Claims the due leads no other store holds a live claim on, in one statement on the due index,
   * and returns them in due order; leads this store claimed before are taken again. The claim lasts
   * {@link Builder#timerClaim} on the database's clock or until the lead is next written.
   *
   * @param now the latest due time to include
   * @param limit the most leads to return; positive
   * @return the due leads, earliest due first
   * @throws IllegalArgumentException if the limit is not positive
   */
  @Override
  public ImmutableList<Lead> loadDue(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    flushOverdue();
    return batches.loadDue(now, limit);
  }

  /**
   * Writes the commits in one statement, each its own compare-and-set on its lead's version with
   * its outbox rows and event ids, written only if its lead was.
   *
   * @param commits what to write, each for a different lead
   * @return for each commit, at the same index, whether it was written
   * @throws IllegalArgumentException if two commits are for the same lead
   */
  @Override
  @CanIgnoreReturnValue
  public boolean[] commitAll(List<Commit> commits) {
    requireNonNull(commits, "commits");
    return batches.commitAll(commits);
  }

  /**
   * Removes the delivered entries in one statement (or with the next write, see {@link
   * Builder#deleteDeliveredWithNextWrite()}).
   *
   * @param keys the delivered entries' keys
   * @return how many of them were still in the outbox
   */
  @Override
  @CanIgnoreReturnValue
  public int deliveredAll(Collection<EffectKey> keys) {
    requireNonNull(keys, "keys");
    return outbox.deliveredAll(keys);
  }

  @Override
  public Optional<Due> firstDue() {
    flushOverdue();
    return due.first();
  }

  @Override
  public ImmutableList<Due> dueBy(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    flushOverdue();
    return due.by(now, limit);
  }

  @Override
  public int activeLeadsOwnedBy(String owner) {
    return leads.activeLeadsOwnedBy(requireNonNull(owner, "owner"));
  }

  /**
   * Returns a page of the leads pinned to a funnel version in one query on the index of the version
   * in the lead's body ({@code V3__pinned_version_index.sql}); lead ids sort with the C collation.
   *
   * @param funnelId the funnel's id
   * @param funnelVersion the version; positive
   * @param afterLeadId the last lead id of the previous page, or the empty string for the first
   *     page
   * @param limit the most keys to return; positive
   * @return the keys, in ascending lead-id order
   * @throws IllegalArgumentException if the version or the limit is not positive
   */
  @Override
  public ImmutableList<LeadKey> pinnedTo(
      String funnelId, int funnelVersion, String afterLeadId, int limit) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(afterLeadId, "afterLeadId");
    checkArgument(funnelVersion > 0, "funnel version must be positive");
    checkArgument(limit > 0, "limit must be positive");
    flushOverdue();
    return leads.pinnedTo(funnelId, funnelVersion, afterLeadId, limit);
  }

  @Override
  public long countPinnedTo(String funnelId, int funnelVersion) {
    requireNonNull(funnelId, "funnelId");
    checkArgument(funnelVersion > 0, "funnel version must be positive");
    flushOverdue();
    return leads.countPinnedTo(funnelId, funnelVersion);
  }

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    checkArgument(limit > 0, "limit must be positive");
    return outbox.claim(now, leaseUntil, limit);
  }

  @Override
  public ImmutableList<OutboxEntry> pending(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    return outbox.pending(limit);
  }

  @Override
  public ImmutableList<OutboxEntry> parked(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    return outbox.parked(limit);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean delivered(EffectKey key) {
    return outbox.delivered(requireNonNull(key, "key"));
  }

  @Override
  @CanIgnoreReturnValue
  public boolean retryAt(EffectKey key, Instant nextAttempt) {
    requireNonNull(key, "key");
    requireNonNull(nextAttempt, "nextAttempt");
    return outbox.retryAt(key, nextAttempt);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean park(EffectKey key) {
    return outbox.park(requireNonNull(key, "key"));
  }

  @Override
  @CanIgnoreReturnValue
  public boolean requeue(EffectKey key, Instant now) {
    requireNonNull(key, "key");
    requireNonNull(now, "now");
    return outbox.requeue(key, now);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean discard(EffectKey key) {
    return outbox.discard(requireNonNull(key, "key"));
  }

  @Override
  @CanIgnoreReturnValue
  public int erase(String leadId) {
    return outbox.erase(requireNonNull(leadId, "leadId"));
  }

  @Override
  public boolean isAccepted(LeadKey key, String eventId) {
    requireNonNull(key, "key");
    requireNonNull(eventId, "eventId");
    flushOverdue();
    return eventIds.isAccepted(key, eventId);
  }

  @Override
  @CanIgnoreReturnValue
  public int purgeAcceptedBefore(Instant cutoff) {
    return eventIds.purgeBefore(requireNonNull(cutoff, "cutoff"));
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
    private final Placement placement = new Placement();
    private boolean deleteDeliveredWithNextWrite;
    private int cachedLeads = -1;
    private @Nullable Duration timerClaim;
    private int timerBatch;

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
      placement.schema(requireNonNull(schema, "schema"));
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
      placement.tablePrefix(requireNonNull(prefix, "prefix"));
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
      placement.statementTimeout(requireNonNull(timeout, "timeout"));
      return this;
    }

    /**
     * Makes {@link JdbcLeadStore#delivered} defer the delete of an entry this store holds (its
     * commit or claim set the entry's lease, and at least half of the lease is left) to the store's
     * next write: the next commit carries it in its own statement, a claim or listing of the outbox
     * deletes it first, and any call deletes it once it has waited a second. So handling an event
     * costs two round trips (load, commit) instead of three, and one flush of the write-ahead log
     * instead of two. Off by default.
     *
     * <p>What it costs: an entry delivered just before this process dies is delivered again once
     * its lease runs out (at least once, as ever, but also for entries that had been delivered);
     * and until the delete is written, {@link JdbcLeadStore#pending} of another store over the same
     * tables still lists the entry (no one claims it meanwhile, as this store holds its lease).
     *
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder deleteDeliveredWithNextWrite() {
      checkState(
          !deleteDeliveredWithNextWrite,
          "deleting delivered entries with the next write was already set");
      this.deleteDeliveredWithNextWrite = true;
      return this;
    }

    /**
     * Sets how many leads the store keeps as it last wrote or read them, the least recently used
     * dropped first, {@value JdbcLeadStore#DEFAULT_CACHED_LEADS} by default: a lead the store keeps
     * is changed with one statement, the commit, whose compare-and-set finds out if another store
     * changed it meanwhile (the runtime then loads it afresh and tries again). Reads through {@link
     * JdbcLeadStore#load} always ask the database. Zero keeps none, so every change loads first.
     *
     * @param most how many leads to keep; zero or more
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder cachedLeads(int most) {
      checkState(cachedLeads < 0, "cached leads was already set to %s", cachedLeads);
      checkArgument(most >= 0, "cached leads must not be negative");
      this.cachedLeads = most;
      return this;
    }

    /**
     * Sets how long the timer tick's claim on a batch of due leads lasts, on the database's clock;
     * 30 seconds by default. While it lasts, other stores over the same tables skip the claimed
     * leads; a commit of the lead releases it; a claim whose runtime died runs out, and another
     * runtime's tick takes the leads then. Make it longer than a batch takes to fire and commit.
     *
     * @param claim how long a claim lasts
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder timerClaim(Duration claim) {
      requireNonNull(claim, "claim");
      checkState(timerClaim == null, "timer claim was already set to %s", timerClaim);
      checkArgument(!claim.isNegative() && !claim.isZero(), "timer claim must be positive");
      this.timerClaim = claim;
      return this;
    }

    /**
     * Sets how many due leads the runtime's tick claims, fires and commits at a time over this
     * store, {@value JdbcLeadStore#DEFAULT_TIMER_BATCH} by default. A batch costs three statements
     * and two flushes of the write-ahead log whatever its size, so larger batches fire more timers
     * a second; the handlers of a batch's effects are called once the whole batch is committed, and
     * the claim ({@link #timerClaim}) must outlast the batch.
     *
     * @param most the most due leads in one batch; positive
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder timerBatch(int most) {
      checkState(timerBatch == 0, "timer batch was already set to %s", timerBatch);
      checkArgument(most > 0, "timer batch must be positive");
      this.timerBatch = most;
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
