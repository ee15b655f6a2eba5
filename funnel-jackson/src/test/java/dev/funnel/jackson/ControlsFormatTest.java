package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.funnel.Actions;
import dev.funnel.ContactPolicy;
import dev.funnel.Experiment;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.Purpose;
import dev.funnel.QuietHours;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ControlsFormatTest {
  static final String YAML =
      """
      format: 1
      id: shop
      stages:
        - {id: visitor, entry: true}
        - {id: buyer, kind: won}
      transitions:
        - event: paid
          from: [visitor]
          to: buyer
          actions:
            - {send: {template: receipt, channel: email, purpose: transactional}}
            - {send: {template: tips, channel: email}}
      contact:
        timeZone: Europe/Berlin
        quietHours: {start: "22:00", end: "08:00", mode: skip}
        caps:
          - {channel: email, max: 1, per: day}
          - {channel: email, max: 3, per: window, window: P7D}
          - {channel: sms, max: 2, per: journey}
      experiments:
        - id: welcome-test
          salt: "2026-12"
          arms:
            - {name: short, weight: 45}
            - {name: long, weight: 45}
            - {name: holdout, weight: 10, holdout: true}
      """;

  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(FunnelFormat.definitionSchema(), InputFormat.JSON);

  private static String json(String yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
  }

  @Test
  void read_contactAndExperiments_equalTheBuiltDefinition_andRoundTrip() {
    Funnel read = FunnelFormat.readDefinition(YAML, Syntax.YAML);
    Funnel built =
        Funnel.builder("shop")
            .stage("visitor")
            .entry()
            .stage("buyer")
            .won()
            .on("paid")
            .from("visitor")
            .to("buyer")
            .then(
                Actions.send("receipt", "email", Purpose.TRANSACTIONAL),
                Actions.send("tips", "email"))
            .timeZone(ZoneId.of("Europe/Berlin"))
            .quietHours(QuietHours.skip(LocalTime.of(22, 0), LocalTime.of(8, 0)))
            .cap(FrequencyCap.perDay("email", 1))
            .cap(FrequencyCap.per("email", 3, Duration.ofDays(7)))
            .cap(FrequencyCap.perJourney("sms", 2))
            .experiment(
                Experiment.of(
                    "welcome-test",
                    "2026-12",
                    Experiment.Arm.of("short", 45),
                    Experiment.Arm.of("long", 45),
                    Experiment.Arm.holdout("holdout", 10)))
            .build();

    assertEquals(built, read);
    assertEquals(
        new ContactPolicy(
            QuietHours.skip(LocalTime.of(22, 0), LocalTime.of(8, 0)),
            ZoneId.of("Europe/Berlin"),
            built.contactPolicy().caps()),
        read.contactPolicy());
    for (Syntax s : Syntax.values()) {
      assertEquals(read, FunnelFormat.readDefinition(FunnelFormat.writeDefinition(read, s), s));
    }
  }

  @Test
  void schema_controls_conformAndWrittenDefinitionConforms() throws IOException {
    assertEquals(List.of(), SCHEMA.validate(json(YAML), InputFormat.JSON));
    Funnel read = FunnelFormat.readDefinition(YAML, Syntax.YAML);
    assertEquals(
        List.of(),
        SCHEMA.validate(FunnelFormat.writeDefinition(read, Syntax.JSON), InputFormat.JSON));
  }

  @Test
  void schemaAndReader_refuseBadControls() throws IOException {
    String[] bad = {
      YAML.replace("\"22:00\"", "\"10pm\""),
      YAML.replace("mode: skip", "mode: later"),
      YAML.replace("max: 1, per: day", "max: 0, per: day"),
      YAML.replace("per: window, window: P7D", "per: window"),
      YAML.replace("max: 2, per: journey", "max: 2, per: journey, window: P1D"),
      YAML.replace("purpose: transactional", "purpose: urgent"),
      YAML.replace("{name: long, weight: 45}", "{name: long, weight: 0}"),
      YAML.replace("timeZone: Europe/Berlin", "timeZone: Europe/Berlin\n  colour: red"),
    };
    for (String doc : bad) {
      assertEquals(false, doc.equals(YAML), "the replacement must apply");
      assertEquals(false, SCHEMA.validate(json(doc), InputFormat.JSON).isEmpty(), doc);
      assertThrows(
          FunnelFormatException.class, () -> FunnelFormat.readDefinition(doc, Syntax.YAML), doc);
    }
  }

  @Test
  void read_badExperimentsAndCaps_areLocatedAllAtOnce() {
    String doc =
        YAML.replace("{name: long, weight: 45}", "{name: short, weight: 45}")
            .replace(
                "- {channel: sms, max: 2, per: journey}",
                "- {channel: sms, max: 2, per: journey}\n    - {channel: email, max: 1, per: day}")
            .replace("purpose: transactional", "purpose: transactional")
            .replace("timeZone: Europe/Berlin", "timeZone: Mars/Olympus");
    FunnelFormatException zone =
        assertThrows(
            FunnelFormatException.class, () -> FunnelFormat.readDefinition(doc, Syntax.YAML));
    assertEquals("/contact/timeZone", zone.pointer());

    String fixedZone = doc.replace("Mars/Olympus", "Europe/Berlin");
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class, () -> FunnelFormat.readDefinition(fixedZone, Syntax.YAML));
    assertEquals(
        List.of(
            "INVALID_CONTACT_POLICY /contact/caps/3 20", "INVALID_EXPERIMENT /experiments/0 22"),
        e.problems().stream()
            .map(p -> p.problem().code() + " " + p.pointer() + " " + p.line())
            .collect(Collectors.toList()));
  }
}
