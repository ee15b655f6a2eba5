package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.LeadStore;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. Compare-and-set on the version: an insert with
 * {@link LeadStore#ABSENT}, a stale version refused, and a refused commit writing nothing. Run
 * through {@link LeadStoreContract}, whose store each test uses.
 */
public abstract class CompareAndSetContract extends StoreContractGroup {

  CompareAndSetContract(LeadStoreContract contract) {
    super(contract);
  }

  /** A lead inserted with {@link LeadStore#ABSENT} is stored; a second insert is refused. */
  @Test
  public void commit_insertWithAbsent_storesTheLeadOnce() {
    Lead a = lead(SHOP, "a", 0, "anna");
    assertThat(store().load(key(SHOP, "a"))).isEmpty();

    assertThat(store().commit(insert(a))).as("insert").isTrue();
    assertThat(store().commit(insert(lead(SHOP, "a", 0, "boris")))).as("second insert").isFalse();

    assertThat(store().load(key(SHOP, "a"))).contains(a);
  }

  /** A commit is written only when its expected version is the stored one. */
  @Test
  public void commit_expectedVersion_mustMatchTheStoredOne() {
    store().commit(insert(lead(SHOP, "a", 0, "anna")));
    Lead next = lead(SHOP, "a", 1, "anna");

    assertThat(store().commit(update(5, next))).as("expected 5, stored 0").isFalse();
    assertThat(store().commit(update(0, next))).as("expected 0, stored 0").isTrue();
    assertThat(store().commit(update(0, lead(SHOP, "a", 1, "boris"))))
        .as("expected 0, stored 1")
        .isFalse();
    assertThat(store().commit(update(LeadStore.ABSENT, lead(SHOP, "a", 0, "boris"))))
        .as("insert over a stored lead")
        .isFalse();

    assertThat(store().load(key(SHOP, "a"))).contains(next);
  }

  /** An update of a lead the store does not hold is refused and stores nothing. */
  @Test
  public void commit_updateOfAnAbsentLead_isRefused() {
    assertThat(store().commit(update(0, lead(SHOP, "a", 1, "anna")))).isFalse();

    assertThat(store().load(key(SHOP, "a"))).isEmpty();
  }

  /** The same lead id in two funnels is two leads. */
  @Test
  public void commit_sameLeadIdInTwoFunnels_areTwoLeads() {
    Lead shop = lead(SHOP, "a", 0, "anna");
    Lead saas = lead(SAAS, "a", 0, "boris");

    assertThat(store().commit(insert(shop))).isTrue();
    assertThat(store().commit(insert(saas))).isTrue();

    assertThat(store().load(key(SHOP, "a"))).contains(shop);
    assertThat(store().load(key(SAAS, "a"))).contains(saas);
  }

  /** A refused commit writes none of its outbox entries. */
  @Test
  public void commit_refused_writesNoOutboxEntry() {
    store().commit(insert(lead(SHOP, "a", 0, "anna")));

    boolean written =
        store()
            .commit(
                new LeadStore.Commit(
                    3,
                    lead(SHOP, "a", 4, "anna"),
                    true,
                    ImmutableList.of(entry("a", "e1", 0)),
                    LEASE));

    assertThat(written).isFalse();
    assertThat(store().pending(10)).isEmpty();
    assertThat(store().claimPending(far(), far().plusSeconds(60), 10)).isEmpty();
    assertThat(store().delivered(entry("a", "e1", 0).key())).isFalse();
  }

  /** A refused commit remembers none of its event ids. */
  @Test
  public void commit_refused_remembersNoEventId() {
    Lead a = lead(SHOP, "a", 0, "anna");
    store().commit(insert(a));

    assertThat(store().commit(accepting(7, lead(SHOP, "a", 8, "anna"), T0, "evt-1"))).isFalse();

    assertThat(store().isAccepted(key(SHOP, "a"), "evt-1")).isFalse();
    assertThat(store().purgeAcceptedBefore(far())).isZero();
  }

  /** A refused commit leaves the due index and the owners' load as they were. */
  @Test
  public void commit_refused_leavesTheDueIndexAndTheOwnersLoad() {
    store().commit(insert(lead(SHOP, "a", 0, "anna", T0.plusSeconds(30))));

    store().commit(update(4, lead(SHOP, "a", 5, "boris", T0.plusSeconds(10))));

    assertThat(store().firstDue()).contains(due(T0.plusSeconds(30), SHOP, "a"));
    assertThat(store().activeLeadsOwnedBy("anna")).isEqualTo(1);
    assertThat(store().activeLeadsOwnedBy("boris")).isZero();
  }
}
