package dev.funnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class MainTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @SuppressWarnings("NullAway.Init") // set by JUnit
  @TempDir
  Path dir;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String resource(String name) {
    try {
      return Path.of(MainTest.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Four leads: two buy, one goes cold and is lost, one stays a visitor. */
  Path steps() throws IOException {
    Funnel shop =
        FunnelFormat.readDefinition(Files.readString(Path.of(resource("shop.yaml"))), Syntax.YAML);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Outcome entered = shop.enter("lead-" + i, i % 2 == 0 ? "google-ads" : "newsletter", T0);
      steps.addAll(entered.steps());
      Lead lead = entered.lead();
      if (i == 3) {
        continue;
      }
      Outcome contact = shop.fire(lead, Event.of("c-" + i, "contact-left", T0.plusSeconds(60)));
      steps.addAll(contact.steps());
      Outcome next =
          i < 2
              ? shop.fire(contact.lead(), Event.of("p-" + i, "paid", T0.plusSeconds(3600)))
              : shop.advance(contact.lead(), T0.plus(Duration.ofDays(8)));
      steps.addAll(next.steps());
    }
    StringBuilder lines = new StringBuilder();
    for (Step s : steps) {
      lines.append(FunnelFormat.writeStep(s, Syntax.JSON)).append('\n');
    }
    Path file = dir.resolve("steps.jsonl");
    Files.writeString(file, lines);
    return file;
  }

  @Test
  void validate_validFile_saysOkAndExitsZero() {
    Run r = run("validate", resource("shop.yaml"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().endsWith("shop.yaml: ok: funnel 'shop' with 4 stages and 3 transitions\n"),
        r.out());
  }

  @Test
  void validate_brokenFile_printsEveryProblemWithItsPositionAndExitsOne() {
    String file = resource("broken.yaml");
    Run r = run("validate", file, resource("shop.yaml"));
    assertEquals(1, r.exit());
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith(file + ":10:37: UNKNOWN_STAGE: ")), r.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith(file + ":6:5: UNREACHABLE_STAGE: ")), r.out());
    assertTrue(lines.get(lines.size() - 1).contains("shop.yaml: ok"), r.out());
  }

  @Test
  void validate_syntaxError_isOneLineWithItsPosition() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    // Read in one pass: the malformed part comes before anything of a wrong type.
    Files.writeString(bad, "format: 1\nid: shop: x\n");
    Run r = run("validate", bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().startsWith(bad + ":2:9: SYNTAX: "), r.out());
  }

  @Test
  void validate_unknownSuffix_isRefused() throws IOException {
    Path bad = dir.resolve("shop.txt");
    Files.writeString(bad, "format: 1\n");
    Run r = run("validate", bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("name it .json, .yaml or .yml"), r.out());
  }

  @Test
  void validate_noFile_isAUsageError() {
    assertEquals(2, run("validate").exit());
    assertEquals(2, run().exit());
  }

  @Test
  void draw_mermaidAndDot_drawTheDefinition() {
    Run mermaid = run("draw", resource("shop.yaml"));
    assertEquals(0, mermaid.exit(), mermaid.err());
    assertTrue(mermaid.out().startsWith("stateDiagram-v2"), mermaid.out());
    assertTrue(mermaid.out().contains("contact-left"), mermaid.out());
    Run dot = run("draw", "--format", "dot", resource("shop.yaml"));
    assertEquals(0, dot.exit(), dot.err());
    assertTrue(dot.out().startsWith("digraph"), dot.out());
  }

  @Test
  void draw_svgWithoutSteps_isRefused_withSteps_drawsTheChart() throws IOException {
    Run refused = run("draw", "--format", "svg", resource("shop.yaml"));
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("needs figures: pass --steps"), refused.err());
    Path out = dir.resolve("shop.svg");
    Run drawn =
        run(
            "draw",
            "-f",
            "svg",
            "--steps",
            steps().toString(),
            "-o",
            out.toString(),
            resource("shop.yaml"));
    assertEquals(0, drawn.exit(), drawn.err());
    assertTrue(Files.readString(out).contains("<svg"), Files.readString(out));
  }

  @Test
  void report_text_countsTheSteps() throws IOException {
    Run r = run("report", resource("shop.yaml"), steps().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("entered 4; won 2, lost 1, junk 0; converted 50.00%"), r.out());
    assertTrue(r.out().contains("revenue "), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches("visitor\\s+4\\s+3\\s+1\\s+25\\.00%")), r.out());
  }

  @Test
  void report_html_isOnePageWithTheTables() throws IOException {
    Run r = run("report", "--format", "html", resource("shop.yaml"), steps().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out());
    assertTrue(r.out().contains("<svg"), r.out());
  }

  @Test
  void report_badStepLine_isReportedWithItsLine() throws IOException {
    Path steps = steps();
    List<String> lines = new ArrayList<>(Files.readAllLines(steps));
    lines.add(2, "{\"lead\": 42}");
    Files.write(steps, lines);
    Run r = run("report", resource("shop.yaml"), steps.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith(steps + ":3:"), r.err());
  }

  @Test
  void simulate_trafficFile_forecastsTheSameFiguresOnAnyNumberOfThreads() {
    Run one = run("simulate", resource("shop.yaml"), resource("traffic.yaml"));
    assertEquals(0, one.exit(), one.err());
    assertTrue(one.out().contains("entered 1,000;"), one.out());
    Run two = run("simulate", "--threads", "2", resource("shop.yaml"), resource("traffic.yaml"));
    assertEquals(one.out(), two.out());
  }

  @Test
  void simulate_badTrafficFile_reportsEveryProblemByPointer() throws IOException {
    Path traffic = dir.resolve("traffic.yaml");
    Files.writeString(
        traffic,
        "seed: x\nchannels: []\nmoves:\n  - {stage: visitor, event: e, probability: 2, delay: soon}\n");
    Run r = run("simulate", resource("shop.yaml"), traffic.toString());
    assertEquals(1, r.exit());
    String err = r.err();
    assertTrue(err.contains(traffic + ": /seed: expected a whole number"), err);
    assertTrue(err.contains(traffic + ": /channels: expected a list"), err);
    assertTrue(
        err.contains(traffic + ": /moves/0/probability: expected a number from 0 to 1"), err);
    assertTrue(err.contains(traffic + ": /moves/0/delay: expected an ISO-8601 duration"), err);
  }

  @Test
  void simulate_trafficFileNamingAChannelOrAMoveTwice_reportsTheRepeatByPointer()
      throws IOException {
    Path traffic = dir.resolve("traffic.yaml");
    String channel = "  - {id: ads, visitors: 10, spend: {amount: \"1.00\", currency: EUR}}\n";
    String move = "  - {stage: visitor, event: contact-left, probability: 0.2, delay: PT1H}\n";
    Files.writeString(traffic, "channels:\n" + channel + channel + "moves:\n" + move + move);
    Run r = run("simulate", resource("shop.yaml"), traffic.toString());
    assertEquals(1, r.exit());
    String err = r.err();
    assertTrue(
        err.contains(traffic + ": /channels/1: simulated channel 'ads' was already added"), err);
    assertTrue(
        err.contains(
            traffic
                + ": /moves/1: simulated move 'contact-left' in stage 'visitor' was already added"),
        err);
    assertFalse(err.contains("/channels/0"), err);
  }

  /** The examples' resources, where the README's replay runs. */
  static final Path EXAMPLES = Path.of("..", "funnel-examples", "src", "main", "resources");

  private static String example(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  /** The README's replay example: its command line, what it prints and its exit status. */
  record Example(List<String> args, String printed, int exit) {}

  static Example readmeReplay() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Changing a live funnel");
    assertTrue(section >= 0, "README has the section");
    int start = readme.indexOf("```text\n$ java -jar funnel-cli/target/funnel.jar replay", section);
    assertTrue(start >= 0, "README shows the replay");
    String block = readme.substring(start + 8, readme.indexOf("```", start + 8));
    List<String> lines = block.lines().toList();
    String command = lines.get(0).substring("$ java -jar funnel-cli/target/funnel.jar ".length());
    int echo = lines.indexOf("$ echo $?");
    String printed = String.join("\n", lines.subList(1, echo)) + "\n";
    List<String> args = new ArrayList<>();
    for (String arg : command.split(" ", -1)) {
      args.add(arg.endsWith(".yaml") ? example(arg) : arg);
    }
    return new Example(args, printed, Integer.parseInt(lines.get(echo + 1)));
  }

  @Test
  void replay_readmeExample_printsTheDiffTheReadmeShows_andExitsWithItsStatus() throws IOException {
    Example example = readmeReplay();

    Run r = run(example.args().toArray(String[]::new));

    assertEquals(example.printed(), r.out());
    assertEquals(example.exit(), r.exit(), r.err());
    assertEquals(3, r.exit(), "a diff that is not empty fails the CI job");
  }

  @Test
  void replay_sameDefinition_printsNoDifferencesAndExitsZero() {
    Run r =
        run(
            "replay",
            example("funnels/online-shop.yaml"),
            "--current",
            example("funnels/online-shop.yaml"),
            "--journal",
            example("changes/journal.yaml"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "replay of funnel 'online-shop': version 1 against version 1\nno differences in 5 leads\n",
        r.out());
  }

  @Test
  void replay_withoutMigration_playsEveryLeadOnTheCandidateFromTheStart() throws IOException {
    Path out = dir.resolve("diff.txt");
    Run r =
        run(
            "replay",
            example("changes/online-shop-v2.yaml"),
            "--current",
            example("funnels/online-shop.yaml"),
            "--journal",
            example("changes/journal.yaml"),
            "-o",
            out.toString());
    assertEquals(3, r.exit(), r.err());
    assertEquals("", r.out());
    assertTrue(
        Files.readString(out)
            .startsWith("replay of funnel 'online-shop': version 1 against version 2\nleads: "),
        Files.readString(out));
  }

  @Test
  void replay_stepRecords_areAJournalToo() throws IOException {
    Run r =
        run(
            "replay",
            resource("shop.yaml"),
            "--current",
            resource("shop.yaml"),
            "--journal",
            steps().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("no differences in 4 leads\n"), r.out());
  }

  @Test
  void replay_migrationThatDoesNotFit_namesTheFileLineAndPointerOfEachProblem() throws IOException {
    Path migration = dir.resolve("migration.yaml");
    Files.writeString(
        migration,
        """
        format: 1
        funnel: online-shop
        from: 1
        to: 2
        renames:
          - {stage: hot-lead, to: basket}
        """);
    Run r =
        run(
            "replay",
            example("changes/online-shop-v2.yaml"),
            "--current",
            example("funnels/online-shop.yaml"),
            "--journal",
            example("changes/journal.yaml"),
            "--migration",
            migration.toString());
    assertEquals(1, r.exit(), r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(
        migration
            + ":6:23: INVALID_MIGRATION at /renames/0/to: stage 'hot-lead' moves to 'basket',"
            + " which version 2 lacks; move it to a stage of version 2",
        lines.get(0));
    assertTrue(
        lines.get(1).startsWith(migration + ":1:1: INVALID_MIGRATION at the document root: timer"),
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void replay_badJournal_namesTheFileLineAndPointer() throws IOException {
    Path journal = dir.resolve("journal.yaml");
    Files.writeString(
        journal,
        "format: 1\nleads:\n  - {id: ann, channel: ads, at: 2026-03-02T09:00:00Z, colour: red}\n");
    Run r =
        run(
            "replay",
            example("funnels/online-shop.yaml"),
            "--current",
            example("funnels/online-shop.yaml"),
            "--journal",
            journal.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(
        r.err()
            .startsWith(journal + ":3:55: UNKNOWN_PROPERTY: unknown property at /leads/0/colour"),
        r.err());
  }

  @Test
  void replay_definitionsOfDifferentFunnels_areRefused() {
    Run r =
        run(
            "replay",
            resource("shop.yaml"),
            "--current",
            example("funnels/online-shop.yaml"),
            "--journal",
            example("changes/journal.yaml"));
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("funnel 'shop' is not funnel 'online-shop'"), r.err());
  }

  @Test
  void replay_badCommandLines_areUsageErrors() {
    String shop = example("funnels/online-shop.yaml");
    String journal = example("changes/journal.yaml");
    assertEquals(2, run("replay", shop, "--current", shop).exit());
    assertEquals(2, run("replay", shop, "--journal", journal).exit());
    Run at = run("replay", shop, "--current", shop, "--journal", journal, "--at", "2026-03-03");
    assertEquals(2, at.exit());
    assertTrue(at.err().contains("--at needs --migration"), at.err());
    Run cr = run("replay", shop, "--current", shop, "--journal", journal, "--cr1", "visitor");
    assertEquals(2, cr.exit());
    assertTrue(cr.err().contains("--cr1 and --cr2 take two stages"), cr.err());
  }
}
