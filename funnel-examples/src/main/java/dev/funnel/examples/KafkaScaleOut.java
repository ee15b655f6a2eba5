package dev.funnel.examples;

import com.google.common.util.concurrent.Futures;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import dev.funnel.kafka.FunnelRecords;
import dev.funnel.kafka.FunnelTopology;
import dev.funnel.runtime.OutboxEntry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The shop funnel scaled out on Kafka Streams: a one-node KRaft cluster started in this JVM (in
 * production, your own cluster), topics of four partitions, two instances of the application
 * sharing the leads. Leads sign up and a webinar lead is handed off to the course funnel, which may
 * live on another partition: the hand-off travels through the events topic. The effects topic is
 * what a mailer would consume, keyed so that it sends each letter once; a lead's snapshot is read
 * back with an interactive query.
 *
 * <p>Run it with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes
 * -Dexec.mainClass=dev.funnel.examples.KafkaScaleOut}.
 */
public final class KafkaScaleOut {
  private KafkaScaleOut() {}

  static final Instant T0 = Instant.parse("2030-03-02T09:00:00Z");

  /** What the run produced: the steps and effects read from their topics, the leads queried. */
  record Result(List<Step> steps, List<OutboxEntry> effects, Map<String, Lead> leads) {}

  static Catalog catalog() {
    Funnel webinar =
        Funnel.builder("webinar")
            .stage("registered")
            .entry()
            .stage("attended")
            .won()
            .stage("missed")
            .lost()
            .on("attended")
            .from("registered")
            .to("attended")
            .then(Actions.send("thanks-for-coming"), Actions.handOff("course", "warm"))
            .on("missed")
            .from("registered")
            .to("missed")
            .then(Actions.send("recording"))
            .build();
    Funnel course =
        Funnel.builder("course")
            .stage("cold")
            .entry()
            .stage("warm")
            .entry()
            .stage("student")
            .won()
            .offer(Offer.coreProduct("course", Money.of("290.00", "EUR")))
            .on("paid")
            .from("cold", "warm")
            .to("student")
            .then(Actions.send("welcome-to-class"))
            .after(Duration.ofDays(3))
            .in("warm")
            .fire("reminder")
            .on("reminder")
            .from("warm")
            .then(Actions.send("last-seats"))
            .build();
    return Catalog.of(webinar, course);
  }

  /**
   * Runs the recipe and prints what it did.
   *
   * @param out where to print
   * @return what it produced
   * @throws Exception if the cluster or the application fails
   */
  @SuppressWarnings(
      "try") // the cluster's close() may throw InterruptedException; run lets it propagate
  static Result run(PrintStream out) throws Exception {
    FunnelTopology topology = FunnelTopology.builder(catalog()).build();
    try (KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build()) {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = cluster.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", (Object) bootstrap))) {
        List<NewTopic> topics = new ArrayList<>();
        for (String t :
            List.of(
                topology.eventsTopic(),
                topology.effectsTopic(),
                topology.stepsTopic(),
                topology.deadLetterTopic(),
                topology.contactsTopic(),
                topology.dispatchesTopic())) {
          topics.add(new NewTopic(t, 4, (short) 1));
        }
        admin.createTopics(topics).all().get();
      }

      List<KafkaStreams> instances = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "shop-funnels");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + (8080 + i));
        p.put(
            StreamsConfig.STATE_DIR_CONFIG,
            Files.createTempDirectory("funnel-kafka-" + i).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        KafkaStreams streams = topology.kafkaStreams(p); // exactly-once by default
        streams.start();
        instances.add(streams);
      }

      String topic = topology.eventsTopic();
      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String lead : List.of("ada", "bo", "cy")) {
          sent.add(
              producer.send(FunnelRecords.entry("webinar", lead, "newsletter", T0).record(topic)));
        }
        Instant end = T0.plus(Duration.ofHours(2));
        sent.add(
            producer.send(
                FunnelRecords.fire(topic, "webinar", "ada", Event.of("w-1", "attended", end))));
        sent.add(
            producer.send(
                FunnelRecords.fire(topic, "webinar", "bo", Event.of("w-2", "missed", end))));
        sent.add(
            producer.send(
                FunnelRecords.fire(topic, "webinar", "cy", Event.of("w-3", "attended", end))));
        // Sent twice, as a retrying client would: refused, to the dead-letter topic.
        sent.add(
            producer.send(
                FunnelRecords.fire(topic, "webinar", "cy", Event.of("w-3", "attended", end))));
        sent.forEach(Futures::getUnchecked); // the broker took every record
      }

      // Three entries, three webinar steps, two hand-offs into the course.
      List<Step> steps = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : read(bootstrap, topology.stepsTopic(), 8)) {
        steps.add(FunnelRecords.readStep(r.value()));
      }
      List<OutboxEntry> effects = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : read(bootstrap, topology.effectsTopic(), 5)) {
        effects.add(FunnelRecords.readEffect(r.key(), r.value()));
      }
      for (Step s : steps) {
        out.printf("step    %s/%s: %s -> %s%n", s.funnelId(), s.leadId(), s.from(), s.to());
      }
      for (OutboxEntry e : effects) {
        out.printf("effect  %s: %s%n", e.key(), e.action());
      }
      Map<String, Lead> leads = new LinkedHashMap<>();
      for (String lead : List.of("ada", "cy")) {
        KafkaStreams any = instances.get(0);
        int port = topology.whereIs(any, "course", lead).activeHost().port();
        KafkaStreams holder = instances.get(port - 8081);
        Lead l = topology.lead(holder, "course", lead).orElseThrow();
        leads.put(lead, l);
        out.printf("query   course/%s on instance %d: stage %s%n", lead, port - 8080, l.stage());
      }
      for (KafkaStreams s : instances) {
        s.close(Duration.ofSeconds(30));
      }
      return new Result(steps, effects, leads);
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        parts.add(new TopicPartition(topic, i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Runs the recipe.
   *
   * @param args ignored
   * @throws Exception if the cluster or the application fails
   */
  public static void main(String[] args) throws Exception {
    run(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }
}
