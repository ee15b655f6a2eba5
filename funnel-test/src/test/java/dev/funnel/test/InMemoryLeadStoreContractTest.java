package dev.funnel.test;

import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadStore;

final class InMemoryLeadStoreContractTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    return new InMemoryLeadStore();
  }
}
