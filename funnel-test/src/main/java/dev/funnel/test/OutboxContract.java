package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The outbox: written with its lead, held by its
 * writer until the commit's lease, claimed oldest first under a lease, delivered once, and failed
 * attempts counted with their next attempt time. Run through {@link LeadStoreContract}, whose store
 * each test uses.
 */
public abstract class OutboxContract extends StoreContractGroup {

  OutboxContract(LeadStoreContract contract) {
    super(contract);
  }

  /** A written commit's outbox entries are pending, in the commit's order, as new. */
  @Test
  public void commit_written_storesTheOutboxWithTheLead() {
    OutboxEntry first = entry("a", "e1", 0);
    OutboxEntry second = entry("a", "e1", 1);

    assertThat(store().commit(insert(lead(SHOP, "a", 0, "anna"), first, second))).isTrue();

    assertThat(store().pending(10)).containsExactly(first, second);
    assertThat(store().pending(10)).allSatisfy(e -> assertThat(e.attempts()).isZero());
    assertThat(store().parked(10)).isEmpty();
  }

  /** The committing writer holds its outbox entries until the commit's lease ends. */
  @Test
  public void commit_outboxEntries_areHeldByTheWriterUntilTheLease() {
    OutboxEntry e = entry("a", "e1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));

    assertThat(store().claimPending(T0, LEASE.plusSeconds(60), 10)).as("at T0").isEmpty();
    assertThat(store().claimPending(LEASE.minusMillis(1), LEASE.plusSeconds(60), 10))
        .as("just before the lease ends")
        .isEmpty();
    assertThat(store().claimPending(LEASE, LEASE.plusSeconds(60), 10))
        .as("when the lease ends")
        .containsExactly(e);
  }

  /** A claim holds its entries until its lease ends, then they can be claimed again. */
  @Test
  public void claimPending_holdsEntriesUntilTheLeaseRunsOut() {
    OutboxEntry first = entry("a", "e1", 0);
    OutboxEntry second = entry("a", "e1", 1);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), first, second));
    Instant until = LEASE.plusSeconds(60);

    assertThat(store().claimPending(LEASE, until, 1)).containsExactly(first);
    assertThat(store().claimPending(LEASE, until, 10)).containsExactly(second);
    assertThat(store().claimPending(LEASE.plusSeconds(30), until, 10)).isEmpty();
    assertThat(store().claimPending(until.minusMillis(1), until.plusSeconds(60), 10)).isEmpty();

    assertThat(store().claimPending(until, until.plusSeconds(60), 10))
        .as("after the claim's lease ran out")
        .containsExactly(first, second);
  }

  /** Claims hand out entries oldest first, across leads and commits, and respect the limit. */
  @Test
  public void claimPending_handsOutEntriesOldestFirst() {
    List<OutboxEntry> committed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Lead ids run backwards, so that an order by key would differ from commit order.
      String leadId = "lead-" + (40 - i);
      OutboxEntry first = entry(leadId, "e" + i, 0);
      OutboxEntry second = entry(leadId, "e" + i, 1);
      store().commit(insert(lead(SHOP, leadId, 0, "anna"), first, second));
      committed.add(first);
      committed.add(second);
    }
    EffectKey gone = new EffectKey(SHOP, "lead-40", "e0", 1);
    store().delivered(gone);

    List<OutboxEntry> claimed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ImmutableList<OutboxEntry> batch = store().claimPending(LEASE, LEASE.plusSeconds(60), 10);
      assertThat(batch).hasSizeLessThanOrEqualTo(10);
      claimed.addAll(batch);
    }

    committed.removeIf(e -> e.key().equals(gone));
    assertThat(claimed).containsExactlyElementsOf(committed);
  }

  /** A delivered entry leaves the outbox, once. */
  @Test
  public void delivered_removesAnEntryOnce() {
    OutboxEntry first = entry("a", "e1", 0);
    OutboxEntry second = entry("a", "e1", 1);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), first, second));

    assertThat(store().delivered(first.key())).isTrue();
    assertThat(store().delivered(first.key())).isFalse();
    assertThat(store().delivered(new EffectKey(SHOP, "a", "e9", 0))).isFalse();

    assertThat(store().pending(10)).containsExactly(second);
    assertThat(store().claimPending(far(), far().plusSeconds(60), 10)).containsExactly(second);
  }

  /**
   * A failed attempt counts, releases the claim, and keeps the entry from claims until its next
   * attempt time.
   */
  @Test
  public void retryAt_countsTheAttemptAndHoldsTheEntryUntilItsNextAttempt() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));
    Instant next = T0.plusSeconds(300);

    assertThat(store().retryAt(e.key(), next)).isTrue();

    assertThat(store().claimPending(LEASE, LEASE.plusSeconds(60), 10))
        .as("before its next attempt")
        .isEmpty();
    assertThat(store().claimPending(next.minusMillis(1), next.plusSeconds(60), 10)).isEmpty();
    ImmutableList<OutboxEntry> again = store().claimPending(next, next.plusSeconds(60), 10);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).key()).isEqualTo(e.key());
    assertThat(again.get(0).action()).isEqualTo(e.action());
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).nextAttempt()).isEqualTo(next);
    assertThat(store().pending(10)).containsExactlyElementsOf(again);
  }

  /** Each failed attempt counts; the latest next attempt time holds. */
  @Test
  public void retryAt_repeated_countsEveryAttempt() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));

    store().retryAt(e.key(), T0.plusSeconds(10));
    store().retryAt(e.key(), T0.plusSeconds(20));
    store().retryAt(e.key(), T0.plusSeconds(40));

    OutboxEntry pending = store().pending(10).get(0);
    assertThat(pending.attempts()).isEqualTo(3);
    assertThat(pending.nextAttempt()).isEqualTo(T0.plusSeconds(40));
    assertThat(store().claimPending(T0.plusSeconds(39), LEASE, 10)).isEmpty();
    assertThat(store().claimPending(T0.plusSeconds(40), LEASE, 10)).containsExactly(pending);
  }

  /** A failed attempt releases a claim that has not run out yet. */
  @Test
  public void retryAt_releasesTheClaim() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));
    assertThat(store().claimPending(LEASE, LEASE.plus(Duration.ofHours(1)), 10)).hasSize(1);

    store().retryAt(e.key(), LEASE.plusSeconds(5));

    assertThat(store().claimPending(LEASE.plusSeconds(5), LEASE.plusSeconds(65), 10))
        .as("claimable at its next attempt, though the old claim lasts an hour")
        .hasSize(1);
  }

  /** Only a pending entry can fail an attempt. */
  @Test
  public void retryAt_entryNotPending_isRefused() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store().commit(insert(lead(SHOP, "a", 0, "anna"), e));

    assertThat(store().retryAt(new EffectKey(SHOP, "a", "evt-9", 0), T0)).as("unknown").isFalse();
    store().delivered(e.key());
    assertThat(store().retryAt(e.key(), T0)).as("delivered").isFalse();
  }
}
