package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.runtime.LeadStore;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The owners' load: the active leads each owner
 * holds, following owner changes. Run through {@link LeadStoreContract}, whose store each test
 * uses.
 */
public abstract class OwnersLoadContract extends StoreContractGroup {

  OwnersLoadContract(LeadStoreContract contract) {
    super(contract);
  }

  /** An owner's load counts their active leads across funnels and follows owner changes. */
  @Test
  public void activeLeadsOwnedBy_countsActiveLeadsAndFollowsOwnerChanges() {
    store().commit(insert(lead(SHOP, "a", 0, "anna")));
    store().commit(insert(lead(SHOP, "b", 0, "anna")));
    store().commit(insert(lead(SAAS, "a", 0, "anna")));
    store().commit(insert(lead(SHOP, "c", 0, "boris")));
    store()
        .commit(
            new LeadStore.Commit(
                LeadStore.ABSENT, lead(SHOP, "d", 0, "anna"), false, ImmutableList.of(), LEASE));
    assertThat(store().activeLeadsOwnedBy("anna")).as("three active, one not").isEqualTo(3);

    store().commit(update(0, lead(SHOP, "a", 1, "boris")));
    store()
        .commit(
            new LeadStore.Commit(0, lead(SHOP, "b", 1, "anna"), false, ImmutableList.of(), LEASE));
    store().commit(update(0, lead(SHOP, "d", 1, "anna")));

    assertThat(store().activeLeadsOwnedBy("anna")).as("saas/a and shop/d").isEqualTo(2);
    assertThat(store().activeLeadsOwnedBy("boris")).isEqualTo(2);
    assertThat(store().activeLeadsOwnedBy("nobody")).isZero();
  }

  /** A lead without an owner counts for nobody. */
  @Test
  public void activeLeadsOwnedBy_leadLosingItsOwner_isNoLongerCounted() {
    store().commit(insert(lead(SHOP, "a", 0, "anna")));

    store().commit(update(0, lead(SHOP, "a", 1, null)));

    assertThat(store().activeLeadsOwnedBy("anna")).isZero();
  }
}
