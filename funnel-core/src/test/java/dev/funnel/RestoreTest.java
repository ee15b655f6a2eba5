package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A lead restored from stored values keeps each part of its journey, whichever it has alone. */
final class RestoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(1));

  private static Lead.Builder stored() {
    return Lead.builder("lead-1", "shop").stage("visitor", T1).channel("ads");
  }

  @Test
  void restore_entriesAlone_areKept() {
    Lead lead = stored().entries(ImmutableList.of(T0, T1)).build();
    assertEquals(ImmutableList.of(T0, T1), lead.entries());
    assertEquals(0, lead.score());
  }

  @Test
  void restore_scoreAlone_isKeptWithItsDecayStart() {
    Lead lead = stored().score(5, T0).build();
    assertEquals(5, lead.score());
    assertEquals(Optional.of(T0), lead.scoreSince());
    assertEquals(ImmutableList.of(), lead.entries());
  }

  @Test
  void restore_goalsAlone_areKept() {
    Lead lead = stored().goalReached("purchase").build();
    assertEquals(ImmutableSet.of("purchase"), lead.goalsReached());
    assertEquals(Optional.empty(), lead.scoreSince());
  }
}
