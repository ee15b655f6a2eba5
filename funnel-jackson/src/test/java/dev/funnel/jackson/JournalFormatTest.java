package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.migration.Journal;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journals in the format: leads with their events, or a runtime's steps; refused with pointers. */
final class JournalFormatTest {
  private static final Instant T0 = ShopVersions.T0;

  private static FunnelFormatException refused(String yaml) {
    return assertThrows(
        FunnelFormatException.class, () -> FunnelFormat.readJournal(yaml, Syntax.YAML));
  }

  @Test
  void journal_writtenAsYaml_isTheDocumentPeopleWrite() {
    assertEquals(
        ShopVersions.JOURNAL_YAML, FunnelFormat.writeJournal(ShopVersions.journal(), Syntax.YAML));
  }

  @Test
  void arrivalAttributes_decimalsOfNoFractionDigits_areWholeNumbers_andReadBackEqual() {
    // 1E0 and YAML's 1. are decimals of scale 0, which were written back as 1, a whole number.
    String json =
        """
        {"format": 1, "leads": [{"id": "l", "channel": "c", "at": "2026-03-02T09:00:00Z",
          "attributes": {"one": 1E0, "half": 0.50, "big": 1E+30, "zero": -0.0}}]}
        """;
    String yaml =
        """
        format: 1
        leads:
          - {id: l, channel: c, at: 2026-03-02T09:00:00Z, attributes: {one: 1., half: 0.50}}
        """;
    for (Journal j :
        List.of(
            FunnelFormat.readJournal(json, Syntax.JSON),
            FunnelFormat.readJournal(yaml, Syntax.YAML))) {
      var attributes = j.arrivals().get(0).attributes();
      assertEquals(1L, attributes.get("one"));
      assertEquals(new java.math.BigDecimal("0.50"), attributes.get("half"));
      for (Syntax s : Syntax.values()) {
        assertEquals(j, FunnelFormat.readJournal(FunnelFormat.writeJournal(j, s), s), s.name());
      }
    }
    Journal j = FunnelFormat.readJournal(json, Syntax.JSON);
    assertEquals(new java.math.BigDecimal("1E+30"), j.arrivals().get(0).attributes().get("big"));
    assertEquals(new java.math.BigDecimal("0.0"), j.arrivals().get(0).attributes().get("zero"));
  }

  @Test
  void journal_writtenInEitherSyntax_readsBackEqualFromTextReaderAndStream() {
    Journal j = ShopVersions.journal();
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeJournal(j, syntax);
      assertEquals(j, FunnelFormat.readJournal(written, syntax));
      assertEquals(j, FunnelFormat.readJournal(new StringReader(written), syntax));
      byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
      assertEquals(j, FunnelFormat.readJournal(new ByteArrayInputStream(bytes), syntax));
    }
  }

  @Test
  void journal_withoutItsEnd_endsAtTheLastEvent() {
    Journal j =
        FunnelFormat.readJournal(
            ShopVersions.JOURNAL_YAML.replace("end: 2026-03-16T09:00:00Z\n", ""), Syntax.YAML);
    assertEquals(T0.plusSeconds(3600), j.end());
  }

  /** Two leads through the first version of the shop, as a runtime records them. */
  private static List<Step> steps() {
    Funnel shop = ShopVersions.v1();
    List<Step> steps = new ArrayList<>();
    Outcome ann = shop.enter("ann", "google-ads", T0);
    steps.addAll(ann.steps());
    Outcome contact = shop.fire(ann.lead(), Event.of("a-1", "contact-left", T0.plusSeconds(60)));
    steps.addAll(contact.steps());
    steps.addAll(shop.advance(contact.lead(), T0.plus(Duration.ofDays(3))).steps());
    steps.addAll(shop.enter("ben", "newsletter", T0.plusSeconds(120)).steps());
    return steps;
  }

  private static String stepsDocument(List<Step> steps, String end) {
    StringBuilder s = new StringBuilder("{\"format\": 1, ").append(end).append("\"steps\": [");
    for (int i = 0; i < steps.size(); i++) {
      s.append(i == 0 ? "\n" : ",\n").append(FunnelFormat.writeStep(steps.get(i), Syntax.JSON));
    }
    return s.append("]}").toString();
  }

  @Test
  void journal_ofARuntimesSteps_isTheJournalOfThoseSteps() {
    List<Step> steps = steps();
    assertTrue(
        steps.stream().anyMatch(s -> s.eventId() != null && s.eventId().startsWith("timer:")));
    Instant end = T0.plus(Duration.ofDays(14));

    Journal j =
        FunnelFormat.readJournal(stepsDocument(steps, "\"end\": \"" + end + "\", "), Syntax.JSON);

    assertEquals(Journal.fromSteps(steps, end), j);
    assertEquals(List.of("a-1"), j.events("ann").stream().map(Event::id).toList());
    Journal ending = FunnelFormat.readJournal(stepsDocument(steps, ""), Syntax.JSON);
    assertEquals(T0.plus(Duration.ofDays(2)).plusSeconds(60), ending.end(), "the last step's time");
  }

  @Test
  void steps_ofALeadBeforeItsEntry_orASecondEntry_areRefusedAtTheStep() {
    List<Step> steps = new ArrayList<>(steps());
    Step entry = steps.get(0);
    steps.add(entry);
    FunnelFormatException twice =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readJournal(stepsDocument(steps, ""), Syntax.JSON));
    assertEquals(Code.INVALID_VALUE, twice.code());
    assertEquals("/steps/" + (steps.size() - 1), twice.pointer());
    assertEquals(steps.size() + 1, twice.line());

    List<Step> early = steps().subList(1, 2);
    FunnelFormatException before =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readJournal(stepsDocument(early, ""), Syntax.JSON));
    assertEquals("/steps/0", before.pointer());
    String message = String.valueOf(before.getMessage());
    assertFalse(message.contains("ann"), message);
  }

  @Test
  void badShapes_areRefusedWithTheirCodeAndPointer() {
    String base = ShopVersions.JOURNAL_YAML;
    Object[][] cases = {
      {base.replace("  - id: ben", "  - id: ann"), Code.INVALID_VALUE, "/leads/1/id"},
      {
        base.replace("owner: sam", "owner: sam\n    colour: red"),
        Code.UNKNOWN_PROPERTY,
        "/leads/0/colour"
      },
      {
        base.replace("        type: contact-left\n", ""), Code.MISSING_PROPERTY, "/leads/0/events/0"
      },
      {base.replace("    at: 2026-03-02T09:02:00Z\n", ""), Code.MISSING_PROPERTY, "/leads/1"},
      {base.replace("end: 2026-03-16T09:00:00Z", "end: tomorrow"), Code.INVALID_VALUE, "/end"},
      {base.replace("visits: 3", "visits: [3]"), Code.WRONG_TYPE, "/leads/0/attributes/visits"},
      {base + "steps: []\n", Code.INVALID_VALUE, ""},
      {"format: 1\nleads: []\n", Code.INVALID_VALUE, "/leads"},
      {"format: 1\nsteps: []\n", Code.INVALID_VALUE, "/steps"},
      {"format: 1\n", Code.MISSING_PROPERTY, ""},
      {base.replace("format: 1", "format: 2"), Code.UNSUPPORTED_FORMAT, "/format"},
      {base.replace("owner: sam", "owner: !!str sam"), Code.UNKNOWN_TYPE, "/leads/0/owner"},
    };
    for (Object[] c : cases) {
      String doc = (String) c[0];
      assertFalse(doc.equals(base), "the replacement must apply: " + c[2]);
      FunnelFormatException e = refused(doc);
      assertEquals(c[1], e.code(), e::getMessage);
      assertEquals(c[2], e.pointer(), e::getMessage);
      assertTrue(e.line() > 0, e::getMessage);
    }
    assertEquals(
        0,
        FunnelFormat.readJournal("format: 1\nend: 2026-03-16T09:00:00Z\nleads: []\n", Syntax.YAML)
            .arrivals()
            .size(),
        "an empty journal with its end");
  }
}
