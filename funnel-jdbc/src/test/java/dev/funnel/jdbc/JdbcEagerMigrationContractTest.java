package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.MigrationSummary;
import dev.funnel.test.EagerMigrationContract;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Eager migration and retirement on PostgreSQL: the leads of a version walked in pages through the
 * pinned-version index, each migrated with the store's compare-and-set while events arrive; and a
 * lead deleted under the walk skipped.
 */
final class JdbcEagerMigrationContractTest extends EagerMigrationContract {
  private @Nullable HikariDataSource pool;

  @Override
  protected LeadStore newStore() {
    HikariDataSource p = Postgres.newPool();
    pool = p;
    JdbcLeadStore store = JdbcLeadStore.builder(p).build();
    store.createSchema();
    return store;
  }

  @Override
  protected void close(LeadStore store) {
    HikariDataSource p = pool;
    pool = null;
    if (p != null) {
      p.close();
    }
  }

  @Test
  void migrateAll_leadDeletedUnderTheWalk_isSkipped() {
    enterOnVersionOne(3);
    HikariDataSource p = Objects.requireNonNull(pool);
    FunnelRuntime rt =
        next(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                if (step.leadId().equals("lead-000")
                    && Migration.MIGRATED.equals(step.eventType())) {
                  Postgres.execute(p, "DELETE FROM funnel_lead WHERE lead_id = 'lead-002'");
                }
              }
            });

    MigrationSummary summary = rt.migrateAll(PINGS, 1, 10);

    assertEquals(new MigrationSummary(PINGS, 1, 2, 0, 1, 1), summary);
  }
}
