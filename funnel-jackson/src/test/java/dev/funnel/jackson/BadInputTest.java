package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.funnel.Conditions;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One test per class of bad input, each checking the code, the pointer and the line. */
final class BadInputTest {

  /** A valid definition in JSON, one property per line, into which the tests put faults. */
  static final String JSON =
      """
      {
        "format": 1,
        "id": "shop",
        "stages": [
          {"id": "visitor", "entry": true},
          {"id": "buyer", "kind": "won"}
        ],
        "transitions": [
          {"event": "paid", "from": ["visitor"], "to": "buyer"}
        ]
      }
      """;

  /** The same definition in YAML. */
  static final String YAML =
      """
      format: 1
      id: shop
      stages:
        - id: visitor
          entry: true
        - id: buyer
          kind: won
      transitions:
        - event: paid
          from: [visitor]
          to: buyer
      """;

  private static FunnelFormatException fails(String text, Syntax syntax) {
    return assertThrows(
        FunnelFormatException.class, () -> FunnelFormat.readDefinition(text, syntax));
  }

  private static void check(FunnelFormatException e, Code code, String pointer, int line) {
    assertAll(
        () -> assertEquals(code, e.code(), e.getMessage()),
        () -> assertEquals(pointer, e.pointer(), e.getMessage()),
        () -> assertEquals(line, e.line(), e.getMessage()));
  }

  @Test
  void baseline_bothDocuments_read() {
    Funnel fromJson = FunnelFormat.readDefinition(JSON, Syntax.JSON);

    assertEquals(fromJson, FunnelFormat.readDefinition(YAML, Syntax.YAML));
  }

  @Test
  void read_unknownProperty_isRefused() {
    String json = JSON.replace("\"kind\": \"won\"", "\"kind\": \"won\", \"colour\": \"red\"");
    String yaml = YAML.replace("    kind: won\n", "    kind: won\n    colour: red\n");

    check(fails(json, Syntax.JSON), Code.UNKNOWN_PROPERTY, "/stages/1/colour", 6);
    check(fails(yaml, Syntax.YAML), Code.UNKNOWN_PROPERTY, "/stages/1/colour", 8);
  }

  @Test
  void read_invalidDefinitionFollowedByMalformedContent_isReportedAsInvalid() {
    // Found by fuzzing: locating the problems read on past the value into the malformed tail and
    // let its parse error escape as an UncheckedIOException.
    String invalid = "{\"format\": 1, \"id\": \"x\", \"stages\": [{\"id\": \"a\"}]}";
    FunnelFormatException json = fails(invalid + " }{", Syntax.JSON);
    assertEquals(Code.INVALID_DEFINITION, json.code(), json.getMessage());
    assertEquals(1, json.problems().get(0).line(), json.getMessage());
    FunnelFormatException yaml = fails(invalid + "\n}{", Syntax.YAML);
    assertTrue(
        yaml.code() == Code.INVALID_DEFINITION || yaml.code() == Code.SYNTAX, yaml.getMessage());
  }

  @Test
  void read_trailingTokens_areRefused() {
    check(fails(JSON + "{}\n", Syntax.JSON), Code.TRAILING_TOKENS, "", 12);
    check(fails(JSON + "x\n", Syntax.JSON), Code.TRAILING_TOKENS, "", 12);
    check(fails(YAML + "---\nid: other\n", Syntax.YAML), Code.TRAILING_TOKENS, "", 13);
  }

  @Test
  void read_duplicateKeyInJson_isRefused() {
    String json = JSON.replace("\"id\": \"shop\",", "\"id\": \"shop\",\n  \"id\": \"shop\",");

    check(fails(json, Syntax.JSON), Code.DUPLICATE_KEY, "/id", 4);
  }

  @Test
  void read_duplicateKeyInYaml_isRefused() {
    String yaml = YAML.replace("    entry: true\n", "    entry: true\n    entry: false\n");

    check(fails(yaml, Syntax.YAML), Code.DUPLICATE_KEY, "/stages/0/entry", 6);
  }

  @Test
  void read_repeatedNameAmongManyAttributes_isRefusedWhereItIsRepeated() {
    // Past the names compared one by one, and past the first sizes of the table that holds them.
    for (int many : new int[] {3, 16, 17, 40, 1_000}) {
      for (Syntax syntax : Syntax.values()) {
        StringBuilder lead =
            new StringBuilder(
                """
                {"format": 1, "id": "l", "funnelId": "f", "stage": "a",
                "enteredAt": "2026-01-01T00:00:00Z", "channel": "c",
                "attributes": {
                """);
        for (int i = 0; i < many; i++) {
          lead.append("\"k").append(i).append("\": 1,\n");
        }
        lead.append("\"k").append(many / 2).append("\": 2}}\n");
        FunnelFormatException e =
            assertThrows(
                FunnelFormatException.class,
                () -> FunnelFormat.readLead(lead.toString(), syntax),
                many + " " + syntax);
        check(e, Code.DUPLICATE_KEY, "/attributes/k" + many / 2, many + 4);
        String distinct = lead.toString().replace("\"k" + many / 2 + "\": 2}", "\"z\": 2}");
        assertEquals(many + 1, FunnelFormat.readLead(distinct, syntax).attributes().size());
      }
    }
  }

  @Test
  void read_duplicateKeyInNameMap_isRefused() {
    String yaml =
        YAML.replace(
            "    to: buyer\n",
            "    to: buyer\n    actions:\n      - custom: {name: x, params: {a: 1, a: 2}}\n");

    check(
        fails(yaml, Syntax.YAML),
        Code.DUPLICATE_KEY,
        "/transitions/0/actions/0/custom/params/a",
        13);
  }

  @Test
  void read_yamlAlias_isRefused() {
    String yaml = YAML.replace("id: shop", "id: &name shop").replace("to: buyer", "to: *name");

    check(fails(yaml, Syntax.YAML), Code.ANCHOR_OR_ALIAS, "/id", 2);
  }

  @Test
  void read_yamlAliasToAnchoredMapping_isRefused() {
    String yaml =
        YAML.replace("  - id: buyer\n    kind: won\n", "  - &b {id: buyer, kind: won}\n  - *b\n");

    check(fails(yaml, Syntax.YAML), Code.ANCHOR_OR_ALIAS, "/stages/1", 6);
  }

  @Test
  void read_yamlAnchorOnScalarAlone_isRefused() {
    String yaml = YAML.replace("to: buyer", "to: &t buyer");

    check(fails(yaml, Syntax.YAML), Code.ANCHOR_OR_ALIAS, "/transitions/0/to", 11);
  }

  @Test
  void read_yamlBooleanLikeWordForBoolean_isRefused() {
    for (String word : new String[] {"yes", "no", "on", "off", "y", "Yes"}) {
      String yaml = YAML.replace("entry: true", "entry: " + word);

      check(fails(yaml, Syntax.YAML), Code.WRONG_TYPE, "/stages/0/entry", 5);
    }
  }

  @Test
  void read_yamlBooleanLikeWordForValue_staysAString() {
    String yaml =
        YAML.replace(
            "    to: buyer\n",
            "    to: buyer\n    guard: {attr: opt-in, in: [yes, no, on, off]}\n");

    Funnel f = FunnelFormat.readDefinition(yaml, Syntax.YAML);

    assertEquals(
        Conditions.attr("opt-in").in("yes", "no", "on", "off"), f.transitions().get(0).guard());
  }

  @Test
  void read_stringForBoolean_isRefused() {
    String json = JSON.replace("\"entry\": true", "\"entry\": \"true\"");

    check(fails(json, Syntax.JSON), Code.WRONG_TYPE, "/stages/0/entry", 5);
  }

  @Test
  void read_floatForInt_isRefused() {
    String json = JSON.replace("\"to\": \"buyer\"}", "\"to\": \"buyer\", \"priority\": 1.0}");
    String yaml = YAML.replace("    to: buyer\n", "    to: buyer\n    priority: 1.5\n");

    check(fails(json, Syntax.JSON), Code.WRONG_TYPE, "/transitions/0/priority", 9);
    check(fails(yaml, Syntax.YAML), Code.WRONG_TYPE, "/transitions/0/priority", 12);
  }

  @Test
  void read_stringForNumber_isRefused() {
    String yaml =
        YAML.replace("    to: buyer\n", "    to: buyer\n    guard: {payload: total, gt: \"0\"}\n");

    check(fails(yaml, Syntax.YAML), Code.WRONG_TYPE, "/transitions/0/guard/gt", 12);
  }

  @Test
  void read_deepNesting_isRefused() {
    String guard = "{\"not\": ".repeat(70) + "{\"custom\": \"x\"}" + "}".repeat(70);
    String json =
        JSON.replace("\"to\": \"buyer\"}", "\"to\": \"buyer\",\n\"guard\": " + guard + "}");
    String yaml = YAML.replace("    to: buyer\n", "    to: buyer\n    guard: " + guard + "\n");
    // Depth 64 is the guard object at depth 4 and 60 nested "not" objects; the 61st is refused.
    String pointer = "/transitions/0/guard" + "/not".repeat(61);

    check(fails(json, Syntax.JSON), Code.TOO_DEEP, pointer, 10);
    check(fails(yaml, Syntax.YAML), Code.TOO_DEEP, pointer, 12);
  }

  @Test
  void read_oversizedString_isRefused() {
    String big = "x".repeat(FunnelFormat.MAX_STRING_LENGTH + 1);
    String json = JSON.replace("\"buyer\", \"kind\"", "\"" + big + "\", \"kind\"");
    String yaml = YAML.replace("  - id: buyer", "  - id: " + big);

    check(fails(json, Syntax.JSON), Code.TOO_LONG, "/stages/1/id", 6);
    check(fails(yaml, Syntax.YAML), Code.TOO_LONG, "/stages/1/id", 6);
  }

  @Test
  void read_oversizedName_isRefused() {
    String big = "n".repeat(FunnelFormat.MAX_NAME_LENGTH + 1);
    String json = JSON.replace("\"kind\": \"won\"", "\"" + big + "\": \"won\"");
    String yaml = YAML.replace("    kind: won", "    " + big + ": won");

    check(fails(json, Syntax.JSON), Code.TOO_LONG, "/stages/1", 6);
    check(fails(yaml, Syntax.YAML), Code.TOO_LONG, "/stages/1", 7);
  }

  /** A lead of {@code segments} segments, one a line: 17 tokens and one for each segment. */
  private static String leadOfSegments(int segments) {
    StringBuilder s =
        new StringBuilder(
            "{\"format\":1,\"id\":\"l\",\"funnelId\":\"f\",\"stage\":\"a\","
                + "\"enteredAt\":\"2026-01-01T00:00:00Z\",\"channel\":\"c\",\"segments\":[");
    for (int i = 0; i < segments; i++) {
      s.append(i == 0 ? "" : ",\n").append("\"s").append(i).append('"');
    }
    return s.append("]}").toString();
  }

  private static int tokens(String json) throws IOException {
    int n = 0;
    try (JsonParser p = new JsonFactory().createParser(json)) {
      while (p.nextToken() != null) {
        n++;
      }
    }
    return n;
  }

  @Test
  void read_documentOfMaxTokens_isRead_andOneMore_isRefused() throws IOException {
    String most = leadOfSegments(FunnelFormat.MAX_TOKENS - 17);
    String tooMany = leadOfSegments(FunnelFormat.MAX_TOKENS - 16);
    assertEquals(FunnelFormat.MAX_TOKENS, tokens(most));
    for (Syntax s : Syntax.values()) {
      assertEquals(FunnelFormat.MAX_TOKENS - 17, FunnelFormat.readLead(most, s).segments().size());
      FunnelFormatException e =
          assertThrows(FunnelFormatException.class, () -> FunnelFormat.readLead(tooMany, s));
      assertEquals(Code.TOO_LARGE, e.code(), e.getMessage());
      // The token one too many is the root object's end.
      assertEquals("", e.pointer(), e.getMessage());
      assertEquals(FunnelFormat.MAX_TOKENS - 16, e.line(), e.getMessage());
    }
  }

  @Test
  void read_oversizedDocument_isRefused() {
    String padding = " ".repeat(FunnelFormat.MAX_DOCUMENT_LENGTH);
    byte[] bytes = (JSON + padding).getBytes(StandardCharsets.UTF_8);

    check(fails(JSON + padding, Syntax.JSON), Code.TOO_LARGE, "", 12);
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readDefinition(new ByteArrayInputStream(bytes), Syntax.YAML));
    check(e, Code.TOO_LARGE, "", 12);
  }

  @Test
  void read_unknownConditionKind_isRefused() {
    String yaml = YAML.replace("    to: buyer\n", "    to: buyer\n    guard: {weather: sunny}\n");

    check(fails(yaml, Syntax.YAML), Code.UNKNOWN_TYPE, "/transitions/0/guard/weather", 12);
  }

  @Test
  void read_unknownActionKind_isRefused() {
    String yaml =
        YAML.replace("    to: buyer\n", "    to: buyer\n    actions:\n      - launch: {x: 1}\n");

    check(fails(yaml, Syntax.YAML), Code.UNKNOWN_TYPE, "/transitions/0/actions/0/launch", 13);
  }

  @Test
  void read_classNameTypeIds_areRefused() {
    String atClass =
        JSON.replace("\"format\": 1,", "\"format\": 1, \"@class\": \"java.util.HashMap\",");
    String atType =
        JSON.replace("\"to\": \"buyer\"}", "\"to\": \"buyer\", \"guard\": {\"@type\": \"x.Y\"}}");
    String className =
        YAML.replace(
            "    to: buyer\n", "    to: buyer\n    actions: [{java.lang.ProcessBuilder: {}}]\n");
    String arrayId =
        YAML.replace("    to: buyer\n", "    to: buyer\n    guard: {\"[Ljava.lang.String;\": x}\n");
    String genericId =
        YAML.replace(
            "    to: buyer\n", "    to: buyer\n    guard: {\"java.util.List<java.io.File>\": x}\n");
    String yamlTag = YAML.replace("to: buyer", "to: !!java.io.File buyer");

    check(fails(atClass, Syntax.JSON), Code.UNKNOWN_TYPE, "/@class", 2);
    check(fails(atType, Syntax.JSON), Code.UNKNOWN_TYPE, "/transitions/0/guard/@type", 9);
    check(
        fails(className, Syntax.YAML),
        Code.UNKNOWN_TYPE,
        "/transitions/0/actions/0/java.lang.ProcessBuilder",
        12);
    check(
        fails(arrayId, Syntax.YAML),
        Code.UNKNOWN_TYPE,
        "/transitions/0/guard/[Ljava.lang.String;",
        12);
    check(
        fails(genericId, Syntax.YAML),
        Code.UNKNOWN_TYPE,
        "/transitions/0/guard/java.util.List<java.io.File>",
        12);
    check(fails(yamlTag, Syntax.YAML), Code.UNKNOWN_TYPE, "/transitions/0/to", 11);
  }

  @Test
  void read_unknownFormatVersion_isRefused() {
    String json = JSON.replace("\"format\": 1", "\"format\": 2");
    String yaml = YAML.replace("format: 1", "format: 2");

    check(fails(json, Syntax.JSON), Code.UNSUPPORTED_FORMAT, "/format", 2);
    check(fails(yaml, Syntax.YAML), Code.UNSUPPORTED_FORMAT, "/format", 1);
  }

  @Test
  void read_unknownFormatVersionAfterNewProperties_isReportedFirst() {
    String yaml =
        YAML.replace("format: 1\n", "").replace("id: shop\n", "id: shop\nnext: {}\n")
            + "format: 2\n";

    check(fails(yaml, Syntax.YAML), Code.UNSUPPORTED_FORMAT, "/format", 12);
  }

  @Test
  void read_unknownFormatVersionWithYamlAlias_isReportedFirst() {
    String yaml =
        YAML.replace("format: 1", "format: 2").replace("id: shop", "id: &n shop\nname: *n");

    check(fails(yaml, Syntax.YAML), Code.UNSUPPORTED_FORMAT, "/format", 1);
  }

  @Test
  void read_missingFormat_isRefused() {
    String yaml = YAML.replace("format: 1\n", "");

    check(fails(yaml, Syntax.YAML), Code.MISSING_PROPERTY, "", 1);
  }

  @Test
  void read_leadOfUnknownFormat_isRefused() {
    String lead = Resources.text("lead-42.yaml").replace("format: 1", "format: 7");

    FunnelFormatException e =
        assertThrows(FunnelFormatException.class, () -> FunnelFormat.readLead(lead, Syntax.YAML));

    check(e, Code.UNSUPPORTED_FORMAT, "/format", 1);
  }

  @Test
  void read_malformedDocument_isASyntaxError() {
    check(
        fails(JSON.replace("\"id\": \"shop\",", "\"id\" \"shop\","), Syntax.JSON),
        Code.SYNTAX,
        "/id",
        3);
    // Read in one pass, so the malformed part must come before anything of a wrong type.
    check(fails(YAML.replace("id: shop", "id: shop: x"), Syntax.YAML), Code.SYNTAX, "/id", 2);
  }

  @Test
  void read_badValues_neverEchoThem() {
    String secret = "lead42@example.com";
    String[] documents = {
      JSON.replace("\"entry\": true", "\"entry\": \"" + secret + "\""),
      JSON.replace("\"id\": \"shop\",", "\"id\": \"shop\" \"" + secret + "\","),
      JSON.replace("\"kind\": \"won\"", "\"kind\": \"" + secret + "\""),
      JSON.replace("\"format\": 1", "\"format\": 12345678"),
    };
    for (String doc : documents) {
      String message = String.valueOf(fails(doc, Syntax.JSON).getMessage());

      assertFalse(message.contains(secret), message);
      assertFalse(message.contains("12345678"), message);
    }
  }

  @Test
  void read_nullRoot_isRefused() {
    check(fails("null", Syntax.JSON), Code.WRONG_TYPE, "", 1);
    check(fails("[]", Syntax.JSON), Code.WRONG_TYPE, "", 1);
  }

  @Test
  void read_negativeTimeInStage_isRefused() {
    String yaml =
        YAML.replace("    to: buyer\n", "    to: buyer\n    guard: {timeInStage: -P1D}\n");

    check(fails(yaml, Syntax.YAML), Code.INVALID_VALUE, "/transitions/0/guard/timeInStage", 12);
  }

  @Test
  void read_conditionWithTwoKinds_isRefused() {
    String yaml =
        YAML.replace("    to: buyer\n", "    to: buyer\n    guard: {owner: anna, segment: vip}\n");

    check(fails(yaml, Syntax.YAML), Code.INVALID_VALUE, "/transitions/0/guard/segment", 12);
  }
}
