package dev.funnel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker started in the test JVM: topics of four partitions, two instances
 * of the application, one of them stopped in the middle of the stream.
 */
final class EmbeddedClusterTest {
  // Set by JUnit before the test.
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path state;

  static Properties streamsProperties(String bootstrap, Path stateDir, int port) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-cluster-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "2000");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "500");
    return p;
  }

  static void awaitRunning(KafkaStreams... all) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (KafkaStreams s : all) {
      while (s.state() != KafkaStreams.State.RUNNING) {
        assertTrue(System.nanoTime() < deadline, "streams did not start: " + s.state());
        Thread.sleep(50);
      }
    }
  }

  @Test
  void twoInstances_oneStoppedMidStream_produceWhatOneJvmProduces() throws Exception {
    // Far enough ahead that no timer falls due by the wall clock during the test.
    Instant t0 = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.HOURS);
    ImmutableList<Journeys.Input> inputs = Journeys.recorded(t0, 3, 240, 20, false, false);
    Results expected = OneJvm.run(Journeys.catalog(), Journeys.managers(), inputs);
    FunnelTopology topology =
        FunnelTopology.builder(Journeys.catalog()).pool(Journeys.managers()).build();
    String topic = topology.eventsTopic();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Journeys.Input in : inputs) {
      if (in instanceof Journeys.Enter e) {
        records.add(
            FunnelRecords.entry(e.funnelId(), e.leadId(), e.channel(), e.at()).record(topic));
      } else if (in instanceof Journeys.Fire f) {
        records.add(FunnelRecords.fire(topic, f.funnelId(), f.leadId(), f.event()));
      } else if (in instanceof Journeys.Reassign r) {
        records.add(FunnelRecords.reassign(topic, r.funnelId(), r.leadId(), r.owner(), r.event()));
      }
    }

    try (EmbeddedKafka kafka = new EmbeddedKafka()) {
      kafka.createTopics(
          4,
          topology.eventsTopic(),
          topology.effectsTopic(),
          topology.stepsTopic(),
          topology.deadLetterTopic(),
          topology.contactsTopic(),
          topology.dispatchesTopic());
      KafkaStreams a =
          topology.kafkaStreams(streamsProperties(kafka.bootstrapServers(), state.resolve("a"), 1));
      KafkaStreams b =
          topology.kafkaStreams(streamsProperties(kafka.bootstrapServers(), state.resolve("b"), 2));
      try {
        a.start();
        b.start();
        awaitRunning(a, b);

        int half = records.size() / 2;
        kafka.send(records.subList(0, half));
        // Let both work on the first half, then stop one in the middle of the stream.
        assertTrue(
            !kafka.readCommitted(topology.stepsTopic(), 1, Duration.ofSeconds(30)).isEmpty());
        a.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        kafka.send(records.subList(half, records.size()));

        int stepCount = expected.allSteps().size();
        List<Step> steps = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> stepRecords =
            kafka.readCommitted(topology.stepsTopic(), stepCount, Duration.ofSeconds(90));
        for (ConsumerRecord<byte[], byte[]> r : stepRecords) {
          steps.add(FunnelRecords.readStep(r.value()));
        }
        List<OutboxEntry> effects = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
            kafka.readCommitted(
                topology.effectsTopic(), expected.effects().size(), Duration.ofSeconds(30))) {
          effects.add(FunnelRecords.readEffect(r.key(), r.value()));
        }
        awaitRunning(b);
        Map<LeadKey, Lead> leads = new HashMap<>();
        for (LeadKey k : expected.leads().keySet()) {
          topology.lead(b, k.funnelId(), k.leadId()).ifPresent(l -> leads.put(k, l));
        }
        Results actual = Results.of(steps, effects, leads);

        assertEquals(expected.steps().keySet(), actual.steps().keySet());
        for (LeadKey k : expected.steps().keySet()) {
          assertEquals(expected.steps().get(k), actual.steps().get(k), "steps of " + k);
        }
        assertEquals(stepCount, steps.size(), "nothing lost, nothing twice");
        LeadKey someone = expected.leads().keySet().iterator().next();
        assertEquals(
            2, topology.whereIs(b, someone.funnelId(), someone.leadId()).activeHost().port());
        assertEquals(0, actual.duplicatedEffects(), "no effect twice under one key");
        assertEquals(expected.effects(), actual.effects());
        assertEquals(
            ImmutableList.of(),
            expected.leads().keySet().stream()
                .filter(k -> !actual.leads().containsKey(k))
                .map(k -> k + "@" + topology.whereIs(b, k.funnelId(), k.leadId()).partition())
                .collect(ImmutableList.toImmutableList()),
            "every lead is read, of " + expected.leads().size());
        for (LeadKey k : expected.leads().keySet()) {
          assertEquals(
              dev.funnel.jackson.FunnelFormat.writeLead(
                  java.util.Objects.requireNonNull(expected.leads().get(k)),
                  dev.funnel.jackson.Syntax.JSON),
              dev.funnel.jackson.FunnelFormat.writeLead(
                  java.util.Objects.requireNonNull(actual.leads().get(k)),
                  dev.funnel.jackson.Syntax.JSON),
              "interactive query of " + k);
        }

        // Per-partition reports of the steps topic merge into the report of the whole.
        Funnel shop = Journeys.catalog().latest("online-shop").orElseThrow();
        Map<Integer, List<Step>> byPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : stepRecords) {
          Step s = FunnelRecords.readStep(r.value());
          if (s.funnelId().equals("online-shop")) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(s);
          }
        }
        assertTrue(byPartition.size() > 1, "the shop's leads are spread over partitions");
        Report merged = null;
        for (List<Step> part : byPartition.values()) {
          Report r = Report.of(shop, part);
          merged = merged == null ? r : merged.merge(r);
        }
        List<Step> shopSteps = new ArrayList<>();
        for (Step s : expected.allSteps()) {
          if (s.funnelId().equals("online-shop")) {
            shopSteps.add(s);
          }
        }
        assertEquals(Report.of(shop, shopSteps), merged);
      } finally {
        a.close(Duration.ofSeconds(30));
        b.close(Duration.ofSeconds(30));
      }
    }
  }
}
