package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LeadStore} in memory, for tests, simulations and single-process services that can afford
 * to lose their state on restart. Each lead's compare-and-set runs under that lead's lock only
 * ({@link ConcurrentHashMap#compute}), so writes to different leads do not wait for each other. The
 * due index holds its entries, ordered by (due, funnel, lead), in buckets by the second they fall
 * due in ({@code DueIndex}), so firing a timer touches the earliest bucket and one about as far
 * ahead as the timer's delay rather than searching one ordered set of every lead. Accepted event
 * ids are kept in a map with queues in commit time order ({@code AcceptedIds}), so {@link
 * #purgeAcceptedBefore} costs what it forgets and memory stays bounded by what the runtime's
 * retention keeps. The leads of each funnel version are kept in a skip list by lead id, written
 * only when a lead enters or changes version, so {@link #pinnedTo} costs what it returns and {@link
 * #countPinnedTo} one lookup. Thread-safe.
 */
public final class InMemoryLeadStore implements LeadStore {
  private final ConcurrentHashMap<LeadKey, Stored> leads = new ConcurrentHashMap<>();
  private final DueIndex due = new DueIndex();
  private final ConcurrentHashMap<String, AtomicInteger> activeByOwner = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  // The outbox: every entry not yet delivered, pending or parked, by effect key. Unordered: most
  // entries are delivered right after their commit, and a map ordered by (or hashed on) the shared
  // sequence made every commit and delivery of every thread write the same few cache lines.
  // Claiming, which is rare, sorts by sequence. It holds few entries at a time and starts with
  // room for 1,024 (2,048 bins), so that the entries of concurrent commits rarely share a cache
  // line of the table, as they would in 16.
  private final ConcurrentHashMap<EffectKey, Slot> slots = new ConcurrentHashMap<>(1024);
  private final ConcurrentSkipListMap<Long, Slot> parked = new ConcurrentSkipListMap<>();
  private final AcceptedIds accepted = new AcceptedIds();
  // The leads of each funnel version by lead id, and how many there are: written only when a lead
  // is inserted or changes version, so an ordinary commit pays nothing for them.
  private final ConcurrentHashMap<Pin, ConcurrentSkipListSet<String>> pinned =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Pin, AtomicLong> pinnedCounts = new ConcurrentHashMap<>();

  /** A funnel version that leads are pinned to. */
  private record Pin(String funnelId, int version) {
    static Pin of(Lead lead) {
      return new Pin(lead.funnelId(), lead.funnelVersion());
    }
  }

  /** A lead as stored, with whether it counts towards its owner's load. */
  private static final class Stored {
    final Lead lead;
    final boolean active;

    Stored(Lead lead, boolean active) {
      this.lead = lead;
      this.active = active;
    }
  }

  /** Where an outbox entry stands. */
  private enum State {
    PENDING,
    PARKED,
    DONE
  }

  /**
   * One outbox entry, its claim and its state; all three are guarded by the slot's monitor. A slot
   * leaves {@code slots} only once it is {@link State#DONE}.
   */
  private static final class Slot {
    final long seq;
    OutboxEntry entry;
    Instant leaseUntil;
    State state = State.PENDING;

    Slot(long seq, OutboxEntry entry, Instant leaseUntil) {
      this.seq = seq;
      this.entry = entry;
      this.leaseUntil = leaseUntil;
    }
  }

  /** Creates an empty store. */
  public InMemoryLeadStore() {}

  @Override
  public Optional<Lead> load(LeadKey key) {
    Stored s = leads.get(requireNonNull(key, "key"));
    return s == null ? Optional.empty() : Optional.of(s.lead);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean commit(Commit commit) {
    requireNonNull(commit, "commit");
    boolean[] written = {false};
    leads.compute(
        commit.key(),
        (k, old) -> {
          long current = old == null ? ABSENT : old.lead.version();
          if (current != commit.expectedVersion()) {
            return old;
          }
          Lead next = commit.lead();
          for (OutboxEntry e : commit.outbox()) {
            Slot slot = new Slot(sequence.incrementAndGet(), e, commit.leaseUntil());
            slots.putIfAbsent(e.key(), slot);
          }
          // Add the new index entry before removing the old one, so a reader never finds the lead
          // missing from the index while it has a timer due.
          // The earliest due times are compared before any index entry is made: most commits
          // leave them as they were (TimerBenchmark, RuntimeBenchmark; -prof gc).
          Instant before = old == null ? null : firstDue(old.lead);
          Instant after = firstDue(next);
          if (!Objects.equals(before, after)) {
            if (after != null) {
              due.add(new Due(after, k));
            }
            if (before != null) {
              due.remove(new Due(before, k));
            }
          }
          if (old == null || old.lead.funnelVersion() != next.funnelVersion()) {
            // Listed under the new version before leaving the old one, so a walk of the leads
            // pinned to a version never misses a lead that is moving to it.
            repin(next, old == null ? null : old.lead);
          }
          String oldOwner = old != null && old.active ? old.lead.owner().orElse(null) : null;
          String newOwner = commit.active() ? next.owner().orElse(null) : null;
          if (!Objects.equals(oldOwner, newOwner)) {
            if (oldOwner != null) {
              ownerLoad(oldOwner).decrementAndGet();
            }
            if (newOwner != null) {
              ownerLoad(newOwner).incrementAndGet();
            }
          }
          for (String eventId : commit.eventIds()) {
            accepted.add(k, eventId, commit.committedAt());
          }
          written[0] = true;
          return new Stored(next, commit.active());
        });
    return written[0];
  }

  private static @Nullable Instant firstDue(Lead lead) {
    return lead.timers().isEmpty() ? null : lead.timers().get(0).due();
  }

  private void repin(Lead next, @Nullable Lead old) {
    Pin to = Pin.of(next);
    pinned.computeIfAbsent(to, p -> new ConcurrentSkipListSet<>()).add(next.id());
    pinnedCounts.computeIfAbsent(to, p -> new AtomicLong()).incrementAndGet();
    if (old != null) {
      Pin from = Pin.of(old);
      requireNonNull(pinned.get(from)).remove(old.id());
      requireNonNull(pinnedCounts.get(from)).decrementAndGet();
    }
  }

  @Override
  public ImmutableList<LeadKey> pinnedTo(
      String funnelId, int funnelVersion, String afterLeadId, int limit) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(afterLeadId, "afterLeadId");
    checkArgument(funnelVersion > 0, "funnel version must be positive");
    checkArgument(limit > 0, "limit must be positive");
    ConcurrentSkipListSet<String> ids = pinned.get(new Pin(funnelId, funnelVersion));
    if (ids == null) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<LeadKey> out = ImmutableList.builderWithExpectedSize(Math.min(limit, 64));
    int n = 0;
    for (String id : ids.tailSet(afterLeadId, false)) {
      if (n++ == limit) {
        break;
      }
      out.add(new LeadKey(funnelId, id));
    }
    return out.build();
  }

  @Override
  public long countPinnedTo(String funnelId, int funnelVersion) {
    requireNonNull(funnelId, "funnelId");
    checkArgument(funnelVersion > 0, "funnel version must be positive");
    AtomicLong n = pinnedCounts.get(new Pin(funnelId, funnelVersion));
    return n == null ? 0 : n.get();
  }

  private AtomicInteger ownerLoad(String owner) {
    return activeByOwner.computeIfAbsent(owner, o -> new AtomicInteger());
  }

  @Override
  public Optional<Due> firstDue() {
    return due.first();
  }

  @Override
  public ImmutableList<Due> dueBy(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList.Builder<Due> out = ImmutableList.builderWithExpectedSize(Math.min(limit, 64));
    int[] n = {0};
    due.walk(
        now,
        d -> {
          out.add(d);
          return ++n[0] < limit;
        });
    return out.build();
  }

  @Override
  public ImmutableList<Lead> loadDue(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList.Builder<Lead> out = ImmutableList.builderWithExpectedSize(Math.min(limit, 64));
    int[] n = {0};
    due.walk(
        now,
        d -> {
          Stored s = leads.get(d.key());
          // A commit adds a lead's new index entry before it removes the old one, so for a moment
          // a lead can have two; only the one of its earliest timer is the lead's.
          if (s != null && isEarliest(d, s.lead)) {
            out.add(s.lead);
            n[0]++;
          }
          return n[0] < limit;
        });
    return out.build();
  }

  private static boolean isEarliest(Due d, Lead lead) {
    return !lead.timers().isEmpty() && lead.timers().get(0).due().equals(d.due());
  }

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    checkArgument(limit > 0, "limit must be positive");
    List<OutboxEntry> claimed = new ArrayList<>();
    for (Slot slot : bySequence()) {
      if (claimed.size() >= limit) {
        break;
      }
      synchronized (slot) {
        if (slot.state == State.PENDING
            && !slot.leaseUntil.isAfter(now)
            && !slot.entry.nextAttempt().isAfter(now)) {
          slot.leaseUntil = leaseUntil;
          claimed.add(slot.entry);
        }
      }
    }
    return ImmutableList.copyOf(claimed);
  }

  /** Returns the outbox's slots oldest first; claims and listings are rare, so sorting is fine. */
  private List<Slot> bySequence() {
    List<Slot> bySequence = new ArrayList<>(slots.values());
    bySequence.sort(Comparator.comparingLong(slot -> slot.seq));
    return bySequence;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean delivered(EffectKey key) {
    Slot slot = move(key, State.PENDING, State.DONE);
    if (slot == null) {
      return false;
    }
    slots.remove(key, slot);
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean retryAt(EffectKey key, Instant nextAttempt) {
    requireNonNull(nextAttempt, "nextAttempt");
    Slot slot = slots.get(requireNonNull(key, "key"));
    if (slot == null) {
      return false;
    }
    synchronized (slot) {
      if (slot.state != State.PENDING) {
        return false;
      }
      slot.entry = slot.entry.failedOnce(nextAttempt);
      slot.leaseUntil = Instant.MIN;
    }
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean park(EffectKey key) {
    Slot slot = move(key, State.PENDING, State.PARKED);
    if (slot == null) {
      return false;
    }
    parked.put(slot.seq, slot);
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean requeue(EffectKey key, Instant now) {
    requireNonNull(now, "now");
    Slot slot = slots.get(requireNonNull(key, "key"));
    if (slot == null) {
      return false;
    }
    synchronized (slot) {
      if (slot.state != State.PARKED) {
        return false;
      }
      slot.state = State.PENDING;
      slot.entry = slot.entry.requeued(now);
      slot.leaseUntil = Instant.MIN;
    }
    parked.remove(slot.seq, slot);
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean discard(EffectKey key) {
    Slot slot = move(key, State.PARKED, State.DONE);
    if (slot == null) {
      return false;
    }
    parked.remove(slot.seq, slot);
    slots.remove(key, slot);
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public int erase(String leadId) {
    requireNonNull(leadId, "leadId");
    int dropped = 0;
    for (Slot slot : slots.values()) {
      if (!slot.entry.key().leadId().equals(leadId)) {
        continue;
      }
      synchronized (slot) {
        if (slot.state == State.DONE) {
          continue;
        }
        slot.state = State.DONE;
      }
      parked.remove(slot.seq, slot);
      slots.remove(slot.entry.key(), slot);
      dropped++;
    }
    return dropped;
  }

  /** Moves a slot from one state to another; null if it is not in the first. */
  private @Nullable Slot move(EffectKey key, State from, State to) {
    Slot slot = slots.get(requireNonNull(key, "key"));
    if (slot == null) {
      return null;
    }
    synchronized (slot) {
      if (slot.state != from) {
        return null;
      }
      slot.state = to;
    }
    return slot;
  }

  @Override
  public ImmutableList<OutboxEntry> pending(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList.Builder<OutboxEntry> out = ImmutableList.builder();
    int n = 0;
    for (Slot slot : bySequence()) {
      if (n == limit) {
        break;
      }
      synchronized (slot) {
        if (slot.state == State.PENDING) {
          out.add(slot.entry);
          n++;
        }
      }
    }
    return out.build();
  }

  @Override
  public boolean isAccepted(LeadKey key, String eventId) {
    return accepted.contains(requireNonNull(key, "key"), requireNonNull(eventId, "eventId"));
  }

  @Override
  @CanIgnoreReturnValue
  public int purgeAcceptedBefore(Instant cutoff) {
    return accepted.forgetBefore(requireNonNull(cutoff, "cutoff"));
  }

  @Override
  public ImmutableList<OutboxEntry> parked(int limit) {
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList.Builder<OutboxEntry> out = ImmutableList.builder();
    int n = 0;
    for (Slot slot : parked.values()) {
      if (n++ >= limit) {
        break;
      }
      out.add(slot.entry);
    }
    return out.build();
  }

  @Override
  public int activeLeadsOwnedBy(String owner) {
    AtomicInteger n = activeByOwner.get(requireNonNull(owner, "owner"));
    return n == null ? 0 : n.get();
  }

  /**
   * Returns how many leads the store holds.
   *
   * @return the number of leads
   */
  public int size() {
    return leads.size();
  }

  /**
   * Returns how many outbox entries are neither delivered nor parked; while other threads settle
   * entries, a count that may include one being parked.
   *
   * @return the number of pending entries
   */
  public int pendingCount() {
    return slots.size() - parked.size();
  }

  /**
   * Returns how many accepted event ids the store remembers.
   *
   * @return the number of remembered event ids
   */
  public int acceptedCount() {
    return accepted.size();
  }

  /**
   * Returns how many leads have an entry in the due index.
   *
   * @return the number of leads with a pending timer
   */
  public int dueCount() {
    return due.size();
  }

  @Override
  public String toString() {
    return "InMemoryLeadStore{leads="
        + leads.size()
        + ", due="
        + due.size()
        + ", pending="
        + pendingCount()
        + ", parked="
        + parked.size()
        + "}";
  }
}
