package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. Parked outbox entries: parked, requeued and
 * discarded, and the listings of pending and parked entries. Run through {@link LeadStoreContract},
 * whose store each test uses.
 */
public abstract class ParkedEntriesContract extends StoreContractGroup {

  ParkedEntriesContract(LeadStoreContract contract) {
    super(contract);
  }

  /** A parked entry is claimed no more, settles no more, and is listed as parked. */
  @Test
  public void park_takesAnEntryOutOfClaims() {
    OutboxEntry first = entry("a", "e1", 0);
    OutboxEntry second = entry("a", "e1", 1);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), first, second));

    assertThat(store().park(second.key())).isTrue();
    assertThat(store().park(second.key())).as("parked twice").isFalse();
    assertThat(store().delivered(second.key())).as("delivered once parked").isFalse();
    assertThat(store().retryAt(second.key(), T0)).as("retried once parked").isFalse();
    assertThat(store().park(new EffectKey(SHOP, "a", "e9", 0))).as("unknown").isFalse();

    assertThat(store().parked(10)).containsExactly(second);
    assertThat(store().pending(10)).containsExactly(first);
    assertThat(store().claimPending(far(), far().plusSeconds(60), 10)).containsExactly(first);
  }

  /** A delivered entry cannot be parked. */
  @Test
  public void park_deliveredEntry_isRefused() {
    OutboxEntry e = entry("a", "e1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));
    store().delivered(e.key());

    assertThat(store().park(e.key())).isFalse();
    assertThat(store().parked(10)).isEmpty();
  }

  /** A requeued entry is pending again as new: no failed attempt, claimable from the given time. */
  @Test
  public void requeue_movesAParkedEntryBackToPendingAsNew() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));
    store().retryAt(e.key(), T0);
    store().retryAt(e.key(), T0);
    store().park(e.key());
    Instant now = LEASE.plusSeconds(600);

    assertThat(store().requeue(e.key(), now)).isTrue();
    assertThat(store().requeue(e.key(), now)).as("requeued twice").isFalse();

    assertThat(store().parked(10)).isEmpty();
    OutboxEntry requeued = store().pending(10).get(0);
    assertThat(requeued.key()).isEqualTo(e.key());
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.nextAttempt()).isEqualTo(now);
    assertThat(store().claimPending(now.minusMillis(1), now.plusSeconds(60), 10)).isEmpty();
    assertThat(store().claimPending(now, now.plusSeconds(60), 10)).containsExactly(requeued);
  }

  /** Only a parked entry can be requeued. */
  @Test
  public void requeue_entryNotParked_isRefused() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));

    assertThat(store().requeue(e.key(), LEASE)).as("pending").isFalse();
    assertThat(store().requeue(new EffectKey(SHOP, "a", "evt-9", 0), LEASE))
        .as("unknown")
        .isFalse();
    assertThat(store().pending(10)).containsExactly(e);
  }

  /** A discarded entry is gone for good; only a parked entry can be discarded. */
  @Test
  public void discard_removesAParkedEntryForGood() {
    OutboxEntry e = entry("a", "evt-1", 0);
    OutboxEntry f = entry("a", "evt-1", 1);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e, f));
    store().park(f.key());

    assertThat(store().discard(e.key())).as("pending").isFalse();
    assertThat(store().discard(f.key())).isTrue();
    assertThat(store().discard(f.key())).as("discarded twice").isFalse();
    assertThat(store().requeue(f.key(), LEASE)).as("requeued once discarded").isFalse();

    assertThat(store().parked(10)).isEmpty();
    assertThat(store().pending(10)).containsExactly(e);
  }

  /** Pending entries are listed oldest first, claimed or not, up to the limit. */
  @Test
  public void pending_listsPendingEntriesOldestFirst() {
    OutboxEntry b = entry("b", "e1", 0);
    OutboxEntry a = entry("a", "e2", 0);
    OutboxEntry c = entry("c", "e3", 0);
    store().commit(insert(lead(SHOP, "b", 0, "anna"), b));
    store().commit(insert(lead(SHOP, "a", 0, "anna"), a));
    store().commit(insert(lead(SHOP, "c", 0, "anna"), c));
    assertThat(store().claimPending(LEASE, far(), 1)).containsExactly(b);
    store().park(a.key());

    assertThat(store().pending(10)).containsExactly(b, c);
    assertThat(store().pending(1)).containsExactly(b);
  }

  /** Parked entries are listed oldest first, whatever the order they were parked in. */
  @Test
  public void parked_listsParkedEntriesOldestFirst() {
    OutboxEntry b = entry("b", "e1", 0);
    OutboxEntry a = entry("a", "e2", 0);
    OutboxEntry c = entry("c", "e3", 0);
    store().commit(insert(lead(SHOP, "b", 0, "anna"), b));
    store().commit(insert(lead(SHOP, "a", 0, "anna"), a));
    store().commit(insert(lead(SHOP, "c", 0, "anna"), c));
    store().park(c.key());
    store().park(b.key());
    store().park(a.key());

    assertThat(store().parked(10)).containsExactly(b, a, c);
    assertThat(store().parked(2)).containsExactly(b, a);
    assertThat(store().pending(10)).isEmpty();
  }
}
