package dev.funnel.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Lead;
import dev.funnel.Purpose;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of the contact gate's records: a person's {@link ContactRecord} as the contact store
 * keeps it, a message due for the gate ({@link Due}) as the contacts topic carries it, a consent
 * change, and a {@link Dispatch} as the dispatches topic carries it. Reading refuses anything else,
 * naming the JSON Pointer of what is wrong, never a value. Thread-safe.
 */
final class ContactJson {
  private ContactJson() {}

  /** A value that does not parse: the pointer of what is wrong and why. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final String reason;

    BadValue(String pointer, String reason) {
      super(pointer + ": " + reason, null, false, false);
      this.pointer = pointer;
      this.reason = reason;
    }

    String pointer() {
      return pointer;
    }

    String reason() {
      return reason;
    }
  }

  /**
   * A message that fell due, on its way to the contact gate: its outbox entry, when it fell due,
   * the lead as it stood then, and, once the gate held it, until when.
   */
  record Due(OutboxEntry entry, Instant due, Lead lead, @Nullable Instant until) {
    Due held(Instant until) {
      return new Due(entry, due, lead, until);
    }
  }

  /** A consent withdrawn ({@code at} set) or given again ({@code at} null). */
  record ConsentChange(String channel, Purpose purpose, @Nullable Instant at) {}

  // ---------------------------------------------------------------------------------------------
  // Contact records

  /** The contact store's values. */
  static final Serde<ContactRecord> RECORD_SERDE =
      new Serde<>() {
        @Override
        public Serializer<ContactRecord> serializer() {
          return (topic, r) -> r == null ? null : record(r);
        }

        @Override
        public Deserializer<ContactRecord> deserializer() {
          return (topic, bytes) -> {
            if (bytes == null) {
              return null;
            }
            try {
              return record(bytes);
            } catch (BadValue e) {
              throw new IllegalStateException(
                  "a contact record in the store does not parse: " + e.getMessage());
            }
          };
        }
      };

  /**
   * The first byte of a contact record in this module's binary form; JSON's is an opening brace.
   */
  static final byte RECORD_FORMAT = 1;

  /**
   * Writes a contact record as the contact store keeps it, in a binary form of this module's own:
   * the version, then each withdrawal and each message sent in order. The gate reads and writes the
   * record of every message it decides; as JSON read through a tree that was 5.2% of the test
   * driver's time and 6% of the punctuator run's (BENCHMARKS.md, "The Kafka topology without its
   * per-record JSON"). The first byte says the form; {@link #record(byte[])} also reads the JSON
   * earlier versions stored ({@link #recordJson}).
   */
  static byte[] record(ContactRecord r) {
    Binary.Out o = new Binary.Out(16 + 32 * (r.withdrawals().size() + r.sent().size()));
    o.b(RECORD_FORMAT);
    o.u(r.version());
    o.u(r.withdrawals().size());
    for (ContactRecord.Withdrawal w : r.withdrawals()) {
      o.s(w.channel());
      o.s(w.purpose().wireName());
      o.t(w.at());
    }
    o.u(r.sent().size());
    for (ContactRecord.Sent s : r.sent()) {
      o.s(s.funnelId());
      o.s(s.channel());
      o.t(s.at());
    }
    return o.bytes();
  }

  /** Writes a contact record in JSON, the form earlier versions of this module stored. */
  static byte[] recordJson(ContactRecord r) {
    return write(
        g -> {
          g.writeNumberField("version", r.version());
          g.writeArrayFieldStart("withdrawals");
          for (ContactRecord.Withdrawal w : r.withdrawals()) {
            g.writeStartObject();
            g.writeStringField("channel", w.channel());
            g.writeStringField("purpose", w.purpose().wireName());
            g.writeStringField("at", w.at().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("sent");
          for (ContactRecord.Sent s : r.sent()) {
            g.writeStartObject();
            g.writeStringField("funnel", s.funnelId());
            g.writeStringField("channel", s.channel());
            g.writeStringField("at", s.at().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  static ContactRecord record(byte[] bytes) throws BadValue {
    if (bytes.length > 0 && bytes[0] == RECORD_FORMAT) {
      return recordBinary(bytes);
    }
    return recordFromJson(bytes);
  }

  private static ContactRecord recordBinary(byte[] bytes) throws BadValue {
    Binary.In in = new Binary.In(bytes, 1);
    try {
      long version = in.u();
      if (version < 0) {
        throw new BadValue("/version", "not a version");
      }
      int n = in.count();
      ImmutableList.Builder<ContactRecord.Withdrawal> withdrawals =
          ImmutableList.builderWithExpectedSize(n);
      for (int i = 0; i < n; i++) {
        String at = "/withdrawals/" + i;
        String channel = in.s();
        Optional<Purpose> p = Purpose.named(in.s());
        if (p.isEmpty()) {
          throw new BadValue(at + "/purpose", "not a purpose");
        }
        Instant when = in.t();
        withdrawals.add(make(at, () -> new ContactRecord.Withdrawal(channel, p.get(), when)));
      }
      n = in.count();
      ImmutableList.Builder<ContactRecord.Sent> sent = ImmutableList.builderWithExpectedSize(n);
      for (int i = 0; i < n; i++) {
        String funnel = in.s();
        String channel = in.s();
        Instant when = in.t();
        sent.add(make("/sent/" + i, () -> new ContactRecord.Sent(funnel, channel, when)));
      }
      if (!in.atEnd()) {
        throw new BadValue("", "not a contact record: bytes after the messages sent");
      }
      return make("", () -> new ContactRecord(withdrawals.build(), sent.build(), version));
    } catch (Binary.Corrupt e) {
      throw new BadValue("", "not a contact record: " + e.getMessage());
    }
  }

  private static ContactRecord recordFromJson(byte[] bytes) throws BadValue {
    JsonNode root = tree(bytes);
    fields(root, "", Set.of("version", "withdrawals", "sent"), Set.of());
    JsonNode v = root.get("version");
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new BadValue("/version", "not a version");
    }
    ImmutableList.Builder<ContactRecord.Withdrawal> withdrawals = ImmutableList.builder();
    int i = 0;
    for (JsonNode w : array(root, "withdrawals")) {
      String at = "/withdrawals/" + i++;
      fields(w, at, Set.of("channel", "purpose", "at"), Set.of());
      Purpose p = purpose(w, at);
      String channel = text(w, at, "channel");
      Instant when = time(w, at, "at");
      withdrawals.add(make(at, () -> new ContactRecord.Withdrawal(channel, p, when)));
    }
    ImmutableList.Builder<ContactRecord.Sent> sent = ImmutableList.builder();
    i = 0;
    for (JsonNode s : array(root, "sent")) {
      String at = "/sent/" + i++;
      fields(s, at, Set.of("funnel", "channel", "at"), Set.of());
      String funnel = text(s, at, "funnel");
      String channel = text(s, at, "channel");
      Instant when = time(s, at, "at");
      sent.add(make(at, () -> new ContactRecord.Sent(funnel, channel, when)));
    }
    return new ContactRecord(withdrawals.build(), sent.build(), v.asLong());
  }

  // ---------------------------------------------------------------------------------------------
  // Messages due

  /**
   * The first byte of a message due in the binary form that keeps its action as JSON, which earlier
   * versions wrote; JSON's is an opening brace.
   */
  static final byte DUE_FORMAT_ACTION_JSON = 1;

  /** The first byte of a message due in this module's binary form, its action binary too. */
  static final byte DUE_FORMAT = 2;

  /**
   * Writes a message due in a binary form of this module's own, with the lead's snapshot as the
   * lead store keeps it ({@link LeadCodec}): the message goes to the contact gate and, held, back,
   * inside one application, and the lead in it would cost two JSON passes each way. The first byte
   * says the form; {@link #due(byte[])} also reads the JSON form earlier versions wrote.
   */
  static byte[] due(Due d) {
    OutboxEntry e = d.entry();
    Binary.Out o = dueHeader(DUE_FORMAT, e);
    // The action's name and parameters, not its JSON: a message goes to the gate and is read there,
    // and the JSON was written and read through the object mapper each time (BENCHMARKS.md, "The
    // Kafka topology without its per-record JSON").
    Action action = e.action();
    o.s(action.name());
    o.u(action.params().size());
    for (Map.Entry<String, Object> p : action.params().entrySet()) {
      o.s(p.getKey());
      LeadCodec.scalar(o, p.getValue());
    }
    o.t(d.due());
    Instant until = d.until();
    o.b(until == null ? 0 : 1);
    if (until != null) {
      o.t(until);
    }
    LeadCodec.write(o, d.lead());
    return o.bytes();
  }

  static Due due(byte[] bytes) throws BadValue {
    if (bytes.length > 0 && (bytes[0] == DUE_FORMAT || bytes[0] == DUE_FORMAT_ACTION_JSON)) {
      return dueBinary(bytes);
    }
    return dueFromJson(bytes);
  }

  private static Due dueBinary(byte[] bytes) throws BadValue {
    Binary.In in = new Binary.In(bytes, 1);
    EffectKey key;
    Instant at;
    Action action;
    Instant due;
    Instant until = null;
    try {
      String funnelId = in.s();
      String leadId = in.s();
      String eventId = in.s();
      int index = in.i();
      key = make("/key", () -> new EffectKey(funnelId, leadId, eventId, index));
      at = in.t();
      action = bytes[0] == DUE_FORMAT ? action(in) : actionJson(in.s());
      due = in.t();
      int held = in.b();
      if (held == 1) {
        until = in.t();
      } else if (held != 0) {
        throw new BadValue("/until", "neither absent nor an instant");
      }
    } catch (Binary.Corrupt e) {
      throw new BadValue("", "not a message due: " + e.getMessage());
    }
    Lead lead;
    try {
      lead = LeadCodec.read(in);
    } catch (Binary.Corrupt e) {
      throw new BadValue("/lead", "not a lead");
    }
    if (!in.atEnd()) {
      throw new BadValue("", "not a message due: bytes after the lead");
    }
    if (!lead.funnelId().equals(key.funnelId()) || !lead.id().equals(key.leadId())) {
      throw new BadValue("/lead", "not the lead of the effect key");
    }
    return new Due(new OutboxEntry(key, action, at), due, lead, until);
  }

  private static Action action(Binary.In in) throws Binary.Corrupt, BadValue {
    String name = in.s();
    int n = in.count();
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = in.s();
      if (params.put(key, LeadCodec.scalar(in)) != null) {
        throw new BadValue("/action/params", "a parameter twice");
      }
    }
    return make("/action", () -> new Action(name, ImmutableMap.copyOf(params)));
  }

  private static Action actionJson(String json) throws BadValue {
    try {
      return Json.MAPPER.readValue(json, Action.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new BadValue("/action", "not an action");
    }
  }

  /** Starts a message due of the given form: the form's byte, the effect's key and its instant. */
  static Binary.Out dueHeader(byte format, OutboxEntry e) {
    EffectKey key = e.key();
    Binary.Out o = new Binary.Out(256);
    o.b(format);
    o.s(key.funnelId());
    o.s(key.leadId());
    o.s(key.eventId());
    o.u(key.index());
    o.t(e.at());
    return o;
  }

  private static Due dueFromJson(byte[] bytes) throws BadValue {
    JsonNode root = tree(bytes);
    fields(root, "", Set.of("key", "at", "action", "due", "lead"), Set.of("until"));
    EffectKey key;
    try {
      key = Keys.readEffect(Json.MAPPER.writeValueAsBytes(root.get("key")));
    } catch (IOException | IllegalArgumentException e) {
      throw new BadValue("/key", "not an effect key");
    }
    Action action;
    try {
      action = Json.MAPPER.treeToValue(root.get("action"), Action.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new BadValue("/action", "not an action");
    }
    Lead lead;
    try {
      lead = FunnelFormat.readLead(root.get("lead").toString(), Syntax.JSON);
    } catch (FunnelFormatException e) {
      throw new BadValue("/lead" + e.pointer(), "not a lead");
    }
    if (!lead.funnelId().equals(key.funnelId()) || !lead.id().equals(key.leadId())) {
      throw new BadValue("/lead", "not the lead of the effect key");
    }
    Instant until = root.has("until") ? time(root, "", "until") : null;
    return new Due(
        new OutboxEntry(key, action, time(root, "", "at")), time(root, "", "due"), lead, until);
  }

  // ---------------------------------------------------------------------------------------------
  // Consent

  static byte[] consent(ConsentChange c) {
    return write(
        g -> {
          g.writeStringField("channel", c.channel());
          g.writeStringField("purpose", c.purpose().wireName());
          Instant at = c.at();
          if (at != null) {
            g.writeStringField("at", at.toString());
          }
        });
  }

  static ConsentChange consent(byte[] bytes, boolean withdrawn) throws BadValue {
    JsonNode root = tree(bytes);
    fields(
        root,
        "",
        withdrawn ? Set.of("channel", "purpose", "at") : Set.of("channel", "purpose"),
        Set.of());
    String channel = text(root, "", "channel");
    if (channel.isBlank() || !channel.strip().equals(channel)) {
      throw new BadValue("/channel", "not a channel");
    }
    return new ConsentChange(channel, purpose(root, ""), withdrawn ? time(root, "", "at") : null);
  }

  // ---------------------------------------------------------------------------------------------
  // Dispatches

  static byte[] dispatch(Dispatch d) {
    return write(
        g -> {
          g.writeStringField("funnel", d.funnelId());
          g.writeStringField("lead", d.leadId());
          g.writeStringField("template", d.template());
          g.writeStringField("channel", d.channel());
          g.writeStringField("purpose", d.purpose().wireName());
          g.writeStringField("due", d.due().toString());
          g.writeStringField("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
          Instant until = d.until();
          if (until != null) {
            g.writeStringField("until", until.toString());
          }
          Dispatch.Reason reason = d.reason();
          if (reason != null) {
            g.writeStringField("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'));
          }
        });
  }

  static Dispatch dispatch(byte[] bytes) throws BadValue {
    JsonNode root = tree(bytes);
    fields(
        root,
        "",
        Set.of("funnel", "lead", "template", "channel", "purpose", "due", "verdict"),
        Set.of("until", "reason"));
    Dispatch.Verdict verdict =
        constant(Dispatch.Verdict.class, text(root, "", "verdict"), "/verdict");
    Dispatch.Reason reason =
        root.has("reason")
            ? constant(Dispatch.Reason.class, text(root, "", "reason"), "/reason")
            : null;
    Instant until = root.has("until") ? time(root, "", "until") : null;
    String funnel = text(root, "", "funnel");
    String lead = text(root, "", "lead");
    String template = text(root, "", "template");
    String channel = text(root, "", "channel");
    Purpose purpose = purpose(root, "");
    Instant due = time(root, "", "due");
    return make(
        "",
        () -> new Dispatch(funnel, lead, template, channel, purpose, due, verdict, until, reason));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  @FunctionalInterface
  private interface Maker<T> {
    T make();
  }

  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonNode tree(byte[] bytes) throws BadValue {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new BadValue("", "not well-formed JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadValue("", "not a JSON object");
    }
    return root;
  }

  private static <T> T make(String pointer, Maker<T> maker) throws BadValue {
    try {
      return maker.make();
    } catch (IllegalArgumentException e) {
      throw new BadValue(pointer, "a value out of its range");
    }
  }

  private static void fields(JsonNode node, String pointer, Set<String> required, Set<String> opt)
      throws BadValue {
    if (!node.isObject()) {
      throw new BadValue(pointer, "not a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!required.contains(name) && !opt.contains(name)) {
        throw new BadValue(pointer + "/" + name, "an unknown field");
      }
    }
    for (String name : required) {
      if (!node.has(name)) {
        throw new BadValue(pointer + "/" + name, "missing");
      }
    }
  }

  private static JsonNode array(JsonNode node, String name) throws BadValue {
    JsonNode a = node.path(name);
    if (!a.isArray()) {
      throw new BadValue("/" + name, "not a JSON array");
    }
    return a;
  }

  private static String text(JsonNode node, String pointer, String name) throws BadValue {
    JsonNode v = node.path(name);
    if (!v.isTextual()) {
      throw new BadValue(pointer + "/" + name, "not a string");
    }
    return v.asText();
  }

  private static Instant time(JsonNode node, String pointer, String name) throws BadValue {
    String text = text(node, pointer, name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadValue(pointer + "/" + name, "not an instant");
    }
  }

  private static Purpose purpose(JsonNode node, String pointer) throws BadValue {
    Optional<Purpose> p = Purpose.named(text(node, pointer, "purpose"));
    if (p.isEmpty()) {
      throw new BadValue(pointer + "/purpose", "not a purpose");
    }
    return p.get();
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String word, String pointer)
      throws BadValue {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(word)) {
        return e;
      }
    }
    throw new BadValue(pointer, "not one of the known words");
  }
}
