package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.collect.ImmutableList;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.ReEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Goals, exits, re-entry, scoring and waits in the format: read, written, read back equal. */
final class JourneyFormatTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(FunnelFormat.definitionSchema(), InputFormat.JSON);

  private static String yamlToJson(String yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
  }

  @Test
  void controls_readFromYaml_roundTripAndConformToTheSchema() throws IOException {
    String yaml = Resources.text("journey-controls.yaml");
    assertEquals(ImmutableList.of(), SCHEMA.validate(yamlToJson(yaml), InputFormat.JSON));
    Funnel f = FunnelFormat.readDefinition(yaml, Syntax.YAML);
    assertEquals("signed-up", f.goals().get(0).id());
    assertEquals(Duration.ofDays(30), f.goals().get(0).within());
    assertEquals("unsubscribed", f.exits().get(0).reason());
    assertEquals(
        new ReEntry(3, Duration.ofDays(30), ReEntry.WhileInside.REFUSE, null),
        f.reEntry().orElseThrow());
    assertEquals(2, f.scoring().rules().size());
    // The wait compiled into its transitions and timer.
    assertTrue(f.eventTypes().contains("registered/timeout"));
    assertTrue(f.eventTypes().contains("rescheduled"));
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeDefinition(f, syntax);
      assertEquals(f, FunnelFormat.readDefinition(written, syntax));
      String json = syntax == Syntax.JSON ? written : yamlToJson(written);
      assertEquals(ImmutableList.of(), SCHEMA.validate(json, InputFormat.JSON));
    }
  }

  @Test
  void leadJourney_roundTrips() {
    Funnel f = FunnelFormat.readDefinition(Resources.text("journey-controls.yaml"), Syntax.YAML);
    Lead lead = f.enter("ann", "ads", T0).lead();
    lead = f.fire(lead, Event.of("e1", "opened", T0.plusSeconds(60))).lead();
    lead = f.fire(lead, Event.of("e2", "joined", T0.plusSeconds(120))).lead();
    assertEquals(1, lead.score());
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeLead(lead, syntax);
      assertEquals(lead, FunnelFormat.readLead(written, syntax));
    }
    assertTrue(FunnelFormat.writeLead(lead, Syntax.JSON).contains("\"entries\""));
  }

  @Test
  void badControls_areRefusedWithTheirPointer() {
    String base = Resources.text("journey-controls.yaml");
    FunnelFormatException noTarget =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    base.replace("    within: P30D\n    to: customer\n", "    within: P30D\n"),
                    Syntax.YAML));
    assertTrue(String.valueOf(noTarget.getMessage()).contains("/goals/0"), noTarget.getMessage());
    FunnelFormatException key =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    base.replace("whileInside: refuse", "whileInside: refuse\n  key: order-id"),
                    Syntax.YAML));
    assertTrue(String.valueOf(key.getMessage()).contains("/reEntry"), key.getMessage());
    FunnelFormatException nonTerminal =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    base.replace("    to: unsubscribed\n", "    to: attended\n"), Syntax.YAML));
    assertTrue(
        String.valueOf(nonTerminal.getMessage()).contains("INVALID_EXIT at /exits/0"),
        nonTerminal.getMessage());
  }

  /** A shop whose stages act on entry: a series' first message at +0, a converting buyer. */
  static Funnel stageHooks() {
    return Funnel.builder("welcome-shop")
        .stage("visitor")
        .entry()
        .stage("subscriber")
        .stage("buyer")
        .converts()
        .onEnter(
            Actions.send("thank-you", "email"),
            Actions.segment("customers"),
            Actions.handOff("club", "engagement"))
        .stage("repeat-customer")
        .won()
        .on("signed-up")
        .from("visitor")
        .to("subscriber")
        .series("subscriber", "email")
        .send(Duration.ZERO, "welcome-1")
        .send(Duration.ofDays(2), "welcome-2")
        .on("paid")
        .from("subscriber")
        .to("buyer")
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .build();
  }

  @Test
  void stageHooks_areWrittenOnTheirStages_readBackEqual_andConform() throws IOException {
    Funnel f = stageHooks();
    String yaml = FunnelFormat.writeDefinition(f, Syntax.YAML);
    String stages = yaml.substring(yaml.indexOf("stages:"), yaml.indexOf("transitions:"));
    assertEquals(readmeBlock("stages:"), stages, "the README shows what the writer writes");
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeDefinition(f, syntax);
      assertEquals(f, FunnelFormat.readDefinition(written, syntax));
      String json = syntax == Syntax.JSON ? written : yamlToJson(written);
      assertEquals(ImmutableList.of(), SCHEMA.validate(json, InputFormat.JSON));
    }
    // The +0 message is no timer: only the later one is.
    assertEquals(1, f.timers().size());
  }

  /** Returns the README's YAML block that starts with this line. */
  private static String readmeBlock(String start) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int at = readme.indexOf("```yaml\n" + start);
    assertTrue(at >= 0, "the README has a YAML block starting with " + start);
    int from = at + "```yaml\n".length();
    return readme.substring(from, readme.indexOf("```", from));
  }

  @Test
  void badStageHooks_areRefusedWithTheirPointer() {
    String yaml = FunnelFormat.writeDefinition(stageHooks(), Syntax.YAML);
    FunnelFormatException wonConverts =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    yaml.replace(
                        "{id: repeat-customer, kind: won}",
                        "{id: repeat-customer, kind: won, converts: true}"),
                    Syntax.YAML));
    assertTrue(
        String.valueOf(wonConverts.getMessage()).contains("only an active stage converts"),
        wonConverts.getMessage());
    assertEquals("/stages/3", wonConverts.pointer());
    FunnelFormatException noTemplate =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    yaml.replace(
                        "{send: {template: thank-you, channel: email}}",
                        "{send: {channel: email}}"),
                    Syntax.YAML));
    assertTrue(
        String.valueOf(noTemplate.getMessage()).contains("INVALID_ACTION at /stages/2/onEnter/0"),
        noTemplate.getMessage());
    // The schema says the same of a converting won stage.
    String json = FunnelFormat.writeDefinition(stageHooks(), Syntax.JSON);
    String bad = json.replace("\"kind\": \"won\"", "\"kind\": \"won\", \"converts\": true");
    assertTrue(bad.contains("\"won\", \"converts\""), bad);
    assertEquals(1, SCHEMA.validate(bad, InputFormat.JSON).size());
  }
}
