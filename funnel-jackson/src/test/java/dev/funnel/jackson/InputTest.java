package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.funnel.Action;
import dev.funnel.Funnel;
import dev.funnel.Timer;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The reader's own pointers, durations and repeated names, against what they stand in for. */
final class InputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  @Provide
  Arbitrary<JsonNode> trees() {
    Arbitrary<String> names =
        Arbitraries.of("a", "id", "x/y", "~", "~1", "a~/b", "", "0", "@type", "étape");
    Arbitrary<JsonNode> leaves =
        Arbitraries.of("v", "w").map(s -> JsonNodeFactory.instance.textNode(s));
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Arbitraries.oneOf(
                inner
                    .list()
                    .ofMaxSize(4)
                    .map(
                        elements -> {
                          ArrayNode a = JsonNodeFactory.instance.arrayNode();
                          elements.forEach(a::add);
                          return a;
                        }),
                Arbitraries.entries(names, inner)
                    .list()
                    .ofMaxSize(4)
                    .map(
                        entries -> {
                          ObjectNode o = JsonNodeFactory.instance.objectNode();
                          entries.forEach(e -> o.set(e.getKey(), e.getValue()));
                          return o;
                        })),
        1,
        5);
  }

  @Property(tries = 300)
  void pointer_atEveryToken_isWhatJacksonWrites(@ForAll("trees") JsonNode tree) throws IOException {
    List<JsonParser> parsers = new ArrayList<>();
    parsers.add(JSON.createParser(JSON.writeValueAsString(tree)));
    parsers.add(JSON.createParser(JSON.writeValueAsBytes(tree)));
    parsers.add(YAML.createParser(YAML.writeValueAsString(tree)));
    parsers.add(JSON.treeAsTokens(tree));
    for (JsonParser p : parsers) {
      try (p) {
        Input in = new Input(p, false);
        while (p.nextToken() != null) {
          assertEquals(p.getParsingContext().pathAsPointer().toString(), in.pointer());
        }
      }
    }
  }

  @Test
  void objectPointer_atAPropertyName_leavesTheNameOut() throws IOException {
    try (JsonParser p = JSON.createParser("{\"a\": [{\"b~/\": 1}]}")) {
      while (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
        // advance to the number
      }

      assertEquals("/a/0/b~0~1", new Input(p, false).pointer());
      assertEquals("/a/0", Input.objectPointer(p));
    }
  }

  @Provide
  Arbitrary<String> durations() {
    Arbitrary<String> pieces =
        Arbitraries.of("P", "T", "D", "H", "M", "S", "1", "0", "12", "999999999", "1000000000")
            .list()
            .ofMinSize(1)
            .ofMaxSize(8)
            .map(l -> String.join("", l));
    Arbitrary<String> noise =
        Arbitraries.strings().withChars("PTDHMS0129-.+ tdhms,").ofMaxLength(10);
    return Arbitraries.oneOf(pieces, pieces.map(s -> "P" + s), noise);
  }

  @Property(tries = 1000)
  void simpleDuration_whenItReadsOne_readsWhatDurationParseReads(@ForAll("durations") String text) {
    Duration simple = Durations.simple(text);

    if (simple != null) {
      assertEquals(Duration.parse(text), simple, text);
    }
  }

  @Test
  void simpleDuration_theFormsTheWriterWrites_areRead() {
    assertAll(
        () -> assertEquals(Duration.ofHours(1), Durations.simple("PT1H")),
        () -> assertEquals(Duration.ofDays(2), Durations.simple("P2D")),
        () -> assertEquals(Duration.ZERO, Durations.simple("PT0S")),
        () ->
            assertEquals(
                Duration.ofDays(1).plusHours(2).plusMinutes(30).plusSeconds(15),
                Durations.simple("P1DT2H30M15S")));
  }

  @Test
  void simpleDuration_otherForms_areLeftToDurationParse() throws IOException {
    for (String text : new String[] {"PT1.5S", "-PT1H", "pt1h", "P1DT", "PT", "PT1D", "P1M"}) {
      assertNull(Durations.simple(text), text);
    }
    ObjectMapper mapper = new ObjectMapper().registerModule(new FunnelModule());

    Timer timer =
        mapper.readValue(
            "{\"stage\": \"a\", \"after\": \"pt1.5s\", \"event\": \"e\"}", Timer.class);

    assertEquals(Duration.ofMillis(1500), timer.after());
  }

  @Test
  void mapperWithoutDuplicateDetection_repeatedProperty_isRefusedWhereItIs() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new FunnelModule());
    String json =
        "{\"format\": 1, \"id\": \"shop\", \"stages\": [{\"id\": \"a\", \"entry\": true,"
            + " \"entry\": false}]}";

    FunnelFormatException e =
        assertThrows(FunnelFormatException.class, () -> mapper.readValue(json, Funnel.class));

    assertEquals(Code.DUPLICATE_KEY, e.code());
    assertEquals("/stages/0/entry", e.pointer());
    assertEquals(1, e.line());
    assertEquals(67, e.column());
  }

  @Test
  void mapperWithoutDuplicateDetection_manyParameters_areReadAndARepeatedOneIsRefused()
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().registerModule(new FunnelModule());
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      params.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": ").append(i);
    }
    String action = "{\"custom\": {\"name\": \"crm\", \"params\": {" + params + "%s}}}";

    Action read = mapper.readValue(String.format(action, ""), Action.class);
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> mapper.readValue(String.format(action, ", \"p17\": 0"), Action.class));

    assertEquals(40, read.params().size());
    assertEquals(Code.DUPLICATE_KEY, e.code());
    assertEquals("/custom/params/p17", e.pointer());
  }
}
