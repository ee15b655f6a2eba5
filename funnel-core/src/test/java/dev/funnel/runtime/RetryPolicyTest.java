package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RetryPolicyTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5);

  @Test
  void backoff_doublesUpToTheCap() {
    assertEquals(Duration.ofSeconds(1), POLICY.backoff(1));
    assertEquals(Duration.ofSeconds(2), POLICY.backoff(2));
    assertEquals(Duration.ofSeconds(8), POLICY.backoff(4));
    assertEquals(Duration.ofSeconds(10), POLICY.backoff(5));
    assertEquals(Duration.ofSeconds(10), POLICY.backoff(1_000));
    assertEquals(Duration.ofSeconds(1 + 2 + 4 + 8 + 10), POLICY.totalBackoff());
  }

  @Test
  void delay_staysWithinTheJitterShareBelowTheBackoff() {
    SplittableRandom random = new SplittableRandom(7);
    for (int attempt = 1; attempt <= 8; attempt++) {
      Duration backoff = POLICY.backoff(attempt);
      for (int i = 0; i < 200; i++) {
        Duration d = POLICY.delay(attempt, random);
        assertTrue(d.compareTo(backoff) <= 0, d + " above " + backoff);
        assertTrue(d.compareTo(backoff.dividedBy(2)) >= 0, d + " below half of " + backoff);
      }
    }
  }

  @Test
  void delay_withoutJitter_isTheBackoff() {
    RetryPolicy plain = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));
    assertEquals(0, plain.jitter());
    assertEquals(Duration.ofMillis(200), plain.delay(2, () -> -1L));
  }

  @Test
  void delay_fullJitter_spansNothingToTheBackoff() {
    RetryPolicy full = POLICY.withJitter(1);
    assertEquals(Duration.ofSeconds(1), full.delay(1, () -> 0L));
    // nextDouble() just below 1 takes almost the whole wait off.
    assertTrue(full.delay(1, () -> -1L).toNanos() < 1_000);
  }

  @Test
  void constructor_badValues_areRefused() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ZERO, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> POLICY.backoff(0));
  }
}
