package dev.funnel.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link StoreBenchmark}: one {@code SELECT 1} round trip through the same pool to
 * the same embedded PostgreSQL, on one thread and on four. An event through the runtime costs three
 * round trips, so events per second on PostgreSQL can be no more than a third of this. Run it by
 * {@code java -jar funnel-benchmarks/target/benchmarks.jar RoundTripBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class RoundTripBenchmark {
  private Postgres.@Nullable Database database;

  /** Creates the benchmark; JMH does. */
  public RoundTripBenchmark() {}

  /** Creates the database and its pool. */
  @Setup(Level.Trial)
  public void connect() {
    database = Postgres.create(true, false);
  }

  /** Drops the pool. */
  @TearDown(Level.Trial)
  public void close() {
    Postgres.Database db = database;
    if (db != null) {
      db.pool().close();
      database = null;
    }
  }

  private int ping() throws SQLException {
    Postgres.Database db = database;
    if (db == null) {
      throw new IllegalStateException("no database");
    }
    try (Connection c = db.pool().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Runs {@code SELECT 1} on one thread.
   *
   * @return 1
   * @throws SQLException if the database fails
   */
  @Benchmark
  @Threads(1)
  public int selectOneOneThread() throws SQLException {
    return ping();
  }

  /**
   * Runs {@code SELECT 1} on each of four threads.
   *
   * @return 1
   * @throws SQLException if the database fails
   */
  @Benchmark
  @Threads(4)
  public int selectOneFourThreads() throws SQLException {
    return ping();
  }
}
