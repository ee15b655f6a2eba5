package dev.funnel.test;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link LeadStore} that forwards every call to another store, in the manner of Guava's {@code
 * Forwarding} collections: a test subclasses it, names the store it wraps with {@link #delegate()},
 * and overrides only the calls it changes, to count them, fail them, or race a write between two of
 * them.
 *
 * <pre>{@code
 * final class CrashingStore extends ForwardingLeadStore {
 *   private final LeadStore store = new InMemoryLeadStore();
 *   volatile boolean crash;
 *
 *   protected LeadStore delegate() {
 *     return store;
 *   }
 *
 *   public boolean commit(Commit commit) {
 *     boolean written = super.commit(commit);
 *     if (written && crash) {
 *       throw new IllegalStateException("process died");
 *     }
 *     return written;
 *   }
 * }
 * }</pre>
 *
 * <p>The batch calls the interface gives defaults ({@link #loadAll}, {@link #loadAllToChange},
 * {@link #loadDue}, {@link #commitAll}, {@link #deliveredAll}) are forwarded too, so the delegate's
 * own batches run. A subclass that wants the single calls it overrides to see a batch's work as
 * well overrides the batch call with the matching {@code standard} method ({@link
 * #standardCommitAll} and the others), which does the batch one call at a time through this store,
 * as the interface's default does. Thread-safe if the delegate and the overrides are.
 */
public abstract class ForwardingLeadStore implements LeadStore {

  /** Creates the store; subclasses say which store it forwards to. */
  protected ForwardingLeadStore() {}

  /**
   * Returns the store every call is forwarded to.
   *
   * @return the wrapped store, the same on every call
   */
  protected abstract LeadStore delegate();

  @Override
  public Optional<Lead> load(LeadKey key) {
    return delegate().load(key);
  }

  @Override
  public ImmutableMap<LeadKey, Lead> loadAll(Collection<LeadKey> keys) {
    return delegate().loadAll(keys);
  }

  @Override
  public ImmutableMap<LeadKey, Lead> loadAllToChange(Collection<LeadKey> keys) {
    return delegate().loadAllToChange(keys);
  }

  @Override
  public Optional<Lead> loadToChange(LeadKey key) {
    return delegate().loadToChange(key);
  }

  @Override
  public boolean optimisticChanges() {
    return delegate().optimisticChanges();
  }

  @Override
  public int timerBatch() {
    return delegate().timerBatch();
  }

  @Override
  @CanIgnoreReturnValue
  public boolean commit(Commit commit) {
    return delegate().commit(commit);
  }

  @Override
  public Optional<Due> firstDue() {
    return delegate().firstDue();
  }

  @Override
  public ImmutableList<Due> dueBy(Instant now, int limit) {
    return delegate().dueBy(now, limit);
  }

  @Override
  public ImmutableList<Lead> loadDue(Instant now, int limit) {
    return delegate().loadDue(now, limit);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean[] commitAll(List<Commit> commits) {
    return delegate().commitAll(commits);
  }

  @Override
  @CanIgnoreReturnValue
  public int deliveredAll(Collection<EffectKey> keys) {
    return delegate().deliveredAll(keys);
  }

  @Override
  public ImmutableList<LeadKey> pinnedTo(
      String funnelId, int funnelVersion, String afterLeadId, int limit) {
    return delegate().pinnedTo(funnelId, funnelVersion, afterLeadId, limit);
  }

  @Override
  public long countPinnedTo(String funnelId, int funnelVersion) {
    return delegate().countPinnedTo(funnelId, funnelVersion);
  }

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    return delegate().claimPending(now, leaseUntil, limit);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean delivered(EffectKey key) {
    return delegate().delivered(key);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean retryAt(EffectKey key, Instant nextAttempt) {
    return delegate().retryAt(key, nextAttempt);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean park(EffectKey key) {
    return delegate().park(key);
  }

  @Override
  public ImmutableList<OutboxEntry> pending(int limit) {
    return delegate().pending(limit);
  }

  @Override
  public ImmutableList<OutboxEntry> parked(int limit) {
    return delegate().parked(limit);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean requeue(EffectKey key, Instant now) {
    return delegate().requeue(key, now);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean discard(EffectKey key) {
    return delegate().discard(key);
  }

  @Override
  @CanIgnoreReturnValue
  public int erase(String leadId) {
    return delegate().erase(leadId);
  }

  @Override
  public boolean isAccepted(LeadKey key, String eventId) {
    return delegate().isAccepted(key, eventId);
  }

  @Override
  @CanIgnoreReturnValue
  public int purgeAcceptedBefore(Instant cutoff) {
    return delegate().purgeAcceptedBefore(cutoff);
  }

  @Override
  public int activeLeadsOwnedBy(String owner) {
    return delegate().activeLeadsOwnedBy(owner);
  }

  /**
   * Reads the due leads one call at a time through this store: {@link #dueBy}, then {@link #load}
   * for each, as {@link LeadStore#loadDue}'s default does.
   *
   * @param now the latest due time to include
   * @param limit the most leads to return; positive
   * @return the due leads, earliest due first
   * @throws IllegalArgumentException if the limit is not positive
   */
  protected final ImmutableList<Lead> standardLoadDue(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList.Builder<Lead> leads = ImmutableList.builder();
    for (Due d : dueBy(now, limit)) {
      load(d.key()).ifPresent(leads::add);
    }
    return leads.build();
  }

  /**
   * Writes the commits one call at a time through this store's {@link #commit}, as {@link
   * LeadStore#commitAll}'s default does.
   *
   * @param commits what to write, each for a different lead
   * @return for each commit, at the same index, whether it was written
   * @throws IllegalArgumentException if two commits are for the same lead
   */
  protected final boolean[] standardCommitAll(List<Commit> commits) {
    requireNonNull(commits, "commits");
    Set<LeadKey> keys = new HashSet<>();
    for (Commit c : commits) {
      checkArgument(keys.add(c.key()), "lead '%s' has more than one commit in the batch", c.key());
    }
    boolean[] written = new boolean[commits.size()];
    for (int i = 0; i < written.length; i++) {
      written[i] = commit(commits.get(i));
    }
    return written;
  }

  /**
   * Settles the deliveries one call at a time through this store's {@link #delivered}, as {@link
   * LeadStore#deliveredAll}'s default does.
   *
   * @param keys the delivered entries' keys
   * @return how many of them were still in the outbox
   */
  protected final int standardDeliveredAll(Collection<EffectKey> keys) {
    requireNonNull(keys, "keys");
    int removed = 0;
    for (EffectKey key : keys) {
      if (delivered(key)) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Returns the delegate's description.
   *
   * @return what {@link #delegate()}'s {@code toString} returns
   */
  @Override
  public String toString() {
    return delegate().toString();
  }
}
