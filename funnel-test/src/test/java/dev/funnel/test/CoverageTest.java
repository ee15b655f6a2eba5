package dev.funnel.test;

import static dev.funnel.test.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class CoverageTest {
  private final Funnel shop = Shop.funnel();

  @Test
  void record_journeys_countsStagesAndTransitions() {
    Coverage coverage = Coverage.of(shop);
    coverage.record(
        Scenario.of(shop, T0)
            .enter("lead-1", "ads")
            .send("contact-left")
            .after(Duration.ofDays(8))
            .run());

    assertThat(coverage.stagesReached()).containsExactly("visitor", "cold-lead", "lost");
    assertThat(coverage.stagesMissed()).containsExactly("hot-lead", "buyer");
    assertThat(coverage.transitionsTaken())
        .containsExactly(
            new Coverage.Edge("visitor", "contact-left", "cold-lead"),
            new Coverage.Edge("cold-lead", "nudge", "cold-lead"),
            new Coverage.Edge("cold-lead", "gone-cold", "lost"));
    assertThat(coverage.transitionsMissed())
        .containsExactly(
            new Coverage.Edge("cold-lead", "added-to-cart", "hot-lead"),
            new Coverage.Edge("cold-lead", "paid", "buyer"),
            new Coverage.Edge("hot-lead", "paid", "buyer"));
    assertThat(coverage.isComplete()).isFalse();
    assertThat(coverage.report())
        .startsWith("coverage of funnel 'online-shop': 3 of 5 stages, 3 of 6 transitions")
        .contains("stage missed: hot-lead")
        .contains("transition missed: hot-lead -paid-> buyer");
  }

  @Test
  void asAListener_countsWhatARuntimeDid() {
    Coverage coverage = Coverage.of(shop);
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(shop))
            .store(new InMemoryLeadStore())
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .listener(coverage)
            .build();
    runtime.enter("online-shop", "lead-1", "ads", T0);
    runtime.handle("online-shop", "lead-1", Event.of("evt-1", "contact-left", T0));
    runtime.handle("online-shop", "lead-1", Event.of("evt-2", "added-to-cart", T0));

    assertThat(coverage.stagesReached()).containsExactly("visitor", "cold-lead", "hot-lead");
    assertThat(coverage.transitionsTaken()).hasSize(2);
  }
}
