package dev.funnel.benchmarks;

import com.google.common.util.concurrent.Futures;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.kafka.FunnelRecords;
import dev.funnel.kafka.FunnelTopology;
import dev.funnel.runtime.FunnelRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timed harness (not JMH: a cluster run is one long shot) of the Kafka Streams topology beside
 * the in-memory runtime, in one JVM run: events a second through {@code TopologyTestDriver} and
 * through an embedded KRaft cluster (1 and 4 partitions, 1 and 2 instances, exactly-once), and
 * timers a second fired by the punctuator over 100,000 leads. Every lead enters, leaves a contact,
 * adds to the cart and pays: four records, four steps, three effects. Run with {@code java -cp
 * funnel-benchmarks/target/benchmarks.jar dev.funnel.benchmarks.KafkaThroughput [options]}; see
 * {@link #main}.
 */
public final class KafkaThroughput {
  private static final Logger log = LoggerFactory.getLogger(KafkaThroughput.class);
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private KafkaThroughput() {}

  /** The custom effect of the nudge timer in the runs whose timers send no message. */
  static final String NOTE = "crm-note";

  static Funnel shop() {
    return shop(true);
  }

  /**
   * The benchmark's funnel; its nudge timer sends a message (which goes through the contact gate)
   * or, with {@code messages} false, hands a custom effect out (straight to the effects topic).
   */
  static Funnel shop(boolean messages) {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("subscriber")
        .stage("hot-lead")
        .stage("buyer")
        .won()
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("subscriber")
        .then(Actions.send("welcome"))
        .after(Duration.ofDays(2))
        .in("subscriber")
        .fire("nudge")
        .on("nudge")
        .from("subscriber")
        .then(messages ? Actions.send("nudge") : Actions.custom(NOTE))
        .on("added-to-cart")
        .from("subscriber")
        .to("hot-lead")
        .then(Actions.send("cart"))
        .on("paid")
        .from("hot-lead")
        .to("buyer")
        .then(Actions.send("receipt"))
        .build();
  }

  static List<ProducerRecord<byte[], byte[]>> records(String topic, int leads) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(leads * 4);
    for (int i = 0; i < leads; i++) {
      String id = "lead-" + i;
      Instant at = T0.plusSeconds(i);
      out.add(FunnelRecords.entry("shop", id, "ads", at).record(topic));
      out.add(FunnelRecords.fire(topic, "shop", id, Event.of(id + "-c", "contact-left", at)));
      out.add(FunnelRecords.fire(topic, "shop", id, Event.of(id + "-a", "added-to-cart", at)));
      out.add(
          FunnelRecords.fire(
              topic,
              "shop",
              id,
              Event.purchase(id + "-p", at)
                  .type("paid")
                  .offer("mini-set")
                  .amount(Money.of("9.90", "EUR"))
                  .build()));
    }
    return out;
  }

  static double inMemory(int leads) {
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop())).handler(Actions.SEND, d -> {}).build();
    long start = System.nanoTime();
    for (int i = 0; i < leads; i++) {
      String id = "lead-" + i;
      Instant at = T0.plusSeconds(i);
      rt.enter("shop", id, "ads", at);
      rt.handle("shop", id, Event.of(id + "-c", "contact-left", at));
      rt.handle("shop", id, Event.of(id + "-a", "added-to-cart", at));
      rt.handle(
          "shop",
          id,
          Event.purchase(id + "-p", at)
              .type("paid")
              .offer("mini-set")
              .amount(Money.of("9.90", "EUR"))
              .build());
    }
    return perSecond(leads * 4L, System.nanoTime() - start);
  }

  static double inMemoryTimers(int leads, boolean messages) {
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop(messages)))
            .handler(Actions.SEND, d -> {})
            .handler(NOTE, d -> {})
            .build();
    for (int i = 0; i < leads; i++) {
      String id = "lead-" + i;
      rt.enter("shop", id, "ads", T0);
      rt.handle("shop", id, Event.of(id + "-c", "contact-left", T0.plusMillis(i)));
    }
    long start = System.nanoTime();
    int fired = rt.advanceTo(T0.plus(Duration.ofDays(3)));
    return perSecond(fired, System.nanoTime() - start);
  }

  static Properties driverProperties(Path state) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-bench");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // The driver runs both sub-topologies (events, contacts) as one task, which then waits on its
    // empty partition before each record, formatting a trace message eagerly (7.8% of the driver's
    // time in the run before, BENCHMARKS.md "The Kafka topology without its per-record JSON"); on
    // a cluster they are tasks of their own, each with the one partition. Not waiting is what the
    // cluster does.
    p.put(
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
        String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
    // The store cache the cluster runs and the README recommend: with the default 10 MB the
    // timer runs' 100,000 leads do not fit, and every lead the punctuator reads misses the cache,
    // is read from RocksDB and evicts another (41% of the punctuator's time in the run before).
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(32L << 20));
    return p;
  }

  private static TestRecord<byte[], byte[]> test(ProducerRecord<byte[], byte[]> r) {
    return new TestRecord<>(r.key(), r.value(), r.headers(), (Instant) null);
  }

  static double driver(int leads) throws Exception {
    FunnelTopology t = FunnelTopology.builder(Catalog.of(shop())).build();
    List<ProducerRecord<byte[], byte[]>> records = records(t.eventsTopic(), leads);
    Path state = Files.createTempDirectory("funnel-bench");
    try (TopologyTestDriver d = new TopologyTestDriver(t.topology(), driverProperties(state), T0)) {
      ByteArraySerializer ser = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = d.createInputTopic(t.eventsTopic(), ser, ser);
      long start = System.nanoTime();
      for (ProducerRecord<byte[], byte[]> r : records) {
        in.pipeInput(test(r));
      }
      return perSecond(records.size(), System.nanoTime() - start);
    }
  }

  static double driverTimers(int leads, boolean messages) throws Exception {
    FunnelTopology t = FunnelTopology.builder(Catalog.of(shop(messages))).timerBatch(leads).build();
    Path state = Files.createTempDirectory("funnel-bench");
    try (TopologyTestDriver d = new TopologyTestDriver(t.topology(), driverProperties(state), T0)) {
      ByteArraySerializer ser = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = d.createInputTopic(t.eventsTopic(), ser, ser);
      for (int i = 0; i < leads; i++) {
        String id = "lead-" + i;
        in.pipeInput(test(FunnelRecords.entry("shop", id, "ads", T0).record(t.eventsTopic())));
        in.pipeInput(
            test(
                FunnelRecords.fire(
                    t.eventsTopic(),
                    "shop",
                    id,
                    Event.of(id + "-c", "contact-left", T0.plusMillis(i)))));
      }
      // Only the timers' outputs count from here: drop what entering wrote.
      d.createOutputTopic(t.stepsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList();
      long start = System.nanoTime();
      d.advanceWallClockTime(Duration.ofDays(3));
      long elapsed = System.nanoTime() - start;
      long fired =
          d.createOutputTopic(
                  t.stepsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .getQueueSize();
      if (fired != leads) {
        throw new IllegalStateException("fired " + fired + " timers of " + leads);
      }
      return perSecond(fired, elapsed);
    }
  }

  static double cluster(
      KafkaClusterTestKit cluster, int partitions, int instances, int threads, int leads)
      throws Exception {
    String suffix = "-" + partitions + "-" + instances + "-" + threads;
    FunnelTopology t =
        FunnelTopology.builder(Catalog.of(shop()))
            .eventsTopic("events" + suffix)
            .effectsTopic("effects" + suffix)
            .stepsTopic("steps" + suffix)
            .deadLetterTopic("dead" + suffix)
            .contactsTopic("contacts" + suffix)
            .dispatchesTopic("dispatches" + suffix)
            .build();
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", (Object) cluster.bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name :
          List.of(
              t.eventsTopic(),
              t.effectsTopic(),
              t.stepsTopic(),
              t.deadLetterTopic(),
              t.contactsTopic(),
              t.dispatchesTopic())) {
        topics.add(new NewTopic(name, partitions, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }
    List<ProducerRecord<byte[], byte[]>> records = records(t.eventsTopic(), leads);
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    pp.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    pp.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(p.send(r));
      }
      p.flush();
      sent.forEach(Futures::getUnchecked); // the broker took every record
    }
    List<KafkaStreams> all = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      Properties sp = new Properties();
      sp.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench" + suffix);
      sp.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      sp.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("funnel-bench").toString());
      sp.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
      streamsSettings(sp);
      all.add(t.kafkaStreams(sp));
    }
    long start = System.nanoTime();
    all.forEach(KafkaStreams::start);
    long expected = leads * 4L;
    long seen = 0;
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long firstOutput = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        parts.add(new TopicPartition(t.stepsTopic(), i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (seen < expected && System.nanoTime() < deadline) {
        int n = c.poll(Duration.ofMillis(100)).count();
        if (n > 0 && firstOutput == 0) {
          firstOutput = System.nanoTime();
        }
        seen += n;
      }
    }
    long end = System.nanoTime();
    for (KafkaStreams s : all) {
      s.close(Duration.ofSeconds(30));
    }
    if (seen != expected) {
      throw new IllegalStateException("saw " + seen + " steps of " + expected);
    }
    log.info(
        "cluster {} partitions, {} instances, {} threads: start to first output {} ms",
        partitions,
        instances,
        threads,
        (firstOutput - start) / 1_000_000);
    // From the first committed output, so that start-up and the first rebalance are not counted.
    return perSecond(expected, end - firstOutput);
  }

  /**
   * The settings that matter under exactly-once, as the README recommends them: a transaction per
   * commit interval, so a longer interval spreads its cost (the commit's round trips to the
   * transaction coordinator) over more records; large producer batches with a short linger, since
   * the commit flushes them anyway; large polls; and a transaction time-out with room for a loaded
   * machine, where the default's 10 s fenced producers.
   */
  static void streamsSettings(Properties sp) {
    sp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    sp.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(32L << 20));
    sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "2000");
    sp.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "10");
    sp.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "262144");
    sp.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "60000");
  }

  private static double perSecond(long n, long nanos) {
    return n * 1e9 / nanos;
  }

  /**
   * Runs the measurements and reports them through SLF4J. By default: the in-memory runtime, the
   * test driver and the punctuator, each twice (the first warms up), then the cluster in the shape
   * of the target alone (4 partitions, one instance of 2 stream threads), once. Options: {@code
   * --leads N} (leads of the event runs, default 25,000: 100,000 events), {@code --timer-leads N}
   * (default 100,000), {@code --rounds N}, {@code --only driver|timers|cluster} (repeatable), and
   * {@code --all-shapes} for the whole cluster matrix (1 and 4 partitions, 1 and 2 instances),
   * which takes several times as long.
   *
   * @param args the options above; a bare number is taken as {@code --leads}
   * @throws Exception if a run fails
   */
  @SuppressWarnings("try") // the cluster's close() may throw InterruptedException, which propagates
  public static void main(String[] args) throws Exception {
    int leads = 25_000;
    int timerLeads = 100_000;
    int rounds = 2;
    boolean allShapes = false;
    java.util.Set<String> only = new java.util.HashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--leads" -> leads = Integer.parseInt(args[++i]);
        case "--timer-leads" -> timerLeads = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--only" -> only.add(args[++i]);
        case "--all-shapes" -> allShapes = true;
        default -> leads = Integer.parseInt(args[i]);
      }
    }
    if (only.isEmpty()) {
      only.addAll(List.of("driver", "timers", "cluster"));
    }
    for (int round = 1; round <= rounds; round++) {
      if (only.contains("driver")) {
        log.info("round {}: in-memory runtime {} events/s", round, (long) inMemory(leads));
        log.info("round {}: TopologyTestDriver {} events/s", round, (long) driver(leads));
      }
      if (only.contains("timers")) {
        for (boolean messages : new boolean[] {true, false}) {
          String what = messages ? "sending a message" : "handing out an effect";
          log.info(
              "round {}: in-memory timers {} {} timers/s",
              round,
              what,
              (long) inMemoryTimers(timerLeads, messages));
          log.info(
              "round {}: punctuator timers {} {} timers/s",
              round,
              what,
              (long) driverTimers(timerLeads, messages));
        }
      }
    }
    if (!only.contains("cluster")) {
      return;
    }
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
      int[][] shapes =
          allShapes
              ? new int[][] {{1, 1, 1}, {4, 1, 1}, {4, 1, 2}, {4, 2, 1}}
              : new int[][] {{4, 1, 2}};
      for (int[] s : shapes) {
        log.info("in-memory runtime {} events/s (same run)", (long) inMemory(leads));
        log.info(
            "cluster, exactly-once, {} partitions, {} instances x {} threads: {} events/s",
            s[0],
            s[1],
            s[2],
            (long) cluster(cluster, s[0], s[1], s[2], leads));
      }
    }
  }
}
