package dev.funnel.testing;

import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call a {@link Scenario} made and what came of it. Immutable and thread-safe.
 *
 * @param kind which call it was
 * @param before the lead passed in, or {@code null} for {@link Kind#ENTER}
 * @param event the event fired, or {@code null} unless {@link Kind#FIRE}
 * @param at the event's time, the instant advanced to, or the entry time
 * @param outcome what the call returned
 */
public record Move(
    Kind kind, @Nullable Lead before, @Nullable Event event, Instant at, Outcome outcome) {

  /** The calls a scenario makes. */
  public enum Kind {
    /** {@link dev.funnel.Funnel#enter}. */
    ENTER,
    /** {@link dev.funnel.Funnel#fire}. */
    FIRE,
    /** {@link dev.funnel.Funnel#advance}. */
    ADVANCE
  }

  /** Returns the lead after the call. */
  public Lead after() {
    return outcome.lead();
  }
}
