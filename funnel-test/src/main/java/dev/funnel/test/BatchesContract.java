package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The batches of the runtime's tick: the due
 * leads as stored in due order ({@link LeadStore#loadDue}), commits each its own compare-and-set
 * ({@link LeadStore#commitAll}), and deliveries settled together ({@link LeadStore#deliveredAll}).
 * Run through {@link LeadStoreContract}, whose store each test uses.
 */
public abstract class BatchesContract extends StoreContractGroup {

  BatchesContract(LeadStoreContract contract) {
    super(contract);
  }

  /** The due leads come as stored, in due order, that instant included, up to the limit. */
  @Test
  public void loadDue_returnsTheDueLeadsAsStoredInDueOrderUpToTheLimit() {
    Lead a = lead(SHOP, "a", 0, "anna", T0.plusSeconds(30));
    Lead b = lead(SHOP, "b", 0, "anna", T0.plusSeconds(10), T0.plusSeconds(20));
    Lead c = lead(SAAS, "c", 0, "anna", T0.plusSeconds(30));
    store().commit(insert(a));
    store().commit(insert(b));
    store().commit(insert(c));
    store().commit(insert(lead(SHOP, "later", 0, "anna", T0.plusSeconds(90))));
    store().commit(insert(lead(SHOP, "none", 0, "anna")));

    assertThat(store().loadDue(T0.plusSeconds(30), 10)).containsExactly(b, c, a);
    assertThat(store().loadDue(T0.plusSeconds(30), 2)).containsExactly(b, c);
    assertThat(store().loadDue(T0.plusSeconds(9), 10)).isEmpty();

    Lead fired = lead(SHOP, "b", 1, "anna", T0.plusSeconds(20));
    store().commit(update(0, fired));
    assertThat(store().loadDue(T0.plusSeconds(20), 10))
        .as("b's first timer fired")
        .containsExactly(fired);
  }

  /**
   * Several leads come as stored, by key, also to be changed; a key with no lead is left out, one
   * given twice once.
   */
  @Test
  public void loadAll_returnsTheStoredLeadsByKeyLeavingOutThoseItLacks() {
    Lead a = lead(SHOP, "a", 0, "anna", T0.plusSeconds(30));
    Lead b = lead(SAAS, "b", 0, "anna");
    store().commit(insert(a));
    store().commit(insert(b));
    Lead changed = lead(SHOP, "a", 1, "boris");
    store().commit(update(0, changed));

    assertThat(
            store()
                .loadAll(
                    List.of(key(SAAS, "b"), key(SHOP, "a"), key(SHOP, "none"), key(SAAS, "b"))))
        .isEqualTo(Map.of(key(SHOP, "a"), changed, key(SAAS, "b"), b));
    assertThat(store().loadAllToChange(List.of(key(SHOP, "a"), key(SHOP, "none"), key(SAAS, "b"))))
        .as("the leads as this store last wrote them")
        .isEqualTo(Map.of(key(SHOP, "a"), changed, key(SAAS, "b"), b));
    assertThat(store().loadAll(List.of())).isEmpty();
  }

  /**
   * Each commit of a batch is its own compare-and-set: a stale one writes nothing of its own and
   * leaves the others written.
   */
  @Test
  public void commitAll_eachCommitIsItsOwnCompareAndSet() {
    store().commit(insert(lead(SHOP, "a", 0, "anna", T0.plusSeconds(10))));
    store().commit(insert(lead(SHOP, "b", 0, "anna", T0.plusSeconds(20))));
    OutboxEntry ofA = entry("a", "e1", 0);
    OutboxEntry ofB = entry("b", "e1", 0);
    OutboxEntry ofC = entry("c", "e1", 0);
    Lead a = lead(SHOP, "a", 1, "boris");
    Lead c = lead(SHOP, "c", 0, "boris", T0.plusSeconds(5));
    List<LeadStore.Commit> batch =
        List.of(
            new LeadStore.Commit(0, a, true, ImmutableList.of(ofA), LEASE),
            new LeadStore.Commit(
                3, lead(SHOP, "b", 4, "boris"), true, ImmutableList.of(ofB), LEASE),
            new LeadStore.Commit(LeadStore.ABSENT, c, true, ImmutableList.of(ofC), LEASE));

    assertThat(store().commitAll(batch)).containsExactly(true, false, true);

    assertThat(store().load(key(SHOP, "a"))).contains(a);
    assertThat(store().load(key(SHOP, "b")).map(Lead::version)).as("b untouched").contains(0L);
    assertThat(store().load(key(SHOP, "c"))).contains(c);
    assertThat(store().pending(10)).containsExactlyInAnyOrder(ofA, ofC);
    assertThat(store().dueBy(far(), 10))
        .containsExactly(due(T0.plusSeconds(5), SHOP, "c"), due(T0.plusSeconds(20), SHOP, "b"));
    assertThat(store().activeLeadsOwnedBy("boris")).isEqualTo(2);
    assertThat(store().activeLeadsOwnedBy("anna")).isEqualTo(1);
    assertThat(store().commitAll(List.of())).isEmpty();
  }

  /** A batch with two commits of one lead is refused. */
  @Test
  public void commitAll_twoCommitsOfOneLead_isRefused() {
    List<LeadStore.Commit> batch =
        List.of(insert(lead(SHOP, "a", 0, "anna")), update(0, lead(SHOP, "a", 1, "anna")));

    assertThatThrownBy(() -> store().commitAll(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shop/a");
  }

  /** Delivered entries leave the outbox together, each once. */
  @Test
  public void deliveredAll_removesEachEntryOnce() {
    OutboxEntry first = entry("a", "e1", 0);
    OutboxEntry second = entry("a", "e1", 1);
    OutboxEntry third = entry("a", "e1", 2);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), first, second, third));

    assertThat(store().deliveredAll(List.of(first.key(), third.key()))).isEqualTo(2);
    assertThat(store().deliveredAll(List.of(first.key(), new EffectKey(SHOP, "a", "e9", 0))))
        .as("already delivered, and never stored")
        .isZero();

    assertThat(store().pending(10)).containsExactly(second);
  }
}
