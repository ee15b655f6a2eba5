package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A dispatch has a time to go exactly when it is held, and a reason exactly when it is not sent.
 */
final class DispatchTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Dispatch dispatch(
      Dispatch.Verdict verdict, @Nullable Instant until, Dispatch.@Nullable Reason reason) {
    return new Dispatch("f", "l", "t", "email", Purpose.MARKETING, T0, verdict, until, reason);
  }

  @Test
  void dispatch_untilOrReasonNotMatchingTheVerdict_isRefused() {
    assertEquals(
        "only a held message has a time to go",
        assertThrows(
                IllegalArgumentException.class, () -> dispatch(Dispatch.Verdict.SEND, T0, null))
            .getMessage());
    assertEquals(
        "only a held message has a time to go",
        assertThrows(
                IllegalArgumentException.class,
                () -> dispatch(Dispatch.Verdict.HOLD, null, Dispatch.Reason.QUIET_HOURS))
            .getMessage());
    assertEquals(
        "only a sent message has no reason",
        assertThrows(
                IllegalArgumentException.class,
                () -> dispatch(Dispatch.Verdict.SUPPRESS, null, null))
            .getMessage());
    assertEquals(
        "only a sent message has no reason",
        assertThrows(
                IllegalArgumentException.class,
                () -> dispatch(Dispatch.Verdict.SEND, null, Dispatch.Reason.CAP))
            .getMessage());
  }

  @Test
  void dispatch_matchingItsVerdict_isMade() {
    assertEquals(T0, dispatch(Dispatch.Verdict.HOLD, T0, Dispatch.Reason.QUIET_HOURS).until());
    assertNull(dispatch(Dispatch.Verdict.SEND, null, null).reason());
  }
}
