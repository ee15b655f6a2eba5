package dev.funnel.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the widest documents the size limit allows, each as large as fits in {@link
 * FunnelFormat#MAX_DOCUMENT_LENGTH}: a definition of as many stages as fit (in YAML block style,
 * also with its format version last, and in JSON), of as many transitions, and a lead of as many
 * attributes; these are refused as too large. Those ending in {@code Read} are read: a lead of as
 * many attributes as {@link FunnelFormat#MAX_TOKENS} allows, in JSON and in YAML, one of as many of
 * the longest strings as fit, and one of as many segments as the token limit allows, in JSON and in
 * YAML. Each is read (or refused) by {@code FunnelFormat} from a stream, beside {@code readTree} of
 * the same bytes with a default mapper of the same syntax, the floor any reader pays. Run it by:
 *
 * <pre>
 * java -jar funnel-benchmarks/target/benchmarks.jar WideReadBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WideReadBenchmark {
  /** Room under the size limit left for the repeated part. */
  private static final int ROOM = FunnelFormat.MAX_DOCUMENT_LENGTH - 512;

  /** The document's shape. */
  @Param({
    "yamlStages",
    "yamlStagesFormatLast",
    "jsonStages",
    "yamlTransitions",
    "jsonAttributes",
    "jsonAttributesRead",
    "yamlAttributesRead",
    "yamlLongValuesRead",
    "jsonSegmentsRead",
    "yamlSegmentsRead"
  })
  public String shape = "yamlStages";

  private byte[] bytes = new byte[0];
  private Syntax syntax = Syntax.JSON;
  private ObjectMapper floor = new ObjectMapper();

  /** Creates the benchmark; JMH does. */
  public WideReadBenchmark() {}

  /** Makes the document of the shape. */
  @Setup(Level.Trial)
  public void make() {
    String text =
        switch (shape) {
          case "yamlStages" ->
              "format: 1\nid: f\nstages:\n- id: a\n  entry: true\n" + numbered("- id: s%d\n");
          case "jsonStages" ->
              "{\"format\":1,\"id\":\"f\",\"stages\":[{\"id\":\"a\",\"entry\":true}"
                  + numbered(",{\"id\":\"s%d\"}")
                  + "]}";
          case "yamlTransitions" ->
              "format: 1\nid: f\nstages:\n- {id: a, entry: true}\n- {id: b, kind: won}\n"
                  + "transitions:\n"
                  + numbered("- {event: e%d, from: [a], to: b}\n");
          case "jsonAttributes" ->
              "{\"format\":1,\"id\":\"l\",\"funnelId\":\"f\",\"stage\":\"a\","
                  + "\"enteredAt\":\"2026-01-01T00:00:00Z\",\"channel\":\"c\",\"attributes\":{"
                  + numbered("\"k%d\":1,")
                  + "\"z\":1}}";
          case "yamlStagesFormatLast" ->
              "id: f\nstages:\n- id: a\n  entry: true\n" + numbered("- id: s%d\n") + "format: 1\n";
          case "jsonAttributesRead" -> JSON_LEAD + counted("\"k%d\":1,", ATTRIBUTES) + "\"z\":1}}";
          case "yamlAttributesRead" -> YAML_LEAD + counted("  k%d: 1\n", ATTRIBUTES);
          case "yamlLongValuesRead" ->
              YAML_LEAD
                  + numbered("  k%d: " + "x".repeat(FunnelFormat.MAX_STRING_LENGTH - 536) + "\n");
          case "jsonSegmentsRead" ->
              JSON_HEAD + "\"segments\":[" + counted("\"s%d\",", SEGMENTS) + "\"z\"]}";
          case "yamlSegmentsRead" -> YAML_HEAD + "segments:\n" + counted("- s%d\n", SEGMENTS);
          default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    bytes = text.getBytes(StandardCharsets.UTF_8);
    syntax = shape.startsWith("yaml") ? Syntax.YAML : Syntax.JSON;
    floor = syntax == Syntax.YAML ? new YAMLMapper() : new ObjectMapper();
    if (shape.endsWith("Read") && read() instanceof FunnelFormatException.Code code) {
      throw new IllegalStateException(shape + " was refused with " + code);
    }
  }

  /** A lead's required properties, in JSON (its object left open) and in YAML. */
  private static final String JSON_HEAD =
      "{\"format\":1,\"id\":\"l\",\"funnelId\":\"f\",\"stage\":\"a\","
          + "\"enteredAt\":\"2026-01-01T00:00:00Z\",\"channel\":\"c\",";

  private static final String YAML_HEAD =
      """
      format: 1
      id: l
      funnelId: f
      stage: a
      enteredAt: '2026-01-01T00:00:00Z'
      channel: c
      """;

  /** A lead's required properties, then its attributes' object opened, in JSON and in YAML. */
  private static final String JSON_LEAD = JSON_HEAD + "\"attributes\":{";

  private static final String YAML_LEAD = YAML_HEAD + "attributes:\n";

  /**
   * How many attributes the widest lead read has: two tokens each, and its other properties fit in
   * the rest of {@link FunnelFormat#MAX_TOKENS}.
   */
  private static final int ATTRIBUTES = FunnelFormat.MAX_TOKENS / 2 - 16;

  /** How many segments the widest lead read has: a token each, as for the attributes. */
  private static final int SEGMENTS = FunnelFormat.MAX_TOKENS - 32;

  private static String counted(String unit, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(unit.replace("%d", Integer.toString(i)));
    }
    return s.toString();
  }

  private static String numbered(String unit) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; ; i++) {
      String u = unit.replace("%d", Integer.toString(i));
      if (s.length() + u.length() > ROOM) {
        return s.toString();
      }
      s.append(u);
    }
  }

  /**
   * Reads the document with the funnel format, or has it refused.
   *
   * @return what was read, or the refusal's code
   */
  @Benchmark
  public Object read() {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    try {
      return shape.contains("Attributes")
              || shape.contains("LongValues")
              || shape.contains("Segments")
          ? FunnelFormat.readLead(in, syntax)
          : FunnelFormat.readDefinition(in, syntax);
    } catch (FunnelFormatException e) {
      return e.code();
    }
  }

  /**
   * Parses the same bytes into a plain tree: the floor.
   *
   * @return the tree
   * @throws IOException never, the bytes are well-formed
   */
  @Benchmark
  public JsonNode readTree() throws IOException {
    return floor.readTree(bytes);
  }
}
