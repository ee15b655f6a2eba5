package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import org.jspecify.annotations.Nullable;

/**
 * A stage of a funnel: where a lead stands. Immutable and thread-safe.
 *
 * @param id the stage's id, unique in its funnel
 * @param kind whether the stage is active or ends the funnel, and how
 * @param entry whether leads may enter the funnel here
 * @param manual whether an owner (a sales manager) works leads in this stage by hand
 * @param reason for a junk stage, the reason code leads ending here are rejected with; otherwise
 *     {@code null}
 */
public record Stage(String id, Kind kind, boolean entry, boolean manual, @Nullable String reason) {

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
   * @throws IllegalArgumentException if the id is blank, or a reason is given for a stage that is
   *     not junk
   */
  public Stage {
    Ids.check(id, "stage id");
    requireNonNull(kind, "kind");
    Preconditions.checkArgument(
        reason == null || kind == Kind.JUNK, "stage '%s' has a reason but is not junk", id);
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
}
