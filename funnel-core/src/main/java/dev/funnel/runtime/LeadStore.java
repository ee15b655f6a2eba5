package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

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
 *       it; {@link #commit} writes entries already claimed by the committing runtime until the
 *       commit's lease ends.
 * </ul>
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
   * Claims up to {@code limit} outbox entries that are neither delivered, parked, nor under a claim
   * that lasts beyond {@code now}, oldest first, and holds them until {@code leaseUntil}.
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
   * Parks an entry whose delivery kept failing: it is no longer claimed but stays visible through
   * {@link #parked}.
   *
   * @param key the entry's key
   * @return whether the entry was pending
   */
  @CanIgnoreReturnValue
  boolean park(EffectKey key);

  /**
   * Returns parked entries, oldest first.
   *
   * @param limit the most entries to return; positive
   * @return the parked entries
   */
  ImmutableList<OutboxEntry> parked(int limit);

  /**
   * Returns how many leads the owner currently has that are active (in a stage that is not
   * terminal), across all funnels. Least-loaded assignment reads this.
   *
   * @param owner the owner's id
   * @return the number of active leads the owner has
   */
  int activeLeadsOwnedBy(String owner);

  /**
   * One compare-and-set write: the lead, whether it is active, and the outbox entries its change
   * produced, claimed by the writer until {@code leaseUntil}. Immutable and thread-safe.
   *
   * @param expectedVersion the version the stored lead must have, or {@link #ABSENT} to insert
   * @param lead the lead to write
   * @param active whether the lead is in a stage that is not terminal
   * @param outbox the effects to record, in order
   * @param leaseUntil until when the writer holds the outbox entries for its own delivery
   */
  record Commit(
      long expectedVersion,
      Lead lead,
      boolean active,
      ImmutableList<OutboxEntry> outbox,
      Instant leaseUntil) {

    /**
     * Creates a commit.
     *
     * @param expectedVersion the version the stored lead must have, or {@link #ABSENT} to insert
     * @param lead the lead to write
     * @param active whether the lead is in a stage that is not terminal
     * @param outbox the effects to record, in order
     * @param leaseUntil until when the writer holds the outbox entries for its own delivery
     * @throws IllegalArgumentException if the expected version is below {@link #ABSENT} or an
     *     outbox entry belongs to another lead
     */
    public Commit {
      requireNonNull(lead, "lead");
      outbox = ImmutableList.copyOf(outbox);
      requireNonNull(leaseUntil, "leaseUntil");
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
    private static final Comparator<Due> ORDER =
        Comparator.comparing(Due::due)
            .thenComparing(d -> d.key().funnelId())
            .thenComparing(d -> d.key().leadId());

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

    @Override
    public int compareTo(Due other) {
      return ORDER.compare(this, other);
    }
  }
}
