package dev.funnel.test;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.Funnel;
import dev.funnel.runtime.InMemoryLeadStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PathsTest {
  private final Funnel shop = Shop.funnel();

  @Test
  void toEveryStage_findsTheShortestEventSequences() {
    Map<String, FunnelPath> paths =
        Paths.of(shop).event("paid", e -> e.payload("total", 25)).toEveryStage();

    assertThat(paths.keySet()).containsExactly("visitor", "cold-lead", "hot-lead", "buyer", "lost");
    assertThat(requireNonNull(paths.get("visitor")).events()).isEmpty();
    assertThat(requireNonNull(paths.get("cold-lead")).events()).containsExactly("contact-left");
    assertThat(requireNonNull(paths.get("buyer")).events()).containsExactly("contact-left", "paid");
    assertThat(requireNonNull(paths.get("lost")).events())
        .containsExactly("contact-left", "nudge", "gone-cold");
    assertThat(requireNonNull(paths.get("lost")).toString())
        .isEqualTo(
            "visitor -contact-left-> cold-lead -nudge (after PT48H)-> cold-lead"
                + " -gone-cold (after PT120H)-> lost");
  }

  @Test
  void throughEveryTransition_pathsReplayAsScenariosOnCoreAndRuntime() {
    Paths paths = Paths.of(shop).event("paid", e -> e.payload("total", 25));
    List<FunnelPath> all = paths.throughEveryTransition();
    Coverage coverage = Coverage.of(shop);

    for (FunnelPath p : all) {
      Scenario s = paths.scenario(p, "lead-1");
      Coverage.Edge last = p.edges().get(p.edges().size() - 1);
      Journey core = s.run();
      assertThat(core).isInStage(p.stage()).steps().took(last.from(), last.event(), last.to());
      assertThat(s.runOn(new InMemoryLeadStore()).steps()).isEqualTo(core.steps());
      coverage.record(core);
    }

    assertThat(paths.unreachable()).isEmpty();
    assertThat(coverage.isComplete()).as(coverage.report()).isTrue();
    assertThat(all).hasSize(Coverage.edges(shop).size());
  }

  @Test
  void unreachable_namesTransitionsWhoseGuardPlainEventsNeverSatisfy() {
    Paths paths = Paths.of(shop);

    assertThat(paths.unreachable())
        .containsExactly(
            new Coverage.Edge("cold-lead", "paid", "buyer"),
            new Coverage.Edge("hot-lead", "paid", "buyer"));
    assertThat(paths.toEveryStage()).doesNotContainKey("buyer");
  }

  @Test
  void event_describedTwice_isAMistake() {
    Paths paths = Paths.of(shop).event("paid", e -> e);

    assertThatThrownBy(() -> paths.event("paid", e -> e))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("events of type 'paid' were already described");
  }
}
