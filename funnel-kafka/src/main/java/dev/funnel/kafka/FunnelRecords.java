package dev.funnel.kafka;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Purpose;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The records the topology reads and writes, and how to make and read them.
 *
 * <ul>
 *   <li><b>Events topic</b>: keyed by the lead ({@link #key}: the compact JSON array {@code
 *       ["funnel-id","lead-id"]}, which partitions leads). A record without the {@value
 *       #COMMAND_HEADER} header fires the event its value holds, in the funnel format's JSON
 *       ({@link FunnelFormat#writeEvent}). With {@code enter} it enters a lead ({@link #entry});
 *       with {@code reassign} it assigns the lead to the owner in {@value #OWNER_HEADER}, recorded
 *       by the event in its value.
 *   <li><b>Effects topic</b>: keyed by the effect's key ({@code
 *       ["funnel-id","lead-id","event-id",index]}, the same key as {@link EffectKey}), the value
 *       {@code {"at": ..., "action": ...}} with the action in the funnel format; read with {@link
 *       #readEffect}. A handler that remembers the keys it has carried out does each effect once.
 *   <li><b>Steps topic</b>: keyed by the lead, the value a step in the funnel format; read with
 *       {@link #readStep}. Per-partition {@link dev.funnel.analytics.Report}s merge into the whole.
 *   <li><b>Contacts topic</b>: keyed by the person id in UTF-8 (their lead id in every funnel), so
 *       that one partition, and one writer, holds each person's contact record. The application
 *       writes erasures ({@link #erasure}) and consent changes ({@link #withdrawConsent}, {@link
 *       #restoreConsent}) to it; the topology routes there each message that falls due and each
 *       {@code unsubscribed} event, for the contact gate.
 *   <li><b>Dispatches topic</b>: keyed by the message's effect key, the value what the contact gate
 *       decided about it ({@link Dispatch}); read with {@link #readDispatch}, count with {@code
 *       ContactFigures}.
 *   <li><b>Dead-letter topic</b>: see {@link DeadLetters}.
 * </ul>
 *
 * <p>Static members only; thread-safe.
 */
public final class FunnelRecords {
  /**
   * The header naming a command other than firing an event: {@code enter} or {@code reassign} on
   * the events topic, {@code erase}, {@code withdraw} or {@code restore} on the contacts topic.
   */
  public static final String COMMAND_HEADER = "funnel-command";

  /** The value of {@value #COMMAND_HEADER} that enters a lead. */
  public static final String ENTER = "enter";

  /** The value of {@value #COMMAND_HEADER} that assigns a lead to an owner. */
  public static final String REASSIGN = "reassign";

  /** The value of {@value #COMMAND_HEADER} that erases a person (contacts topic) or a lead. */
  public static final String ERASE = "erase";

  /** The value of {@value #COMMAND_HEADER} that withdraws a person's consent (contacts topic). */
  public static final String WITHDRAW = "withdraw";

  /** The value of {@value #COMMAND_HEADER} that gives a person's consent again (contacts topic). */
  public static final String RESTORE = "restore";

  /** The value of {@value #COMMAND_HEADER} of a message due for the contact gate; internal. */
  static final String DISPATCH = "dispatch";

  /** The value of {@value #COMMAND_HEADER} of a message the gate held; internal. */
  static final String HOLD = "hold";

  /** The header holding the owner's id of a {@code reassign} command. */
  public static final String OWNER_HEADER = "funnel-owner";

  private FunnelRecords() {}

  /**
   * Returns the key of a lead's records: the compact JSON array of funnel id and lead id.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @return the key's bytes, in UTF-8
   * @throws IllegalArgumentException if an id is blank
   */
  public static byte[] key(String funnelId, String leadId) {
    return Keys.lead(new LeadKey(funnelId, leadId)).getBytes(UTF_8);
  }

  /**
   * Reads the key of a lead's record.
   *
   * @param key the key's bytes
   * @return the funnel id and lead id
   * @throws IllegalArgumentException if the bytes are not a lead's key in compact form
   */
  public static LeadKey readKey(byte[] key) {
    try {
      return Keys.readLead(key);
    } catch (Keys.BadKey e) {
      throw new IllegalArgumentException(e.reason() + " at '" + e.pointer() + "'", e);
    }
  }

  /**
   * Returns a record that fires an event at a lead. The record has no timestamp: the producer
   * stamps it, since brokers refuse timestamps far from their clock and the event carries its own
   * time.
   *
   * @param topic the events topic
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param event the event
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> fire(
      String topic, String funnelId, String leadId, Event event) {
    requireNonNull(event, "event");
    return new ProducerRecord<>(
        requireNonNull(topic, "topic"),
        null,
        null,
        key(funnelId, leadId),
        FunnelFormat.writeEvent(event, Syntax.JSON).getBytes(UTF_8));
  }

  /**
   * Returns a record that assigns a lead to an owner, as {@link dev.funnel.Funnel#reassign} does.
   *
   * @param topic the events topic
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param owner the owner's id
   * @param event the event recording the assignment
   * @return the record
   * @throws IllegalArgumentException if the owner's id is blank
   */
  public static ProducerRecord<byte[], byte[]> reassign(
      String topic, String funnelId, String leadId, String owner, Event event) {
    requireNonNull(owner, "owner");
    checkArgument(!owner.isBlank(), "owner is blank");
    ProducerRecord<byte[], byte[]> r = fire(topic, funnelId, leadId, event);
    r.headers().add(COMMAND_HEADER, REASSIGN.getBytes(UTF_8));
    r.headers().add(OWNER_HEADER, owner.getBytes(UTF_8));
    return r;
  }

  /**
   * Returns the key of a person's records on the contacts topic: the person id in UTF-8.
   *
   * @param personId the person's id, their lead id in every funnel
   * @return the key's bytes
   * @throws IllegalArgumentException if the id is blank or has surrounding whitespace
   */
  public static byte[] personKey(String personId) {
    requireNonNull(personId, "personId");
    checkArgument(
        !personId.isBlank() && personId.strip().equals(personId),
        "person id is blank or has surrounding whitespace");
    return personId.getBytes(UTF_8);
  }

  /**
   * Returns a record that erases a person from every funnel of the catalog and from the contact
   * store, as {@code FunnelRuntime.erase} does: their contact record is forgotten, then each
   * funnel's lead of that id commits {@link dev.funnel.Funnel#erase} as a step, without firing the
   * timers that were due, and its held messages are dropped. Stage counts and money stay,
   * anonymous.
   *
   * @param topic the contacts topic
   * @param personId the person's id
   * @param request the erasure request, with its id, time and actor
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> erasure(
      String topic, String personId, Event request) {
    requireNonNull(request, "request");
    return command(
        topic, personId, ERASE, FunnelFormat.writeEvent(request, Syntax.JSON).getBytes(UTF_8));
  }

  /**
   * Returns a record that withdraws a person's consent to messages of one purpose on one channel,
   * in every funnel, from an instant on. An {@code unsubscribed} event on the events topic does the
   * same for marketing on its channel.
   *
   * @param topic the contacts topic
   * @param personId the person's id
   * @param channel the messaging channel
   * @param purpose the purpose withdrawn
   * @param at from when
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> withdrawConsent(
      String topic, String personId, String channel, Purpose purpose, Instant at) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(at, "at");
    return command(
        topic,
        personId,
        WITHDRAW,
        ContactJson.consent(new ContactJson.ConsentChange(channel, purpose, at)));
  }

  /**
   * Returns a record that gives a person's consent to messages of one purpose on one channel again.
   *
   * @param topic the contacts topic
   * @param personId the person's id
   * @param channel the messaging channel
   * @param purpose the purpose given again
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> restoreConsent(
      String topic, String personId, String channel, Purpose purpose) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    return command(
        topic,
        personId,
        RESTORE,
        ContactJson.consent(new ContactJson.ConsentChange(channel, purpose, null)));
  }

  private static ProducerRecord<byte[], byte[]> command(
      String topic, String personId, String command, byte[] value) {
    requireNonNull(topic, "topic");
    Headers headers = new RecordHeaders();
    headers.add(COMMAND_HEADER, command.getBytes(UTF_8));
    return new ProducerRecord<>(topic, null, null, personKey(personId), value, headers);
  }

  /**
   * Reads a record of the dispatches topic.
   *
   * @param value the record's value
   * @return what the contact gate decided about a message
   * @throws IllegalArgumentException if the value is not a decision, naming the JSON Pointer
   */
  public static Dispatch readDispatch(byte[] value) {
    requireNonNull(value, "value");
    try {
      return ContactJson.dispatch(value);
    } catch (ContactJson.BadValue e) {
      throw new IllegalArgumentException(
          "the decision does not parse at '" + e.pointer() + "': " + e.reason());
    }
  }

  /**
   * Starts a record that enters a lead into the newest version of a funnel. Entering a lead that is
   * already there changes nothing.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param channel the channel it came from
   * @param at when it entered
   * @return an entry to complete
   * @throws IllegalArgumentException if an id is blank
   */
  public static Entry entry(String funnelId, String leadId, String channel, Instant at) {
    requireNonNull(channel, "channel");
    checkArgument(!channel.isBlank(), "channel is blank");
    return new Entry(new LeadKey(funnelId, leadId), channel, requireNonNull(at, "at"));
  }

  /**
   * Reads a record of the steps topic.
   *
   * @param value the record's value
   * @return the step
   * @throws dev.funnel.jackson.FunnelFormatException if it is not a step in the funnel format
   */
  public static Step readStep(byte[] value) {
    return FunnelFormat.readStep(new ByteArrayInputStream(value), Syntax.JSON);
  }

  /**
   * Reads a record of the effects topic.
   *
   * @param key the record's key
   * @param value the record's value
   * @return the effect with its key, action and time
   * @throws IllegalArgumentException if the record is not an effect
   */
  public static OutboxEntry readEffect(byte[] key, byte[] value) {
    EffectKey k = Keys.readEffect(key);
    try {
      JsonNode node = Json.MAPPER.readTree(value);
      JsonNode at = node.get("at");
      JsonNode action = node.get("action");
      if (at == null || action == null || !at.isTextual() || node.size() != 2) {
        throw new IllegalArgumentException("an effect has exactly 'at' and 'action'");
      }
      return new OutboxEntry(
          k, Json.MAPPER.treeToValue(action, Action.class), Instant.parse(at.asText()));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("the effect's value does not parse", e);
    }
  }

  static byte[] effectValue(OutboxEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("at", e.at().toString());
      g.writeFieldName("action");
      Json.MAPPER.writeValue(g, e.action());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  /**
   * A record that enters one lead: its channel and time, and optionally its entry stage, owner,
   * attributes and segments. Setting the stage or the owner twice is a mistake. Not thread-safe.
   */
  public static final class Entry {
    private final LeadKey key;
    private final String channel;
    private final Instant at;
    private @Nullable String stage;
    private @Nullable String owner;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Set<String> segments = new LinkedHashSet<>();

    private Entry(LeadKey key, String channel, Instant at) {
      this.key = key;
      this.channel = channel;
      this.at = at;
    }

    /**
     * Chooses the entry stage; the funnel's first entry stage by default.
     *
     * @param stageId an entry stage's id
     * @return this entry
     * @throws IllegalStateException if the stage was already set
     */
    @CanIgnoreReturnValue
    public Entry stage(String stageId) {
      requireNonNull(stageId, "stageId");
      checkState(stage == null, "stage was already set to '%s'", stage);
      this.stage = stageId;
      return this;
    }

    /**
     * Assigns the lead to an owner.
     *
     * @param ownerId the owner's id
     * @return this entry
     * @throws IllegalStateException if the owner was already set
     */
    @CanIgnoreReturnValue
    public Entry owner(String ownerId) {
      requireNonNull(ownerId, "ownerId");
      checkState(owner == null, "owner was already set to '%s'", owner);
      this.owner = ownerId;
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value a string, boolean, whole number or {@link BigDecimal}
     * @return this entry
     * @throws IllegalStateException if the attribute was already set
     * @throws IllegalArgumentException if the value has no form in the funnel format
     */
    @CanIgnoreReturnValue
    public Entry attribute(String name, Object value) {
      requireNonNull(name, "name");
      Object v = scalar(requireNonNull(value, "value"), name);
      checkState(attributes.putIfAbsent(name, v) == null, "attribute '%s' was already set", name);
      return this;
    }

    /**
     * Sets attributes.
     *
     * @param values names and values
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry attributes(Map<String, ?> values) {
      values.forEach(this::attribute);
      return this;
    }

    /**
     * Puts the lead in a segment.
     *
     * @param segment the segment's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry segment(String segment) {
      segments.add(requireNonNull(segment, "segment"));
      return this;
    }

    /**
     * Returns the record, without a timestamp: the producer stamps it.
     *
     * @param topic the events topic
     * @return the record
     */
    public ProducerRecord<byte[], byte[]> record(String topic) {
      Headers headers = new RecordHeaders();
      headers.add(COMMAND_HEADER, ENTER.getBytes(UTF_8));
      return new ProducerRecord<>(
          requireNonNull(topic, "topic"),
          null,
          null,
          Keys.lead(key).getBytes(UTF_8),
          value(),
          headers);
    }

    byte[] value() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("channel", channel);
        g.writeStringField("at", at.toString());
        if (stage != null) {
          g.writeStringField("stage", stage);
        }
        if (owner != null) {
          g.writeStringField("owner", owner);
        }
        if (!attributes.isEmpty()) {
          g.writeObjectFieldStart("attributes");
          for (Map.Entry<String, Object> a : attributes.entrySet()) {
            g.writeFieldName(a.getKey());
            Object v = a.getValue();
            if (v instanceof String s) {
              g.writeString(s);
            } else if (v instanceof Boolean b) {
              g.writeBoolean(b);
            } else if (v instanceof Long l) {
              g.writeNumber(l);
            } else {
              g.writeNumber((BigDecimal) v);
            }
          }
          g.writeEndObject();
        }
        if (!segments.isEmpty()) {
          g.writeArrayFieldStart("segments");
          for (String s : ImmutableList.copyOf(segments)) {
            g.writeString(s);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    private static Object scalar(Object v, String name) {
      if (v instanceof String || v instanceof Boolean || v instanceof Long) {
        return v;
      }
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof BigInteger b) {
        return new BigDecimal(b);
      }
      if (v instanceof BigDecimal) {
        return v;
      }
      throw new IllegalArgumentException(
          "attribute '" + name + "' has a value of a type the format has no form for");
    }
  }
}
