package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The due index: its order, its limits, one entry
 * per lead, and how it follows writes. Run through {@link LeadStoreContract}, whose store each test
 * uses.
 */
public abstract class DueIndexContract extends StoreContractGroup {

  DueIndexContract(LeadStoreContract contract) {
    super(contract);
  }

  /** An empty store has nothing due. */
  @Test
  public void firstDue_emptyStore_isEmpty() {
    assertThat(store().firstDue()).isEmpty();
    assertThat(store().dueBy(far(), 10)).isEmpty();
  }

  /** The first due entry is the earliest timer across leads, and it follows every write. */
  @Test
  public void firstDue_isTheEarliestTimerAcrossLeadsAndFollowsWrites() {
    store().commit(insert(lead(SHOP, "a", 0, "anna", T0.plusSeconds(30), T0.plusSeconds(90))));
    store().commit(insert(lead(SHOP, "b", 0, "anna", T0.plusSeconds(20))));
    store().commit(insert(lead(SHOP, "c", 0, "anna")));
    assertThat(store().firstDue()).contains(due(T0.plusSeconds(20), SHOP, "b"));

    store().commit(update(0, lead(SHOP, "b", 1, "anna")));
    assertThat(store().firstDue())
        .as("b's timer fired")
        .contains(due(T0.plusSeconds(30), SHOP, "a"));

    store().commit(update(0, lead(SHOP, "a", 1, "anna", T0.plusSeconds(90))));
    assertThat(store().firstDue())
        .as("a's first timer fired")
        .contains(due(T0.plusSeconds(90), SHOP, "a"));

    store().commit(update(0, lead(SHOP, "c", 1, "anna", T0.plusSeconds(5))));
    assertThat(store().firstDue()).as("c got a timer").contains(due(T0.plusSeconds(5), SHOP, "c"));

    store().commit(update(1, lead(SHOP, "c", 2, "anna")));
    store().commit(update(1, lead(SHOP, "a", 2, "anna")));
    assertThat(store().firstDue()).as("no timer left").isEmpty();
    assertThat(store().dueBy(far(), 10)).isEmpty();
  }

  /** The due entries by an instant come earliest first, that instant included, up to the limit. */
  @Test
  public void dueBy_returnsWhatIsDueInOrderUpToTheLimit() {
    store().commit(insert(lead(SHOP, "a", 0, "anna", T0.plusSeconds(30))));
    store().commit(insert(lead(SHOP, "b", 0, "anna", T0.plusSeconds(10))));
    store().commit(insert(lead(SHOP, "c", 0, "anna", T0.plusSeconds(90))));
    store().commit(insert(lead(SHOP, "d", 0, "anna")));

    assertThat(store().dueBy(T0.plusSeconds(60), 10))
        .containsExactly(due(T0.plusSeconds(10), SHOP, "b"), due(T0.plusSeconds(30), SHOP, "a"));
    assertThat(store().dueBy(T0.plusSeconds(60), 1))
        .containsExactly(due(T0.plusSeconds(10), SHOP, "b"));
    assertThat(store().dueBy(T0.plusSeconds(30), 10))
        .as("due exactly then")
        .containsExactly(due(T0.plusSeconds(10), SHOP, "b"), due(T0.plusSeconds(30), SHOP, "a"));
    assertThat(store().dueBy(T0.plusSeconds(9), 10)).isEmpty();
    assertThat(store().dueBy(far(), 10)).hasSize(3);
  }

  /** Leads due at the same instant are ordered by funnel id, then lead id. */
  @Test
  public void dueBy_sameInstant_isOrderedByFunnelThenLead() {
    Instant at = T0.plusSeconds(30);
    store().commit(insert(lead(SHOP, "b", 0, "anna", at)));
    store().commit(insert(lead(SHOP, "a", 0, "anna", at)));
    store().commit(insert(lead(SAAS, "c", 0, "anna", at)));

    assertThat(store().dueBy(at, 10))
        .containsExactly(due(at, SAAS, "c"), due(at, SHOP, "a"), due(at, SHOP, "b"));
    assertThat(store().firstDue()).contains(due(at, SAAS, "c"));
  }

  /** Each lead has one entry in the due index, that of its earliest timer. */
  @Test
  public void dueBy_leadWithSeveralTimers_hasOneEntry() {
    Instant first = T0.plusSeconds(10);
    store().commit(insert(lead(SHOP, "a", 0, "anna", first, first.plusSeconds(10), far())));

    assertThat(store().dueBy(far(), 10)).containsExactly(due(first, SHOP, "a"));
  }

  /** The due index reads only what is due, however many leads wait for later. */
  @Test
  public void dueBy_manyLeadsLater_returnsOnlyWhatIsDue() {
    for (int i = 0; i < 500; i++) {
      store().commit(insert(lead(SHOP, "later-" + i, 0, "anna", T0.plus(Duration.ofDays(1 + i)))));
    }
    store().commit(insert(lead(SHOP, "soon", 0, "anna", T0.plusSeconds(1))));

    assertThat(store().dueBy(T0.plusSeconds(1), 1000))
        .containsExactly(due(T0.plusSeconds(1), SHOP, "soon"));
    assertThat(store().dueBy(T0.plus(Duration.ofDays(3)), 1000))
        .as("soon and three later")
        .hasSize(4);
  }
}
