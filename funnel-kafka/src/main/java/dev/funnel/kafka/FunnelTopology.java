package dev.funnel.kafka;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Stage;
import dev.funnel.Transition;
import dev.funnel.runtime.OwnerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * The funnels of a catalog as a Kafka Streams topology, partitioned by lead:
 *
 * <pre>{@code
 * FunnelTopology funnels = FunnelTopology.builder(Catalog.of(shop))
 *     .eventsTopic("shop-events")
 *     .build();
 * StreamsBuilder builder = new StreamsBuilder();
 * funnels.addTo(builder);                          // or funnels.kafkaStreams(properties)
 * KafkaStreams streams = new KafkaStreams(builder.build(), properties);
 * streams.start();
 * Optional<Lead> lead = funnels.lead(streams, "online-shop", "lead-42");
 * }</pre>
 *
 * <p>One processor per partition of the events topic reads each record ({@link FunnelRecords}),
 * loads the lead from a persistent keyed state store, fires the lead's timers due by the event's
 * time, then the event, through the pure core ({@link Funnel#fire}), and stores the next snapshot
 * with its entry in a due index. Effects go to the effects topic keyed by effect key (as {@link
 * dev.funnel.runtime.EffectKey}), steps to the steps topic keyed by lead; a hand-off to another
 * funnel goes back to the events topic as an entry keyed by the target lead, since that lead may
 * live on another partition; an assignment from an {@link OwnerPool} is recorded as a step of its
 * own. A wall-clock punctuator fires due timers in due order, at most {@link
 * Builder#timerBatch(int)} a tick, reading the due index (ordered by due instant, then lead), never
 * all leads; after downtime it catches up in due order. Records that cannot be used go to the
 * dead-letter topic ({@link DeadLetters}); none stops the stream thread.
 *
 * <p><b>Contact pressure, consent and erasure.</b> Each person's {@link dev.funnel.ContactRecord}
 * (consent withdrawn, marketing messages sent) lives in a persistent keyed state store of a second
 * processor, which reads the contacts topic, keyed by person id. Leads are partitioned by funnel
 * and lead id, so one person's leads in two funnels may live on two partitions; every message that
 * falls due is therefore routed to its person's partition of the contacts topic, where the pure
 * {@link dev.funnel.ContactGate} decides about it, as {@code FunnelRuntime} does when it delivers:
 * quiet hours in the lead's zone, frequency caps, consent, holdouts. Each decision goes to the
 * dispatches topic; a message handed over goes to the effects topic and is counted in the record; a
 * held one goes back to its lead's partition, waits in a held-message due index and is decided
 * again, with the lead as it then stands, by the punctuator once quiet hours end; a skipped or
 * suppressed one stops there, recorded. An {@code unsubscribed} event is sent to the person's
 * partition before it is fired, so it holds in every funnel for messages decided after it arrives
 * there; messages from other partitions that reach the person's partition before it (by at most
 * about a commit interval) are decided without it. An erasure written to the contacts topic ({@link
 * FunnelRecords#erasure}) forgets the person's record there and goes through the events topic to
 * their lead in every funnel of the catalog, which commits {@link Funnel#erase} and drops its held
 * messages.
 *
 * <p><b>Guarantees.</b> With {@code processing.guarantee=exactly_once_v2} (which {@link
 * #kafkaStreams} sets) a lead's snapshot, its due entry, its accepted event ids, its effects and
 * its steps are committed in one transaction: a crash or a moved partition neither loses nor
 * repeats any of them. Event ids a lead accepted are remembered for {@link Builder#retention} and a
 * re-sent event within it is refused as a duplicate. Least-loaded pools count the active leads of
 * the partition the lead lives on.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FunnelTopology {
  /** The default events topic. */
  public static final String DEFAULT_EVENTS_TOPIC = "funnel-events";

  /** The default effects topic. */
  public static final String DEFAULT_EFFECTS_TOPIC = "funnel-effects";

  /** The default steps topic. */
  public static final String DEFAULT_STEPS_TOPIC = "funnel-steps";

  /** The default contacts topic, keyed by person id. */
  public static final String DEFAULT_CONTACTS_TOPIC = "funnel-contacts";

  /** The default dispatches topic, keyed by effect key. */
  public static final String DEFAULT_DISPATCHES_TOPIC = "funnel-dispatches";

  /** The default dead-letter topic. */
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "funnel-dead-letters";

  /** The default prefix of the state stores' names. */
  public static final String DEFAULT_STORE_PREFIX = "funnel";

  private final Catalog catalog;
  private final ImmutableMap<String, OwnerPool> pools;
  private final String eventsTopic;
  private final String effectsTopic;
  private final String stepsTopic;
  private final String deadLetterTopic;
  private final String contactsTopic;
  private final String dispatchesTopic;
  private final String storePrefix;
  private final Duration timerInterval;
  private final int timerBatch;
  private final Duration retention;

  private FunnelTopology(Builder b, Catalog bound) {
    this.catalog = bound;
    this.pools = ImmutableMap.copyOf(b.pools);
    this.eventsTopic = orDefault(b.eventsTopic, DEFAULT_EVENTS_TOPIC);
    this.effectsTopic = orDefault(b.effectsTopic, DEFAULT_EFFECTS_TOPIC);
    this.stepsTopic = orDefault(b.stepsTopic, DEFAULT_STEPS_TOPIC);
    this.deadLetterTopic = orDefault(b.deadLetterTopic, DEFAULT_DEAD_LETTER_TOPIC);
    this.contactsTopic = orDefault(b.contactsTopic, DEFAULT_CONTACTS_TOPIC);
    this.dispatchesTopic = orDefault(b.dispatchesTopic, DEFAULT_DISPATCHES_TOPIC);
    this.storePrefix = orDefault(b.storePrefix, DEFAULT_STORE_PREFIX);
    this.timerInterval = b.timerInterval == null ? Duration.ofSeconds(1) : b.timerInterval;
    this.timerBatch = b.timerBatch == null ? 10_000 : b.timerBatch;
    this.retention = b.retention == null ? Duration.ofDays(7) : b.retention;
  }

  private static String orDefault(@Nullable String v, String d) {
    return v == null ? d : v;
  }

  /**
   * Starts building the topology of a catalog's funnels.
   *
   * @param catalog the funnels to run
   * @return a builder
   */
  public static Builder builder(Catalog catalog) {
    return new Builder(requireNonNull(catalog, "catalog"));
  }

  /**
   * Returns the catalog run, with the custom guards bound.
   *
   * @return the catalog
   */
  public Catalog catalog() {
    return catalog;
  }

  ImmutableMap<String, OwnerPool> pools() {
    return pools;
  }

  /**
   * Returns the topic the topology reads events, entries and assignments from.
   *
   * @return the events topic
   */
  public String eventsTopic() {
    return eventsTopic;
  }

  /**
   * Returns the topic effects are written to, keyed by effect key.
   *
   * @return the effects topic
   */
  public String effectsTopic() {
    return effectsTopic;
  }

  /**
   * Returns the topic steps are written to, keyed by lead.
   *
   * @return the steps topic
   */
  public String stepsTopic() {
    return stepsTopic;
  }

  /**
   * Returns the topic of records that could not be used.
   *
   * @return the dead-letter topic
   */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  /**
   * Returns the topic keyed by person id that carries erasures and consent changes from the
   * application, and the messages due and unsubscribes routed to the contact gate.
   *
   * @return the contacts topic
   */
  public String contactsTopic() {
    return contactsTopic;
  }

  /**
   * Returns the topic the contact gate's decisions are written to, keyed by effect key.
   *
   * @return the dispatches topic
   */
  public String dispatchesTopic() {
    return dispatchesTopic;
  }

  /**
   * Returns the name of the store of people's contact records, keyed by person id.
   *
   * @return the store's name
   */
  public String contactStoreName() {
    return storePrefix + "-contacts";
  }

  String heldStoreName() {
    return storePrefix + "-held";
  }

  String heldByLeadStoreName() {
    return storePrefix + "-held-by-lead";
  }

  /**
   * Returns the name of the store of leads' snapshots, keyed by {@link FunnelRecords#key} as a
   * string, for interactive queries. Its values are the snapshots in a compact binary form of this
   * module's own, which may change between versions: read them with {@link #lead}.
   *
   * @return the store's name
   */
  public String leadStoreName() {
    return storePrefix + "-leads";
  }

  String dueStoreName() {
    return storePrefix + "-due";
  }

  String acceptedStoreName() {
    return storePrefix + "-accepted";
  }

  String acceptedByTimeStoreName() {
    return storePrefix + "-accepted-by-time";
  }

  String ownerStoreName() {
    return storePrefix + "-owners";
  }

  Duration timerInterval() {
    return timerInterval;
  }

  int timerBatch() {
    return timerBatch;
  }

  Duration retention() {
    return retention;
  }

  /**
   * Adds the topology to a builder: the events topic's source, the processor with its stores, and
   * the sinks of the effects, steps, events (hand-offs) and dead-letter topics.
   *
   * @param builder the builder of the application's topology
   */
  public void addTo(StreamsBuilder builder) {
    requireNonNull(builder, "builder");
    ImmutableMap<Routed.Route, String> topics =
        Maps.immutableEnumMap(
            ImmutableMap.of(
                Routed.Route.EVENTS, eventsTopic,
                Routed.Route.EFFECTS, effectsTopic,
                Routed.Route.STEPS, stepsTopic,
                Routed.Route.DEAD_LETTERS, deadLetterTopic,
                Routed.Route.CONTACTS, contactsTopic,
                Routed.Route.DISPATCHES, dispatchesTopic));
    FunnelTopology self = this;
    ProcessorSupplier<byte[], byte[], Routed, byte[]> supplier =
        new ProcessorSupplier<>() {
          @Override
          public LeadProcessor get() {
            return new LeadProcessor(self);
          }

          @Override
          public Set<StoreBuilder<?>> stores() {
            return ImmutableSet.of(
                // Cached: an application's commit interval writes a lead that took several events
                // once to RocksDB and its changelog, not once per event.
                store(leadStoreName(), Serdes.String(), Serdes.ByteArray()).withCachingEnabled(),
                store(dueStoreName(), Serdes.String(), Serdes.ByteArray()),
                store(acceptedStoreName(), Serdes.String(), Serdes.Long()),
                store(acceptedByTimeStoreName(), Serdes.String(), Serdes.ByteArray()),
                store(ownerStoreName(), Serdes.String(), Serdes.Long()),
                store(heldStoreName(), Serdes.String(), Serdes.ByteArray()),
                store(heldByLeadStoreName(), Serdes.String(), Serdes.String()));
          }
        };
    ProcessorSupplier<byte[], byte[], Routed, byte[]> gate =
        new ProcessorSupplier<>() {
          @Override
          public ContactProcessor get() {
            return new ContactProcessor(self);
          }

          @Override
          public Set<StoreBuilder<?>> stores() {
            // Cached like the lead store: a person who is sent several messages within a commit
            // interval has their record written once to RocksDB and its changelog, not once per
            // message (the record's write was 4.9% of the cluster's stream threads, BENCHMARKS.md
            // "The Kafka topology without its per-record JSON").
            return ImmutableSet.of(
                store(contactStoreName(), Serdes.String(), ContactJson.RECORD_SERDE)
                    .withCachingEnabled());
          }
        };
    builder.stream(eventsTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .process(supplier)
        .to(
            (key, value, context) -> requireNonNull(topics.get(key.route())),
            Produced.with(Routed.SERDE, Serdes.ByteArray()));
    builder.stream(contactsTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .process(gate)
        .to(
            (key, value, context) -> requireNonNull(topics.get(key.route())),
            Produced.with(Routed.SERDE, Serdes.ByteArray()));
  }

  private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(
      String name,
      org.apache.kafka.common.serialization.Serde<K> keys,
      org.apache.kafka.common.serialization.Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
  }

  /**
   * Returns a topology of its own holding only this one.
   *
   * @return the topology
   */
  public Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder);
    return builder.build();
  }

  /**
   * Returns a {@code KafkaStreams} running this topology alone, with {@code
   * processing.guarantee=exactly_once_v2} unless the properties set a guarantee.
   *
   * @param properties the application's settings: at least {@code application.id} and {@code
   *     bootstrap.servers}
   * @return the streams, not yet started
   */
  public KafkaStreams kafkaStreams(Properties properties) {
    Properties p = new Properties();
    p.putAll(requireNonNull(properties, "properties"));
    p.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new KafkaStreams(topology(), p);
  }

  /**
   * Reads a lead's snapshot from the stores of this instance of the application: an interactive
   * query. A lead that lives on another instance reads as empty here; {@link #whereIs} says which.
   *
   * @param streams the running application
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @return the lead as last committed, or empty if this instance has no such lead
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException if the store is not ready
   * @throws IllegalStateException if the store's value under the lead's key is not a snapshot
   */
  public Optional<Lead> lead(KafkaStreams streams, String funnelId, String leadId) {
    KeyQueryMetadata where = whereIs(streams, funnelId, leadId);
    StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> query =
        StoreQueryParameters.fromNameAndType(
            leadStoreName(), QueryableStoreTypes.<String, byte[]>keyValueStore());
    // Without application.server the metadata is not available: ask every local partition.
    ReadOnlyKeyValueStore<String, byte[]> store =
        streams.store(where.partition() < 0 ? query : query.withPartition(where.partition()));
    String key = Keys.lead(funnelId, leadId);
    return Optional.ofNullable(LeadCodec.readStored(key, store.get(key)));
  }

  /**
   * Returns which instance of the application holds a lead, for routing an interactive query.
   *
   * @param streams the running application
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @return the active host, standbys and partition of the lead; {@link
   *     KeyQueryMetadata#NOT_AVAILABLE} unless the application sets {@code application.server}
   */
  public KeyQueryMetadata whereIs(KafkaStreams streams, String funnelId, String leadId) {
    return streams.queryMetadataForKey(
        leadStoreName(), Keys.lead(funnelId, leadId), Serdes.String().serializer());
  }

  @Override
  public String toString() {
    return "FunnelTopology{events=" + eventsTopic + ", funnels=" + catalog.all().size() + "}";
  }

  /**
   * Builds a {@link FunnelTopology}. Each single-valued option may be set once; {@link #build()}
   * reports every custom guard and owner pool the catalog uses that is not registered. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Catalog catalog;
    private final Map<String, BiPredicate<? super Lead, ? super Event>> guards =
        new LinkedHashMap<>();
    private final Map<String, OwnerPool> pools = new LinkedHashMap<>();
    private @Nullable String eventsTopic;
    private @Nullable String effectsTopic;
    private @Nullable String stepsTopic;
    private @Nullable String deadLetterTopic;
    private @Nullable String contactsTopic;
    private @Nullable String dispatchesTopic;
    private @Nullable String storePrefix;
    private @Nullable Duration timerInterval;
    private @Nullable Integer timerBatch;
    private @Nullable Duration retention;

    private Builder(Catalog catalog) {
      this.catalog = catalog;
    }

    /**
     * Sets the events topic; {@value FunnelTopology#DEFAULT_EVENTS_TOPIC} by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder eventsTopic(String topic) {
      checkState(eventsTopic == null, "events topic was already set to %s", eventsTopic);
      eventsTopic = topic(topic);
      return this;
    }

    /**
     * Sets the effects topic; {@value FunnelTopology#DEFAULT_EFFECTS_TOPIC} by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder effectsTopic(String topic) {
      checkState(effectsTopic == null, "effects topic was already set to %s", effectsTopic);
      effectsTopic = topic(topic);
      return this;
    }

    /**
     * Sets the steps topic; {@value FunnelTopology#DEFAULT_STEPS_TOPIC} by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder stepsTopic(String topic) {
      checkState(stepsTopic == null, "steps topic was already set to %s", stepsTopic);
      stepsTopic = topic(topic);
      return this;
    }

    /**
     * Sets the dead-letter topic; {@value FunnelTopology#DEFAULT_DEAD_LETTER_TOPIC} by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder deadLetterTopic(String topic) {
      checkState(
          deadLetterTopic == null, "dead-letter topic was already set to %s", deadLetterTopic);
      deadLetterTopic = topic(topic);
      return this;
    }

    /**
     * Sets the contacts topic, keyed by person id; {@value FunnelTopology#DEFAULT_CONTACTS_TOPIC}
     * by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder contactsTopic(String topic) {
      checkState(contactsTopic == null, "contacts topic was already set to %s", contactsTopic);
      contactsTopic = topic(topic);
      return this;
    }

    /**
     * Sets the dispatches topic; {@value FunnelTopology#DEFAULT_DISPATCHES_TOPIC} by default.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder dispatchesTopic(String topic) {
      checkState(
          dispatchesTopic == null, "dispatches topic was already set to %s", dispatchesTopic);
      dispatchesTopic = topic(topic);
      return this;
    }

    /**
     * Sets the prefix of the state stores' names, so that two topologies can share an application;
     * {@value FunnelTopology#DEFAULT_STORE_PREFIX} by default.
     *
     * @param prefix the prefix
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder storePrefix(String prefix) {
      checkState(storePrefix == null, "store prefix was already set to %s", storePrefix);
      storePrefix = topic(prefix);
      return this;
    }

    /**
     * Sets how often, by the wall clock, the punctuator fires due timers; one second by default.
     *
     * @param interval the interval, at least one millisecond
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder timerInterval(Duration interval) {
      requireNonNull(interval, "interval");
      checkState(timerInterval == null, "timer interval was already set to %s", timerInterval);
      checkArgument(interval.toMillis() >= 1, "timer interval is under a millisecond");
      timerInterval = interval;
      return this;
    }

    /**
     * Sets the most due timers a task fires in one tick, so that catching up after downtime does
     * not hold the stream thread past its poll interval; 10,000 by default.
     *
     * @param batch the most timers per tick; positive
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder timerBatch(int batch) {
      checkState(timerBatch == null, "timer batch was already set to %s", timerBatch);
      checkArgument(batch > 0, "timer batch is not positive");
      timerBatch = batch;
      return this;
    }

    /**
     * Sets how long the ids of accepted events are remembered to refuse re-sent ones; seven days by
     * default.
     *
     * @param period the retention; positive
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder retention(Duration period) {
      requireNonNull(period, "period");
      checkState(retention == null, "retention was already set to %s", retention);
      checkArgument(!period.isNegative() && !period.isZero(), "retention is not positive");
      retention = period;
      return this;
    }

    /**
     * Registers the predicate of a custom guard, bound into every funnel of the catalog.
     *
     * @param name the name used in {@link dev.funnel.Conditions#custom}
     * @param predicate the predicate; it runs on stream threads
     * @return this builder
     * @throws IllegalStateException if the guard is already registered
     */
    @CanIgnoreReturnValue
    public Builder guard(String name, BiPredicate<? super Lead, ? super Event> predicate) {
      requireNonNull(name, "name");
      requireNonNull(predicate, "predicate");
      checkState(
          guards.putIfAbsent(name, predicate) == null, "guard '%s' is already registered", name);
      return this;
    }

    /**
     * Registers an owner pool. A round-robin pool takes turns per application instance, a
     * least-loaded one counts the leads of the lead's partition.
     *
     * @param pool the pool
     * @return this builder
     * @throws IllegalStateException if a pool with that id is already registered
     */
    @CanIgnoreReturnValue
    public Builder pool(OwnerPool pool) {
      requireNonNull(pool, "pool");
      checkState(
          pools.putIfAbsent(pool.id(), pool) == null,
          "owner pool '%s' is already registered",
          pool.id());
      return this;
    }

    private static String topic(String name) {
      requireNonNull(name, "name");
      checkArgument(!name.isBlank(), "name is blank");
      return name;
    }

    /**
     * Checks the registrations against the catalog and returns the topology.
     *
     * @return the topology
     * @throws IllegalStateException listing every custom guard and owner pool the catalog's funnels
     *     use that is not registered, or if two of the topics are the same
     */
    public FunnelTopology build() {
      Map<String, Set<String>> missing = new LinkedHashMap<>();
      for (Funnel f : catalog.all()) {
        for (String g : f.customGuards()) {
          if (!guards.containsKey(g)) {
            missing
                .computeIfAbsent("custom guard '" + g + "'", k -> new LinkedHashSet<>())
                .add(f.id());
          }
        }
        // A pool is named by the actions of transitions and by those taken on entering a stage.
        List<Action> actions = new ArrayList<>();
        for (Transition t : f.transitions()) {
          actions.addAll(t.actions());
        }
        for (Stage s : f.stages()) {
          actions.addAll(s.onEnter());
        }
        for (Action a : actions) {
          Optional<String> pool =
              a.name().equals(Actions.ASSIGN) ? a.param("pool") : Optional.empty();
          if (pool.isPresent() && !pools.containsKey(pool.get())) {
            missing
                .computeIfAbsent("owner pool '" + pool.get() + "'", k -> new LinkedHashSet<>())
                .add(f.id());
          }
        }
      }
      if (!missing.isEmpty()) {
        List<String> lines = new ArrayList<>();
        missing.forEach(
            (what, funnels) ->
                lines.add(what + " used by funnel '" + Joiner.on("', '").join(funnels) + "'"));
        throw new IllegalStateException(
            "the topology lacks what its funnels use: " + Joiner.on("; ").join(lines));
      }
      List<Funnel> bound = new ArrayList<>();
      for (Funnel f : catalog.all()) {
        bound.add(f.withGuards(guards));
      }
      FunnelTopology t = new FunnelTopology(this, Catalog.of(bound));
      Set<String> topics =
          ImmutableSet.of(
              t.eventsTopic,
              t.effectsTopic,
              t.stepsTopic,
              t.deadLetterTopic,
              t.contactsTopic,
              t.dispatchesTopic);
      checkState(
          topics.size() == 6,
          "the events, effects, steps, dead-letter, contacts and dispatches topics must differ");
      return t;
    }
  }
}
