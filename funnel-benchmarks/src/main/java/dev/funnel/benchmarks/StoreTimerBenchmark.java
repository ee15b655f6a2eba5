package dev.funnel.benchmarks;

import dev.funnel.Catalog;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers fired per second on PostgreSQL: {@link FunnelRuntime#advanceTo} over a {@link
 * dev.funnel.jdbc.JdbcLeadStore} (and, for the ratio, an {@link InMemoryLeadStore}) of {@link
 * #timerLeads} leads (100,000 by default), each with one timer due, all at one instant, in the
 * funnel of {@link TimerBenchmark} (a daily timer that re-enters its stage and runs one counted
 * action). Each operation advances one day and fires every lead's timer once, so timers fired per
 * second are {@code timerLeads} divided by the score in seconds. The iteration's check logs the
 * statements (round trips) and the bytes of write-ahead log per timer. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar StoreTimerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class StoreTimerBenchmark {
  private static final Logger log = LoggerFactory.getLogger(StoreTimerBenchmark.class);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * The store: {@code memory} (an {@link InMemoryLeadStore}, the floor, in the same run), {@code
   * postgres}, {@code postgres-later} (deleting delivered entries with the next write), or {@code
   * postgres-async} without synchronous commit.
   */
  @Param({"memory", "postgres", "postgres-later", "postgres-async"})
  public String store = "postgres";

  /** How many leads the store holds, each with one timer due. */
  @Param("100000")
  public int timerLeads;

  private final LongAdder actions = new LongAdder();
  private FunnelRuntime runtime =
      FunnelRuntime.builder(Catalog.of(TimerBenchmark.define()))
          .handler("count", d -> actions.increment())
          .build();
  private Postgres.@Nullable Database database;
  private Instant now = START.minus(DAY);
  private long fired;
  private long statementsBefore;
  private String walBefore = "0/0";

  /** Creates the benchmark; JMH does. */
  public StoreTimerBenchmark() {}

  /** Enters one lead a day before {@code START} and copies it, so every timer falls due then. */
  @Setup(Level.Trial)
  public void enter() {
    if (store.equals("memory")) {
      database = null;
      runtime = build(new InMemoryLeadStore());
      for (int i = 0; i < timerLeads; i++) {
        runtime.enter("reminders", "lead-" + i, FunnelLoop.CHANNEL, START.minus(DAY));
      }
    } else {
      Postgres.Database db = Postgres.create(store);
      database = db;
      runtime = build(db.store());
      runtime.enter("reminders", "lead-0", FunnelLoop.CHANNEL, START.minus(DAY));
      Postgres.copyLead(db.pool(), "lead-0", "lead-", timerLeads);
    }
    // The first day ends at START, when every timer is due; each next day fires the timers the
    // day before set, a day later.
    now = START.minus(DAY);
  }

  private FunnelRuntime build(LeadStore s) {
    return FunnelRuntime.builder(Catalog.of(TimerBenchmark.define()))
        .store(s)
        .handler("count", d -> actions.increment())
        .build();
  }

  /** Starts the day's counts afresh. */
  @Setup(Level.Iteration)
  public void reset() {
    actions.reset();
    fired = 0;
    Postgres.Database db = database;
    statementsBefore = db == null ? 0 : db.counted().executed();
    walBefore = db == null ? "0/0" : walPosition(db.pool());
  }

  /** The server's current position in its write-ahead log. */
  private static String walPosition(DataSource ds) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("the write-ahead log position could not be read", e);
    }
  }

  /** The bytes of write-ahead log the server wrote since a position. */
  private static long walSince(DataSource ds, String position) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::int8")) {
      ps.setString(1, position);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the write-ahead log position could not be read", e);
    }
  }

  /**
   * Advances the runtime by one day, firing every lead's timer once.
   *
   * @return the number of timers fired
   */
  @Benchmark
  public long advanceOneDay() {
    now = now.plus(DAY);
    fired += runtime.advanceTo(now);
    return fired;
  }

  /**
   * Checks that the day fired every lead's timer once, each running its action once, and logs the
   * statements per timer.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    if (fired != timerLeads || actions.sum() != timerLeads) {
      throw new IllegalStateException(
          "a day fired " + fired + " timers and " + actions.sum() + " actions for " + timerLeads);
    }
    Postgres.Database db = database;
    if (db != null) {
      double perTimer = (db.counted().executed() - statementsBefore) / (double) fired;
      double walPerTimer = walSince(db.pool(), walBefore) / (double) fired;
      log.info(
          "{}: {} timers, {} statements (round trips) and {} bytes of write-ahead log per timer",
          store,
          fired,
          perTimer,
          walPerTimer);
    }
  }

  /** Drops the database's pool. */
  @TearDown(Level.Trial)
  public void close() {
    Postgres.Database db = database;
    if (db != null) {
      db.pool().close();
      database = null;
    }
  }
}
