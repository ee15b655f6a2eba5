package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import java.time.Duration;

/**
 * A sales funnel whose won leads are handed off to a care funnel, for the tests of the work the
 * runtime carries out itself and of the context it logs that work in.
 */
final class HandOffFunnels {
  private HandOffFunnels() {}

  /**
   * Leads are qualified by a call, which takes {@code onCall}, may get notes while qualified, and
   * are handed off to the care funnel's onboarding when they sign.
   */
  static Funnel sales(Action onCall) {
    return Funnel.builder("sales")
        .stage("new")
        .entry()
        .stage("qualified")
        .stage("won")
        .won()
        .on("call")
        .from("new")
        .to("qualified")
        .then(onCall)
        .on("note")
        .from("qualified")
        .on("signed")
        .from("qualified")
        .to("won")
        .then(Actions.handOff("care", "onboarding"))
        .build();
  }

  /** Leads handed off start in onboarding and are done when it is finished. */
  static Funnel care() {
    return Funnel.builder("care")
        .stage("onboarding")
        .entry()
        .stage("done")
        .won()
        .on("finished")
        .from("onboarding")
        .to("done")
        .build();
  }

  /** An event of the given type, the given time after {@code T0}. */
  static Event event(String id, String type, Duration after) {
    return Event.of(id, type, T0.plus(after));
  }
}
