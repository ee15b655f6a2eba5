package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.jspecify.annotations.Nullable;

/**
 * A stage of a funnel: where a lead stands. Immutable and thread-safe.
 *
 * <p>A stage's {@linkplain #onEnter on-enter actions} run whenever a lead enters it, by any way in:
 * entering the funnel here, a transition or a timer's transition, a goal's jump, an exit, a wait's
 * branch or its timeout, a re-entry that restarts the journey here, or a migration that moves the
 * lead here from another stage. They run after the actions of the transition that brought the lead
 * in and before the stage's timers are scheduled; a transition that names the stage it leaves
 * re-enters it and runs them again, one that stays does not.
 *
 * @param id the stage's id, unique in its funnel
 * @param kind whether the stage is active or ends the funnel, and how
 * @param entry whether leads may enter the funnel here
 * @param manual whether an owner (a sales manager) works leads in this stage by hand
 * @param reason for a junk stage, the reason code leads ending here are rejected with; otherwise
 *     {@code null}
 * @param converts whether reaching this active stage counts as a conversion, though leads move on
 *     from it ("buyer" before "repeat customer"); a {@code won} stage always counts, so only an
 *     active stage is marked so
 * @param onEnter the actions run whenever a lead enters the stage, in order
 */
public record Stage(
    String id,
    Kind kind,
    boolean entry,
    boolean manual,
    @Nullable String reason,
    boolean converts,
    ImmutableList<Action> onEnter) {

  /** Whether a stage is active or terminal, and for a terminal stage how the funnel ended. */
  public enum Kind {
    /** Leads are still moving. */
    ACTIVE,
    /** Terminal: the lead converted. */
    WON,
    /** Terminal: the lead was lost. */
    LOST,
    /** Terminal: the lead was junk (not the target audience), rejected with a reason. */
    JUNK
  }

  /**
   * Creates a stage.
   *
   * @param id the stage's id, unique in its funnel
   * @param kind whether the stage is active or ends the funnel, and how
   * @param entry whether leads may enter the funnel here
   * @param manual whether an owner (a sales manager) works leads in this stage by hand
   * @param reason for a junk stage, the reason code leads ending here are rejected with; otherwise
   *     {@code null}
   * @param converts whether reaching this active stage counts as a conversion
   * @param onEnter the actions run whenever a lead enters the stage, in order
   * @throws IllegalArgumentException if the id is blank, a reason is given for a stage that is not
   *     junk, or a terminal stage is marked as converting
   */
  public Stage {
    Ids.check(id, "stage id");
    requireNonNull(kind, "kind");
    requireNonNull(onEnter, "onEnter");
    Preconditions.checkArgument(
        reason == null || kind == Kind.JUNK, "stage '%s' has a reason but is not junk", id);
    Preconditions.checkArgument(
        !converts || kind == Kind.ACTIVE,
        "stage '%s' is terminal, so it cannot be marked as converting",
        id);
    onEnter = ImmutableList.copyOf(onEnter);
  }

  /**
   * Creates a stage that does not convert and has no on-enter actions.
   *
   * @param id the stage's id, unique in its funnel
   * @param kind whether the stage is active or ends the funnel, and how
   * @param entry whether leads may enter the funnel here
   * @param manual whether an owner (a sales manager) works leads in this stage by hand
   * @param reason for a junk stage, the reason code leads ending here are rejected with; otherwise
   *     {@code null}
   * @throws IllegalArgumentException if the id is blank, or a reason is given for a stage that is
   *     not junk
   */
  public Stage(String id, Kind kind, boolean entry, boolean manual, @Nullable String reason) {
    this(id, kind, entry, manual, reason, false, ImmutableList.of());
  }

  /** Returns an automatic, active stage that is not an entry. */
  static Stage active(String id) {
    return new Stage(id, Kind.ACTIVE, false, false, null);
  }

  /**
   * Returns whether leads in this stage can no longer move.
   *
   * @return whether leads in this stage can no longer move
   */
  public boolean isTerminal() {
    return kind != Kind.ACTIVE;
  }

  /**
   * Returns whether reaching this stage counts as a conversion: it is {@code won}, or an active
   * stage marked as {@linkplain #converts converting}. A report counts a lead as converted once, at
   * the first such stage it reaches (or its first purchase, if earlier).
   *
   * @return whether reaching this stage counts as a conversion
   */
  public boolean isConversion() {
    return kind == Kind.WON || converts;
  }
}
