package dev.funnel.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.funnel.Action;
import dev.funnel.Lead;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelModule;
import dev.funnel.jackson.Syntax;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The store's conversions: leads and actions to and from JSON, instants to and from SQL. */
final class Codec {
  private Codec() {}

  private static final ObjectMapper ACTIONS =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(new FunnelModule())
          .build();

  static String lead(Lead lead) {
    return FunnelFormat.writeLead(lead, Syntax.JSON);
  }

  /** Reads a stored lead; a {@code FunnelFormatException} names the pointer, never a value. */
  static Lead lead(String json) {
    return FunnelFormat.readLead(json, Syntax.JSON);
  }

  static String action(Action action) {
    try {
      return ACTIONS.writeValueAsString(action);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("action '" + action.name() + "' cannot be written", e);
    }
  }

  static Action action(String json) throws JsonProcessingException {
    return ACTIONS.readValue(json, Action.class);
  }

  static OffsetDateTime sql(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time.toInstant();
  }

  /**
   * Rounds up to the microsecond, PostgreSQL's precision, so a due time read back is never earlier
   * than the timer it stands for and the runtime never finds the timer not yet due.
   */
  static Instant ceilMicros(Instant t) {
    Instant floor = t.truncatedTo(ChronoUnit.MICROS);
    return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MICROS);
  }
}
