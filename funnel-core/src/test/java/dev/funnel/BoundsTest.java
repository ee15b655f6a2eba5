package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A timer can fall due from the earliest instant to the latest plus the longest delay, inclusive.
 */
final class BoundsTest {

  @Test
  void isValidDue_holdsFromEarliestToLatestDue_inclusive() {
    assertTrue(Bounds.isValidDue(Bounds.EARLIEST));
    assertTrue(Bounds.isValidDue(Bounds.LATEST_DUE));
    assertFalse(Bounds.isValidDue(Bounds.EARLIEST.minusNanos(1)));
    assertFalse(Bounds.isValidDue(Bounds.LATEST_DUE.plusNanos(1)));
  }

  @Test
  void checkDue_outsideTheRange_saysWhatAndWhere() {
    assertEquals(Bounds.LATEST_DUE, Bounds.checkDue(Bounds.LATEST_DUE, "timer due time"));
    assertEquals(
        "timer due time "
            + Bounds.LATEST_DUE.plusNanos(1)
            + " is outside "
            + Bounds.EARLIEST
            + " to "
            + Bounds.LATEST_DUE,
        assertThrows(
                IllegalArgumentException.class,
                () -> Bounds.checkDue(Bounds.LATEST_DUE.plusNanos(1), "timer due time"))
            .getMessage());
  }
}
