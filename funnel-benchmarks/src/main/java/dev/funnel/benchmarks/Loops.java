package dev.funnel.benchmarks;

/** Checks shared by the loops of every library. */
final class Loops {
  private Loops() {}

  /**
   * Checks that every event fired ran exactly one action and that the machine is in the expected
   * stage.
   *
   * @throws IllegalStateException if not
   */
  static void check(String library, long fired, long actions, String stage, String expected) {
    if (actions != fired) {
      throw new IllegalStateException(
          library + " ran " + actions + " actions for " + fired + " events");
    }
    if (!stage.equals(expected)) {
      throw new IllegalStateException(
          library + " is in stage '" + stage + "', expected '" + expected + "'");
    }
  }

  /** Returns the stage the loop is in after this many of its events, from the hot lead stage. */
  static Shape.Stage stageAfter(long events) {
    return Shape.LOOP_STAGES[(int) ((events + Shape.LOOP.length - 1) % Shape.LOOP.length)];
  }
}
