package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.runtime.LeadKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on {@code TopologyTestDriver} against the in-memory runtime on the same recorded
 * streams: the same steps per lead, the same effects per key, the same final snapshots.
 */
final class FunnelTopologyTest {
  // Set by JUnit before each test.
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path state;

  private static FunnelTopology topology() {
    return FunnelTopology.builder(Journeys.catalog())
        .pool(Journeys.managers())
        .timerInterval(Duration.ofSeconds(1))
        .build();
  }

  private static void assertSameResults(Results expected, Results actual) {
    assertEquals(expected.steps().keySet(), actual.steps().keySet());
    for (LeadKey k : expected.steps().keySet()) {
      assertEquals(expected.steps().get(k), actual.steps().get(k), "steps of " + k);
    }
    assertEquals(expected.effects(), actual.effects());
    assertEquals(expected.leads(), actual.leads());
    assertEquals(0, actual.duplicatedEffects());
  }

  @Test
  void recordedStream_withHourlyTicks_equalsTheInMemoryRuntime() {
    ImmutableList<Journeys.Input> inputs = Journeys.recorded(1, 80, 20, true);
    Results expected = OneJvm.run(Journeys.catalog(), Journeys.managers(), inputs);
    try (Driven d = new Driven(topology(), state, Journeys.T0)) {
      d.play(inputs);
      Results actual = d.results();
      assertSameResults(expected, actual);
      assertTrue(expected.allSteps().size() > 300, "the stream exercises the funnels");
      assertTrue(
          actual.allSteps().stream().anyMatch(s -> s.funnelId().equals("club")),
          "hand-offs entered the club");
    }
  }

  @Test
  void recordedStream_downForWeeks_catchesUpInDueOrderInBoundedBatches() {
    // No tick until the end: the service was down, and catches up 25 timers a tick.
    ImmutableList<Journeys.Input> inputs = Journeys.recorded(2, 60, 20, false);
    Results expected = OneJvm.run(Journeys.catalog(), Journeys.managers(), inputs);
    FunnelTopology t =
        FunnelTopology.builder(Journeys.catalog()).pool(Journeys.managers()).timerBatch(25).build();
    try (Driven d = new Driven(t, state, Journeys.T0)) {
      d.play(inputs.subList(0, inputs.size() - 1));
      int before = d.drainSteps().size();
      Instant end = ((Journeys.Tick) inputs.get(inputs.size() - 1)).until();
      d.tick(end);
      List<Step> afterOneTick = d.drainSteps();
      int firstTick = afterOneTick.size() - before;
      assertEquals(25, firstTick, "one tick fires one batch");
      int ticks = 1;
      int last;
      do {
        last = d.drainSteps().size();
        end = end.plusSeconds(1);
        d.tick(end);
        ticks++;
      } while (d.drainSteps().size() > last);
      assertTrue(ticks > 3, "catching up took several ticks");
      ImmutableList<Step> all = d.drainSteps();
      ImmutableList<Instant> timerTimes =
          all.subList(before, all.size()).stream()
              .filter(s -> s.eventId() != null && s.eventId().startsWith("timer:"))
              .map(Step::at)
              .collect(ImmutableList.toImmutableList());
      assertEquals(ImmutableList.sortedCopyOf(timerTimes), timerTimes, "fired in due order");
      assertSameResults(expected, d.results());
    }
  }

  @Test
  void handOff_isRoutedThroughTheEventsTopicAsAnEntry() {
    try (Driven d = new Driven(topology(), state, Journeys.T0)) {
      String topic = d.topology.eventsTopic();
      d.pipe(FunnelRecords.entry("first-sale", "rider", "ads", Journeys.T0).record(topic));
      d.pipe(
          FunnelRecords.fire(
              topic,
              "first-sale",
              "rider",
              Event.purchase("b-1", Journeys.T0)
                  .type("paid")
                  .offer("snowboard")
                  .amount(Journeys.BOARD)
                  .build()));
      Lead club = d.lead("club", "rider");
      assertEquals("engagement", club.stage());
      assertTrue(club.segments().contains("riders"));
      d.tick(Journeys.T0.plus(Duration.ofDays(1)));
      assertTrue(
          d.drainEffects().stream()
              .anyMatch(e -> e.action().param("template").orElse("").equals("club-for-riders")),
          "the club's timer fired with the hand-off's segment");
    }
  }

  @Test
  void event_resentAfterManyOthers_isRefusedUntilTheRetentionPasses() {
    FunnelTopology t =
        FunnelTopology.builder(Journeys.catalog())
            .pool(Journeys.managers())
            .retention(Duration.ofDays(30))
            .build();
    try (Driven d = new Driven(t, state, Journeys.T0)) {
      String topic = t.eventsTopic();
      d.pipe(FunnelRecords.entry("club", "m", "ads", Journeys.T0).record(topic));
      Instant at = Journeys.T0;
      d.pipe(FunnelRecords.fire(topic, "club", "m", Event.of("j-1", "joined", at)));
      for (int i = 0; i < 300; i++) {
        at = at.plusSeconds(1);
        // Not handled in "engagement": refused, but the lead is there.
        d.pipe(FunnelRecords.fire(topic, "club", "m", Event.of("x-" + i, "noise", at)));
      }
      long refusedBefore = DeadLetters.count(d.driver.metrics(), DeadLetters.Code.REFUSED);
      d.pipe(FunnelRecords.fire(topic, "club", "m", Event.of("j-1", "joined", at)));
      assertEquals(
          refusedBefore + 1, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.REFUSED));
      TestRecord<byte[], byte[]> dead = last(d);
      assertEquals("duplicate", header(dead, DeadLetters.REASON_HEADER));
      assertEquals("/id", header(dead, DeadLetters.POINTER_HEADER));

      assertFalse(
          d.driver.<String, Long>getKeyValueStore(t.acceptedStoreName()).approximateNumEntries()
              == 0);
      d.tick(Journeys.T0.plus(Duration.ofDays(31)));
      assertEquals(
          null,
          d.driver
              .<String, Long>getKeyValueStore(t.acceptedStoreName())
              .get(Keys.accepted(new LeadKey("club", "m"), "j-1")),
          "purged after the retention");
    }
  }

  @Test
  void badRecords_goToTheDeadLetterTopicWithCodeAndPointer_andTheStreamGoesOn() {
    try (Driven d = new Driven(topology(), state, Journeys.T0)) {
      String topic = d.topology.eventsTopic();
      Instant at = Journeys.T0;
      d.pipe(raw(topic, "not json".getBytes(UTF_8), "{}".getBytes(UTF_8)));
      assertDead(d, DeadLetters.Code.BAD_KEY, "");
      d.pipe(raw(topic, "[\"club\", \"a\"]".getBytes(UTF_8), "{}".getBytes(UTF_8)));
      assertDead(d, DeadLetters.Code.BAD_KEY, "");
      d.pipe(raw(topic, "[\"club\",\" \"]".getBytes(UTF_8), "{}".getBytes(UTF_8)));
      assertDead(d, DeadLetters.Code.BAD_KEY, "/1");
      d.pipe(FunnelRecords.fire(topic, "nowhere", "a", Event.of("e", "joined", at)));
      assertDead(d, DeadLetters.Code.UNKNOWN_FUNNEL, "/0");
      d.pipe(FunnelRecords.fire(topic, "club", "ghost", Event.of("e", "joined", at)));
      assertDead(d, DeadLetters.Code.NO_LEAD, "");
      d.pipe(
          raw(
              topic,
              FunnelRecords.key("club", "a"),
              "{\"id\":\"e\",\"type\":\"joined\",\"at\":17}".getBytes(UTF_8)));
      assertDead(d, DeadLetters.Code.BAD_VALUE, "/at");
      ProducerRecord<byte[], byte[]> entry =
          FunnelRecords.entry("club", "a", "ads", at).record(topic);
      d.pipe(
          new ProducerRecord<>(
              topic,
              null,
              at.toEpochMilli(),
              entry.key(),
              "{\"channel\":\"ads\",\"at\":\"2026-03-02T09:00:00Z\",\"colour\":\"red\"}"
                  .getBytes(UTF_8),
              entry.headers()));
      assertDead(d, DeadLetters.Code.BAD_VALUE, "/colour");
      d.pipe(FunnelRecords.entry("club", "a", "ads", at).stage("member").record(topic));
      assertDead(d, DeadLetters.Code.BAD_VALUE, "/stage");

      d.pipe(entry);
      d.pipe(FunnelRecords.fire(topic, "club", "a", Event.of("p", "pass-paid", at)));
      assertDead(d, DeadLetters.Code.REFUSED, "/type");
      assertEquals("no-transition", header(last(d), DeadLetters.REASON_HEADER));

      // The stream thread is still working.
      d.pipe(FunnelRecords.fire(topic, "club", "a", Event.of("j", "joined", at)));
      assertEquals("engagement", d.lead("club", "a").stage());
      assertEquals(3, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.BAD_KEY));
      assertEquals(3, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.BAD_VALUE));
      assertEquals(1, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.UNKNOWN_FUNNEL));
      assertEquals(1, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.NO_LEAD));
      assertEquals(1, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.REFUSED));
      assertTrue(d.deadLetters.isEmpty());
    }
  }

  @Test
  void refusedEvent_leavesTheLeadAsItWasAndWritesNoStepOrEffect() {
    try (Driven d = new Driven(topology(), state, Journeys.T0)) {
      String topic = d.topology.eventsTopic();
      d.pipe(FunnelRecords.entry("club", "a", "ads", Journeys.T0).record(topic));
      Lead before = d.lead("club", "a");
      int steps = d.drainSteps().size();
      int effects = d.drainEffects().size();
      d.pipe(FunnelRecords.fire(topic, "club", "a", Event.of("p", "pass-paid", Journeys.T0)));
      assertEquals(before, d.lead("club", "a"));
      assertEquals(steps, d.drainSteps().size());
      assertEquals(effects, d.drainEffects().size());
    }
  }

  private static ProducerRecord<byte[], byte[]> raw(String topic, byte[] key, byte[] value) {
    return new ProducerRecord<>(topic, null, Journeys.T0.toEpochMilli(), key, value);
  }

  private @Nullable TestRecord<byte[], byte[]> lastDead;

  private TestRecord<byte[], byte[]> last(Driven d) {
    while (!d.deadLetters.isEmpty()) {
      lastDead = d.deadLetters.readRecord();
    }
    if (lastDead == null) {
      throw new AssertionError("no dead letter");
    }
    return lastDead;
  }

  private void assertDead(Driven d, DeadLetters.Code code, String pointer) {
    TestRecord<byte[], byte[]> r = d.deadLetters.readRecord();
    lastDead = r;
    assertEquals(code.name(), header(r, DeadLetters.CODE_HEADER));
    assertEquals(pointer, header(r, DeadLetters.POINTER_HEADER));
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), UTF_8);
  }
}
