package dev.funnel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.runtime.LeadKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The builders of the topology and of entry records: options set once, registrations checked. */
final class FunnelTopologyBuilderTest {

  private static FunnelTopology.Builder builder() {
    return FunnelTopology.builder(Journeys.catalog()).pool(Journeys.managers());
  }

  @Test
  void singleValuedOptions_setTwice_areReportedWithTheEarlierValue() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> builder().eventsTopic("a").eventsTopic("b"));
    assertEquals("events topic was already set to a", e.getMessage());
    assertThrows(IllegalStateException.class, () -> builder().effectsTopic("a").effectsTopic("b"));
    assertThrows(IllegalStateException.class, () -> builder().stepsTopic("a").stepsTopic("b"));
    assertThrows(
        IllegalStateException.class, () -> builder().deadLetterTopic("a").deadLetterTopic("b"));
    assertThrows(IllegalStateException.class, () -> builder().storePrefix("a").storePrefix("b"));
    assertThrows(
        IllegalStateException.class,
        () -> builder().timerInterval(Duration.ofSeconds(1)).timerInterval(Duration.ofSeconds(2)));
    assertThrows(IllegalStateException.class, () -> builder().timerBatch(1).timerBatch(2));
    assertThrows(
        IllegalStateException.class,
        () -> builder().retention(Duration.ofDays(1)).retention(Duration.ofDays(2)));
    assertThrows(IllegalStateException.class, () -> builder().pool(Journeys.managers()));
    assertThrows(
        IllegalStateException.class,
        () -> builder().guard("g", (l, ev) -> true).guard("g", (l, ev) -> false));
  }

  @Test
  void build_missingGuardAndPool_areReportedTogether() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .on("go")
            .from("a")
            .to("b")
            .when(Conditions.custom("vip"))
            .then(Actions.assignFrom("team"))
            .build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FunnelTopology.builder(Catalog.of(f)).build());
    assertEquals(
        "the topology lacks what its funnels use: custom guard 'vip' used by funnel 'f'; owner pool"
            + " 'team' used by funnel 'f'",
        e.getMessage());
  }

  @Test
  void build_poolNamedOnEnteringAStage_mustBeRegistered() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .onEnter(Actions.assignFrom("closers"))
            .on("go")
            .from("a")
            .to("b")
            .build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FunnelTopology.builder(Catalog.of(f)).build());
    assertEquals(
        "the topology lacks what its funnels use: owner pool 'closers' used by funnel 'f'",
        e.getMessage());
  }

  @Test
  void build_sameTopicTwice_isRefused() {
    assertThrows(
        IllegalStateException.class, () -> builder().eventsTopic("t").effectsTopic("t").build());
  }

  @Test
  void badOptions_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> builder().timerBatch(0));
    assertThrows(IllegalArgumentException.class, () -> builder().retention(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder().timerInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder().eventsTopic(" "));
  }

  @Test
  void entry_stageOrOwnerTwice_isReported() {
    FunnelRecords.Entry e = FunnelRecords.entry("club", "a", "ads", Instant.EPOCH).stage("x");
    assertEquals(
        "stage was already set to 'x'",
        assertThrows(IllegalStateException.class, () -> e.stage("y")).getMessage());
    e.owner("o");
    assertThrows(IllegalStateException.class, () -> e.owner("p"));
    e.attribute("n", 1);
    assertThrows(IllegalStateException.class, () -> e.attribute("n", 2));
    assertThrows(IllegalArgumentException.class, () -> e.attribute("d", 1.5d));
  }

  @Test
  void keys_roundTripAndOnlyTheCompactFormIsALeadsKey() {
    byte[] key = FunnelRecords.key("online shop", "lead \"42\"/é");
    assertEquals(new LeadKey("online shop", "lead \"42\"/é"), FunnelRecords.readKey(key));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FunnelRecords.readKey(
                "[ \"a\",\"b\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(
        Keys.timed(Instant.parse("2026-01-01T00:00:00Z"), "x")
                .compareTo(Keys.timed(Instant.parse("2026-01-01T00:00:00.000000001Z"), "a"))
            < 0);
    Instant at = Instant.parse("1969-07-20T20:17:40.5Z");
    assertEquals(at, Keys.timedInstant(Keys.timed(at, "k")));
  }

  @Test
  void records_readBackWhatTheyWrite() {
    Event ev = Event.of("e-1", "joined", Instant.parse("2026-03-02T09:00:00Z"));
    assertEquals(
        ev,
        dev.funnel.jackson.FunnelFormat.readEvent(
            new java.io.ByteArrayInputStream(FunnelRecords.fire("t", "club", "a", ev).value()),
            dev.funnel.jackson.Syntax.JSON));
    assertEquals(
        "reassign",
        new String(
            FunnelRecords.reassign("t", "club", "a", "anna", ev)
                .headers()
                .lastHeader(FunnelRecords.COMMAND_HEADER)
                .value(),
            java.nio.charset.StandardCharsets.UTF_8));
  }
}
