package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class BlackHoleRuleTest {

  private static OwnerFigures owner(long received, long converted) {
    return new OwnerFigures("x", received, converted, 0, 0, 0, 0, eur("0.00"));
  }

  @Test
  void new_minLeadsBelowOne_isRefusedAndOneIsTheLeast() {
    assertEquals(
        "black hole rule needs at least one lead",
        assertThrows(IllegalArgumentException.class, () -> BlackHoleRule.of(0, Ratio.of(1, 2)))
            .getMessage());
    assertEquals(1, BlackHoleRule.of(1, Ratio.of(1, 2)).minLeads());
  }

  @Test
  void new_fractionZeroNegativeOrUndefined_isRefused() {
    for (Ratio fraction : new Ratio[] {Ratio.of(0, 2), Ratio.of(-1, 2), Ratio.of(1, 0)}) {
      assertEquals(
          "black hole fraction must be positive",
          assertThrows(IllegalArgumentException.class, () -> BlackHoleRule.of(5, fraction))
              .getMessage(),
          fraction::toString);
    }
    assertEquals(Ratio.of(1, 100), BlackHoleRule.of(5, Ratio.of(1, 100)).fraction());
  }

  @Test
  void isBlackHole_ownerWithExactlyTheFewestLeads_canBeFlagged() {
    OwnerFigures rest = owner(20, 10);

    assertTrue(BlackHoleRule.DEFAULT.isBlackHole(owner(20, 0), rest));
    assertFalse(BlackHoleRule.DEFAULT.isBlackHole(owner(19, 0), rest));
  }

  @Test
  void isBlackHole_restReceivedNoLeads_flagsNobodyEvenIfItConverted() {
    // A lead received before the report's range can convert inside it.
    assertFalse(BlackHoleRule.of(1, Ratio.of(1, 2)).isBlackHole(owner(30, 0), owner(0, 3)));
    assertFalse(BlackHoleRule.of(1, Ratio.of(1, 2)).isBlackHole(owner(30, 0), owner(10, 0)));
  }
}
