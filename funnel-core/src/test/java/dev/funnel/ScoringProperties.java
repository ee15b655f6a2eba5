package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of lead scoring over generated event sequences. */
final class ScoringProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> TYPES = List.of("opened", "visited-pricing", "asked-demo");

  private static Funnel funnel(boolean decay) {
    Scoring.Builder s =
        Scoring.builder()
            .points("opened", 1)
            .points("visited-pricing", 5)
            .points("asked-demo", 30)
            .threshold(50, "hot-lead");
    if (decay) {
      s.decay(3, Duration.ofDays(2));
    }
    return Funnel.builder("p")
        .stage("cold")
        .entry()
        .stage("hot")
        .stage("won")
        .won()
        .on("hot-lead")
        .from("cold")
        .to("hot")
        .on("signed")
        .from("hot")
        .to("won")
        .scoring(s.build())
        .build();
  }

  private static int points(String type) {
    return switch (type) {
      case "opened" -> 1;
      case "visited-pricing" -> 5;
      default -> 30;
    };
  }

  @Provide
  Arbitrary<List<Integer>> events() {
    return Arbitraries.integers().between(0, TYPES.size() * 100 - 1).list().ofMaxSize(40);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void withoutDecay_theScoreIsTheSumAndTheThresholdFiresOnceWhenReached(
      @ForAll("events") List<Integer> events) {
    Funnel f = funnel(false);
    Lead lead = f.enter("l", "ads", T0).lead();
    int sum = 0;
    int hot = 0;
    for (int i = 0; i < events.size(); i++) {
      String type = TYPES.get(events.get(i) % TYPES.size());
      Outcome o = f.fire(lead, Event.of("e" + i, type, T0.plusSeconds(60L * i)));
      assertTrue(o.isAccepted());
      sum += points(type);
      hot += (int) o.steps().stream().filter(s -> "hot-lead".equals(s.eventType())).count();
      lead = o.lead();
      assertEquals(sum, lead.score());
    }
    assertEquals(sum >= 50 ? 1 : 0, hot);
    assertEquals(sum >= 50 ? "hot" : "cold", lead.stage());
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void withDecay_theScoreStaysBetweenZeroAndTheSumAndOnlyFallsWithTime(
      @ForAll("events") List<Integer> events) {
    Funnel f = funnel(true);
    Lead lead = f.enter("l", "ads", T0).lead();
    int sum = 0;
    Instant at = T0;
    for (int i = 0; i < events.size(); i++) {
      String type = TYPES.get(events.get(i) % TYPES.size());
      // Gaps of 0 to 99 hours between events.
      at = at.plus(Duration.ofHours(events.get(i) / TYPES.size()));
      int before = f.score(lead, at);
      lead = f.fire(lead, Event.of("e" + i, type, at)).lead();
      sum += points(type);
      assertEquals(before + points(type), lead.score());
      assertTrue(lead.score() >= 0 && lead.score() <= sum);
    }
    int previous = f.score(lead, at);
    for (int d = 1; d <= 30; d++) {
      int now = f.score(lead, at.plus(Duration.ofDays(d)));
      assertTrue(now <= previous && now >= 0);
      previous = now;
    }
  }
}
