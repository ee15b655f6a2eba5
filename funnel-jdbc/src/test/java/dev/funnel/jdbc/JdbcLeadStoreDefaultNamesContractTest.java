package dev.funnel.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.jdbc.testing.ForwardingDataSource;
import dev.funnel.runtime.LeadStore;
import dev.funnel.test.LeadStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lead store contract on PostgreSQL with the store's defaults: the unqualified table names of
 * the shipped migrations, in the schema the connection's {@code search_path} names (as a migration
 * tool would create them), a fresh one for each test.
 */
final class JdbcLeadStoreDefaultNamesContractTest extends LeadStoreContract {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static HikariDataSource pool;

  @BeforeAll
  static void startDatabase() {
    pool = Postgres.pool(Postgres.newDatabase(), 10);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected LeadStore newStore() {
    String schema = "defaults_" + SCHEMAS.incrementAndGet();
    Postgres.execute(pool, "CREATE SCHEMA " + schema);
    JdbcLeadStore store = JdbcLeadStore.builder(new SearchPath(pool, schema)).build();
    store.createSchema();
    return store;
  }

  /** Hands out the pool's connections with their {@code search_path} set to one schema. */
  private static final class SearchPath extends ForwardingDataSource {
    private final String schema;

    SearchPath(DataSource pool, String schema) {
      super(pool);
      this.schema = schema;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = pool.getConnection();
      try (Statement s = c.createStatement()) {
        s.execute("SET search_path TO " + schema);
      }
      return c;
    }
  }
}
