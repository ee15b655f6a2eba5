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
    /**
     * The event names an offer the funnel does not declare. Such events were accepted before this
     * refusal existed; they are refused now so that no purchase or decline enters a lead that the
     * funnel's figures cannot attribute to an offer. Declare the offer with {@link
     * FunnelBuilder#offer}.
     */
    UNKNOWN_OFFER,
    /**
     * The event's amount is in a currency the funnel does not state (see {@link
     * Funnel#currencies()}); a funnel that states none takes every currency.
     */
    FOREIGN_CURRENCY,
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

  /**
   * Returns the outcome of moving a lead onto another version of its funnel, for a migration (which
   * lives in a package of its own): one accepted step from {@code before} to {@code after} recorded
   * under {@code event}, with the timers the migration scheduled and cancelled.
   *
   * @param before the lead on the old version
   * @param after the lead on the new version, one version on
   * @param event the event the step is recorded under
   * @param effects the timers cancelled and scheduled, in order
   * @return the outcome: {@link Status#MOVED} if the lead's stage changed, otherwise {@link
   *     Status#STAYED}
   * @throws IllegalArgumentException if {@code after} is another lead or not one version on
   */
  public static Outcome migrated(
      Lead before, Lead after, Event event, ImmutableList<Effect> effects) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    requireNonNull(event, "event");
    requireNonNull(effects, "effects");
    if (!after.id().equals(before.id()) || after.version() != before.version() + 1) {
      throw new IllegalArgumentException(
          "a migrated lead must be lead '" + before.id() + "' one version on");
    }
    Status status = before.stage().equals(after.stage()) ? Status.STAYED : Status.MOVED;
    return new Outcome(status, null, after, before, event, ImmutableList.copyOf(effects), null);
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
