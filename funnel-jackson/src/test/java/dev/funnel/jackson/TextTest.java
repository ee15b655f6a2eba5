package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Bounds;
import dev.funnel.Event;
import dev.funnel.Ids;
import dev.funnel.Lead;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encodings, the id alphabet, free text and instants, the same in both syntaxes. */
final class TextTest {
  private static final String EVENT_YAML = "id: e1\ntype: paid\nat: 2026-01-31T09:30:00Z\n";

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void readYaml_fromStreamInAnyDocumentedEncoding_withOrWithoutBom_isRead(String name) {
    Charset charset = Charset.forName(name);
    byte[] plain = EVENT_YAML.getBytes(charset);
    byte[] bom = ("\ufeff" + EVENT_YAML).getBytes(charset);

    for (byte[] bytes : new byte[][] {plain, bom}) {
      Event e = FunnelFormat.readEvent(new ByteArrayInputStream(bytes), Syntax.YAML);
      assertEquals("e1", e.id());
      Event j =
          FunnelFormat.readEvent(
              new ByteArrayInputStream(FunnelFormat.writeEvent(e, Syntax.JSON).getBytes(charset)),
              Syntax.JSON);
      assertEquals(e, j);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb\u0085", "a\nb\r", "a\u2028b\nc", "a\n\u2029", "a\nb"})
  void yaml_textWithLfAndAnotherLineBreak_readsBackAsItWas(String text) {
    // Found by the round-trip property: such text was written as a literal block, where the other
    // break was read back as an LF.
    Event e =
        Event.builder("e1", "t", Instant.parse("2026-01-01T00:00:00Z"))
            .payload("p", text)
            .offer("o")
            .build();
    assertEquals(e, FunnelFormat.readEvent(FunnelFormat.writeEvent(e, Syntax.YAML), Syntax.YAML));
  }

  @Test
  void readYaml_malformedUtf16_isRefusedWithItsPosition() {
    byte[] bytes = "id: e1\ntype: paid\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] broken = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    broken[bytes.length] = 0x00; // a lone high surrogate, D800, little-endian
    broken[bytes.length + 1] = (byte) 0xD8;
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readEvent(new ByteArrayInputStream(broken), Syntax.YAML));
    assertEquals(Code.SYNTAX, e.code());
    assertEquals(3, e.line());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\\u0000b", "a\\rb", "a\\nb", "a\\tb", "\\u001b[31mred", "a\\u202eb", "a\\u2066b",
        "a\\u200bb", "\\ufeffa", "a\\u2028b", "a\\u0085b", "a\\ud800", "\\udc00a", "a\\ufffe"
      })
  void read_idWithControlFormatOrUnpairedSurrogate_isRefusedInBothSyntaxes(String escaped) {
    String json = "{\"id\":\"" + escaped + "\",\"type\":\"t\",\"at\":\"2026-01-31T09:30:00Z\"}";
    String yaml = "id: \"" + escaped + "\"\ntype: t\nat: 2026-01-31T09:30:00Z\n";
    for (String[] doc : new String[][] {{json, "JSON"}, {yaml, "YAML"}}) {
      FunnelFormatException e =
          assertThrows(
              FunnelFormatException.class,
              () -> FunnelFormat.readEvent(doc[0], Syntax.valueOf(doc[1])));
      assertEquals(Code.INVALID_VALUE, e.code(), e.getMessage());
      assertEquals("/id", e.pointer());
    }
  }

  @Test
  void read_freeTextWithUnpairedSurrogate_isRefusedWithoutQuotingIt() {
    String json =
        "{\"id\":\"e1\",\"type\":\"t\",\"at\":\"2026-01-31T09:30:00Z\","
            + "\"reason\":\"secret-canary\\ud800\"}";
    FunnelFormatException e =
        assertThrows(FunnelFormatException.class, () -> FunnelFormat.readEvent(json, Syntax.JSON));
    assertEquals(Code.INVALID_VALUE, e.code());
    assertEquals("/reason", e.pointer());
    assertFalse(String.valueOf(e.getMessage()).contains("canary"));
  }

  @Test
  void read_instantWithOffset_isTheSameMomentInUtc() {
    Event e =
        FunnelFormat.readEvent(
            "{\"id\":\"e1\",\"type\":\"t\",\"at\":\"2026-01-31T10:30:00+01:00\"}", Syntax.JSON);
    assertEquals(Instant.parse("2026-01-31T09:30:00Z"), e.at());
    assertEquals(e, FunnelFormat.readEvent(FunnelFormat.writeEvent(e, Syntax.YAML), Syntax.YAML));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "-1000000-01-01T00:00:00Z"})
  void read_instantOutsideTheBounds_isRefusedNamingTheField(String at) {
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readEvent(
                    "{\"id\":\"e1\",\"type\":\"t\",\"at\":\"" + at + "\"}", Syntax.JSON));
    assertEquals(Code.INVALID_VALUE, e.code());
    assertEquals("/at", e.pointer());
  }

  @Test
  void read_timerDueAfterTheLatestInstant_isReadUpToTheLatestDue() {
    String lead =
        "{\"format\":1,\"id\":\"l\",\"funnelId\":\"f\",\"stage\":\"a\","
            + "\"enteredAt\":\"9999-12-31T00:00:00Z\",\"channel\":\"c\","
            + "\"timers\":[{\"stage\":\"a\",\"event\":\"e\",\"due\":\"%s\"}]}";
    Lead l = FunnelFormat.readLead(String.format(lead, Bounds.LATEST_DUE), Syntax.JSON);
    assertEquals(Bounds.LATEST_DUE, l.timers().get(0).due());
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readLead(
                    String.format(lead, Bounds.LATEST_DUE.plusNanos(1)), Syntax.JSON));
    assertEquals("/timers/0/due", e.pointer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"P36526D", "PT876625H", "P999999999D"})
  void read_durationLongerThanTheBound_isRefusedNamingTheField(String after) {
    String yaml =
        "format: 1\nid: f\nstages: [{id: a, entry: true}, {id: b, kind: won}]\n"
            + "transitions: [{event: e, from: [a], to: b}]\n"
            + "timers: [{stage: a, after: "
            + after
            + ", event: e}]\n";
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class, () -> FunnelFormat.readDefinition(yaml, Syntax.YAML));
    assertEquals(Code.INVALID_VALUE, e.code());
    assertEquals("/timers/0/after", e.pointer());
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(12);
  }

  /** Ids are refused by the builder exactly when the reader refuses them, in both syntaxes. */
  @Property(tries = 500)
  void id_anyString_isAcceptedByTheReaderExactlyWhenTheBuilderAcceptsIt(
      @ForAll("anyText") String id) throws Exception {
    String json =
        "{\"id\":"
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(id)
            + ",\"type\":\"t\",\"at\":\"2026-01-31T09:30:00Z\"}";
    if (Ids.isValid(id)) {
      Event e = Event.of(id, "t", Instant.parse("2026-01-31T09:30:00Z"));
      assertEquals(e, FunnelFormat.readEvent(json, Syntax.JSON));
      assertEquals(e, FunnelFormat.readEvent(FunnelFormat.writeEvent(e, Syntax.YAML), Syntax.YAML));
    } else {
      assertThrows(
          IllegalArgumentException.class,
          () -> Event.of(id, "t", Instant.parse("2026-01-31T09:30:00Z")));
      assertThrows(FunnelFormatException.class, () -> FunnelFormat.readEvent(json, Syntax.JSON));
    }
  }

  @Provide
  Arbitrary<String> wellFormedText() {
    return anyText().filter(Input::wellFormed);
  }

  /** Free text of any well-formed characters round-trips exactly through both syntaxes. */
  @Property(tries = 500)
  void reason_anyWellFormedText_roundTripsExactly(@ForAll("wellFormedText") String text) {
    Event e =
        Event.builder("e1", "t", Instant.parse("2026-01-31T09:30:00Z"))
            .reason(text)
            .payload("note", text)
            .build();
    for (Syntax s : Syntax.values()) {
      Event back = FunnelFormat.readEvent(FunnelFormat.writeEvent(e, s), s);
      assertEquals(e, back);
      assertEquals(text, back.reason().orElseThrow());
    }
  }
}
