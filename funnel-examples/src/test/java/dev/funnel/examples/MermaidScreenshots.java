package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.diagram.Diagram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders the Mermaid diagrams with the real Mermaid renderer (the {@code mermaid} package, which
 * the {@code screenshots} profile installs with npm) in a real headless browser (Debian's {@code
 * chromium}), and checks what a reader sees: every arrow's label, loops included, is drawn, and no
 * label's box overlaps another's. The diagrams are the annotated one of the online shop's month and
 * the plain one of every example definition. Run only by the {@code screenshots} profile; the pages
 * and their screenshots stay in {@code funnel-examples/target/screenshots}.
 */
final class MermaidScreenshots {
  private static final Path BROWSER = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  private static final Path MERMAID =
      Path.of(
          System.getProperty("mermaid", "target/mermaid/node_modules/mermaid/dist/mermaid.min.js"));
  private static final Path DIR = Path.of("target", "screenshots");
  private static final Path DEFINITIONS = Path.of("src", "main", "resources", "funnels");

  /** An arrow with a label in the Mermaid text: {@code a --> b : label}. */
  private static final Pattern ARROW = Pattern.compile("^\\s*(\\S+)\\s+-->\\s+(\\S+)\\s*:(.*)$");

  /** Mermaid's entity codes, {@code #quot;} and {@code #35;}. */
  private static final Pattern ENTITY = Pattern.compile("#(\\w+);");

  @BeforeAll
  static void writeTheFiles() {
    assertTrue(
        Files.isExecutable(BROWSER),
        BROWSER + " is missing: install it with apt-get update && apt-get install -y chromium");
    assertTrue(
        Files.isRegularFile(MERMAID),
        MERMAID + " is missing: the screenshots profile installs mermaid with npm");
    ShopFigures.run(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), DIR);
  }

  static Stream<String> diagrams() throws IOException {
    List<String> names = new ArrayList<>();
    names.add("online-shop"); // the annotated diagram ShopFigures writes
    try (Stream<Path> files = Files.list(DEFINITIONS)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .sorted()
          .forEach(f -> names.add("definition-" + f.substring(0, f.length() - ".yaml".length())));
    }
    return names.stream();
  }

  private static String mermaid(String name) throws IOException {
    return name.startsWith("definition-")
        ? Diagram.mermaid(Definitions.load(name.substring("definition-".length())))
        : Files.readString(DIR.resolve(name + ".mmd"));
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void mermaid_drawsEveryArrowLabelAndNoLabelOverAnother(String name) throws Exception {
    String text = mermaid(name);
    Path page = DIR.resolve(name + "-mermaid.html").toAbsolutePath();
    Files.writeString(page, page(text), StandardCharsets.UTF_8);

    JsonNode rendered = render(page, name);
    assertFalse(rendered.has("error"), () -> name + ": mermaid failed: " + rendered.get("error"));

    List<Box> labels = new ArrayList<>();
    for (JsonNode l : rendered.get("labels")) {
      if (!l.get("text").asText().isBlank()) {
        labels.add(
            new Box(
                l.get("text").asText(),
                l.get("x").asDouble(),
                l.get("y").asDouble(),
                l.get("width").asDouble(),
                l.get("height").asDouble()));
      }
    }
    Map<String, Integer> expected = counts(labelsIn(text));
    Map<String, Integer> drawn = new HashMap<>();
    for (Box b : labels) {
      drawn.merge(squeeze(b.text()), 1, Integer::sum);
      assertTrue(b.width() > 0 && b.height() > 0, () -> name + ": label drawn empty: " + b);
    }
    assertEquals(expected, drawn, name + ": the arrow labels drawn are not the ones written");
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        Box a = labels.get(i);
        Box b = labels.get(j);
        assertFalse(a.overlaps(b), () -> name + ": label " + a + " overlaps " + b);
      }
    }

    Path png = DIR.resolve(name + "-mermaid.png").toAbsolutePath();
    screenshot(page, png, rendered);
    assertTrue(Files.size(png) > 0, png::toString);
  }

  /** A label's text and its box on the page, in CSS pixels. */
  private record Box(String text, double x, double y, double width, double height) {
    /** Whether the boxes share more than a hairline (half a pixel either way). */
    boolean overlaps(Box o) {
      double e = 0.5;
      return x + width - e > o.x
          && o.x + o.width - e > x
          && y + height - e > o.y
          && o.y + o.height - e > y;
    }
  }

  /** The labels of the text's arrows as they read once drawn: entities decoded, breaks gone. */
  private static List<String> labelsIn(String text) {
    List<String> labels = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      Matcher m = ARROW.matcher(line);
      if (m.matches() && !m.group(3).isBlank()) {
        labels.add(squeeze(decode(m.group(3).replaceAll("<br\\s*/?>", " "))));
      }
    }
    return labels;
  }

  private static String decode(String label) {
    Matcher m = ENTITY.matcher(label);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String code = m.group(1);
      String c =
          switch (code) {
            case "quot" -> "\"";
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "colon" -> ":";
            case "semi" -> ";";
            default ->
                code.chars().allMatch(Character::isDigit)
                    ? new String(Character.toChars(Integer.parseInt(code)))
                    : m.group();
          };
      m.appendReplacement(b, Matcher.quoteReplacement(c));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Text without white space, which the renderer lays out as it likes. */
  private static String squeeze(String s) {
    return s.replaceAll("\\s+", "");
  }

  private static Map<String, Integer> counts(List<String> labels) {
    Map<String, Integer> counts = new HashMap<>();
    labels.forEach(l -> counts.merge(l, 1, Integer::sum));
    return counts;
  }

  /**
   * A page that renders the diagram with Mermaid and writes every edge label's text and box, as
   * JSON, into {@code <pre id="result">}.
   */
  private static String page(String diagram) throws IOException {
    String source = new ObjectMapper().writeValueAsString(diagram).replace("</", "<\\/");
    return """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>diagram</title>
        <script src="%s"></script>
        <style>body { margin: 16px; font-family: sans-serif; }</style>
        </head><body>
        <div id="diagram"></div>
        <pre id="result" style="display:none">pending</pre>
        <script>
        (async () => {
          const result = document.getElementById('result');
          try {
            mermaid.initialize({ startOnLoad: false });
            const { svg } = await mermaid.render('funnel', %s);
            const diagram = document.getElementById('diagram');
            diagram.innerHTML = svg;
            const labels = [...diagram.querySelectorAll('g.edgeLabel')].map(g => {
              const r = g.getBoundingClientRect();
              return { text: g.textContent, x: r.x, y: r.y, width: r.width, height: r.height };
            });
            const box = diagram.querySelector('svg').getBoundingClientRect();
            result.textContent = JSON.stringify(
                { labels, width: Math.ceil(box.right + 16), height: Math.ceil(box.bottom + 16) });
          } catch (e) {
            result.textContent = JSON.stringify({ error: String(e) });
          }
        })();
        </script>
        </body></html>
        """
        .formatted(MERMAID.toAbsolutePath().toUri(), source);
  }

  private static final Pattern RESULT =
      Pattern.compile("<pre id=\"result\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

  /** Loads the page in the browser and returns what it wrote into its result. */
  private static JsonNode render(Path page, String name) throws IOException, InterruptedException {
    Path dom = DIR.resolve(name + "-mermaid.dom.html");
    run(List.of("--dump-dom", page.toUri().toString()), dom, 1600, 1200);
    String html = Files.readString(dom);
    Matcher m = RESULT.matcher(html);
    assertTrue(m.find(), () -> name + ": no result in " + dom);
    String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    assertFalse(json.equals("pending"), () -> name + ": mermaid did not finish; see " + dom);
    return new ObjectMapper().readTree(json);
  }

  private static void screenshot(Path page, Path png, JsonNode rendered)
      throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    int width = Math.max(800, Math.min(4000, rendered.get("width").asInt()));
    int height = Math.max(600, Math.min(8000, rendered.get("height").asInt()));
    run(
        List.of("--screenshot=" + png, page.toUri().toString()),
        Path.of(png + ".log"),
        width,
        height);
  }

  private static void run(List<String> args, Path output, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(BROWSER.toString());
    command.add("--headless");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-background-networking");
    command.add("--disable-component-update");
    command.add("--disable-sync");
    command.add("--no-first-run");
    command.add("--hide-scrollbars");
    command.add("--allow-file-access-from-files");
    command.add("--virtual-time-budget=30000");
    command.add("--user-data-dir=" + profile.toAbsolutePath());
    command.add("--window-size=" + width + "," + height);
    command.addAll(args);
    Path log = Path.of(output + ".stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(log.toFile())
            .start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish within 180 s");
    assertEquals(0, p.exitValue(), () -> "chromium failed; see " + log);
  }
}
