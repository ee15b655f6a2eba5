package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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
 * due index is a skip list ordered by (due, funnel, lead). Thread-safe.
 */
public final class InMemoryLeadStore implements LeadStore {
  private final ConcurrentHashMap<LeadKey, Stored> leads = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();
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

  /** A lead as stored, with whether it counts towards its owner's load. */
  private static final class Stored {
    final Lead lead;
    final boolean active;

    Stored(Lead lead, boolean active) {
      this.lead = lead;
      this.active = active;
    }
  }

  /** One outbox entry and its claim; the claim is guarded by the slot's monitor. */
  private static final class Slot {
    final long seq;
    final OutboxEntry entry;
    Instant leaseUntil;
    boolean settled;

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
          Optional<Due> before = old == null ? Optional.empty() : Due.of(old.lead);
          Optional<Due> after = Due.of(next);
          if (!before.equals(after)) {
            after.ifPresent(due::add);
            before.ifPresent(due::remove);
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
          written[0] = true;
          return new Stored(next, commit.active());
        });
    return written[0];
  }

  private AtomicInteger ownerLoad(String owner) {
    return activeByOwner.computeIfAbsent(owner, o -> new AtomicInteger());
  }

  @Override
  public Optional<Due> firstDue() {
    Iterator<Due> it = due.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  @Override
  public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    checkArgument(limit > 0, "limit must be positive");
    List<Slot> bySequence = new ArrayList<>(slots.values());
    bySequence.sort(Comparator.comparingLong(slot -> slot.seq));
    List<OutboxEntry> claimed = new ArrayList<>();
    for (Slot slot : bySequence) {
      if (claimed.size() >= limit) {
        break;
      }
      synchronized (slot) {
        if (!slot.settled && !slot.leaseUntil.isAfter(now)) {
          slot.leaseUntil = leaseUntil;
          claimed.add(slot.entry);
        }
      }
    }
    return ImmutableList.copyOf(claimed);
  }

  @Override
  @CanIgnoreReturnValue
  public boolean delivered(EffectKey key) {
    Slot slot = settle(key);
    if (slot == null) {
      return false;
    }
    slots.remove(key, slot);
    return true;
  }

  @Override
  @CanIgnoreReturnValue
  public boolean park(EffectKey key) {
    Slot slot = settle(key);
    if (slot == null) {
      return false;
    }
    parked.put(slot.seq, slot);
    return true;
  }

  /** Marks a pending slot settled; null if not pending. */
  private @Nullable Slot settle(EffectKey key) {
    Slot slot = slots.get(requireNonNull(key, "key"));
    if (slot == null) {
      return null;
    }
    synchronized (slot) {
      if (slot.settled) {
        return null;
      }
      slot.settled = true;
    }
    return slot;
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
