package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime did with one call: the status, the lead as stored afterwards, every step it
 * stored (timers that fell due first included), and what the work it carried out itself came to:
 * the leads hand-offs entered and the owners pools picked. Immutable and thread-safe.
 */
public final class Receipt {

  /** What came of the call. */
  public enum Status {
    /** The lead entered the funnel. */
    ENTERED,
    /** The lead was already in the funnel; nothing changed. */
    PRESENT,
    /** The event was accepted and the lead moved to another stage. */
    MOVED,
    /** The event was accepted and the lead stayed in its stage. */
    STAYED,
    /** The event was refused; see {@link Receipt#refusal()}. */
    REFUSED,
    /** The store holds no such lead; nothing changed. */
    NO_LEAD
  }

  /**
   * A hand-off the runtime carried out during the call: the lead it entered in the target funnel,
   * or found already there. Immutable and thread-safe.
   *
   * @param effect the key of the hand-off effect
   * @param lead the lead in the target funnel
   * @param status {@link Status#ENTERED}, or {@link Status#PRESENT} if it was already there
   */
  public record HandOff(EffectKey effect, LeadKey lead, Status status) {
    /**
     * Creates a hand-off record.
     *
     * @param effect the key of the hand-off effect
     * @param lead the lead in the target funnel
     * @param status {@link Status#ENTERED}, or {@link Status#PRESENT} if it was already there
     */
    public HandOff {
      requireNonNull(effect, "effect");
      requireNonNull(lead, "lead");
      requireNonNull(status, "status");
    }
  }

  /**
   * An owner the runtime picked from a pool during the call, and recorded as a step of its own.
   * Immutable and thread-safe.
   *
   * @param effect the key of the assignment effect
   * @param pool the pool's id
   * @param owner the id of the owner picked
   */
  public record Assignment(EffectKey effect, String pool, String owner) {
    /**
     * Creates an assignment record.
     *
     * @param effect the key of the assignment effect
     * @param pool the pool's id
     * @param owner the id of the owner picked
     */
    public Assignment {
      requireNonNull(effect, "effect");
      requireNonNull(pool, "pool");
      requireNonNull(owner, "owner");
    }
  }

  private final LeadKey key;
  private final Status status;
  private final @Nullable Lead lead;
  private final Outcome.@Nullable Refusal refusal;
  private final ImmutableList<Step> steps;
  private final ImmutableList<HandOff> handOffs;
  private final ImmutableList<Assignment> assignments;

  Receipt(
      LeadKey key,
      Status status,
      @Nullable Lead lead,
      Outcome.@Nullable Refusal refusal,
      ImmutableList<Step> steps) {
    this(key, status, lead, refusal, steps, ImmutableList.of(), ImmutableList.of());
  }

  Receipt(
      LeadKey key,
      Status status,
      @Nullable Lead lead,
      Outcome.@Nullable Refusal refusal,
      ImmutableList<Step> steps,
      Call call) {
    this(key, status, lead, refusal, steps, call.handOffs(), call.assignments());
  }

  private Receipt(
      LeadKey key,
      Status status,
      @Nullable Lead lead,
      Outcome.@Nullable Refusal refusal,
      ImmutableList<Step> steps,
      ImmutableList<HandOff> handOffs,
      ImmutableList<Assignment> assignments) {
    this.key = requireNonNull(key, "key");
    this.status = requireNonNull(status, "status");
    this.lead = lead;
    this.refusal = refusal;
    this.steps = requireNonNull(steps, "steps");
    this.handOffs = handOffs;
    this.assignments = assignments;
  }

  /**
   * Returns the lead the call was about.
   *
   * @return the lead the call was about
   */
  public LeadKey key() {
    return key;
  }

  /**
   * Returns what came of the call.
   *
   * @return what came of the call
   */
  public Status status() {
    return status;
  }

  /**
   * Returns the lead as stored after the call, or empty for {@link Status#NO_LEAD}.
   *
   * @return the lead as stored after the call, or empty for {@link Status#NO_LEAD}
   */
  public Optional<Lead> lead() {
    return Optional.ofNullable(lead);
  }

  /**
   * Returns why the event was refused, if it was.
   *
   * @return why the event was refused, if it was
   */
  public Optional<Outcome.Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * Returns whether the event was accepted or the lead entered.
   *
   * @return whether the event was accepted or the lead entered
   */
  public boolean isAccepted() {
    return status == Status.ENTERED || status == Status.MOVED || status == Status.STAYED;
  }

  /**
   * Returns the steps stored by the call, oldest first: timers that fell due before the event, then
   * the event's own step if it was accepted.
   *
   * @return the steps stored by the call, oldest first
   */
  public ImmutableList<Step> steps() {
    return steps;
  }

  /**
   * Returns the hand-offs the runtime carried out during the call, in order: which lead each
   * entered (or found) in its target funnel. Work a later attempt carries out, from {@link
   * FunnelRuntime#tick()}, is in no receipt; listeners hear of its steps.
   *
   * @return the hand-offs carried out during the call
   */
  public ImmutableList<HandOff> handOffs() {
    return handOffs;
  }

  /**
   * Returns the owners the runtime picked from pools during the call, in order.
   *
   * @return the pool assignments carried out during the call
   */
  public ImmutableList<Assignment> assignments() {
    return assignments;
  }

  /**
   * Returns ids, status and refusal only.
   *
   * @return ids, status and refusal only
   */
  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Receipt")
        .omitNullValues()
        .add("lead", key)
        .add("status", status)
        .add("refusal", refusal)
        .add("stage", lead == null ? null : lead.stage())
        .add("steps", steps.size())
        .add("handOffs", handOffs.isEmpty() ? null : handOffs.size())
        .add("assignments", assignments.isEmpty() ? null : assignments.size())
        .toString();
  }
}
