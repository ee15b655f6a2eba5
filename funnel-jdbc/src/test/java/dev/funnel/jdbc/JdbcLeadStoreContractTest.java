package dev.funnel.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.runtime.LeadStore;
import dev.funnel.test.LeadStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lead store contract on PostgreSQL, set up as a service would: tables in a schema of their own
 * with a prefix, a fresh schema for each test.
 */
final class JdbcLeadStoreContractTest extends LeadStoreContract {
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
    JdbcLeadStore store =
        JdbcLeadStore.builder(pool)
            .schema("contract_" + SCHEMAS.incrementAndGet())
            .tablePrefix("sales_")
            .build();
    store.createSchema();
    return store;
  }
}
