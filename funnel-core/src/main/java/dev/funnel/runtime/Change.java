package dev.funnel.runtime;

import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import org.jspecify.annotations.Nullable;

/** What to do to a lead once it has been brought up to time: fire an event, reassign it. */
@FunctionalInterface
interface Change {
  /** Returns the outcome of the change, or null if there is nothing more to do than advance. */
  @Nullable Outcome apply(Funnel funnel, Lead lead);
}
