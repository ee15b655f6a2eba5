package dev.funnel.test;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static dev.funnel.test.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.Actions;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ScenarioTest {
  private final Funnel shop = Shop.funnel();

  private Scenario goneCold() {
    return Scenario.of(shop, T0)
        .enter("lead-42", "ads")
        .attribute("email", "anna@example.com")
        .send("contact-left")
        .after(Duration.ofDays(8));
  }

  private Scenario buys() {
    return Scenario.of(shop, T0)
        .enter("lead-7", "ads")
        .send("contact-left")
        .after(Duration.ofHours(1))
        .send("paid")
        .send("paid", e -> e.payload("total", 25));
  }

  @Test
  void run_onTheCore_firesEventsAndTimersInOrder() {
    Journey j = goneCold().run();

    assertThat(j)
        .isInStage("lost")
        .visited("visitor", "cold-lead", "lost")
        .emittedInOrder(Actions.send("welcome-1", "email"), Actions.send("welcome-2", "email"))
        .scheduled("nudge", T0.plus(Duration.ofDays(2)))
        .neverReached("buyer");
    assertThat(j.steps()).hasSize(4);
  }

  @Test
  void run_refusedEvent_isPartOfTheJourney() {
    Journey j = buys().run();

    assertThat(j)
        .isInStage("buyer")
        .cancelled("nudge", T0.plus(Duration.ofDays(2)))
        .lead()
        .hasVersion(2);
    assertThat(j.toString())
        .contains("'paid' (evt-2): refused (GUARD_REJECTED) in 'cold-lead'")
        .contains("'paid' (evt-3): moved to 'buyer'");
  }

  @Test
  void runOn_aRuntime_givesTheSameJourneyAsTheCore() {
    for (Scenario s : new Scenario[] {goneCold(), buys()}) {
      Journey core = s.run();
      Journey runtime = s.runOn(new InMemoryLeadStore());

      assertThat(runtime.lead()).isEqualTo(core.lead());
      assertThat(runtime.steps()).isEqualTo(core.steps());
      assertThat(runtime.effects()).isEqualTo(core.effects());
      assertThat(runtime.toString()).isEqualTo(core.toString());
    }
  }

  @Test
  void failure_tellsTheJourneyWithoutPersonalData() {
    Journey j = goneCold().run();

    assertThatThrownBy(() -> assertThat(j).isInStage("buyer"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected lead 'lead-42' to be in 'buyer', but it is in 'lost'")
        .hasMessageContaining("'contact-left' (evt-1): moved to 'cold-lead'")
        .hasMessageContaining("time passes: moved to 'lost'")
        .hasMessageContaining("send{template=welcome-2, channel=email}")
        .hasMessageNotContaining("anna@example.com");
  }

  @Test
  void run_funnelReadFromYaml_runsAlike() {
    Funnel read =
        FunnelFormat.readDefinition(
            """
            format: 1
            id: trial
            stages:
              - {id: signed-up, entry: true}
              - {id: paying, kind: won}
              - {id: churned, kind: lost}
            timers:
              - {stage: signed-up, after: P14D, event: trial-ended}
            transitions:
              - {event: subscribed, from: [signed-up], to: paying}
              - {event: trial-ended, from: [signed-up], to: churned}
            """,
            Syntax.YAML);
    Scenario s = Scenario.of(read, T0).enter("lead-1", "ads").after(Duration.ofDays(15));

    assertThat(s.run()).isInStage("churned").visited("signed-up", "churned");
    assertThat(s.runOn(new InMemoryLeadStore())).isInStage("churned");
  }

  @Test
  void builder_settingTheLeadTwice_isAMistake() {
    Scenario s = Scenario.of(shop, T0).enter("lead-1", "ads");

    assertThatThrownBy(() -> s.enter("lead-2", "ads"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the lead was already set to 'lead-1'");
    assertThatThrownBy(() -> s.owner("anna").owner("boris"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the owner was already set to 'anna'");
    assertThatThrownBy(() -> s.attribute("email", "a@b.c").attribute("email", "d@e.f"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attribute 'email' was already set");
    assertThatThrownBy(() -> Scenario.of(shop, T0).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no lead");
  }

  @Test
  void at_anOffsetInThePast_isRefused() {
    Scenario s = Scenario.of(shop, T0).enter("lead-1", "ads").after(Duration.ofDays(2));

    assertThatThrownBy(() -> s.at(Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the scenario's current time");
    assertThat(s.at(Duration.ofDays(3)).run()).isInStage("visitor");
  }
}
