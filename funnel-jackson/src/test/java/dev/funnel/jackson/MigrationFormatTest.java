package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.FunnelFormatException.MigrationProblem;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerKey;
import dev.funnel.migration.TimerPolicy;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migrations in the format: written, read back with their two definitions, refused with pointers.
 */
final class MigrationFormatTest {
  private static final Funnel V1 = ShopVersions.v1();
  private static final Funnel V2 = ShopVersions.v2();

  private static FunnelFormatException refused(String yaml) {
    return assertThrows(
        FunnelFormatException.class, () -> FunnelFormat.readMigration(yaml, Syntax.YAML, V1, V2));
  }

  @Test
  void migration_writtenAsYaml_isTheDocumentPeopleWrite() {
    assertEquals(
        ShopVersions.MIGRATION_YAML,
        FunnelFormat.writeMigration(ShopVersions.migration(), Syntax.YAML));
  }

  @Test
  void migration_writtenInEitherSyntax_readsBackEqualFromTextReaderAndStream() {
    Migration m = ShopVersions.migration();
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeMigration(m, syntax);
      assertTrue(written.endsWith("\n"), written);
      assertEquals(m, FunnelFormat.readMigration(written, syntax, V1, V2));
      assertEquals(m, FunnelFormat.readMigration(new StringReader(written), syntax, V1, V2));
      byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
      assertEquals(m, FunnelFormat.readMigration(new ByteArrayInputStream(bytes), syntax, V1, V2));
    }
  }

  @Test
  void migration_json_isIndentedWithTheFormatFirst() {
    String json = FunnelFormat.writeMigration(ShopVersions.migration(), Syntax.JSON);
    assertTrue(json.startsWith("{\n  \"format\": 1,\n  \"funnel\": \"online-shop\",\n"), json);
  }

  @Test
  void identity_writesNoSections_andReadsBack() {
    Funnel next = V1.toBuilder().version(2).build();
    Migration identity = Migration.between(V1, next).build();
    String yaml = FunnelFormat.writeMigration(identity, Syntax.YAML);
    assertEquals("format: 1\nfunnel: online-shop\nfrom: 1\nto: 2\n", yaml);
    assertEquals(identity, FunnelFormat.readMigration(yaml, Syntax.YAML, V1, next));
  }

  @Test
  void migrationThatDoesNotFit_reportsEveryProblemAtOnceWithItsPointerAndLine() {
    String yaml =
        """
        format: 1
        funnel: online-shop
        from: 1
        to: 2
        renames:
          - {stage: hot-lead, to: cart}
        moves:
          - {stage: visitor, to: nowhere}
        timers:
          - {stage: cold-lead, event: nudge, policy: restart}
          - {stage: hot-lead, event: nope, policy: keep}
        """;
    FunnelFormatException e = refused(yaml);

    assertEquals(Code.INVALID_MIGRATION, e.code());
    List<MigrationProblem> problems = e.migrationProblems();
    assertEquals(3, problems.size(), problems::toString);
    MigrationProblem target = problems.get(0);
    assertTrue(target.problem().startsWith("stage 'visitor' moves to 'nowhere'"), target::problem);
    assertEquals("/moves/0/to", target.pointer());
    assertEquals(8, target.line());
    assertEquals(22, target.column());
    MigrationProblem gone = problems.get(1);
    assertTrue(gone.problem().startsWith("stage 'tripwire' of version 1 is gone"), gone::problem);
    assertEquals("/moves", gone.pointer());
    assertEquals(7, gone.line());
    MigrationProblem policy = problems.get(2);
    assertTrue(policy.problem().startsWith("timer 'hot-lead/nope' has a policy"), policy::problem);
    assertEquals("/timers/1", policy.pointer());
    assertEquals(11, policy.line());
    assertEquals(5, policy.column());
    // The exception names the first and where the others are, never an id of the document.
    assertEquals("/moves/0/to", e.pointer());
    assertEquals(8, e.line());
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("3 problems (at /moves/0/to; at /moves; at /timers/1)"), message);
    assertFalse(message.contains("nowhere"), message);
    assertEquals(List.of(), e.problems());
  }

  @Test
  void missingPolicyForAChangedTimer_pointsAtTheTimers_orTheRootWithoutThem() {
    FunnelFormatException e =
        refused(
            """
            format: 1
            funnel: online-shop
            from: 1
            to: 2
            renames: [{stage: hot-lead, to: cart}]
            moves: [{stage: tripwire, to: cart}]
            """);
    assertEquals(2, e.migrationProblems().size(), e.migrationProblems()::toString);
    assertTrue(
        e.migrationProblems().get(0).problem().startsWith("timer 'cold-lead/nudge' changed from"));
    assertEquals("", e.migrationProblems().get(0).pointer());
    assertEquals(1, e.migrationProblems().get(0).line());
    assertTrue(
        e.migrationProblems().get(1).problem().startsWith("timer 'tripwire/gone-cold' of version"));
  }

  @Test
  void definitionsOfOtherVersions_areNamedAgainstTheDocument() {
    String yaml = ShopVersions.MIGRATION_YAML.replace("to: 2\n", "to: 3\n");
    FunnelFormatException e = refused(yaml);
    assertEquals(1, e.migrationProblems().size(), e.migrationProblems()::toString);
    MigrationProblem p = e.migrationProblems().get(0);
    assertEquals(
        "the migration is to version 3, but the candidate definition is version 2; read it with"
            + " version 3 or change 'to'",
        p.problem());
    assertEquals("/to", p.pointer());
    assertEquals(4, p.line());

    FunnelFormatException swapped =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readMigration(ShopVersions.MIGRATION_YAML, Syntax.YAML, V2, V1));
    assertTrue(swapped.migrationProblems().size() >= 3, swapped.migrationProblems()::toString);
    assertEquals("/from", swapped.migrationProblems().get(0).pointer());
    assertEquals("/to", swapped.migrationProblems().get(1).pointer());
  }

  @Test
  void otherFunnel_isNamedAtTheFunnel() {
    FunnelFormatException e =
        refused(ShopVersions.MIGRATION_YAML.replace("funnel: online-shop", "funnel: webinar"));
    assertEquals("/funnel", e.migrationProblems().get(0).pointer());
    assertTrue(e.migrationProblems().get(0).problem().startsWith("the migration is of funnel"));
  }

  @Test
  void badShapes_areRefusedWithTheirCodeAndPointer() {
    String base = ShopVersions.MIGRATION_YAML;
    Object[][] cases = {
      {base.replace("to: 2\n", "to: 2\ncolour: red\n"), Code.UNKNOWN_PROPERTY, "/colour"},
      {base.replace("policy: drop", "policy: forget"), Code.INVALID_VALUE, "/timers/1/policy"},
      {base.replace("policy: drop", "policy: DROP"), Code.INVALID_VALUE, "/timers/1/policy"},
      {
        base.replace("{stage: tripwire, to: cart}", "{stage: hot-lead, to: buyer}"),
        Code.INVALID_VALUE,
        "/moves/0"
      },
      {
        base.replace("event: gone-cold, policy: drop", "event: nudge, stage: cold-lead"),
        Code.DUPLICATE_KEY,
        "/timers/1/stage"
      },
      {
        base.replace("{stage: tripwire, event: gone-cold", "{stage: cold-lead, event: nudge"),
        Code.INVALID_VALUE,
        "/timers/1"
      },
      {base.replace("from: 1", "from: 0"), Code.INVALID_VALUE, "/from"},
      {base.replace("from: 1", "from: \"1\""), Code.WRONG_TYPE, "/from"},
      {base.replace("from: 1\n", ""), Code.MISSING_PROPERTY, ""},
      {
        base.replace("  - {stage: tripwire, to: cart}", "  - {stage: tripwire}"),
        Code.MISSING_PROPERTY,
        "/moves/0"
      },
      {base.replace("format: 1", "format: 2"), Code.UNSUPPORTED_FORMAT, "/format"},
      {base.replace("format: 1\n", ""), Code.MISSING_PROPERTY, ""},
      {base.replace("funnel: online-shop", "funnel: &a online-shop"), Code.ANCHOR_OR_ALIAS, ""},
      {base + "---\nformat: 1\n", Code.TRAILING_TOKENS, ""},
    };
    for (Object[] c : cases) {
      String doc = (String) c[0];
      assertFalse(doc.equals(base), "the replacement must apply: " + c[2]);
      FunnelFormatException e = refused(doc);
      assertEquals(c[1], e.code(), e::getMessage);
      if (!((String) c[2]).isEmpty()) {
        assertEquals(c[2], e.pointer(), e::getMessage);
      }
      assertTrue(e.line() > 0, e::getMessage);
    }
  }

  @Test
  void policies_areReadInTheFormatsWords() {
    for (TimerPolicy p : TimerPolicy.values()) {
      String yaml = ShopVersions.MIGRATION_YAML.replace("policy: recompute", "policy: " + p.id());
      assertEquals(
          p,
          FunnelFormat.readMigration(yaml, Syntax.YAML, V1, V2)
              .timers()
              .get(new TimerKey("cold-lead", "nudge")));
    }
  }
}
