package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CatalogTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Funnel funnel(String id, int version) {
    return Funnel.builder(id)
        .version(version)
        .stage("new")
        .entry()
        .stage("engaged")
        .entry()
        .stage("done")
        .won()
        .on("go")
        .from("new", "engaged")
        .to("done")
        .build();
  }

  private static Funnel handingOffTo(String funnel, String stage) {
    return Funnel.builder("lead-gen")
        .stage("new")
        .entry()
        .stage("qualified")
        .won()
        .on("qualified")
        .from("new")
        .to("qualified")
        .then(Actions.handOff(funnel, stage))
        .build();
  }

  private static final Funnel SALES_1 = funnel("sales", 1);
  private static final Funnel SALES_2 = funnel("sales", 2);
  private static final Funnel REPEAT_1 = funnel("repeat", 1);

  @Test
  void of_nothing_isEmpty() {
    Catalog empty = Catalog.of();

    assertEquals(ImmutableList.of(), empty.all());
    assertEquals(Optional.empty(), empty.latest("sales"));
    assertEquals(Optional.empty(), empty.funnel("sales", 1));
  }

  @Test
  void all_listsFunnelsByIdThenVersion() {
    Catalog catalog = Catalog.of(SALES_2, REPEAT_1, SALES_1);

    assertEquals(ImmutableList.of(REPEAT_1, SALES_1, SALES_2), catalog.all());
    assertEquals(catalog.all(), Catalog.of(ImmutableList.of(SALES_1, SALES_2, REPEAT_1)).all());
  }

  @Test
  void latest_returnsTheHighestVersion() {
    Catalog catalog = Catalog.of(SALES_2, SALES_1, REPEAT_1);

    assertEquals(Optional.of(SALES_2), catalog.latest("sales"));
    assertEquals(2, catalog.latest("sales").orElseThrow().version());
    assertEquals(Optional.of(REPEAT_1), catalog.latest("repeat"));
    assertEquals(Optional.empty(), catalog.latest("unknown"));
  }

  @Test
  void funnel_returnsTheExactVersion() {
    Catalog catalog = Catalog.of(SALES_1, SALES_2);

    assertEquals(Optional.of(SALES_1), catalog.funnel("sales", 1));
    assertEquals(Optional.of(SALES_2), catalog.funnel("sales", 2));
    assertEquals(Optional.empty(), catalog.funnel("sales", 3));
    assertEquals(Optional.empty(), catalog.funnel("repeat", 1));
  }

  @Test
  void funnelOf_returnsTheVersionTheLeadEntered() {
    Catalog catalog = Catalog.of(SALES_1, SALES_2);
    Lead old = SALES_1.enter("lead-1", "ads", T0).lead();
    Lead current = SALES_2.enter("lead-2", "ads", T0).lead();
    Lead stranger = REPEAT_1.enter("lead-3", "ads", T0).lead();

    assertEquals(Optional.of(SALES_1), catalog.funnelOf(old));
    assertEquals(Optional.of(SALES_2), catalog.funnelOf(current));
    assertEquals(Optional.empty(), catalog.funnelOf(stranger));
  }

  @Test
  void of_sameIdAndVersionTwice_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Catalog.of(SALES_1, funnel("sales", 1)));
    assertThrows(IllegalArgumentException.class, () -> Catalog.of(SALES_1, SALES_1));
  }

  @Test
  void of_handOffToEntryStageOfCatalogFunnel_isAccepted() {
    Funnel leadGen = handingOffTo("sales", "engaged");

    Catalog catalog = Catalog.of(leadGen, SALES_1);

    assertEquals(Optional.of(leadGen), catalog.latest("lead-gen"));
  }

  @Test
  void of_handOffToMissingFunnel_throwsIae() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Catalog.of(handingOffTo("repeat", "engaged"), SALES_1));
  }

  @Test
  void of_handOffToNonEntryOrUnknownStage_throwsIae() {
    assertThrows(
        IllegalArgumentException.class, () -> Catalog.of(handingOffTo("sales", "done"), SALES_1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Catalog.of(handingOffTo("sales", "nowhere"), SALES_1));
  }

  @Test
  void toString_namesTheFunnelIds() {
    assertEquals("Catalog[repeat, sales]", Catalog.of(SALES_1, REPEAT_1).toString());
  }
}
