package dev.funnel.test.jqwik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.test.Journey;
import dev.funnel.test.Scenario;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class JourneyArbitrariesProperties {
  private final Funnel shop =
      Funnel.builder("online-shop")
          .stage("visitor")
          .entry()
          .stage("cold-lead")
          .stage("hot-lead")
          .stage("buyer")
          .won()
          .stage("lost")
          .lost()
          .on("contact-left")
          .from("visitor")
          .to("cold-lead")
          .then(Actions.send("welcome-1"))
          .on("nudge")
          .from("cold-lead")
          .stay()
          .then(Actions.send("welcome-2"))
          .on("added-to-cart")
          .from("cold-lead")
          .to("hot-lead")
          .on("paid")
          .from("cold-lead", "hot-lead")
          .to("buyer")
          .when(Conditions.payload("total").gt(0))
          .after(Duration.ofDays(2))
          .in("cold-lead")
          .fire("nudge")
          .after(Duration.ofDays(7))
          .in("cold-lead")
          .fire("gone-cold")
          .on("gone-cold")
          .from("cold-lead")
          .to("lost")
          .build();

  @Provide
  Arbitrary<Journey> journeys() {
    return JourneyArbitraries.of(shop).event("paid", e -> e.payload("total", 25)).journeys();
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return JourneyArbitraries.of(shop)
        .event("paid", e -> e.payload("total", 25))
        .maxMoves(8)
        .scenarios();
  }

  @Property
  void everyStepOfAJourney_isAccepted(@ForAll("journeys") Journey journey) {
    assertThat(journey.toString()).doesNotContain("refused");
    long version = -1;
    for (Step s : journey.steps()) {
      assertThat(s.version()).isGreaterThan(version);
      version = s.version();
    }
  }

  @Property
  void everyBuyer_leftAContactFirst(@ForAll("journeys") Journey journey) {
    if (journey.stages().contains("buyer")) {
      assertThat(journey.stages()).startsWith("visitor", "cold-lead");
    }
  }

  @Property
  void noLead_getsMoreThanTwoMessages(@ForAll("journeys") Journey journey) {
    assertThat(journey.actions()).hasSizeLessThanOrEqualTo(2).allMatch(Action::isBuiltIn);
  }

  @Property(tries = 30)
  void aJourney_isTheSameOnARuntime(@ForAll("scenarios") Scenario scenario) {
    Journey core = scenario.run();
    Journey runtime = scenario.runOn(new InMemoryLeadStore());

    assertThat(runtime.steps()).isEqualTo(core.steps());
    assertThat(runtime.effects()).isEqualTo(core.effects());
  }

  @Example
  void settingTheMostMovesTwice_isAMistake() {
    JourneyArbitraries a = JourneyArbitraries.of(shop).maxMoves(3);

    assertThatThrownBy(() -> a.maxMoves(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the most moves were already set to 3");
  }
}
