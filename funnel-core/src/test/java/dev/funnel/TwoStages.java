package dev.funnel;

/**
 * The smallest funnel many tests build on: funnel {@code f}, its entry stage {@code a}, won into
 * {@code b} on {@code go}.
 */
final class TwoStages {
  private TwoStages() {}

  /** Returns the builder of that funnel after its one transition, open for more. */
  static TransitionBuilder aToB() {
    return Funnel.builder("f").stage("a").entry().stage("b").won().on("go").from("a").to("b");
  }
}
