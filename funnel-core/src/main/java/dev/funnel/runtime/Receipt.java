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
 * What the runtime did with one call: the status, the lead as stored afterwards, and every step it
 * stored, timers that fell due first included. Immutable and thread-safe.
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

  private final LeadKey key;
  private final Status status;
  private final @Nullable Lead lead;
  private final Outcome.@Nullable Refusal refusal;
  private final ImmutableList<Step> steps;

  Receipt(
      LeadKey key,
      Status status,
      @Nullable Lead lead,
      Outcome.@Nullable Refusal refusal,
      ImmutableList<Step> steps) {
    this.key = requireNonNull(key, "key");
    this.status = requireNonNull(status, "status");
    this.lead = lead;
    this.refusal = refusal;
    this.steps = requireNonNull(steps, "steps");
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
        .toString();
  }
}
