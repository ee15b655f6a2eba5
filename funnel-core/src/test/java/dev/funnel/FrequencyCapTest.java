package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A frequency cap allows at least one message, and has a positive window exactly when rolling. */
final class FrequencyCapTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private static @Nullable String refusal(Executable make) {
    return assertThrows(IllegalArgumentException.class, make).getMessage();
  }

  @Test
  void cap_allowingNoMessage_isRefused_andOneIsEnough() {
    assertEquals(
        "frequency cap on 'email' must allow at least one message",
        refusal(() -> FrequencyCap.per("email", 0, HOUR)));
    assertEquals(1, FrequencyCap.perDay("email", 1).max());
  }

  @Test
  void windowCap_withoutAPositiveWindow_isRefused() {
    assertEquals(
        "frequency cap on 'email' needs a positive window",
        refusal(() -> FrequencyCap.per("email", 2, Duration.ZERO)));
    assertEquals(
        "frequency cap on 'email' needs a positive window",
        refusal(() -> FrequencyCap.per("email", 2, HOUR.negated())));
    assertEquals(
        "frequency cap on 'email' needs a positive window",
        refusal(() -> new FrequencyCap("email", 2, FrequencyCap.Per.WINDOW, null)));
  }

  @Test
  void dayOrJourneyCap_withAWindow_isRefused() {
    assertEquals(
        "frequency cap on 'sms' per DAY takes no window",
        refusal(() -> new FrequencyCap("sms", 2, FrequencyCap.Per.DAY, HOUR)));
    assertEquals(
        "frequency cap on 'sms' per JOURNEY takes no window",
        refusal(() -> new FrequencyCap("sms", 2, FrequencyCap.Per.JOURNEY, HOUR)));
  }
}
