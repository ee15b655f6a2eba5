package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;

/**
 * One problem found in a funnel definition: a stable code, the ids involved, what is wrong and how
 * to fix it. Errors stop a funnel from being built; warnings do not. Immutable and thread-safe.
 *
 * @param code what kind of problem it is
 * @param ids the ids of the stages, transitions, timers or offers involved
 * @param message what is wrong
 * @param hint how to fix it
 */
public record Problem(Code code, ImmutableList<String> ids, String message, String hint) {

  /** The kinds of problem, each an error or a warning. */
  public enum Code {
    /** Two stages, offers or timers share an id. */
    DUPLICATE_ID(false),
    /** A transition or timer names a stage the funnel does not have. */
    UNKNOWN_STAGE(false),
    /** A guard or action names an offer the funnel does not have. */
    UNKNOWN_OFFER(false),
    /** No stage is marked as an entry. */
    NO_ENTRY_STAGE(false),
    /** An entry stage is terminal. */
    TERMINAL_ENTRY(false),
    /** No sequence of transitions leads from an entry stage to this stage. */
    UNREACHABLE_STAGE(false),
    /** A non-terminal stage has neither a transition to another stage nor a timer. */
    NO_WAY_OUT(false),
    /** A transition names a terminal stage as its source. */
    TRANSITION_FROM_TERMINAL(false),
    /** Two unguarded transitions with the same source, event and priority. */
    AMBIGUOUS_TRANSITIONS(false),
    /** A timer is declared on a terminal stage. */
    TIMER_ON_TERMINAL(false),
    /** A transition names no source stage. */
    MISSING_SOURCE(false),
    /** A timer lacks its stage or its event. */
    INCOMPLETE_TIMER(false),
    /** A built-in action lacks a parameter it needs. */
    INVALID_ACTION(false),
    /** An offer breaks a rule of the offer ladder. */
    INVALID_OFFER(false),
    /** A frequency cap is declared twice. */
    INVALID_CONTACT_POLICY(false),
    /** An experiment's id is not unique, or it has too few arms or arms of the same name. */
    INVALID_EXPERIMENT(false),
    /** A goal lacks its stage, or both its event and its condition. */
    INVALID_GOAL(false),
    /** An exit lacks its stage or its event and condition, or its stage is not terminal. */
    INVALID_EXIT(false),
    /** The scoring has thresholds but no rule that gives points. */
    INVALID_SCORING(false),
    /** A wait lacks what it waits for, or names the same event twice. */
    INVALID_WAIT(false),
    /**
     * Warning: a timer fires an event that no transition takes in the timer's stage, or a score
     * threshold fires one that no transition, goal or exit takes.
     */
    UNHANDLED_EVENT(true),
    /** Warning: an earlier unguarded transition always wins, so this one never fires. */
    SHADOWED_TRANSITION(true);

    private final boolean warning;

    Code(boolean warning) {
      this.warning = warning;
    }

    /**
     * Returns whether problems of this kind are warnings rather than errors.
     *
     * @return whether problems of this kind are warnings rather than errors
     */
    public boolean isWarning() {
      return warning;
    }
  }

  /**
   * Creates a problem.
   *
   * @param code what kind of problem it is
   * @param ids the ids of the stages, transitions, timers or offers involved
   * @param message what is wrong
   * @param hint how to fix it
   */
  public Problem {
    requireNonNull(code, "code");
    ids = ImmutableList.copyOf(ids);
    requireNonNull(message, "message");
    requireNonNull(hint, "hint");
  }

  /**
   * Returns the problem as one line: code, message and hint.
   *
   * @return the problem as one line: code, message and hint
   */
  @Override
  public String toString() {
    return code + ": " + message + "; " + hint;
  }
}
