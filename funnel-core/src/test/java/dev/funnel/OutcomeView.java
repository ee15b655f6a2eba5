package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/** What an {@link Outcome} says, as a value that compares by content. */
record OutcomeView(
    Outcome.Status status,
    Optional<Outcome.Refusal> refusal,
    Lead lead,
    ImmutableList<Effect> effects,
    ImmutableList<Step> steps) {

  static OutcomeView of(Outcome o) {
    return new OutcomeView(o.status(), o.refusal(), o.lead(), o.effects(), o.steps());
  }
}
