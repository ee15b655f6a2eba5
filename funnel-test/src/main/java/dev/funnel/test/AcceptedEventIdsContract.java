package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.runtime.LeadStore;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The retention of accepted event ids, per lead,
 * until purged. Run through {@link LeadStoreContract}, whose store each test uses.
 */
public abstract class AcceptedEventIdsContract extends StoreContractGroup {

  AcceptedEventIdsContract(LeadStoreContract contract) {
    super(contract);
  }

  /** The event ids of written commits are remembered per lead until purged. */
  @Test
  public void isAccepted_remembersEventIdsOfCommitsUntilPurged() {
    store().commit(accepting(LeadStore.ABSENT, lead(SHOP, "a", 0, "anna"), T0, "evt-1"));
    store().commit(accepting(0, lead(SHOP, "a", 1, "anna"), T0.plusSeconds(100), "evt-2", "evt-3"));

    assertThat(store().isAccepted(key(SHOP, "a"), "evt-1")).isTrue();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-2")).isTrue();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-3")).isTrue();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-4")).as("never sent").isFalse();
    assertThat(store().isAccepted(key(SHOP, "b"), "evt-1")).as("another lead").isFalse();
    assertThat(store().isAccepted(key(SAAS, "a"), "evt-1")).as("another funnel").isFalse();

    assertThat(store().purgeAcceptedBefore(T0.plusSeconds(100))).isEqualTo(1);
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-1")).isFalse();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-2")).as("committed at the cutoff").isTrue();

    assertThat(store().purgeAcceptedBefore(T0.plusSeconds(100))).as("purged twice").isZero();
    assertThat(store().purgeAcceptedBefore(T0.plusSeconds(101))).isEqualTo(2);
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-2")).isFalse();
  }

  /** An accepted event id is remembered however many events the lead accepted since. */
  @Test
  public void isAccepted_oldEventId_isRememberedAfterManyLaterCommits() {
    store().commit(accepting(LeadStore.ABSENT, lead(SHOP, "a", 0, "anna"), T0, "evt-0"));
    for (int v = 1; v <= 300; v++) {
      store().commit(accepting(v - 1, lead(SHOP, "a", v, "anna"), T0.plusSeconds(v), "evt-" + v));
    }

    assertThat(store().isAccepted(key(SHOP, "a"), "evt-0")).isTrue();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-300")).isTrue();
    assertThat(store().purgeAcceptedBefore(T0.plusSeconds(150))).isEqualTo(150);
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-149")).isFalse();
    assertThat(store().isAccepted(key(SHOP, "a"), "evt-150")).isTrue();
  }

  /** A commit that accepts no event id remembers none. */
  @Test
  public void purgeAcceptedBefore_nothingAccepted_forgetsNothing() {
    store().commit(insert(lead(SHOP, "a", 0, "anna")));

    assertThat(store().purgeAcceptedBefore(far())).isZero();
  }
}
