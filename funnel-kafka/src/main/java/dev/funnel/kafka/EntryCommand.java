package dev.funnel.kafka;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The value of an {@code enter} command, read strictly; see {@link FunnelRecords#entry}. */
record EntryCommand(
    String channel,
    Instant at,
    @Nullable String stage,
    @Nullable String owner,
    ImmutableMap<String, Object> attributes,
    ImmutableList<String> segments) {

  private static final ImmutableSet<String> PROPERTIES =
      ImmutableSet.of("channel", "at", "stage", "owner", "attributes", "segments");

  /** A value that does not parse: why, and the JSON Pointer of the offending part. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final String reason;

    BadValue(String reason, String pointer) {
      super(reason, null, false, false);
      this.pointer = pointer;
      this.reason = reason;
    }

    String reason() {
      return reason;
    }

    String pointer() {
      return pointer;
    }
  }

  static EntryCommand read(byte @Nullable [] value) throws BadValue {
    if (value == null) {
      throw new BadValue("missing-property", "");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(value);
    } catch (IOException e) {
      throw new BadValue("syntax", "");
    }
    if (root == null || !root.isObject()) {
      throw new BadValue("wrong-type", "");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PROPERTIES.contains(name)) {
        throw new BadValue("unknown-property", pointer(name));
      }
    }
    String channel = required(root, "channel");
    String atText = required(root, "at");
    Instant at;
    try {
      at = Instant.parse(atText);
    } catch (DateTimeParseException e) {
      throw new BadValue("invalid-value", "/at");
    }
    ImmutableMap.Builder<String, Object> attributes = ImmutableMap.builder();
    JsonNode attrs = root.get("attributes");
    if (attrs != null) {
      if (!attrs.isObject()) {
        throw new BadValue("wrong-type", "/attributes");
      }
      for (Map.Entry<String, JsonNode> a : attrs.properties()) {
        JsonNode v = a.getValue();
        Object scalar;
        if (v.isTextual()) {
          scalar = v.textValue();
        } else if (v.isBoolean()) {
          scalar = v.booleanValue();
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
          scalar = v.longValue();
        } else if (v.isNumber()) {
          scalar = v.decimalValue();
        } else {
          throw new BadValue("wrong-type", "/attributes" + pointer(a.getKey()));
        }
        attributes.put(a.getKey(), scalar);
      }
    }
    ImmutableList.Builder<String> segments = ImmutableList.builder();
    JsonNode segs = root.get("segments");
    if (segs != null) {
      if (!segs.isArray()) {
        throw new BadValue("wrong-type", "/segments");
      }
      for (int i = 0; i < segs.size(); i++) {
        JsonNode s = segs.get(i);
        if (!s.isTextual() || s.textValue().isBlank()) {
          throw new BadValue("invalid-value", "/segments/" + i);
        }
        segments.add(s.textValue());
      }
    }
    return new EntryCommand(
        channel,
        at,
        optional(root, "stage"),
        optional(root, "owner"),
        attributes.buildOrThrow(),
        segments.build());
  }

  private static String required(JsonNode root, String name) throws BadValue {
    String s = optional(root, name);
    if (s == null) {
      throw new BadValue("missing-property", pointer(name));
    }
    return s;
  }

  private static @Nullable String optional(JsonNode root, String name) throws BadValue {
    JsonNode n = root.get(name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new BadValue("wrong-type", pointer(name));
    }
    String s = n.textValue();
    if (s.isBlank() || !s.strip().equals(s)) {
      throw new BadValue("invalid-value", pointer(name));
    }
    return s;
  }

  private static String pointer(String name) {
    return JsonPointer.empty().appendProperty(name).toString();
  }
}
