package dev.funnel.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.runtime.ContactBook;
import dev.funnel.test.ContactBookContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contact book contract on PostgreSQL, set up as a service would: tables in a schema of their
 * own with a prefix, a fresh schema for each test.
 */
final class JdbcContactBookContractTest extends ContactBookContract {
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
  protected ContactBook newBook() {
    JdbcContactBook book =
        JdbcContactBook.builder(pool)
            .schema("contacts_" + SCHEMAS.incrementAndGet())
            .tablePrefix("sales_")
            .build();
    book.createSchema();
    return book;
  }
}
