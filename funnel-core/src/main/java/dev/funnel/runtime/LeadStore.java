package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the runtime keeps leads, the index of their due timers, and the outbox of effects not yet
 * delivered. {@link InMemoryLeadStore} is the reference implementation; a JDBC adapter maps it onto
 * a table of leads with a version column and an outbox table, a Kafka Streams adapter onto keyed
 * state stores.
 *
 * <p>What an implementation must guarantee:
 *
 * <ul>
 *   <li>{@link #commit} is one atomic compare-and-set on the lead's {@linkplain Lead#version()
 *       version}: the lead, its entry in the due index, the owner's load and the outbox entries are
 *       written together or not at all.
 *   <li>The due index holds, for every lead with pending timers, the due time of its earliest timer
 *       ({@code lead.timers().get(0).due()}), so {@link #firstDue} costs work proportional to what
 *       is due, not to the number of leads.
 *   <li>An outbox entry is handed out by {@link #claimPending} only while no unexpired claim holds
 *       it and its {@linkplain OutboxEntry#nextAttempt() next attempt time} has come; {@link
 *       #commit} writes entries already claimed by the committing runtime until the commit's lease
 *       ends. A failed attempt ({@link #retryAt}) releases the claim and records the attempt; a
 *       parked entry is claimed no more until it is {@linkplain #requeue requeued}.
 *   <li>The ids of the events a commit accepted ({@link Commit#eventIds()}) are remembered with the
 *       commit's time until {@link #purgeAcceptedBefore} forgets them, so {@link #isAccepted}
 *       recognises an event re-delivered at any time within the runtime's retention, however many
 *       other events the lead accepted since.
 *   <li>{@link #pinnedTo} and {@link #countPinnedTo} follow every commit: a lead is listed under
 *       the funnel version it was last committed with, and under no other.
 * </ul>
 *
 * <p><b>Batches.</b> The runtime's tick works in batches: it reads the due leads with {@link
 * #loadDue}, writes their changes with {@link #commitAll} and settles the delivered effects with
 * {@link #deliveredAll}; {@link FunnelRuntime#handleAll} loads a batch of events' leads with {@link
 * #loadAllToChange} (and {@link #loadAll} where it must read them as stored) and writes them with
 * {@link #commitAll} too. Each has a default made of the single-lead methods, so a store works
 * without them; a store where each call is a round trip (a database) overrides them to make each
 * batch one round trip. A batch changes nothing in the guarantees above: every commit of a batch is
 * still its own compare-and-set.
 *
 * <p>Implementations must be thread-safe.
 */
public interface LeadStore {

  /** The expected version that makes {@link #commit} insert a lead that must not exist yet. */
  long ABSENT = -1;

  /**
   * Returns a lead.
   *
   * @param key the lead's funnel and id
   * @return the lead as last committed, or empty if the store has none under that key
   */
  Optional<Lead> load(LeadKey key);

  /**
   * Returns several leads, each as {@link #load} returns it: the leads of a batch of events ({@link
   * FunnelRuntime#handleAll}) that the runtime does not have in hand, which a database reads in one
   * query. A key the store has no lead under is left out; a key given twice is read once.
   *
   * <p>The default calls {@link #load} for each.
   *
   * @param keys the leads' funnels and ids
   * @return the leads found, by key
   */
  default ImmutableMap<LeadKey, Lead> loadAll(Collection<LeadKey> keys) {
    requireNonNull(keys, "keys");
    Map<LeadKey, Lead> found = new LinkedHashMap<>();
    for (LeadKey key : keys) {
      if (!found.containsKey(key)) {
        load(key).ifPresent(lead -> found.put(key, lead));
      }
    }
    return ImmutableMap.copyOf(found);
  }

  /**
   * Returns a lead the runtime is about to change and commit with compare-and-set: possibly the
   * lead as this store last wrote or read it, without asking where it is kept, so it may be out of
   * date if another store over the same data changed it since. A stale lead costs nothing but a
   * refused {@link #commit}, after which the runtime {@linkplain #load loads} it afresh; the
   * runtime never acts on a lead from here without a commit that checks its version.
   *
   * <p>The default is {@link #load}.
   *
   * @param key the lead's funnel and id
   * @return the lead as last committed, or as this store last knew it; empty if it knows none
   */
  default Optional<Lead> loadToChange(LeadKey key) {
    return load(requireNonNull(key, "key"));
  }

  /**
   * Returns several leads the runtime is about to change, each as {@link #loadToChange} returns it:
   * possibly as this store last wrote or read it. A database answers the leads it has in hand
   * without asking and reads the others in one query. A key the store knows no lead under is left
   * out; a key given twice is read once.
   *
   * <p>The default calls {@link #loadToChange} for each.
   *
   * @param keys the leads' funnels and ids
   * @return the leads found, by key
   */
  default ImmutableMap<LeadKey, Lead> loadAllToChange(Collection<LeadKey> keys) {
    requireNonNull(keys, "keys");
    Map<LeadKey, Lead> found = new LinkedHashMap<>();
    for (LeadKey key : keys) {
      if (!found.containsKey(key)) {
        loadToChange(key).ifPresent(lead -> found.put(key, lead));
      }
    }
    return ImmutableMap.copyOf(found);
  }

  /**
   * Returns whether the runtime may change leads optimistically over this store, leaving to the
   * commit what it would otherwise ask first: {@link #loadToChange} may answer with a lead out of
   * date, and {@link #commit} and {@link #commitAll} refuse a commit of a stored lead (an expected
   * version other than {@link #ABSENT}) one of whose {@linkplain Commit#eventIds() event ids}
   * {@link #isAccepted} would recognise, in the same atomic step as the compare-and-set, so the
   * refused commit writes nothing. The runtime then changes a lead with one call, the commit, and
   * loads it and asks {@link #isAccepted} afresh only after a refused commit, or where the change
   * would write nothing and so no commit would vouch for what it read.
   *
   * <p>The default is {@code false}: the runtime loads the lead and asks about the event id before
   * it commits.
   *
   * @return whether commits check the event ids as well as the version
   */
  default boolean optimisticChanges() {
    return false;
  }

  /**
   * Returns how many due leads the runtime's tick asks {@link #loadDue} for at a time, and so
   * writes with one {@link #commitAll} and settles with one {@link #deliveredAll}: a database whose
   * batch calls are one round trip and one log flush each spreads them over more timers with a
   * larger batch.
   *
   * <p>The default is 64.
   *
   * @return the most due leads in one batch of the tick; positive
   */
  default int timerBatch() {
    return 64;
  }

  /**
   * Writes a lead if its stored version is still the expected one, with the outbox entries its
   * change produced, claimed until {@link Commit#leaseUntil()}; all or nothing.
   *
   * @param commit what to write
   * @return whether it was written; {@code false} if the stored version differed
   */
  @CanIgnoreReturnValue
  boolean commit(Commit commit);

  /**
   * Returns the earliest entry of the due index: the lead whose next timer falls due first.
   *
   * @return the earliest due time and its lead, or empty if no lead has a pending timer
   */
  Optional<Due> firstDue();

  /**
   * Returns the earliest entries of the due index that fall due at or before {@code now}, in due
   * order, at most {@code limit} of them; the cost follows what is returned, not the number of
   * leads.
   *
   * @param now the latest due time to include
   * @param limit the most entries to return; positive
   * @return the due entries, earliest first
   */
  ImmutableList<Due> dueBy(Instant now, int limit);

  /**
   * Returns the leads whose earliest pending timer falls due at or before {@code now}, in the order
   * of the due index ({@link Due}: due time, then funnel id, then lead id), at most {@code limit}
   * of them: one batch of the runtime's tick, which a database reads in one query. The cost follows
   * what is returned, not the number of leads.
   *
   * <p>Each lead is returned as loaded, and a lead written between reading its index entry and
   * loading it may no longer have a timer due by {@code now}: the runtime works out what is due
   * from each lead's own timers, and skips a lead with nothing due. A lead whose index entry names
   * no stored lead is left out. Several runtimes ticking one store may be handed the same leads;
   * their commits' compare-and-set decides which change stands.
   *
   * <p>The default reads {@link #dueBy} and then {@link #load}s each lead.
   *
   * @param now the latest due time to include
   * @param limit the most leads to return; positive
   * @return the due leads, earliest due first
   * @throws IllegalArgumentException if the limit is not positive
   */
  default ImmutableList<Lead> loadDue(Instant now, int limit) {
    requireNonNull(now, "now");
    checkArgument(limit > 0, "limit must be positive");
    ImmutableList<Due> due = dueBy(now, limit);
    ImmutableList.Builder<Lead> leads = ImmutableList.builderWithExpectedSize(due.size());
    for (Due d : due) {
      load(d.key()).ifPresent(leads::add);
    }
    return leads.build();
  }

  /**
   * Writes several leads, each exactly as {@link #commit} writes one: each commit is its own
   * compare-and-set on its lead's version, and writes its lead, due index entry, owner's load,
   * outbox entries and event ids together or not at all. The commits are independent of each other:
   * a version conflict on one neither undoes nor prevents the others, and the runtime tries a
   * refused one again on its own. So a database may send them all in one round trip (a batch in one
   * transaction, say), as long as a commit whose version differs changes nothing and leaves the
   * others written.
   *
   * <p>The default calls {@link #commit} for each, in order.
   *
   * @param commits what to write, each for a different lead
   * @return for each commit, at the same index, whether it was written
   * @throws IllegalArgumentException if two commits are for the same lead
   */
  @CanIgnoreReturnValue
  default boolean[] commitAll(List<Commit> commits) {
    requireNonNull(commits, "commits");
    checkDistinct(commits);
    boolean[] written = new boolean[commits.size()];
    for (int i = 0; i < written.length; i++) {
      written[i] = commit(commits.get(i));
    }
    return written;
  }

  /**
   * Removes several delivered entries from the outbox, each exactly as {@link #delivered} removes
   * one; a database may do it in one statement.
   *
   * <p>The default calls {@link #delivered} for each.
   *
   * @param keys the delivered entries' keys
   * @return how many of them were still in the outbox
   */
  @CanIgnoreReturnValue
  default int deliveredAll(Collection<EffectKey> keys) {
    requireNonNull(keys, "keys");
    int removed = 0;
    for (EffectKey key : keys) {
      if (delivered(key)) {
        removed++;
      }
    }
    return removed;
  }

  /** Checks that the commits of a batch are for distinct leads, naming the first that is not. */
  private static void checkDistinct(List<Commit> commits) {
    if (commits.size() < 2) {
      return;
    }
    Set<LeadKey> keys = new HashSet<>();
    for (Commit c : commits) {
      LeadKey key = c.key();
      checkArgument(keys.add(key), "lead '%s' has more than one commit in the batch", key);
    }
  }

  /**
   * Returns the keys of the leads of a funnel that are pinned to one of its versions (whose {@link
   * Lead#funnelVersion()} is that version) and whose lead id comes after {@code afterLeadId}, in
   * ascending lead-id order, at most {@code limit} of them: one page of a keyset walk over the
   * leads of a version, which starts from the empty id and goes on from the last id of each page.
   * The cost follows what is returned, not the number of leads. Eager migration reads it in bounded
   * batches.
   *
   * <p>Lead ids are ordered as {@link String#compareTo} orders them, at least for ids of ASCII
   * characters (a database may order other characters by the code points of their UTF-8 bytes). The
   * page is a snapshot: a lead pinned or moved to another version while the walk goes on may be in
   * a later page or not, so the caller checks each lead again when it loads it.
   *
   * @param funnelId the funnel's id
   * @param funnelVersion the version; positive
   * @param afterLeadId the last lead id of the previous page, or the empty string for the first
   *     page
   * @param limit the most keys to return; positive
   * @return the keys, in ascending lead-id order
   * @throws IllegalArgumentException if the version or the limit is not positive
   */
  ImmutableList<LeadKey> pinnedTo(
      String funnelId, int funnelVersion, String afterLeadId, int limit);

  /**
   * Returns how many leads of a funnel are pinned to one of its versions: those that {@link
   * #pinnedTo} walks. Retiring a version asks it; a database answers from an index.
   *
   * @param funnelId the funnel's id
   * @param funnelVersion the version; positive
   * @return the number of leads stored with that funnel id and funnel version
   * @throws IllegalArgumentException if the version is not positive
   */
  long countPinnedTo(String funnelId, int funnelVersion);

  /**
   * Claims up to {@code limit} outbox entries that are neither delivered, parked, nor under a claim
   * that lasts beyond {@code now}, and whose next attempt time is not after {@code now}, oldest
   * first, and holds them until {@code leaseUntil}.
   *
   * @param now the current time
   * @param leaseUntil when the claim lapses if the entries are not settled by then
   * @param limit the most entries to claim; positive
   * @return the claimed entries, oldest first
   */
  ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit);

  /**
   * Removes a delivered entry from the outbox.
   *
   * @param key the entry's key
   * @return whether the entry was still in the outbox
   */
  @CanIgnoreReturnValue
  boolean delivered(EffectKey key);

  /**
   * Records a failed attempt on a pending entry: its attempt count goes up by one, its claim is
   * released, and it is not claimed again before {@code nextAttempt}.
   *
   * @param key the entry's key
   * @param nextAttempt the earliest time of the next attempt
   * @return whether the entry was pending
   */
  @CanIgnoreReturnValue
  boolean retryAt(EffectKey key, Instant nextAttempt);

  /**
   * Parks an entry the runtime gave up on: it is no longer claimed but stays visible through {@link
   * #parked} until it is requeued or discarded.
   *
   * @param key the entry's key
   * @return whether the entry was pending
   */
  @CanIgnoreReturnValue
  boolean park(EffectKey key);

  /**
   * Returns pending entries (neither delivered nor parked, claimed or not), oldest first.
   *
   * @param limit the most entries to return; positive
   * @return the pending entries, with their attempts and next attempt times
   */
  ImmutableList<OutboxEntry> pending(int limit);

  /**
   * Returns parked entries, oldest first.
   *
   * @param limit the most entries to return; positive
   * @return the parked entries
   */
  ImmutableList<OutboxEntry> parked(int limit);

  /**
   * Moves a parked entry back to pending, as new: no failed attempt, claimable from {@code now}.
   *
   * @param key the entry's key
   * @param now when it may be claimed again
   * @return whether the entry was parked
   */
  @CanIgnoreReturnValue
  boolean requeue(EffectKey key, Instant now);

  /**
   * Removes a parked entry for good.
   *
   * @param key the entry's key
   * @return whether the entry was parked
   */
  @CanIgnoreReturnValue
  boolean discard(EffectKey key);

  /**
   * Drops every outbox entry, pending or parked, of the leads with this id in every funnel, so that
   * no message or other effect the person's past steps produced is handed over after they were
   * erased. The snapshots themselves are erased by committing {@link dev.funnel.Funnel#erase}, as
   * {@link FunnelRuntime#erase} does first.
   *
   * @param leadId the erased person's lead id
   * @return how many entries were dropped
   */
  @CanIgnoreReturnValue
  int erase(String leadId);

  /**
   * Returns whether a lead accepted an event with this id in a commit not yet purged.
   *
   * @param key the lead
   * @param eventId the event's id
   * @return whether a commit of that lead accepted the event and is still remembered
   */
  boolean isAccepted(LeadKey key, String eventId);

  /**
   * Forgets the accepted event ids of commits made before {@code cutoff}.
   *
   * @param cutoff the earliest commit time still remembered
   * @return how many event ids were forgotten
   */
  @CanIgnoreReturnValue
  int purgeAcceptedBefore(Instant cutoff);

  /**
   * Returns how many leads the owner currently has that are active (in a stage that is not
   * terminal), across all funnels. Least-loaded assignment reads this.
   *
   * @param owner the owner's id
   * @return the number of active leads the owner has
   */
  int activeLeadsOwnedBy(String owner);

  /**
   * One compare-and-set write: the lead, whether it is active, the outbox entries its change
   * produced, claimed by the writer until {@code leaseUntil}, and the ids of the events the change
   * accepted, remembered from {@code committedAt}. Immutable and thread-safe.
   *
   * @param expectedVersion the version the stored lead must have, or {@link #ABSENT} to insert
   * @param lead the lead to write
   * @param active whether the lead is in a stage that is not terminal
   * @param outbox the effects to record, in order
   * @param leaseUntil until when the writer holds the outbox entries for its own delivery
   * @param eventIds the ids of the events the change accepted
   * @param committedAt when the writer made the change, by its clock; the retention of the event
   *     ids counts from here
   */
  record Commit(
      long expectedVersion,
      Lead lead,
      boolean active,
      ImmutableList<OutboxEntry> outbox,
      Instant leaseUntil,
      ImmutableList<String> eventIds,
      Instant committedAt) {

    /**
     * Creates a commit.
     *
     * @param expectedVersion the version the stored lead must have, or {@link #ABSENT} to insert
     * @param lead the lead to write
     * @param active whether the lead is in a stage that is not terminal
     * @param outbox the effects to record, in order
     * @param leaseUntil until when the writer holds the outbox entries for its own delivery
     * @param eventIds the ids of the events the change accepted
     * @param committedAt when the writer made the change, by its clock
     * @throws IllegalArgumentException if the expected version is below {@link #ABSENT} or an
     *     outbox entry belongs to another lead
     */
    public Commit {
      requireNonNull(lead, "lead");
      outbox = ImmutableList.copyOf(outbox);
      requireNonNull(leaseUntil, "leaseUntil");
      eventIds = ImmutableList.copyOf(eventIds);
      requireNonNull(committedAt, "committedAt");
      checkArgument(expectedVersion >= ABSENT, "expected version is below ABSENT");
      for (OutboxEntry e : outbox) {
        checkArgument(
            e.key().funnelId().equals(lead.funnelId()) && e.key().leadId().equals(lead.id()),
            "outbox entry '%s' does not belong to lead '%s'",
            e.key(),
            lead.id());
      }
    }

    /**
     * Creates a commit that accepts no event id, such as an entry or fired timers. The commit time
     * matters only for the retention of event ids, so {@code leaseUntil} stands in for it.
     *
     * @param expectedVersion the version the stored lead must have, or {@link #ABSENT} to insert
     * @param lead the lead to write
     * @param active whether the lead is in a stage that is not terminal
     * @param outbox the effects to record, in order
     * @param leaseUntil until when the writer holds the outbox entries for its own delivery
     */
    public Commit(
        long expectedVersion,
        Lead lead,
        boolean active,
        ImmutableList<OutboxEntry> outbox,
        Instant leaseUntil) {
      this(expectedVersion, lead, active, outbox, leaseUntil, ImmutableList.of(), leaseUntil);
    }

    /**
     * Returns the key of the lead written.
     *
     * @return the lead's funnel id and id
     */
    public LeadKey key() {
      return LeadKey.of(lead);
    }
  }

  /**
   * An entry of the due index: a lead and when its earliest pending timer falls due. Ordered by due
   * time, then funnel id, then lead id. Immutable and thread-safe.
   *
   * @param due when the lead's earliest timer falls due
   * @param key the lead
   */
  record Due(Instant due, LeadKey key) implements Comparable<Due> {

    /**
     * Creates an entry.
     *
     * @param due when the lead's earliest timer falls due
     * @param key the lead
     */
    public Due {
      requireNonNull(due, "due");
      requireNonNull(key, "key");
    }

    /**
     * Returns the entry of the due index for a lead.
     *
     * @param lead the lead
     * @return its earliest timer's due time, or empty if it has no pending timer
     */
    public static Optional<Due> of(Lead lead) {
      return lead.timers().isEmpty()
          ? Optional.empty()
          : Optional.of(new Due(lead.timers().get(0).due(), LeadKey.of(lead)));
    }

    // Compared field by field rather than by a chain of Comparator lambdas: a due index of a
    // million leads compares some forty times per timer fired (TimerBenchmark, -prof stack).
    @Override
    public int compareTo(Due other) {
      int c = due.compareTo(other.due);
      if (c != 0) {
        return c;
      }
      c = key.funnelId().compareTo(other.key.funnelId());
      return c != 0 ? c : key.leadId().compareTo(other.key.leadId());
    }
  }
}
