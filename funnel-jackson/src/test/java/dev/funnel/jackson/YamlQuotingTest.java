package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Event;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class YamlQuotingTest {
  private static Event event(String text) {
    return Event.builder("e1", "t", Instant.parse("2026-01-01T00:00:00Z"))
        .payload("p", text)
        .build();
  }

  // Found by the round-trip property on Jackson 2.18, whose writer left these plain and whose
  // parser read them as numbers.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x1F", "1_000", "0b101", "1e5", "1E5", "3e+2", "1e-5", "1.5e3", "1_0.5", ".inf", "-.inf",
        ".NaN", "123", "9.90", "true", "yes", "null", "~", "<<"
      })
  void textYamlReadsAsAnotherType_isQuotedAndReadsBackAsText(String text) {
    assertTrue(new YamlQuoting().needToQuoteValue(text), text);
    Event e = event(text);
    assertEquals(e, FunnelFormat.readEvent(FunnelFormat.writeEvent(e, Syntax.YAML), Syntax.YAML));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cold-lead", "500 off the first order", "2026-03-02T09:01:00Z", "0o17", "a b"})
  void plainText_staysPlainAndReadsBackAsText(String text) {
    assertFalse(new YamlQuoting().needToQuoteValue(text), text);
    Event e = event(text);
    String yaml = FunnelFormat.writeEvent(e, Syntax.YAML);
    assertTrue(yaml.contains("p: " + text + "\n"), yaml);
    assertEquals(e, FunnelFormat.readEvent(yaml, Syntax.YAML));
  }
}
