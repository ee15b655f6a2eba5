package dev.funnel.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.runtime.LeadStore;
import dev.funnel.test.LeadStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lead store contract on PostgreSQL for a store that deletes delivered entries with its next
 * write: every guarantee holds as for the store that deletes them at once.
 */
final class JdbcLeadStoreLaterDeletesContractTest extends LeadStoreContract {
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
            .schema("later_" + SCHEMAS.incrementAndGet())
            .deleteDeliveredWithNextWrite()
            .build();
    store.createSchema();
    return store;
  }
}
