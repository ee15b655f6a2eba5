package dev.funnel.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import dev.funnel.ContactRecord;
import dev.funnel.Purpose;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A contact record's body in the contact table: {@code {"withdrawals": [{"channel", "purpose",
 * "at"}], "sent": [{"funnel", "channel", "at"}]}}, instants as ISO-8601 text to the nanosecond; the
 * version lives in its own column. Reading refuses anything else, naming the JSON Pointer of what
 * is wrong and never a value. Thread-safe.
 */
final class ContactRows {
  private ContactRows() {}

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** A body that does not parse: the pointer of what is wrong and why. */
  static final class BadBody extends Exception {
    private static final long serialVersionUID = 1L;

    BadBody(String pointer, String reason) {
      super(pointer + ": " + reason, null, false, false);
    }
  }

  static String body(ContactRecord record) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode withdrawals = root.putArray("withdrawals");
    for (ContactRecord.Withdrawal w : record.withdrawals()) {
      withdrawals
          .addObject()
          .put("channel", w.channel())
          .put("purpose", w.purpose().wireName())
          .put("at", w.at().toString());
    }
    ArrayNode sent = root.putArray("sent");
    for (ContactRecord.Sent s : record.sent()) {
      sent.addObject()
          .put("funnel", s.funnelId())
          .put("channel", s.channel())
          .put("at", s.at().toString());
    }
    return root.toString();
  }

  static ContactRecord record(long version, String body) throws BadBody {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadBody("", "not well-formed JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadBody("", "not a JSON object");
    }
    fields(root, "", Set.of("withdrawals", "sent"));
    ImmutableList.Builder<ContactRecord.Withdrawal> withdrawals = ImmutableList.builder();
    int i = 0;
    for (JsonNode w : array(root, "withdrawals")) {
      String at = "/withdrawals/" + i++;
      fields(w, at, Set.of("channel", "purpose", "at"));
      String purpose = text(w, at, "purpose");
      Optional<Purpose> p = Purpose.named(purpose);
      if (p.isEmpty()) {
        throw new BadBody(at + "/purpose", "not a purpose");
      }
      withdrawals.add(
          make(
              at,
              () -> new ContactRecord.Withdrawal(text(w, at, "channel"), p.get(), time(w, at))));
    }
    ImmutableList.Builder<ContactRecord.Sent> sent = ImmutableList.builder();
    i = 0;
    for (JsonNode s : array(root, "sent")) {
      String at = "/sent/" + i++;
      fields(s, at, Set.of("funnel", "channel", "at"));
      sent.add(
          make(
              at,
              () ->
                  new ContactRecord.Sent(
                      text(s, at, "funnel"), text(s, at, "channel"), time(s, at))));
    }
    if (version < 1) {
      throw new BadBody("", "a stored record has a version below 1");
    }
    return new ContactRecord(withdrawals.build(), sent.build(), version);
  }

  /** Makes a value, turning a refused id into a bad body at the pointer. */
  private static <T> T make(String pointer, Maker<T> maker) throws BadBody {
    try {
      return maker.make();
    } catch (IllegalArgumentException e) {
      throw new BadBody(pointer, "an id is not valid");
    }
  }

  @FunctionalInterface
  private interface Maker<T> {
    T make() throws BadBody;
  }

  private static void fields(JsonNode node, String pointer, Set<String> names) throws BadBody {
    if (!node.isObject()) {
      throw new BadBody(pointer, "not a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw new BadBody(pointer, "an unknown field");
      }
    }
    for (String name : names) {
      if (!node.has(name)) {
        throw new BadBody(pointer + "/" + name, "missing");
      }
    }
  }

  private static JsonNode array(JsonNode node, String name) throws BadBody {
    JsonNode a = node.path(name);
    if (!a.isArray()) {
      throw new BadBody("/" + name, "not a JSON array");
    }
    return a;
  }

  private static String text(JsonNode node, String pointer, String name) throws BadBody {
    JsonNode v = node.path(name);
    if (!v.isTextual()) {
      throw new BadBody(pointer + "/" + name, "not a string");
    }
    return v.asText();
  }

  private static Instant time(JsonNode node, String pointer) throws BadBody {
    String text = text(node, pointer, "at");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadBody(pointer + "/at", "not an instant");
    }
  }
}
