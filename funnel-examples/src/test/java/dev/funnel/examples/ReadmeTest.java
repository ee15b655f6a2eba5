package dev.funnel.examples;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.diagram.Diagram;
import dev.funnel.diagram.FunnelChart;
import dev.funnel.diagram.HtmlReport;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import dev.funnel.jdbc.JdbcLeadStore;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import dev.funnel.migration.Replay;
import dev.funnel.migration.ReplayDiff;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.simulation.Delay;
import dev.funnel.simulation.Simulation;
import dev.funnel.simulation.WhatIf;
import dev.funnel.test.Coverage;
import dev.funnel.test.FunnelPath;
import dev.funnel.test.Journey;
import dev.funnel.test.Paths;
import dev.funnel.test.Scenario;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReadmeTest {

  /**
   * Returns what the README's comment says a line prints: the comment after {@code code} and the
   * comment-only lines below it, joined by single spaces.
   */
  private static String printedAfter(String readme, String code) {
    List<String> lines = readme.lines().toList();
    StringBuilder printed = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(code)) {
        printed.append(lines.get(i).substring(lines.get(i).indexOf("//") + 2).strip());
        for (int j = i + 1; j < lines.size() && lines.get(j).strip().startsWith("//"); j++) {
          printed.append(' ').append(lines.get(j).strip().substring(2).strip());
        }
        return printed.toString();
      }
    }
    throw new AssertionError("README has no line starting with " + code);
  }

  @Test
  void firstExample_runsAsTheReadmeSays() throws IOException {
    // spotless:off
    // README:BEGIN
    Funnel shop = Funnel.builder("online-shop")
        .stage("visitor").entry()
        .stage("cold-lead")
        .stage("buyer").won()
        .stage("lost").lost()
        .offer(Offer.leadMagnet("coupon-10"))
        .on("contact-left").from("visitor").to("cold-lead")
            .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .on("paid").from("cold-lead").to("buyer").when(Conditions.payload("total").gt(0))
        .after(Duration.ofDays(7)).in("cold-lead").fire("gone-cold")
        .on("gone-cold").from("cold-lead").to("lost")
        .build();                       // validated: every problem reported at once

    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Lead lead = shop.enter("lead-42", "google-ads", now).lead();
    Outcome out = shop.fire(lead, Event.of("evt-1", "contact-left", now));
    // README:END
    // spotless:on

    assertEquals("cold-lead", out.lead().stage());
    List<Effect> effects = out.effects();
    assertEquals(3, effects.size());
    assertEquals(Actions.send("welcome-1", "email"), effects.get(0));
    assertEquals("send{template=welcome-1, channel=email}", effects.get(0).toString());
    assertEquals(Actions.present("coupon-10"), effects.get(1));
    Effect.TimerScheduled timer = (Effect.TimerScheduled) effects.get(2);
    assertEquals("gone-cold", timer.timer().event());
    assertEquals(now.plus(Duration.ofDays(7)), timer.timer().due());
    assertEquals("lost", shop.advance(out.lead(), now.plus(Duration.ofDays(8))).lead().stage());
    assertTrue(effects.get(0) instanceof Action);

    String readme = Files.readString(Path.of("..", "README.md"));
    assertEquals(printedAfter(readme, "out.effects();"), out.effects().toString());
    assertEquals("\"cold-lead\"", printedAfter(readme, "out.lead().stage();"));
  }

  @Test
  void readme_firstJavaBlock_isTheCodeCompiledHere() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has a java block");
    String source = Files.readString(Path.of("src/test/java/dev/funnel/examples/ReadmeTest.java"));
    String compiled =
        source.substring(source.indexOf("// README:BEGIN"), source.indexOf("// README:END"));
    List<String> missing = new ArrayList<>();
    for (String line : block.group(1).lines().toList()) {
      String code = line.replaceAll("//.*", "").strip();
      if (!code.isEmpty()
          && !code.startsWith("out.")
          && !code.startsWith("shop.advance")
          && !compiled.contains(code)) {
        missing.add(code);
      }
    }
    assertEquals(List.of(), missing, "README lines not compiled by this test");
    // The README's last three lines are checked by the assertions of the test above.
    assertTrue(block.group(1).contains("out.lead().stage();                 // \"cold-lead\""));
  }

  /** The funnel of the README's first example. */
  private static Funnel readmeShop() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("coupon-10"))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .on("paid")
        .from("cold-lead")
        .to("buyer")
        .when(Conditions.payload("total").gt(0))
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .on("gone-cold")
        .from("cold-lead")
        .to("lost")
        .build();
  }

  /** Stands for the application's mail service in the README's runtime example. */
  static final class Mailer {
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    void send(EffectKey key, Action action) {
      sent.add(key.leadKey().leadId() + " " + action);
    }
  }

  /** Keeps every step the runtime reports. */
  static final class StepJournal implements FunnelListener {
    private final List<Step> steps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stepped(Step step) {
      steps.add(step);
    }

    List<Step> steps() {
      return List.copyOf(steps);
    }
  }

  private static String block(String language, int index) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    for (int i = 0; i <= index; i++) {
      assertTrue(m.find(), "README has " + (index + 1) + " " + language + " blocks");
    }
    return m.group(1);
  }

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void formatExample_readsTheYamlBlockAndItConformsToTheSchema(@TempDir Path dir)
      throws IOException {
    String yaml = block("yaml", 0);
    Path path = Files.writeString(dir.resolve("online-shop.yaml"), yaml);

    // spotless:off

    // README:BEGIN
    Funnel shop = FunnelFormat.readDefinition(Files.newInputStream(path), Syntax.YAML);
    String json = FunnelFormat.writeDefinition(shop, Syntax.JSON);
    String schema = FunnelFormat.definitionSchema();   // JSON Schema, draft 2020-12
    // README:END
    // spotless:on

    assertEquals(
        readmeShop().toBuilder().offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR"))).build(),
        shop);
    assertEquals(shop, FunnelFormat.readDefinition(json, Syntax.JSON));
    assertEquals(yaml, FunnelFormat.writeDefinition(shop, Syntax.YAML), "as the writer writes it");
    assertEquals(
        List.of(),
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(schema, InputFormat.JSON)
            .validate(
                new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml)),
                InputFormat.JSON));
  }

  @Test
  void runtimeExample_runsAsTheReadmeSays() {
    Funnel shop = readmeShop();
    Instant now = NOW;
    Mailer mailer = new Mailer();
    StepJournal journal = new StepJournal();

    // spotless:off

    // README:BEGIN
    FunnelRuntime runtime = FunnelRuntime.builder(Catalog.of(shop))
        .store(new InMemoryLeadStore())       // leads, the due index and the outbox
        .handler(Actions.SEND, delivery -> mailer.send(delivery.key(), delivery.action()))
        .handler(Actions.PRESENT, delivery -> mailer.send(delivery.key(), delivery.action()))
        .listener(journal)                    // hears every step
        .build();                             // refuses a catalog whose handlers are missing

    runtime.enter("online-shop", "lead-42", "google-ads", now);
    runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", now));
    runtime.advanceTo(now.plus(Duration.ofDays(8)));   // fires every timer due, across all leads
    // README:END
    // spotless:on

    assertEquals("lost", runtime.lead("online-shop", "lead-42").orElseThrow().stage());
    assertEquals(
        List.of(
            "lead-42 send{template=welcome-1, channel=email}", "lead-42 present{offer=coupon-10}"),
        mailer.sent);
    assertEquals(3, journal.steps().size());
  }

  @Test
  void postgresExample_runsAsTheReadmeSays() throws IOException {
    Funnel shop = readmeShop();
    Mailer mailer = new Mailer();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
      String user = "postgres";

      // spotless:off

      // README:BEGIN
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);                 // jdbc:postgresql://db.example:5432/shop
      config.setUsername(user);
      HikariDataSource dataSource = new HikariDataSource(config);
      JdbcLeadStore store = JdbcLeadStore.builder(dataSource).schema("sales").build();
      store.createSchema();                       // or let Flyway run db/migration/V1__funnel_schema.sql
      FunnelRuntime runtime = FunnelRuntime.builder(Catalog.of(shop))
          .store(store)
          .handler(Actions.SEND, delivery -> mailer.send(delivery.key(), delivery.action()))
          .handler(Actions.PRESENT, delivery -> mailer.send(delivery.key(), delivery.action()))
          .build();
      runtime.dispatchPending();                  // at start: effects a crashed process left behind
      // README:END
      // spotless:on

      runtime.enter("online-shop", "lead-42", "google-ads", NOW);
      runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", NOW));
      assertEquals("cold-lead", runtime.lead("online-shop", "lead-42").orElseThrow().stage());
      assertEquals(
          List.of(
              "lead-42 send{template=welcome-1, channel=email}",
              "lead-42 present{offer=coupon-10}"),
          mailer.sent);
      dataSource.close();
    }
  }

  @Test
  void figuresExample_runsAsTheReadmeSays() throws IOException {
    Funnel shop = OnlineShop.funnel();
    StepJournal journal = new StepJournal();
    FunnelRuntime shopRuntime =
        FunnelRuntime.builder(Catalog.of(shop))
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .listener(journal)
            .build();
    shopRuntime.enter("online-shop", "lead-42", "google-ads", NOW);
    shopRuntime.handle("online-shop", "lead-42", Event.of("e-1", "contact-left", NOW));
    shopRuntime.handle(
        "online-shop",
        "lead-42",
        Event.purchase("e-2", NOW.plusSeconds(60))
            .type("paid")
            .offer("mini-set")
            .amount(Money.of("9.90", "EUR"))
            .build());

    // spotless:off

    // README:BEGIN
    Report report = Report.of(shop, journal.steps());
    Ratio cr1 = report.cr1("visitor", "cold-lead");
    Ratio roas = report.channel("google-ads").orElseThrow().roas(Money.of("20.00", "EUR"));
    Files.writeString(Path.of("target", "online-shop.svg"), FunnelChart.svg(report));
    Files.writeString(Path.of("target", "online-shop.mmd"), Diagram.mermaid(report));
    Files.writeString(Path.of("target", "online-shop.html"), HtmlReport.of(report));

    Simulation sim = Simulation.builder(shop)
        .seed(42)
        .channel("google-ads", 10_000, Money.of("245.00", "EUR"))
        .move("visitor", "contact-left", 0.10, Delay.exponential(Duration.ofHours(1)))
        .build();
    Report forecast = sim.run();
    List<WhatIf> best = sim.improvements(0.10);        // which step is worth improving first
    // README:END
    // spotless:on

    assertEquals(Ratio.of(1, 1), cr1);
    assertEquals(Ratio.of(Money.of("9.90", "EUR"), Money.of("20.00", "EUR")), roas);
    assertTrue(Files.readString(Path.of("target", "online-shop.svg")).contains("online-shop"));
    assertTrue(Files.readString(Path.of("target", "online-shop.mmd")).contains("stateDiagram"));
    assertTrue(Files.readString(Path.of("target", "online-shop.html")).contains("<svg"));
    assertEquals(10_000, forecast.entries());
    double cr1Forecast = forecast.cr1("visitor", "cold-lead").doubleValue();
    assertTrue(cr1Forecast > 0.09 && cr1Forecast < 0.11, "near 10%: " + cr1Forecast);
    assertEquals(1, best.size());
    assertTrue(best.get(0).changed().entered("cold-lead") > forecast.entered("cold-lead"));
  }

  @Test
  void testingExample_passesAsTheReadmeSays() throws IOException {
    Funnel shop = readmeShop();
    // spotless:off
    // README:BEGIN
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Scenario goesCold = Scenario.of(shop, now)
        .enter("lead-42", "google-ads")
        .send("contact-left")
        .after(Duration.ofDays(8));                     // the seven-day timer fires on the way

    assertThat(goesCold.run())                          // on the pure core
        .isInStage("lost")
        .visited("visitor", "cold-lead", "lost")
        .emittedInOrder(Actions.send("welcome-1", "email"), Actions.present("coupon-10"));
    assertThat(goesCold.runOn(new InMemoryLeadStore())).isInStage("lost");   // on the runtime

    Lead lead = shop.enter("lead-7", "google-ads", now).lead();
    assertThat(shop.fire(lead, Event.of("evt-1", "contact-left", now)))
        .movedTo("cold-lead")
        .scheduled("gone-cold", now.plus(Duration.ofDays(7)));

    Paths paths = Paths.of(shop).event("paid", e -> e.payload("total", 25));
    Coverage coverage = Coverage.of(shop);
    for (FunnelPath path : paths.throughEveryTransition()) {   // model-based: every transition
      Journey journey = paths.scenario(path, "lead-1").run();
      assertThat(journey).isInStage(path.stage());
      coverage.record(journey);
    }
    assertThat(coverage.transitionsMissed()).as(coverage.report()).isEmpty();
    // README:END
    // spotless:on

    assertThat(coverage.stagesMissed()).isEmpty();
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher text = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(text.find(readme.indexOf("## Testing your funnel")), "README shows a failure");
    assertThatThrownBy(() -> assertThat(goesCold.run()).isInStage("buyer"))
        .hasMessage(text.group(1).strip());
  }

  /** Returns the first block of this language after a heading of the README. */
  private static String blockAfter(String heading, String language) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int at = readme.indexOf(heading);
    assertTrue(at >= 0, "README has " + heading);
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(at), "README has a " + language + " block after " + heading);
    return m.group(1);
  }

  private static final Path RESOURCES = Path.of("src", "main", "resources");

  /** Returns a file's lines that are not comments, as the writer would write it. */
  private static String withoutComments(Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("#")) {
        s.append(line).append('\n');
      }
    }
    return s.toString();
  }

  @Test
  void changingALiveFunnel_migrationIsTheShippedFileAsTheWriterWritesIt() throws IOException {
    String yaml = blockAfter("## Changing a live funnel", "yaml");
    Funnel current = OnlineShop.funnel();
    Funnel candidate =
        FunnelFormat.readDefinition(
            Files.newInputStream(RESOURCES.resolve("changes/online-shop-v2.yaml")), Syntax.YAML);

    Migration migration = FunnelFormat.readMigration(yaml, Syntax.YAML, current, candidate);

    assertEquals(yaml, FunnelFormat.writeMigration(migration, Syntax.YAML), "as the writer writes");
    assertEquals(yaml, Files.readString(RESOURCES.resolve("changes/online-shop-1-to-2.yaml")));
    assertEquals(List.of(), candidate.warnings());
    assertEquals(2, candidate.version());
    Path journalFile = RESOURCES.resolve("changes/journal.yaml");
    Journal journal = FunnelFormat.readJournal(Files.newInputStream(journalFile), Syntax.YAML);
    assertEquals(withoutComments(journalFile), FunnelFormat.writeJournal(journal, Syntax.YAML));
    SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    ObjectMapper json = new ObjectMapper();
    YAMLMapper yamlTree = new YAMLMapper();
    assertEquals(
        List.of(),
        schemas
            .getSchema(FunnelFormat.migrationSchema(), InputFormat.JSON)
            .validate(json.writeValueAsString(yamlTree.readTree(yaml)), InputFormat.JSON));
    assertEquals(
        List.of(),
        schemas
            .getSchema(FunnelFormat.journalSchema(), InputFormat.JSON)
            .validate(
                json.writeValueAsString(yamlTree.readTree(Files.readString(journalFile))),
                InputFormat.JSON));
    assertEquals(
        List.of(),
        schemas
            .getSchema(FunnelFormat.definitionSchema(), InputFormat.JSON)
            .validate(
                json.writeValueAsString(
                    yamlTree.readTree(
                        Files.readString(RESOURCES.resolve("changes/online-shop-v2.yaml")))),
                InputFormat.JSON));
  }

  @Test
  void changingALiveFunnel_javaBlockPrintsTheDiffTheReadmeShows() throws IOException {
    Path shopV1 = RESOURCES.resolve("funnels/online-shop.yaml");
    Path shopV2 = RESOURCES.resolve("changes/online-shop-v2.yaml");
    Path moves = RESOURCES.resolve("changes/online-shop-1-to-2.yaml");
    Path recorded = RESOURCES.resolve("changes/journal.yaml");
    Instant now = Instant.parse("2026-03-03T09:00:00Z");
    Lead lead =
        OnlineShop.funnel()
            .fire(
                OnlineShop.funnel().enter("lead-42", "google-ads", now.minusSeconds(3600)).lead(),
                Event.of("evt-1", "added-to-cart", now.minusSeconds(60)))
            .lead();

    // spotless:off
    // README:BEGIN
    Funnel current = FunnelFormat.readDefinition(Files.newInputStream(shopV1), Syntax.YAML);
    Funnel candidate = FunnelFormat.readDefinition(Files.newInputStream(shopV2), Syntax.YAML);
    Migration migration = FunnelFormat.readMigration(Files.newInputStream(moves), Syntax.YAML, current, candidate);
    Journal journal = FunnelFormat.readJournal(Files.newInputStream(recorded), Syntax.YAML);
    ReplayDiff diff = Replay.of(journal).cr2("cold-lead", "buyer")
        .compare(migration, Instant.parse("2026-03-03T09:00:00Z"));
    String text = diff.render();                      // what the command prints
    Outcome moved = migration.migrate(lead, now);     // one lead onto version 2, as the runtime does
    // README:END
    // spotless:on

    String shown = blockAfter("## Changing a live funnel", "text");
    List<String> lines = shown.lines().toList();
    String printed = String.join("\n", lines.subList(1, lines.indexOf("$ echo $?"))) + "\n";
    assertEquals(printed, text);
    assertThat(diff.isEmpty()).isFalse();
    assertEquals("cart", moved.lead().stage(), "the hot lead renamed");
    assertEquals(2, moved.lead().funnelVersion());
    assertEquals(lead.enteredAt(), moved.lead().enteredAt(), "a rename keeps the stage entry time");
  }

  @Test
  void readme_everyJavaBlock_isCompiledHere() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    // The Kafka block is compiled beside the recipe it comes from.
    String source =
        Files.readString(Path.of("src/test/java/dev/funnel/examples/ReadmeTest.java"))
            + Files.readString(Path.of("src/test/java/dev/funnel/examples/KafkaScaleOutTest.java"));
    StringBuilder compiled = new StringBuilder();
    int from = 0;
    while (source.indexOf("// README:BEGIN", from) >= 0) {
      int begin = source.indexOf("// README:BEGIN", from);
      int end = source.indexOf("// README:END", begin);
      compiled.append(source, begin, end);
      from = end;
    }
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    int blocks = 0;
    List<String> missing = new ArrayList<>();
    while (block.find()) {
      blocks++;
      for (String line : block.group(1).lines().toList()) {
        String code = line.replaceAll("//.*", "").strip();
        boolean checkedByAssertions =
            blocks == 1 && (code.startsWith("out.") || code.startsWith("shop.advance"));
        if (!code.isEmpty() && !checkedByAssertions && !compiled.toString().contains(code)) {
          missing.add(code);
        }
      }
    }
    assertEquals(8, blocks, "java blocks in the README");
    assertEquals(List.of(), missing, "README lines not compiled by this test");
  }
}
