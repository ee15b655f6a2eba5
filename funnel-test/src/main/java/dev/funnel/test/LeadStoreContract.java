package dev.funnel.test;

import dev.funnel.Lead;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

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
 * requeue and discard; the pending and parked listings; erasure of a person's entries; the
 * retention of accepted event ids; the owners' load; the leads pinned to a funnel version; the
 * tick's batches; and concurrent writers and claimers. Each guarantee is a group of tests of its
 * own, run as a nested class ({@link CompareAndSet}, {@link Outbox}, {@link ParkedEntries}, {@link
 * DueIndex}, {@link Batches}, {@link AcceptedEventIds}, {@link OwnersLoad}, {@link PinnedVersions},
 * {@link Erasure}, {@link Concurrency}) on the store this class makes for each test. Instances are
 * not shared between threads except by the concurrent tests themselves.
 */
public abstract class LeadStoreContract {

  /** The first instant the tests use; the others are offsets from it. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The lease of the contract's commits: a minute after {@link #T0}. */
  public static final Instant LEASE = T0.plusSeconds(60);

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

  // ---------------------------------------------------------------- the guarantees

  /**
   * Compare-and-set on the version: an insert with {@link LeadStore#ABSENT}, a stale version
   * refused, and a refused commit writing nothing.
   */
  @Nested
  public class CompareAndSet extends CompareAndSetContract {
    /** Creates the group for the running test, on this contract's store. */
    public CompareAndSet() {
      super(LeadStoreContract.this);
    }
  }

  /**
   * The outbox: written with its lead, held by its writer until the commit's lease, claimed oldest
   * first under a lease, delivered once, and failed attempts counted with their next attempt time.
   */
  @Nested
  public class Outbox extends OutboxContract {
    /** Creates the group for the running test, on this contract's store. */
    public Outbox() {
      super(LeadStoreContract.this);
    }
  }

  /**
   * Parked outbox entries: parked, requeued and discarded, and the listings of pending and parked
   * entries.
   */
  @Nested
  public class ParkedEntries extends ParkedEntriesContract {
    /** Creates the group for the running test, on this contract's store. */
    public ParkedEntries() {
      super(LeadStoreContract.this);
    }
  }

  /** The due index: its order, its limits, one entry per lead, and how it follows writes. */
  @Nested
  public class DueIndex extends DueIndexContract {
    /** Creates the group for the running test, on this contract's store. */
    public DueIndex() {
      super(LeadStoreContract.this);
    }
  }

  /** The tick's batches: due leads as stored, commits each its own, deliveries together. */
  @Nested
  public class Batches extends BatchesContract {
    /** Creates the group for the running test, on this contract's store. */
    public Batches() {
      super(LeadStoreContract.this);
    }
  }

  /** The retention of accepted event ids, per lead, until purged. */
  @Nested
  public class AcceptedEventIds extends AcceptedEventIdsContract {
    /** Creates the group for the running test, on this contract's store. */
    public AcceptedEventIds() {
      super(LeadStoreContract.this);
    }
  }

  /** The owners' load: the active leads each owner holds, following owner changes. */
  @Nested
  public class OwnersLoad extends OwnersLoadContract {
    /** Creates the group for the running test, on this contract's store. */
    public OwnersLoad() {
      super(LeadStoreContract.this);
    }
  }

  /**
   * The leads pinned to a funnel version: listed in pages by lead id, counted, following writes.
   */
  @Nested
  public class PinnedVersions extends PinnedVersionsContract {
    /** Creates the group for the running test, on this contract's store. */
    public PinnedVersions() {
      super(LeadStoreContract.this);
    }
  }

  /** Erasure: every outbox entry of an erased person's lead id dropped, in every funnel. */
  @Nested
  public class Erasure extends ErasureContract {
    /** Creates the group for the running test, on this contract's store. */
    public Erasure() {
      super(LeadStoreContract.this);
    }
  }

  /**
   * Concurrent writers and claimers racing real threads on one store, waited for with a timeout.
   */
  @Nested
  public class Concurrency extends ConcurrencyContract {
    /** Creates the group for the running test, on this contract's store. */
    public Concurrency() {
      super(LeadStoreContract.this);
    }
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
    return StoreContractGroup.lead(funnelId, id, version, owner, timers);
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
    return StoreContractGroup.entry(leadId, eventId, index);
  }
}
