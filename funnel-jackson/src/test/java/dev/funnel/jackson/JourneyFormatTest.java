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
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.ReEntry;
import java.io.IOException;
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
}
