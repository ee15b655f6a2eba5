package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What came of entering a lead, firing an event or advancing time: the next snapshot, the effects
 * in order, the journal records of the accepted steps, and a status. A refused event leaves the
 * lead as it was: {@link #lead()} is the very snapshot that was passed in. Immutable and
 * thread-safe.
 */
public final class Outcome {

  /** What happened. */
  public enum Status {
    /** The lead entered the funnel. */
    ENTERED,
    /** The lead moved to another stage. */
    MOVED,
    /** The event was accepted and the lead stayed in its stage. */
    STAYED,
    /** Advancing time found no timer due; nothing changed. */
    IDLE,
    /** The event was refused; nothing changed. See {@link Outcome#refusal()}. */
    REFUSED
  }

  /** Why an event was refused. */
  public enum Refusal {
    /** No transition handles this event type in the lead's stage. */
    NO_TRANSITION,
    /** Transitions handle the event, but none of their guards held. */
    GUARD_REJECTED,
    /** An event with the same id was already applied. */
    DUPLICATE,
    /** The lead is in a terminal stage, which absorbs every event. */
    TERMINAL,
    /** The event is older than the lead's last step. */
    STALE,
    /** A re-entry of a person still inside a funnel whose re-entry policy refuses it. */
    ALREADY_INSIDE,
    /** A re-entry beyond the most entries the funnel's re-entry policy allows. */
    ENTRY_LIMIT,
    /** A re-entry sooner after the last entry than the funnel's re-entry policy allows. */
    TOO_SOON
  }

  private final Status status;
  private final @Nullable Refusal refusal;
  private final Lead lead;
  private final @Nullable Lead before;
  private final @Nullable Event event;
  private final ImmutableList<Effect> effects;
  private final @Nullable ImmutableList<Step> steps;

  private Outcome(
      Status status,
      @Nullable Refusal refusal,
      Lead lead,
      @Nullable Lead before,
      @Nullable Event event,
      ImmutableList<Effect> effects,
      @Nullable ImmutableList<Step> steps) {
    this.status = status;
    this.refusal = refusal;
    this.lead = lead;
    this.before = before;
    this.event = event;
    this.effects = effects;
    this.steps = steps;
  }

  /**
   * Returns the refusal of an event by a lead as it stands, for a runtime that refuses an event
   * before firing it, such as a duplicate its store remembers beyond the lead's recent ids.
   *
   * @param lead the lead, unchanged
   * @param refusal why the event was refused
   * @return the outcome: status {@link Status#REFUSED}, the same lead, no effects and no steps
   */
  public static Outcome refused(Lead lead, Refusal refusal) {
    requireNonNull(lead, "lead");
    return new Outcome(
        Status.REFUSED, requireNonNull(refusal), lead, null, null, ImmutableList.of(), null);
  }

  static Outcome fired(
      Status status, Lead before, Lead after, Event event, ImmutableList<Effect> effects) {
    return new Outcome(status, null, after, before, event, effects, null);
  }

  static Outcome entered(Lead lead, ImmutableList<Effect> effects) {
    return new Outcome(Status.ENTERED, null, lead, null, null, effects, null);
  }

  static Outcome of(
      Status status, Lead lead, ImmutableList<Effect> effects, ImmutableList<Step> steps) {
    return new Outcome(status, null, lead, null, null, effects, steps);
  }

  /**
   * Returns the lead after this outcome: the next snapshot, or the same one if nothing changed.
   *
   * @return the lead after this outcome: the next snapshot, or the same one if nothing changed
   */
  public Lead lead() {
    return lead;
  }

  /**
   * Returns what happened.
   *
   * @return what happened
   */
  public Status status() {
    return status;
  }

  /**
   * Returns why the event was refused, if it was.
   *
   * @return why the event was refused, if it was
   */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * Returns whether the lead changed: it entered, moved or stayed on an accepted event.
   *
   * @return whether the lead changed: it entered, moved or stayed on an accepted event
   */
  public boolean isAccepted() {
    return status != Status.REFUSED && status != Status.IDLE;
  }

  /**
   * Returns whether the event was refused.
   *
   * @return whether the event was refused
   */
  public boolean isRefused() {
    return status == Status.REFUSED;
  }

  /**
   * Returns the effects, in order: for each step the timers cancelled on leaving a stage, then the
   * transition's actions, then the timers scheduled in the new stage.
   *
   * @return the effects, in order
   */
  public ImmutableList<Effect> effects() {
    return effects;
  }

  /**
   * Returns the journal records of the accepted steps, oldest first; empty if none.
   *
   * @return the journal records of the accepted steps, oldest first; empty if none
   */
  public ImmutableList<Step> steps() {
    if (steps != null) {
      return steps;
    }
    if (before != null && event != null) {
      return ImmutableList.of(Step.of(before, lead, event));
    }
    if (status == Status.ENTERED) {
      return ImmutableList.of(Step.entry(lead));
    }
    return ImmutableList.of();
  }

  /**
   * Returns ids and status only.
   *
   * @return ids and status only
   */
  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Outcome")
        .omitNullValues()
        .add("lead", lead.id())
        .add("status", status)
        .add("refusal", refusal)
        .add("stage", lead.stage())
        .add("effects", effects.size())
        .toString();
  }
}
