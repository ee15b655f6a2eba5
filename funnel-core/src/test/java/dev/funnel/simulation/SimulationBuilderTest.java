package dev.funnel.simulation;

import static dev.funnel.simulation.SimulationTest.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A single-valued option of the simulation's builder is set once, and an id is added once; the
 * builder of {@link Simulation#toBuilder} lets each option be changed once.
 */
final class SimulationBuilderTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Delay HOUR = Delay.fixed(Duration.ofHours(1));

  private static void assertRefused(String message, Executable twice) {
    IllegalStateException e = assertThrows(IllegalStateException.class, twice);
    assertEquals(message, e.getMessage());
  }

  private static Simulation.Builder builder() {
    return Simulation.builder(SimulationTest.shop());
  }

  @Test
  void seed_setTwice_isRefusedNamingTheEarlierValue() {
    Simulation.Builder b = builder().seed(7);
    assertRefused("simulation seed was already set to 7", () -> b.seed(8));
    assertRefused("simulation seed was already set to 7", () -> b.seed(7));
  }

  @Test
  void start_setTwice_isRefusedNamingTheEarlierValue() {
    Simulation.Builder b = builder().start(T0);
    assertRefused(
        "simulation start was already set to 2026-03-02T09:00:00Z",
        () -> b.start(T0.plusSeconds(1)));
  }

  @Test
  void arrivals_setTwice_isRefusedNamingTheEarlierValue() {
    Simulation.Builder b = builder().arrivals(Duration.ofDays(2));
    assertRefused(
        "simulation arrival period was already set to PT48H", () -> b.arrivals(Duration.ofDays(3)));
  }

  @Test
  void horizon_setTwice_isRefusedNamingTheEarlierValue() {
    Simulation.Builder b = builder().horizon(Duration.ofDays(2));
    assertRefused(
        "simulation horizon was already set to PT48H", () -> b.horizon(Duration.ofDays(3)));
  }

  @Test
  void owners_setTwice_isRefusedNamingTheEarlierOwners() {
    Simulation.Builder b = builder().owners("ann", "bob");
    assertRefused("simulation owners were already set to [ann, bob]", () -> b.owners("cy"));
  }

  @Test
  void owners_setToNone_stillCountsAsSet() {
    Simulation.Builder b = builder().owners();
    assertRefused("simulation owners were already set to []", () -> b.owners("cy"));
  }

  @Test
  void channel_sameIdTwice_isRefused() {
    Simulation.Builder b = builder().channel("ads", 10, eur("1.00"));
    assertRefused(
        "simulated channel 'ads' was already added", () -> b.channel("ads", 20, eur("2.00")));
    Simulation sim = b.channel("mail", 5, eur("1.00")).build();
    assertEquals(ImmutableList.of("ads", "mail"), sim.spend().keySet().asList());
    assertEquals(15, sim.leads());
  }

  @Test
  void attribute_sameNameTwice_isRefusedWithoutItsValue() {
    Simulation.Builder b = builder().attribute("email", "ann@example.com");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.attribute("email", "bob@example.com"));
    assertEquals("simulated attribute 'email' was already set", e.getMessage());
  }

  @Test
  void move_sameStageAndEventTwice_isRefused() {
    Simulation.Builder b = builder().move("visitor", "contact-left", 0.5, HOUR);
    assertRefused(
        "simulated move 'contact-left' in stage 'visitor' was already added",
        () -> b.move("visitor", "contact-left", 0.2, HOUR));
    assertRefused(
        "simulated move 'paid-mini' in stage 'lead' was already added",
        () ->
            builder()
                .move("lead", "paid-mini", 0.1, HOUR)
                .purchase("lead", "paid-mini", "mini", 0.2, HOUR));
  }

  @Test
  void move_sameEventInAnotherStage_isAnotherMove() {
    Simulation sim =
        builder()
            .purchase("lead", "paid-course", "course", 0.1, HOUR)
            .purchase("cart", "paid-course", "course", 0.2, HOUR)
            .build();
    assertEquals(2, sim.moves().size());
  }

  @Test
  void refusedOption_leavesTheBuilderAsItWas() {
    Simulation.Builder b = builder().seed(7).channel("ads", 100, eur("1.00"));
    assertThrows(IllegalStateException.class, () -> b.seed(8));
    assertThrows(IllegalStateException.class, () -> b.channel("ads", 5, eur("9.00")));
    Simulation sim = b.build();
    assertEquals(7, sim.seed());
    assertEquals(100, sim.leads());
    assertEquals(eur("1.00"), sim.spend().get("ads"));
  }

  @Test
  void toBuilder_letsEachOptionBeChangedOnce() {
    Simulation sim =
        builder()
            .seed(7)
            .start(T0)
            .arrivals(Duration.ofDays(1))
            .horizon(Duration.ofDays(2))
            .owners("ann")
            .channel("ads", 10, eur("1.00"))
            .build();

    Simulation.Builder again = sim.toBuilder().seed(8).owners("bob");
    assertEquals(8, again.build().seed());
    assertRefused("simulation seed was already set to 8", () -> again.seed(9));
    assertRefused("simulation owners were already set to [bob]", () -> again.owners("cy"));
    Simulation.Builder other = sim.toBuilder();
    other.start(T0.plusSeconds(60)).arrivals(Duration.ofDays(3)).horizon(Duration.ofDays(4));
    assertRefused(
        "simulation horizon was already set to PT96H", () -> other.horizon(Duration.ofDays(5)));
    assertRefused(
        "simulated channel 'ads' was already added",
        () -> sim.toBuilder().channel("ads", 1, eur("1.00")));
    assertEquals(7, sim.toBuilder().build().seed());
  }
}
