package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. Erasure: every outbox entry of an erased
 * person's lead id is dropped, pending or parked, in every funnel, and nothing of anyone else. Run
 * through {@link LeadStoreContract}, whose store each test uses.
 */
public abstract class ErasureContract extends StoreContractGroup {

  ErasureContract(LeadStoreContract contract) {
    super(contract);
  }

  /**
   * Erasing a person drops every outbox entry of their lead id, pending or parked, in every funnel,
   * and nothing of anyone else; the snapshots stay for {@code Funnel.erase} to be committed over.
   */
  @Test
  public void erase_dropsEveryEntryOfTheLeadIdInEveryFunnel() {
    OutboxEntry a1 = entry("a", "evt-1", 0);
    OutboxEntry a2 = entry("a", "evt-1", 1);
    OutboxEntry b1 = entry("b", "evt-2", 0);
    OutboxEntry saas =
        new OutboxEntry(new EffectKey(SAAS, "a", "evt-3", 0), Actions.send("trial"), T0);
    Lead shopLead = lead(SHOP, "a", 0, "anna");
    store().commit(insert(shopLead, a1, a2));
    store().commit(insert(lead(SHOP, "b", 0, "anna"), b1));
    store().commit(insert(lead(SAAS, "a", 0, "anna"), saas));
    store().park(a2.key());

    assertThat(store().erase("a")).isEqualTo(3);

    assertThat(store().pending(10)).containsExactly(b1);
    assertThat(store().parked(10)).isEmpty();
    assertThat(store().claimPending(far(), far().plus(WAIT), 10)).containsExactly(b1);
    assertThat(store().delivered(a1.key())).as("delivered once erased").isFalse();
    assertThat(store().requeue(a2.key(), LEASE)).as("requeued once erased").isFalse();
    assertThat(store().load(LeadKey.of(shopLead))).contains(shopLead);
    assertThat(store().erase("a")).as("erased twice").isZero();
  }
}
