package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import java.time.Instant;
import java.util.Optional;

/**
 * A store that forwards every abstract method to another, for tests that change one or two of them;
 * the interface's default methods stay the interface's unless a subclass overrides them.
 */
abstract class ForwardingLeadStore implements LeadStore {
  final LeadStore delegate;

  ForwardingLeadStore(LeadStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Lead> load(LeadKey key) {
    return delegate.load(key);
  }

  @Override
  public boolean commit(Commit commit) {
    return delegate.commit(commit);
  }

  @Override
  public Optional<Due> firstDue() {
    return delegate.firstDue();
  }

  @Override
  public ImmutableList<Due> dueBy(Instant now, int limit) {
    return delegate.dueBy(now, limit);
  }

  @Override
  public ImmutableList<LeadKey> pinnedTo(
      String funnelId, int funnelVersion, String afterLeadId, int limit) {
    return delegate.pinnedTo(funnelId, funnelVersion, afterLeadId, limit);
  }

  @Override
  public long countPinnedTo(String funnelId, int funnelVersion) {
    return delegate.countPinnedTo(funnelId, funnelVersion);
  }

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    return delegate.claimPending(now, leaseUntil, limit);
  }

  @Override
  public boolean delivered(EffectKey key) {
    return delegate.delivered(key);
  }

  @Override
  public boolean retryAt(EffectKey key, Instant nextAttempt) {
    return delegate.retryAt(key, nextAttempt);
  }

  @Override
  public boolean park(EffectKey key) {
    return delegate.park(key);
  }

  @Override
  public ImmutableList<OutboxEntry> pending(int limit) {
    return delegate.pending(limit);
  }

  @Override
  public ImmutableList<OutboxEntry> parked(int limit) {
    return delegate.parked(limit);
  }

  @Override
  public boolean requeue(EffectKey key, Instant now) {
    return delegate.requeue(key, now);
  }

  @Override
  public boolean discard(EffectKey key) {
    return delegate.discard(key);
  }

  @Override
  public int erase(String leadId) {
    return delegate.erase(leadId);
  }

  @Override
  public boolean isAccepted(LeadKey key, String eventId) {
    return delegate.isAccepted(key, eventId);
  }

  @Override
  public int purgeAcceptedBefore(Instant cutoff) {
    return delegate.purgeAcceptedBefore(cutoff);
  }

  @Override
  public int activeLeadsOwnedBy(String owner) {
    return delegate.activeLeadsOwnedBy(owner);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + delegate + "}";
  }
}
