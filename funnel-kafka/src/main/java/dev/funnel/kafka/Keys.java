package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The keys of records and stores. A lead is keyed by the compact JSON array {@code
 * ["funnel-id","lead-id"]}, which partitions it; an effect by {@code
 * ["funnel-id","lead-id","event-id",index]}. Store keys that must sort by time start with the
 * instant in 21 fixed-width digits, so the stores' byte order is due order.
 */
final class Keys {
  private Keys() {}

  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  /** Seconds added to the epoch second so that every instant from year -1200 on is positive. */
  private static final long SECONDS_OFFSET = 100_000_000_000L;

  private static final int INSTANT_DIGITS = 21;

  /** A key that is not a lead's: the reason and the JSON Pointer of what is wrong. */
  static final class BadKey extends Exception {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final String reason;

    BadKey(String reason, String pointer) {
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

  static String lead(String funnelId, String leadId) {
    return write(funnelId, leadId, null, -1);
  }

  static String lead(LeadKey key) {
    return lead(key.funnelId(), key.leadId());
  }

  static String effect(EffectKey key) {
    return write(key.funnelId(), key.leadId(), key.eventId(), key.index());
  }

  static String accepted(LeadKey key, String eventId) {
    return write(key.funnelId(), key.leadId(), eventId, -1);
  }

  private static String write(String funnelId, String leadId, @Nullable String third, int index) {
    if (isPlain(funnelId) && isPlain(leadId) && (third == null || isPlain(third))) {
      // What the generator writes for strings that need no escape, without making one per key
      // (KafkaThroughput: a generator per key was 4% of the test driver's time).
      StringBuilder b = new StringBuilder(funnelId.length() + leadId.length() + 24);
      b.append("[\"").append(funnelId).append("\",\"").append(leadId).append('"');
      if (third != null) {
        b.append(",\"").append(third).append('"');
      }
      if (index >= 0) {
        b.append(',').append(index);
      }
      return b.append(']').toString();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(funnelId.length() + leadId.length() + 8);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      g.writeString(funnelId);
      g.writeString(leadId);
      if (third != null) {
        g.writeString(third);
      }
      if (index >= 0) {
        g.writeNumber(index);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(UTF_8);
  }

  /** Whether JSON writes the string as it is: printable ASCII without quote or backslash. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Where a plain string that starts at {@code from} ends (its closing quote), or -1. */
  private static int plainEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** Reads a lead key from a record, refusing any spelling but the compact one. */
  static LeadKey readLead(byte @Nullable [] bytes) throws BadKey {
    if (bytes == null || bytes.length == 0) {
      throw new BadKey("the record has no key", "");
    }
    // The compact key of plain ids, read without a parser: ["funnel","lead"] and nothing else.
    int n = bytes.length;
    if (n >= 7
        && bytes[0] == '['
        && bytes[1] == '"'
        && bytes[n - 2] == '"'
        && bytes[n - 1] == ']') {
      int first = plainEnd(bytes, 2);
      if (first > 0
          && first + 3 < n
          && bytes[first + 1] == ','
          && bytes[first + 2] == '"'
          && plainEnd(bytes, first + 3) == n - 2) {
        String funnelId = new String(bytes, 2, first - 2, UTF_8);
        String leadId = new String(bytes, first + 3, n - 2 - (first + 3), UTF_8);
        checkId(funnelId, "/0");
        checkId(leadId, "/1");
        return new LeadKey(funnelId, leadId);
      }
    }
    String funnelId;
    String leadId;
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new BadKey("the key is not a JSON array of funnel id and lead id", "");
      }
      funnelId = string(p, "/0");
      leadId = string(p, "/1");
      if (p.nextToken() != JsonToken.END_ARRAY) {
        throw new BadKey("the key has more than funnel id and lead id", "/2");
      }
      if (p.nextToken() != null) {
        throw new BadKey("the key has content after its array", "");
      }
    } catch (IOException e) {
      throw new BadKey("the key is not well-formed JSON", "");
    }
    if (!Arrays.equals(bytes, lead(funnelId, leadId).getBytes(UTF_8))) {
      // Another spelling of the same ids would hash to another partition.
      throw new BadKey("the key is not in compact form, which partitions leads", "");
    }
    return new LeadKey(funnelId, leadId);
  }

  private static String string(JsonParser p, String pointer) throws IOException, BadKey {
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw new BadKey("the key lacks a string here", pointer);
    }
    String s = p.getText();
    checkId(s, pointer);
    return s;
  }

  private static void checkId(String s, String pointer) throws BadKey {
    if (s.isBlank() || !s.strip().equals(s)) {
      throw new BadKey("the id is blank or has surrounding whitespace", pointer);
    }
  }

  static EffectKey readEffect(byte[] bytes) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      expect(p, JsonToken.START_ARRAY);
      expect(p, JsonToken.VALUE_STRING);
      String funnelId = p.getText();
      expect(p, JsonToken.VALUE_STRING);
      String leadId = p.getText();
      expect(p, JsonToken.VALUE_STRING);
      String eventId = p.getText();
      expect(p, JsonToken.VALUE_NUMBER_INT);
      int index = p.getIntValue();
      expect(p, JsonToken.END_ARRAY);
      return new EffectKey(funnelId, leadId, eventId, index);
    } catch (IOException e) {
      throw new IllegalArgumentException("the effect key is not well-formed JSON", e);
    }
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new IllegalArgumentException("the effect key is not [funnel, lead, event, index]");
    }
  }

  /** Returns {@code instant + ' ' + rest}, which sorts by the instant. */
  static String timed(Instant at, String rest) {
    char[] c = new char[INSTANT_DIGITS + 1 + rest.length()];
    digits(c, 0, 12, at.getEpochSecond() + SECONDS_OFFSET);
    digits(c, 12, 9, at.getNano());
    c[INSTANT_DIGITS] = ' ';
    rest.getChars(0, rest.length(), c, INSTANT_DIGITS + 1);
    return new String(c);
  }

  /** Returns the greatest key {@link #timed} makes for this instant, for inclusive ranges. */
  static String timedUpTo(Instant at) {
    return timed(at, "").substring(0, INSTANT_DIGITS) + '\u007f';
  }

  static Instant timedInstant(String key) {
    long seconds = Long.parseLong(key, 0, 12, 10) - SECONDS_OFFSET;
    int nanos = Integer.parseInt(key, 12, INSTANT_DIGITS, 10);
    return Instant.ofEpochSecond(seconds, nanos);
  }

  static String timedRest(String key) {
    return key.substring(INSTANT_DIGITS + 1);
  }

  private static void digits(char[] c, int from, int width, long value) {
    if (value < 0 || value >= (width == 12 ? 1_000_000_000_000L : 1_000_000_000L)) {
      throw new IllegalArgumentException("instant out of the range the stores keep");
    }
    long v = value;
    for (int i = from + width - 1; i >= from; i--) {
      c[i] = (char) ('0' + (v % 10));
      v /= 10;
    }
  }

  /** Reads a key written by {@link #lead}, known to be well-formed. */
  static LeadKey parseLead(String key) {
    try {
      return readLead(key.getBytes(UTF_8));
    } catch (BadKey e) {
      throw new IllegalStateException("a store holds a key that is not a lead's", e);
    }
  }
}
