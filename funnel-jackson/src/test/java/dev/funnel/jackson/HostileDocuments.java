package dev.funnel.jackson;

import com.google.common.collect.ImmutableList;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Generated documents of hostile shapes, each as large as the size limit allows: deep and wide, in
 * JSON and in YAML block and flow style, at the top and inside the values each reader descends
 * into. Each names the code it must be refused with, or none if it must be read.
 */
final class HostileDocuments {
  private HostileDocuments() {}

  /** The readers of {@link FunnelFormat}. */
  enum Reader {
    DEFINITION,
    LEAD,
    EVENT,
    STEP,
    MIGRATION,
    JOURNAL
  }

  /** A document for one reader, and the code it must be refused with (null: read). */
  record Shape(String name, Reader reader, Syntax syntax, String text, @Nullable Code expected) {
    @Override
    public String toString() {
      return reader + " " + syntax + " " + name + " (" + text.length() + " chars)";
    }
  }

  /** Room left under the size limit for the repeated part. */
  static final int ROOM = FunnelFormat.MAX_DOCUMENT_LENGTH - 512;

  private static int times(String unit, int fixed) {
    return (ROOM - fixed) / unit.length();
  }

  /** Returns the repeated unit as many times as fits beside {@code fixed} characters. */
  private static String fill(String unit, int fixed) {
    return unit.repeat(times(unit, fixed));
  }

  static String deepArrays(int room) {
    int n = room / 2;
    return "[".repeat(n) + "]".repeat(n);
  }

  static String deepObjects(int room) {
    int n = room / 6;
    return "{\"a\":".repeat(n) + "1" + "}".repeat(n);
  }

  /** Nested block mappings, each key indented one more than the last. */
  static String deepBlockMappings(int room) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; s.length() + i + 4 < room; i++) {
      s.append(" ".repeat(i)).append("a:\n");
    }
    return s.append("1\n").toString();
  }

  /** Nested block sequences on one line: {@code - - - - 1}. */
  static String deepBlockSequences(int room) {
    return "- ".repeat(room / 2 - 1) + "1\n";
  }

  /** The prefix of a valid part of each reader's document, and how to close it. */
  private record Frame(String open, String close) {}

  /** Where each reader descends into arbitrary values: a guard, attributes, payload, amount. */
  private static Frame deepSlot(Reader r) {
    return switch (r) {
      case DEFINITION ->
          new Frame(
              "{\"format\":1,\"id\":\"f\",\"stages\":[{\"id\":\"a\",\"entry\":true},"
                  + "{\"id\":\"b\",\"kind\":\"won\"}],\"transitions\":[{\"event\":\"e\","
                  + "\"from\":[\"a\"],\"to\":\"b\",\"guard\":",
              "}]}");
      case LEAD -> new Frame(LEAD_HEAD + ",\"attributes\":{\"x\":", "}}");
      case EVENT -> new Frame(EVENT_HEAD + ",\"payload\":{\"x\":", "}}");
      case STEP -> new Frame(STEP_HEAD + ",\"amount\":", "}");
      case MIGRATION -> new Frame(MIGRATION_HEAD + ",\"moves\":[{\"stage\":", "}]}");
      case JOURNAL -> new Frame(JOURNAL_HEAD + ",\"attributes\":{\"x\":", "}}]}");
    };
  }

  /** A guard nested as deep as the room allows: {@code {not: {not: ... {bought: x}}}}. */
  static String deepGuard(int room) {
    int n = room / 9;
    return "{\"not\":".repeat(n) + "{\"bought\":\"x\"}" + "}".repeat(n);
  }

  private static final String LEAD_HEAD =
      "{\"format\":1,\"id\":\"l\",\"funnelId\":\"f\",\"stage\":\"a\","
          + "\"enteredAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\","
          + "\"channel\":\"c\"";
  private static final String EVENT_HEAD =
      "{\"id\":\"e1\",\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\"";
  private static final String MIGRATION_HEAD = "{\"format\":1,\"funnel\":\"f\",\"from\":1,\"to\":2";
  private static final String JOURNAL_HEAD =
      "{\"format\":1,\"leads\":[{\"id\":\"l\",\"channel\":\"c\","
          + "\"at\":\"2026-01-01T00:00:00Z\"";
  private static final String STEP_HEAD =
      "{\"funnelId\":\"f\",\"leadId\":\"l\",\"to\":\"a\",\"at\":\"2026-01-01T00:00:00Z\","
          + "\"channel\":\"c\",\"version\":1";

  /** Each reader's widest valid-looking content: many stages, attributes, payload values. */
  @SuppressWarnings("unchecked") // add(E...) with E = Supplier<Shape>, a generic type
  private static ImmutableList<Supplier<Shape>> wide(Reader r) {
    ImmutableList.Builder<Supplier<Shape>> out = ImmutableList.builder();
    switch (r) {
      case DEFINITION -> {
        String head = "{\"format\":1,\"id\":\"f\",\"stages\":[{\"id\":\"a\",\"entry\":true}";
        out.add(
            json(r, "many unreachable stages", head, numbered(",{\"id\":\"s%d\"}", head), "]}"),
            json(
                r,
                "many transitions",
                head + "],\"transitions\":[",
                numbered("{\"event\":\"e%d\",\"from\":[\"a\"]},", head) + "{\"event\":\"z\"}",
                "]}"),
            json(
                r,
                "many timers",
                head + "],\"timers\":[",
                numbered("{\"stage\":\"a\",\"after\":\"P1D\",\"event\":\"e%d\"},", head)
                    + "{\"stage\":\"a\",\"after\":\"P1D\",\"event\":\"z\"}",
                "]}"),
            json(
                r,
                "many offers",
                head + "],\"offers\":[",
                numbered("{\"id\":\"o%d\",\"tier\":\"tripwire\"},", head)
                    + "{\"id\":\"z\",\"tier\":\"tripwire\"}",
                "]}"),
            (Supplier<Shape>)
                () ->
                    new Shape(
                        "many unreachable stages, block style",
                        r,
                        Syntax.YAML,
                        "format: 1\nid: f\nstages:\n- id: a\n  entry: true\n"
                            + numbered("- id: s%d\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                        Code.TOO_LARGE));
      }
      case LEAD -> {
        out.add(
            json(
                r,
                "many attributes",
                LEAD_HEAD + ",\"attributes\":{",
                numbered("\"k%d\":1,", LEAD_HEAD) + "\"z\":1",
                "}}"),
            json(
                r,
                "many segments",
                LEAD_HEAD + ",\"segments\":[",
                numbered("\"s%d\",", LEAD_HEAD) + "\"z\"",
                "]}"),
            json(
                r,
                "many purchases",
                LEAD_HEAD + ",\"purchases\":[",
                numbered(
                        "{\"offer\":\"o\",\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"},"
                            + "\"at\":\"2026-01-01T00:00:00Z\",\"eventId\":\"e%d\"},",
                        LEAD_HEAD + "xxxxxxxxxxxxxxxxxx")
                    + "{\"offer\":\"o\",\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"},"
                    + "\"at\":\"2026-01-01T00:00:00Z\",\"eventId\":\"z\"}",
                "]}"),
            json(
                r,
                "many timers",
                LEAD_HEAD + ",\"timers\":[",
                numbered(
                        "{\"stage\":\"a\",\"event\":\"e%d\",\"due\":\"2026-01-02T00:00:00Z\"},",
                        LEAD_HEAD + "xxxxxxxxxxxxxx")
                    + "{\"stage\":\"a\",\"event\":\"z\",\"due\":\"2026-01-02T00:00:00Z\"}",
                "]}"),
            (Supplier<Shape>)
                () ->
                    new Shape(
                        "many attributes, block style",
                        r,
                        Syntax.YAML,
                        "format: 1\nid: l\nfunnelId: f\nstage: a\nenteredAt: 2026-01-01T00:00:00Z\n"
                            + "updatedAt: 2026-01-01T00:00:00Z\nchannel: c\nattributes:\n"
                            + numbered(
                                "  k%d: 1\n",
                                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                        Code.TOO_LARGE));
      }
      case EVENT ->
          out.add(
              json(
                  r,
                  "many payload values",
                  EVENT_HEAD + ",\"payload\":{",
                  numbered("\"k%d\":\"v\",", EVENT_HEAD) + "\"z\":1",
                  "}}"),
              (Supplier<Shape>)
                  () ->
                      new Shape(
                          "many payload values, block style",
                          r,
                          Syntax.YAML,
                          "id: e1\ntype: t\nat: 2026-01-01T00:00:00Z\npayload:\n"
                              + numbered(
                                  "  k%d: v\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                          Code.TOO_LARGE));
      case STEP ->
          out.add(
              json(
                  r, "many unknown properties", STEP_HEAD, numbered(",\"k%d\":1", STEP_HEAD), "}"));
      case MIGRATION ->
          out.add(
              json(
                  r,
                  "many timer policies",
                  MIGRATION_HEAD + ",\"timers\":[",
                  numbered(
                          "{\"stage\":\"a\",\"event\":\"e%d\",\"policy\":\"keep\"},",
                          MIGRATION_HEAD)
                      + "{\"stage\":\"a\",\"event\":\"z\",\"policy\":\"keep\"}",
                  "]}"));
      case JOURNAL ->
          out.add(
              json(
                  r,
                  "many leads",
                  "{\"format\":1,\"leads\":[",
                  numbered(
                          "{\"id\":\"l%d\",\"channel\":\"c\",\"at\":\"2026-01-01T00:00:00Z\"},",
                          JOURNAL_HEAD)
                      + "{\"id\":\"z\",\"channel\":\"c\",\"at\":\"2026-01-01T00:00:00Z\"}",
                  "]}"),
              json(
                  r,
                  "many events",
                  JOURNAL_HEAD + ",\"events\":[",
                  numbered(
                          "{\"id\":\"e%d\",\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\"},",
                          JOURNAL_HEAD + "xxxxxxxx")
                      + "{\"id\":\"z\",\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\"}",
                  "]}]}"));
    }
    return out.build();
  }

  /** A JSON document, which is also a YAML flow document: both shapes. */
  private static Supplier<Shape> json(
      Reader r, String name, String head, String body, String tail) {
    return () -> new Shape(name, r, Syntax.JSON, head + body + tail, expectedWide(r));
  }

  /**
   * The widest document each reader reads: as many units of {@code tokens} tokens each as fit under
   * {@link FunnelFormat#MAX_TOKENS} beside the head's, in both syntaxes (YAML in flow style).
   */
  static ImmutableList<Shape> widestRead() {
    int timers = (FunnelFormat.MAX_TOKENS - 64) / 8;
    int values = (FunnelFormat.MAX_TOKENS - 64) / 2;
    int segments = FunnelFormat.MAX_TOKENS - 64; // a token each: 99,936 in under 1 MB
    ImmutableList.Builder<Shape> out = ImmutableList.builder();
    out.add(
        new Shape(
            "most segments, block style",
            Reader.LEAD,
            Syntax.YAML,
            "format: 1\nid: l\nfunnelId: f\nstage: a\nenteredAt: 2026-01-01T00:00:00Z\n"
                + "updatedAt: 2026-01-01T00:00:00Z\nchannel: c\nsegments:\n"
                + counted("- s%d", segments)
                + "- z\n",
            null));
    for (Syntax s : Syntax.values()) {
      out.add(
          new Shape(
              "most timers",
              Reader.DEFINITION,
              s,
              "{\"format\":1,\"id\":\"f\",\"stages\":[{\"id\":\"a\",\"entry\":true}],"
                  + "\"timers\":["
                  + counted("{\"stage\":\"a\",\"after\":\"P1D\",\"event\":\"e%d\"},", timers)
                  + "{\"stage\":\"a\",\"after\":\"P1D\",\"event\":\"z\"}]}",
              null),
          new Shape(
              "most attributes",
              Reader.LEAD,
              s,
              LEAD_HEAD + ",\"attributes\":{" + counted("\"k%d\":1,", values) + "\"z\":1}}",
              null),
          new Shape(
              "most segments",
              Reader.LEAD,
              s,
              LEAD_HEAD + ",\"segments\":[" + counted("\"s%d\",", segments) + "\"z\"]}",
              null),
          new Shape(
              "most payload values",
              Reader.EVENT,
              s,
              EVENT_HEAD + ",\"payload\":{" + counted("\"k%d\":\"v\",", values) + "\"z\":1}}",
              null));
    }
    return out.build();
  }

  /** The unit with {@code %d} replaced by 0, 1, 2, ... {@code n} times, one a line. */
  private static String counted(String unit, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(unit.replace("%d", Integer.toString(i))).append('\n');
    }
    return s.toString();
  }

  /**
   * Each wide document has more than {@link FunnelFormat#MAX_TOKENS} tokens, but a step's first
   * unknown property is refused before.
   */
  private static @Nullable Code expectedWide(Reader r) {
    return r == Reader.STEP ? Code.UNKNOWN_PROPERTY : Code.TOO_LARGE;
  }

  /** The unit with {@code %d} replaced by 0, 1, 2, ... as many times as fits. */
  private static String numbered(String unit, String fixed) {
    StringBuilder s = new StringBuilder();
    int room = ROOM - fixed.length() - 64;
    for (int i = 0; ; i++) {
      String u = unit.replace("%d", Integer.toString(i));
      if (s.length() + u.length() > room) {
        return s.toString();
      }
      s.append(u);
    }
  }

  /** Returns every shape for every reader, in both syntaxes, each made when asked for. */
  @SuppressWarnings("unchecked") // add(E...) with E = Supplier<Shape>, a generic type
  static ImmutableList<Supplier<Shape>> all() {
    ImmutableList.Builder<Supplier<Shape>> out = ImmutableList.builder();
    for (Reader r : Reader.values()) {
      boolean versioned = r != Reader.EVENT && r != Reader.STEP;
      // A versioned reader looks for the format version first, which takes it into the depths;
      // the others refuse the first property they do not know.
      Code deepAtTop = versioned ? Code.TOO_DEEP : Code.UNKNOWN_PROPERTY;
      Code deepInside =
          switch (r) {
            case DEFINITION -> Code.UNKNOWN_TYPE;
            case LEAD, EVENT, MIGRATION, JOURNAL -> Code.WRONG_TYPE;
            case STEP -> Code.UNKNOWN_PROPERTY;
          };
      for (Syntax s : Syntax.values()) {
        Frame f = deepSlot(r);
        int room = ROOM - f.open().length() - f.close().length();
        out.add(
            shape("deep arrays", r, s, () -> deepArrays(ROOM), Code.WRONG_TYPE),
            shape("deep objects", r, s, () -> deepObjects(ROOM), deepAtTop),
            shape("unclosed arrays", r, s, () -> "[".repeat(ROOM), Code.WRONG_TYPE),
            shape("unclosed objects", r, s, () -> "{\"a\":".repeat(ROOM / 5), deepAtTop),
            shape("long string", r, s, () -> "\"" + "x".repeat(ROOM) + "\"", Code.TOO_LONG),
            shape("long name", r, s, () -> "{\"" + "x".repeat(ROOM) + "\":1}", Code.TOO_LONG),
            shape("many digits", r, s, () -> "1".repeat(ROOM), Code.TOO_LONG),
            shape(
                "many long strings",
                r,
                s,
                () ->
                    "[" + fill("\"" + "x".repeat(FunnelFormat.MAX_STRING_LENGTH) + "\",", 2) + "1]",
                Code.WRONG_TYPE),
            shape(
                "deep arrays inside",
                r,
                s,
                () -> f.open() + deepArrays(room) + f.close(),
                Code.WRONG_TYPE),
            shape(
                "deep objects inside",
                r,
                s,
                () -> f.open() + deepObjects(room) + f.close(),
                deepInside));
        if (r == Reader.DEFINITION) {
          out.add(
              shape(
                  "deep guard", r, s, () -> f.open() + deepGuard(room) + f.close(), Code.TOO_DEEP));
        }
      }
      Syntax y = Syntax.YAML;
      String longKey =
          switch (r) {
            case STEP -> "reason";
            case MIGRATION -> "funnel";
            case JOURNAL -> "end";
            default -> "id";
          };
      out.add(
          shape("deep block mappings", r, y, () -> deepBlockMappings(ROOM), deepAtTop),
          shape("deep block sequences", r, y, () -> deepBlockSequences(ROOM), Code.WRONG_TYPE),
          shape("many documents", r, y, () -> "{}\n" + fill("--- {}\n", 4), Code.MISSING_PROPERTY),
          // A versioned reader's first pass looks for the format version and passes over anchors;
          // it meets the token limit first.
          shape(
              "many anchors",
              r,
              y,
              () -> numbered("&a k%d: 1\n", ""),
              versioned ? Code.TOO_LARGE : Code.ANCHOR_OR_ALIAS),
          shape(
              "an alias", r, y, () -> longKey + ": *a\n" + fill("# x\n", 16), Code.ANCHOR_OR_ALIAS),
          shape(
              "billion laughs",
              r,
              y,
              () ->
                  """
                  a: &a [x, x, x, x, x, x, x, x, x]
                  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                  """,
              Code.UNKNOWN_PROPERTY),
          shape("many comments", r, y, () -> fill("# x\n", 8) + "{}\n", Code.MISSING_PROPERTY),
          shape(
              "long comment",
              r,
              y,
              () -> "# " + "x ".repeat(ROOM / 2 - 8) + "\n{}\n",
              Code.TOO_LONG),
          shape("deep indentation", r, y, () -> " ".repeat(ROOM) + "{}\n", Code.TOO_LONG),
          shape(
              "long plain scalar over many lines",
              r,
              y,
              () -> longKey + ":\n" + fill(" x\n", 16),
              Code.TOO_LONG),
          shape(
              "deep block mappings inside",
              r,
              y,
              () -> blockHead(r) + indent(deepBlockMappings(ROOM - 8192), "    "),
              deepInside));
      out.addAll(wide(r));
    }
    for (Shape s : widestRead()) {
      out.add(() -> s);
    }
    return out.build();
  }

  private static Supplier<Shape> shape(
      String name, Reader r, Syntax s, Supplier<String> text, Code expected) {
    return () -> new Shape(name, r, s, text.get(), expected);
  }

  private static String blockHead(Reader r) {
    return switch (r) {
      case DEFINITION ->
          """
          format: 1
          id: f
          stages:
          - {id: a, entry: true}
          - {id: b, kind: won}
          transitions:
          - event: e
            from: [a]
            to: b
            guard:
          """;
      case LEAD ->
          """
          format: 1
          id: l
          funnelId: f
          stage: a
          enteredAt: 2026-01-01T00:00:00Z
          updatedAt: 2026-01-01T00:00:00Z
          channel: c
          attributes:
            x:
          """;
      case EVENT -> "id: e1\ntype: t\nat: 2026-01-01T00:00:00Z\npayload:\n  x:\n";
      case STEP ->
          """
          funnelId: f
          leadId: l
          to: a
          at: 2026-01-01T00:00:00Z
          channel: c
          version: 1
          amount:
            x:
          """;
      case MIGRATION -> "format: 1\nfunnel: f\nfrom: 1\nto: 2\nmoves:\n- stage:\n";
      case JOURNAL ->
          """
          format: 1
          leads:
          - id: l
            channel: c
            at: 2026-01-01T00:00:00Z
            attributes:
             x:
          """;
    };
  }

  private static String indent(String block, String by) {
    return by + block.replace("\n", "\n" + by).stripTrailing() + "\n";
  }
}
