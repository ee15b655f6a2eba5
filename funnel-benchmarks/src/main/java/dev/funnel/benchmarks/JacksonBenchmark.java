package dev.funnel.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.StageBuilder;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and writing a definition of {@value #STAGES} stages in JSON with {@code funnel-jackson}:
 * {@link FunnelFormat#readDefinition(java.io.InputStream, Syntax)} (parse, check the format, build
 * and validate the funnel) against a plain {@link ObjectMapper#readTree(byte[])} of the same bytes,
 * the floor any reader pays, and against building the same definition in Java (the core's share of
 * reading); and {@link FunnelFormat#writeDefinition} against writing the plain tree back with a
 * default {@link ObjectMapper}. The definition is built in Java and written to bytes once. Run it
 * by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar JacksonBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JacksonBenchmark {
  /** How many stages the definition has. */
  static final int STAGES = 50;

  private final ObjectMapper mapper = new ObjectMapper();
  private Funnel funnel = define();
  private byte[] json = new byte[0];
  private JsonNode tree = mapper.nullNode();

  /** Creates the benchmark; JMH does. */
  public JacksonBenchmark() {}

  /**
   * Returns a definition of {@value #STAGES} stages: an entry stage, 47 steps of a ladder, a won
   * and a lost stage. Each ladder stage has a guarded transition up with two actions, a transition
   * to lost, and a timer that fires a reminder which keeps the lead in its stage and sends a
   * message.
   */
  static Funnel define() {
    FunnelBuilder b = Funnel.builder("ladder").version(3);
    int ladder = STAGES - 2;
    for (int i = 0; i < ladder; i++) {
      StageBuilder s = b.stage(stage(i));
      if (i == 0) {
        s.entry();
      }
    }
    b.stage("won").won();
    b.stage("lost").lost();
    for (int i = 0; i < ladder; i++) {
      String next = i + 1 < ladder ? stage(i + 1) : "won";
      b.on("step-up")
          .from(stage(i))
          .to(next)
          .when(Conditions.all(Conditions.payload("score").gt(i), Conditions.channel("ads", "web")))
          .then(Actions.set("level", i), Actions.send("reached-" + i, "email"));
      b.on("gave-up").from(stage(i)).to("lost").then(Actions.segment("lapsed"));
      b.after(Duration.ofHours(i + 1)).in(stage(i)).fire("remind-" + i);
      b.on("remind-" + i).from(stage(i)).stay().then(Actions.send("reminder-" + i));
    }
    return b.build();
  }

  private static String stage(int i) {
    return String.format("step-%02d", i);
  }

  /**
   * Writes the definition to JSON bytes and checks that they read back to the same definition.
   *
   * @throws IOException if the bytes do not parse
   */
  @Setup(Level.Trial)
  public void write() throws IOException {
    funnel = define();
    json = FunnelFormat.writeDefinition(funnel, Syntax.JSON).getBytes(StandardCharsets.UTF_8);
    tree = mapper.readTree(json);
    if (!readDefinition().equals(funnel)) {
      throw new IllegalStateException("the definition does not read back as written");
    }
    if (funnel.stages().size() != STAGES) {
      throw new IllegalStateException("the definition has " + funnel.stages().size() + " stages");
    }
  }

  /**
   * Reads the definition from its bytes with the funnel format.
   *
   * @return the funnel
   */
  @Benchmark
  public Funnel readDefinition() {
    return FunnelFormat.readDefinition(new ByteArrayInputStream(json), Syntax.JSON);
  }

  /**
   * Parses the same bytes into a plain Jackson tree: the floor.
   *
   * @return the tree
   * @throws IOException never, the bytes are valid JSON
   */
  @Benchmark
  public JsonNode readTree() throws IOException {
    return mapper.readTree(json);
  }

  /**
   * Builds and validates the same definition in Java, without JSON: the part of reading that is the
   * core's.
   *
   * @return the funnel
   */
  @Benchmark
  public Funnel buildDefinition() {
    return define();
  }

  /**
   * Writes the definition as JSON with the funnel format.
   *
   * @return the document
   */
  @Benchmark
  public String writeDefinition() {
    return FunnelFormat.writeDefinition(funnel, Syntax.JSON);
  }

  /**
   * Writes the plain tree of the same document with a default mapper: the floor.
   *
   * @return the document
   * @throws IOException never
   */
  @Benchmark
  public String writeTree() throws IOException {
    return mapper.writeValueAsString(tree);
  }
}
