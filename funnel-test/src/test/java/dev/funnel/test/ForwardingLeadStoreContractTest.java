package dev.funnel.test;

import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadStore;

/** The whole contract, through a forwarding store over the in-memory one. */
final class ForwardingLeadStoreContractTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    InMemoryLeadStore memory = new InMemoryLeadStore();
    return new ForwardingLeadStore() {
      @Override
      protected LeadStore delegate() {
        return memory;
      }
    };
  }
}
