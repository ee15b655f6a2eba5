package dev.funnel.test;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static dev.funnel.test.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestClockTest {

  @Test
  void advance_firesWhatFallsDueInTheRuntimesItDrives() {
    TestClock clock = TestClock.at(T0);
    List<Action> sent = new ArrayList<>();
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(Shop.funnel()))
            .store(new InMemoryLeadStore())
            .clock(clock)
            .handler(Actions.SEND, d -> sent.add(d.action()))
            .handler(Actions.PRESENT, d -> {})
            .build();
    clock.drive(runtime);
    runtime.enter("online-shop", "lead-42", "ads", clock.instant());
    runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", clock.instant()));

    assertThat(clock.advance(Duration.ofDays(1))).isZero();
    assertThat(clock.advance(Duration.ofDays(1))).isEqualTo(1);
    assertThat(sent)
        .containsExactly(Actions.send("welcome-1", "email"), Actions.send("welcome-2", "email"));
    assertThat(clock.set(T0.plus(Duration.ofDays(8)))).isEqualTo(1);

    assertThat(runtime.lead("online-shop", "lead-42").orElseThrow()).isInStage("lost");
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(8)));
  }

  @Test
  void clock_goesOnlyForwardAndStaysInUtc() {
    TestClock clock = TestClock.at(T0);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.set(T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Berlin")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
  }
}
