package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of {@link LeadStore}, as tests every implementation runs. Extend it in your
 * store's tests and say how to make a fresh, empty store:
 *
 * <pre>{@code
 * final class JdbcLeadStoreContractTest extends LeadStoreContract {
 *   @Override
 *   protected LeadStore newStore() {
 *     return JdbcLeadStore.create(freshDatabase());
 *   }
 *
 *   @Override
 *   protected void close(LeadStore store) {
 *     ((JdbcLeadStore) store).close();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a store of its own from {@link #newStore()}, which must hold no lead, no outbox
 * entry and no accepted event id, and hands it to {@link #close} afterwards. The tests read no
 * clock and never sleep: every instant is passed in, from {@link #T0} on, so a store that keeps
 * time in a database or a broker sees the same instants. The concurrent tests race real threads on
 * one store and wait for them with a timeout.
 *
 * <p>What is proved: compare-and-set on the version (insert with {@link LeadStore#ABSENT}, a stale
 * version refused, a refused commit writing nothing); the outbox written with the lead and claimed
 * by its writer until the commit's lease; the due index's order, limits and how it follows writes;
 * claims, leases and their expiry, oldest first; failed attempts and their next attempt time; park,
 * requeue and discard; the pending and parked listings; the retention of accepted event ids; the
 * owners' load; and concurrent writers and claimers. Instances are not shared between threads
 * except by the concurrent tests themselves.
 */
public abstract class LeadStoreContract {

  /** The first instant the tests use; the others are offsets from it. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The lease of the contract's commits: a minute after {@link #T0}. */
  public static final Instant LEASE = T0.plusSeconds(60);

  private static final String SHOP = "shop";
  private static final String SAAS = "saas";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private @Nullable LeadStore store;

  /** Creates the contract; subclasses say how to make a store. */
  protected LeadStoreContract() {}

  /**
   * Returns a new, empty store for one test.
   *
   * @return a store with no lead, no outbox entry and no accepted event id
   * @throws Exception if the store cannot be made
   */
  protected abstract LeadStore newStore() throws Exception;

  /**
   * Releases a store after its test; does nothing unless overridden.
   *
   * @param store the store {@link #newStore()} made for the test
   * @throws Exception if the store cannot be released
   */
  protected void close(LeadStore store) throws Exception {}

  /**
   * Makes the store for the next test.
   *
   * @throws Exception if {@link #newStore()} fails
   */
  @BeforeEach
  public final void openStore() throws Exception {
    store = newStore();
  }

  /**
   * Releases the store of the last test.
   *
   * @throws Exception if {@link #close} fails
   */
  @AfterEach
  public final void closeStore() throws Exception {
    LeadStore s = store;
    store = null;
    if (s != null) {
      close(s);
    }
  }

  /**
   * Returns the store of the running test.
   *
   * @return the store {@link #newStore()} made for this test
   * @throws IllegalStateException if no test is running
   */
  protected final LeadStore store() {
    LeadStore s = store;
    if (s == null) {
      throw new IllegalStateException("no store: the contract's store exists only during a test");
    }
    return s;
  }

  // ---------------------------------------------------------------- compare-and-set

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

  // ---------------------------------------------------------------- the outbox

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

  // ---------------------------------------------------------------- park, requeue, discard

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

  // ---------------------------------------------------------------- the due index

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

  // ---------------------------------------------------------------- batches

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

  // ---------------------------------------------------------------- accepted event ids

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

  // ---------------------------------------------------------------- owners

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

  // ---------------------------------------------------------------- concurrency

  /**
   * Threads racing compare-and-set on one lead: exactly one commit wins each version, and every
   * thread's increments are in the final lead, so no update is lost; only the winners' outbox
   * entries and event ids are written.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentWritersOnOneLead_oneWinsEachVersionAndNoUpdateIsLost()
      throws Exception {
    int threads = 8;
    int perThread = 50;
    store().commit(insert(counter(0, 0)));

    List<Callable<List<Long>>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String writer = "w" + t;
      writers.add(
          () -> {
            List<Long> won = new ArrayList<>();
            while (won.size() < perThread) {
              Lead current = store().load(key(SHOP, "counter")).orElseThrow();
              long version = current.version() + 1;
              long count = ((Number) current.attribute("count").orElseThrow()).longValue() + 1;
              String eventId = writer + "-" + won.size();
              LeadStore.Commit commit =
                  new LeadStore.Commit(
                      current.version(),
                      counter(version, count),
                      true,
                      ImmutableList.of(entry("counter", eventId, 0)),
                      LEASE,
                      ImmutableList.of(eventId),
                      T0.plusSeconds(version));
              if (store().commit(commit)) {
                won.add(version);
              }
            }
            return won;
          });
    }
    List<List<Long>> won = race(writers);

    int total = threads * perThread;
    List<Long> versions = new ArrayList<>();
    won.forEach(versions::addAll);
    List<Long> expected = new ArrayList<>();
    for (long v = 1; v <= total; v++) {
      expected.add(v);
    }
    assertThat(versions)
        .as("versions won")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    Lead last = store().load(key(SHOP, "counter")).orElseThrow();
    assertThat(last.version()).isEqualTo(total);
    assertThat(last.attribute("count")).as("increments").contains((long) total);
    assertThat(store().pending(total + threads)).hasSize(total);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(store().isAccepted(key(SHOP, "counter"), "w" + t + "-" + i)).isTrue();
      }
    }
    assertThat(store().purgeAcceptedBefore(far())).isEqualTo(total);
  }

  /**
   * Threads racing the same insert: exactly one is written.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentInsertsOfOneLead_exactlyOneIsWritten() throws Exception {
    int threads = 8;
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String owner = "owner-" + t;
      writers.add(() -> store().commit(insert(lead(SHOP, "a", 0, owner), entry("a", owner, 0))));
    }
    List<Boolean> written = race(writers);

    assertThat(written).filteredOn(w -> w).hasSize(1);
    String owner = store().load(key(SHOP, "a")).orElseThrow().owner().orElseThrow();
    assertThat(store().pending(100)).extracting(e -> e.key().eventId()).containsExactly(owner);
    assertThat(store().activeLeadsOwnedBy(owner)).isEqualTo(1);
  }

  /**
   * Threads claiming at once: no entry is handed to two claimers within a lease, and every entry is
   * handed out.
   *
   * @throws Exception if a claimer fails
   */
  @Test
  public void claimPending_concurrentClaimers_neverShareAnEntry() throws Exception {
    int leads = 100;
    Set<EffectKey> all = new HashSet<>();
    for (int i = 0; i < leads; i++) {
      OutboxEntry first = entry("lead-" + i, "e" + i, 0);
      OutboxEntry second = entry("lead-" + i, "e" + i, 1);
      store().commit(insert(lead(SHOP, "lead-" + i, 0, "anna"), first, second));
      all.add(first.key());
      all.add(second.key());
    }

    List<Callable<List<EffectKey>>> claimers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      claimers.add(
          () -> {
            List<EffectKey> mine = new ArrayList<>();
            // A claimer handed more entries than there are has seen one twice: stop and report.
            while (mine.size() <= all.size()) {
              ImmutableList<OutboxEntry> batch =
                  store().claimPending(LEASE, LEASE.plusSeconds(60), 7);
              if (batch.isEmpty()) {
                return mine;
              }
              for (OutboxEntry e : batch) {
                mine.add(e.key());
              }
            }
            return mine;
          });
    }
    List<List<EffectKey>> claimed = race(claimers);

    List<EffectKey> together = new ArrayList<>();
    claimed.forEach(together::addAll);
    assertThat(together).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
  }

  /**
   * Threads writing different leads at once: every insert and update is written, and the due index
   * and owners' load agree with the leads.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentWritersOnDifferentLeads_allAreWritten() throws Exception {
    int threads = 8;
    int perThread = 40;
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          () -> {
            int written = 0;
            for (int i = 0; i < perThread; i++) {
              String id = "lead-" + thread + "-" + i;
              Instant at = T0.plusSeconds(1 + thread * perThread + i);
              written += store().commit(insert(lead(SHOP, id, 0, "anna", at))) ? 1 : 0;
              written += store().commit(update(0, lead(SHOP, id, 1, "boris", at))) ? 1 : 0;
            }
            return written;
          });
    }
    List<Integer> written = race(writers);

    int total = threads * perThread;
    assertThat(written).allSatisfy(w -> assertThat(w).isEqualTo(2 * perThread));
    assertThat(store().activeLeadsOwnedBy("anna")).isZero();
    assertThat(store().activeLeadsOwnedBy("boris")).isEqualTo(total);
    ImmutableList<LeadStore.Due> due = store().dueBy(far(), 2 * total);
    assertThat(due).hasSize(total).isSorted();
    assertThat(store().firstDue()).contains(due(T0.plusSeconds(1), SHOP, "lead-0-0"));
  }

  // ---------------------------------------------------------------- fixtures

  /**
   * Returns a lead in the stage {@code cold-lead} since {@link #T0}, channel {@code ads}, with
   * {@code nudge} timers due at the given instants.
   *
   * @param funnelId the funnel's id
   * @param id the lead's id
   * @param version the lead's version
   * @param owner the owner, or null for none
   * @param timers when its timers fall due
   * @return the lead
   */
  protected static Lead lead(
      String funnelId, String id, long version, @Nullable String owner, Instant... timers) {
    Lead.Builder b =
        Lead.builder(id, funnelId)
            .stage("cold-lead", T0)
            .channel("ads")
            .owner(owner)
            .version(version);
    for (Instant t : timers) {
      b.timer(new ScheduledTimer("cold-lead", "nudge", t));
    }
    return b.build();
  }

  private static Lead counter(long version, long count) {
    return Lead.builder("counter", SHOP)
        .stage("cold-lead", T0)
        .channel("ads")
        .attribute("count", count)
        .version(version)
        .build();
  }

  /**
   * Returns an outbox entry of a lead of the funnel {@code shop}: a {@code send} action produced at
   * {@link #T0}.
   *
   * @param leadId the lead's id
   * @param eventId the event's id
   * @param index the effect's index
   * @return the entry
   */
  protected static OutboxEntry entry(String leadId, String eventId, int index) {
    Action send = Actions.send("welcome-" + (index + 1));
    return new OutboxEntry(new EffectKey(SHOP, leadId, eventId, index), send, T0);
  }

  private static LeadStore.Commit insert(Lead lead, OutboxEntry... outbox) {
    return new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.copyOf(outbox), LEASE);
  }

  private static LeadStore.Commit update(long expected, Lead lead) {
    return new LeadStore.Commit(expected, lead, true, ImmutableList.of(), LEASE);
  }

  private static LeadStore.Commit accepting(
      long expected, Lead lead, Instant at, String... eventIds) {
    return new LeadStore.Commit(
        expected, lead, true, ImmutableList.of(), LEASE, ImmutableList.copyOf(eventIds), at);
  }

  private static LeadKey key(String funnelId, String leadId) {
    return new LeadKey(funnelId, leadId);
  }

  private static LeadStore.Due due(Instant at, String funnelId, String leadId) {
    return new LeadStore.Due(at, key(funnelId, leadId));
  }

  /** An instant well after anything the tests schedule. */
  private static Instant far() {
    return T0.plus(Duration.ofDays(3650));
  }

  /** Starts the tasks together on threads of their own and returns their results in order. */
  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("threads started").isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
