package dev.funnel.test;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs in a build step of its own with jqwik left off the class and module paths: the kit outside
 * {@code dev.funnel.test.jqwik} loads and works for a user who never added jqwik.
 */
final class WithoutJqwikTest {

  @Test
  void jqwik_isAbsent() {
    assertThatThrownBy(() -> Class.forName("net.jqwik.api.Arbitrary"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void everyClassOutsideTheGenerators_loads() throws ClassNotFoundException {
    ClassLoader loader = WithoutJqwikTest.class.getClassLoader();
    for (String name :
        List.of(
            "FunnelAssertions",
            "OutcomeAssert",
            "LeadAssert",
            "ReceiptAssert",
            "StepsAssert",
            "ReportAssert",
            "JourneyAssert",
            "Journey",
            "Scenario",
            "TestClock",
            "Paths",
            "FunnelPath",
            "Coverage",
            "LeadStoreContract")) {
      assertThat(Class.forName("dev.funnel.test." + name, true, loader)).isNotNull();
    }
  }

  @Test
  void aScenario_runsAndIsAsserted() {
    Scenario s =
        Scenario.of(Shop.funnel(), Shop.T0)
            .enter("lead-1", "ads")
            .send("contact-left")
            .after(Duration.ofDays(8));

    assertThat(s.run()).isInStage("lost");
    assertThat(s.runOn(new InMemoryLeadStore())).isInStage("lost");
    assertThat(Paths.of(Shop.funnel()).toEveryStage()).containsKey("lost");
  }
}
