package dev.funnel.test;

import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadStore;

final class InMemoryEagerMigrationContractTest extends EagerMigrationContract {
  @Override
  protected LeadStore newStore() {
    return new InMemoryLeadStore();
  }
}
