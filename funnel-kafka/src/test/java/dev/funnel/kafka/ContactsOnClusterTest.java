package dev.funnel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.testing.ContactShop;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent and erasure on a real broker with topics of four partitions and two instances: a person's
 * leads in two funnels live on different partitions, and an unsubscribe heard in one funnel
 * suppresses the marketing message of the other, because both reach the person's partition of the
 * contacts topic; an erasure reaches the person's lead in every funnel.
 */
final class ContactsOnClusterTest {
  private static final int PEOPLE = 20;
  private static final int PARTITIONS = 4;

  // Set by JUnit before the test.
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path state;

  static Funnel newsletter() {
    return Funnel.builder("newsletter")
        .stage("subscribed")
        .entry()
        .stage("gone")
        .lost()
        .on("left")
        .from("subscribed")
        .to("gone")
        .build();
  }

  private static int partition(String funnelId, String leadId) {
    return Utils.toPositive(Utils.murmur2(FunnelRecords.key(funnelId, leadId))) % PARTITIONS;
  }

  @Test
  void unsubscribeInOneFunnel_suppressesTheOthersMessageAcrossPartitions_andErasureReachesBoth()
      throws Exception {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    FunnelTopology topology =
        FunnelTopology.builder(Catalog.of(newsletter(), ContactShop.webinar())).build();
    String events = topology.eventsTopic();
    int apart = 0;
    List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      String p = "p-" + i;
      if (partition("newsletter", p) != partition("webinar", p)) {
        apart++;
      }
      first.add(FunnelRecords.entry("newsletter", p, "ads", t0).record(events));
      first.add(FunnelRecords.entry("webinar", p, "ads", t0).record(events));
      first.add(
          FunnelRecords.fire(
              events,
              "newsletter",
              p,
              Event.builder("u-" + i, FunnelRuntime.UNSUBSCRIBED, t0)
                  .payload(FunnelRuntime.UNSUBSCRIBED_CHANNEL, "email")
                  .build()));
    }
    assertTrue(apart >= PEOPLE / 2, "most people's two leads live on different partitions");

    try (EmbeddedKafka kafka = new EmbeddedKafka()) {
      kafka.createTopics(
          PARTITIONS,
          topology.eventsTopic(),
          topology.effectsTopic(),
          topology.stepsTopic(),
          topology.deadLetterTopic(),
          topology.contactsTopic(),
          topology.dispatchesTopic());
      KafkaStreams a =
          topology.kafkaStreams(
              EmbeddedClusterTest.streamsProperties(
                  kafka.bootstrapServers(), state.resolve("a"), 1));
      KafkaStreams b =
          topology.kafkaStreams(
              EmbeddedClusterTest.streamsProperties(
                  kafka.bootstrapServers(), state.resolve("b"), 2));
      try {
        a.start();
        b.start();
        EmbeddedClusterTest.awaitRunning(a, b);

        kafka.send(first);
        // The newsletter has no transition for the unsubscribe: each is refused, in the same
        // transaction as its withdrawal was sent to the person's contact partition.
        assertEquals(
            PEOPLE,
            kafka
                .readCommitted(topology.deadLetterTopic(), PEOPLE, java.time.Duration.ofSeconds(60))
                .size());
        List<ProducerRecord<byte[], byte[]>> then = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
          then.add(
              FunnelRecords.fire(
                  events, "webinar", "p-" + i, Event.of("i-" + i, "invited", t0.plusSeconds(1))));
        }
        kafka.send(then);

        Map<String, Integer> verdicts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
            kafka.readCommitted(
                topology.dispatchesTopic(), 3 * PEOPLE, java.time.Duration.ofSeconds(60))) {
          Dispatch d = FunnelRecords.readDispatch(r.value());
          verdicts.merge(d.template() + ":" + d.verdict(), 1, Integer::sum);
        }
        assertEquals(
            Map.of(
                "invite:" + Dispatch.Verdict.SUPPRESS, PEOPLE,
                "ticket:" + Dispatch.Verdict.SEND, PEOPLE,
                "invite-sms:" + Dispatch.Verdict.SEND, PEOPLE),
            verdicts);
        assertEquals(
            2 * PEOPLE,
            kafka
                .readCommitted(
                    topology.effectsTopic(), 2 * PEOPLE, java.time.Duration.ofSeconds(30))
                .size());
        // Erased once every decision is made: an erasure forgets the person's consent as well.
        kafka.send(
            List.of(
                FunnelRecords.erasure(
                    topology.contactsTopic(),
                    "p-0",
                    Event.of("gdpr-0", "erasure", t0.plusSeconds(2)))));
        int erased = 0;
        for (ConsumerRecord<byte[], byte[]> r :
            kafka.readCommitted(
                topology.stepsTopic(), 3 * PEOPLE + 2, java.time.Duration.ofSeconds(60))) {
          Step s = FunnelRecords.readStep(r.value());
          if (Funnel.ERASED.equals(s.eventType())) {
            assertEquals("p-0", s.leadId());
            erased++;
          }
        }
        assertEquals(2, erased, "the erasure reached the person's lead in both funnels");
      } finally {
        a.close(java.time.Duration.ofSeconds(30));
        b.close(java.time.Duration.ofSeconds(30));
      }
    }
  }
}
