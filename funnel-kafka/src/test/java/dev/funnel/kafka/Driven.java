package dev.funnel.kafka;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The topology on a {@link TopologyTestDriver}, fed a recorded stream of inputs. */
final class Driven implements AutoCloseable {
  final FunnelTopology topology;
  final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> events;
  private final TestInputTopic<byte[], byte[]> contacts;
  final TestOutputTopic<byte[], byte[]> dispatches;
  final TestOutputTopic<byte[], byte[]> effects;
  final TestOutputTopic<byte[], byte[]> steps;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private Instant wallClock;
  private final List<Step> seenSteps = new ArrayList<>();
  private final List<OutboxEntry> seenEffects = new ArrayList<>();

  Driven(FunnelTopology topology, Path stateDir, Instant wallClock) {
    this.topology = topology;
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    this.driver = new TopologyTestDriver(topology.topology(), p, wallClock);
    this.wallClock = wallClock;
    ByteArraySerializer ser = new ByteArraySerializer();
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    this.events = driver.createInputTopic(topology.eventsTopic(), ser, ser);
    this.effects = driver.createOutputTopic(topology.effectsTopic(), de, de);
    this.steps = driver.createOutputTopic(topology.stepsTopic(), de, de);
    this.deadLetters = driver.createOutputTopic(topology.deadLetterTopic(), de, de);
    this.contacts = driver.createInputTopic(topology.contactsTopic(), ser, ser);
    this.dispatches = driver.createOutputTopic(topology.dispatchesTopic(), de, de);
  }

  void pipe(ProducerRecord<byte[], byte[]> r) {
    // The records carry no timestamp; the input topic stamps them with its own clock.
    TestInputTopic<byte[], byte[]> topic =
        r.topic().equals(topology.contactsTopic()) ? contacts : events;
    topic.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), (Instant) null));
  }

  void tick(Instant until) {
    if (until.isAfter(wallClock)) {
      driver.advanceWallClockTime(Duration.between(wallClock, until));
      wallClock = until;
    }
  }

  void play(List<Journeys.Input> inputs) {
    String topic = topology.eventsTopic();
    for (Journeys.Input in : inputs) {
      if (in instanceof Journeys.Enter e) {
        pipe(FunnelRecords.entry(e.funnelId(), e.leadId(), e.channel(), e.at()).record(topic));
      } else if (in instanceof Journeys.Fire f) {
        pipe(FunnelRecords.fire(topic, f.funnelId(), f.leadId(), f.event()));
      } else if (in instanceof Journeys.Reassign r) {
        pipe(FunnelRecords.reassign(topic, r.funnelId(), r.leadId(), r.owner(), r.event()));
      } else if (in instanceof Journeys.Erase x) {
        pipe(FunnelRecords.erasure(topology.contactsTopic(), x.personId(), x.request()));
      } else {
        tick(((Journeys.Tick) in).until());
      }
    }
  }

  ImmutableList<Step> drainSteps() {
    for (KeyValue<byte[], byte[]> kv : steps.readKeyValuesToList()) {
      seenSteps.add(FunnelRecords.readStep(kv.value));
    }
    return ImmutableList.copyOf(seenSteps);
  }

  ImmutableList<OutboxEntry> drainEffects() {
    for (KeyValue<byte[], byte[]> kv : effects.readKeyValuesToList()) {
      seenEffects.add(FunnelRecords.readEffect(kv.key, kv.value));
    }
    return ImmutableList.copyOf(seenEffects);
  }

  Map<LeadKey, Lead> leads() {
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(topology.leadStoreName());
    Map<LeadKey, Lead> leads = new HashMap<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        leads.put(Keys.parseLead(kv.key), requireNonNull(LeadCodec.readStored(kv.key, kv.value)));
      }
    }
    return leads;
  }

  Lead lead(String funnelId, String leadId) {
    Lead lead = leads().get(new LeadKey(funnelId, leadId));
    if (lead == null) {
      throw new AssertionError("no lead " + funnelId + "/" + leadId);
    }
    return lead;
  }

  Results results() {
    return Results.of(drainSteps(), drainEffects(), leads());
  }

  @Override
  public void close() {
    driver.close();
  }
}
