package dev.funnel.runtime;

import java.time.Duration;

/**
 * Waits between attempts to deliver an effect. Tests plug in one that advances a test clock instead
 * of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for the given time.
   *
   * @param duration how long to wait; positive
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns a sleeper that blocks the thread with {@link Thread#sleep(long)}.
   *
   * @return the sleeper
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
