package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Checks migrations and journals against their published JSON Schemas. The validator is built on
 * Jackson 3, so it is handed JSON text, never Jackson 2 nodes.
 */
final class MigrationSchemaTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema MIGRATION =
      REGISTRY.getSchema(FunnelFormat.migrationSchema(), InputFormat.JSON);
  private static final Schema JOURNAL =
      REGISTRY.getSchema(FunnelFormat.journalSchema(), InputFormat.JSON);

  private static String yamlToJson(String yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
  }

  private static List<Error> migrationErrors(String json) {
    return MIGRATION.validate(json, InputFormat.JSON);
  }

  private static List<Error> journalErrors(String json) {
    return JOURNAL.validate(json, InputFormat.JSON);
  }

  @Test
  void schema_writtenMigrationInEitherSyntax_conforms() throws IOException {
    Migration m = ShopVersions.migration();
    assertEquals(List.of(), migrationErrors(FunnelFormat.writeMigration(m, Syntax.JSON)));
    assertEquals(
        List.of(), migrationErrors(yamlToJson(FunnelFormat.writeMigration(m, Syntax.YAML))));
  }

  @Test
  void schema_writtenJournalInEitherSyntax_conforms() throws IOException {
    Journal j = ShopVersions.journal();
    assertEquals(List.of(), journalErrors(FunnelFormat.writeJournal(j, Syntax.JSON)));
    assertEquals(List.of(), journalErrors(yamlToJson(FunnelFormat.writeJournal(j, Syntax.YAML))));
  }

  @Provide
  Arbitrary<Migration> migrations() {
    return MigrationArbitraries.migrations();
  }

  @Provide
  Arbitrary<Journal> journals() {
    return MigrationArbitraries.journals();
  }

  @Property(tries = 100)
  void schema_generatedMigrations_conform(@ForAll("migrations") Migration m) {
    assertEquals(List.of(), migrationErrors(FunnelFormat.writeMigration(m, Syntax.JSON)));
  }

  @Property(tries = 100)
  void schema_generatedJournals_conform(@ForAll("journals") Journal j) {
    assertEquals(List.of(), journalErrors(FunnelFormat.writeJournal(j, Syntax.JSON)));
  }

  @Test
  void schema_shapesTheReaderRefuses_areRefusedToo() throws IOException {
    String m = yamlToJson(ShopVersions.MIGRATION_YAML);
    String[] badMigrations = {
      m.replace("\"format\":1", "\"format\":2"),
      m.replace("\"from\":1,", ""),
      m.replace("\"from\":1", "\"from\":0"),
      m.replace("\"from\":1", "\"from\":\"1\""),
      m.replace("\"policy\":\"drop\"", "\"policy\":\"forget\""),
      m.replace("\"policy\":\"drop\"", "\"policy\":\"drop\",\"after\":\"P1D\""),
      m.replace("{\"stage\":\"tripwire\",\"to\":\"cart\"}", "{\"stage\":\"tripwire\"}"),
      m.replace("\"funnel\":\"online-shop\"", "\"funnel\":\" online-shop\""),
    };
    for (String doc : badMigrations) {
      assertFalse(doc.equals(m), "the replacement must apply");
      assertFalse(migrationErrors(doc).isEmpty(), doc);
    }
    String j = yamlToJson(ShopVersions.JOURNAL_YAML);
    String[] badJournals = {
      j.replace("\"format\":1", "\"format\":2"),
      j.replace("\"end\":\"2026-03-16T09:00:00Z\"", "\"end\":\"tomorrow\""),
      j.replace("\"owner\":\"sam\",", "\"owner\":\"sam\",\"colour\":\"red\","),
      j.replace("\"type\":\"contact-left\",", ""),
      j.replace("\"offer\":\"starter-kit\",", ""),
      j.replace("\"visits\":3", "\"visits\":[3]"),
      j.replace("\"leads\":", "\"steps\":[],\"leads\":"),
      "{\"format\":1}",
    };
    for (String doc : badJournals) {
      assertFalse(doc.equals(j), "the replacement must apply");
      assertFalse(journalErrors(doc).isEmpty(), doc);
    }
  }

  @Test
  void schemas_idsAreAbsoluteHttpsUrlsOfTheFilesInTheRepository() throws IOException {
    String[][] schemas = {
      {FunnelFormat.migrationSchema(), FunnelFormat.MIGRATION_SCHEMA},
      {FunnelFormat.journalSchema(), FunnelFormat.JOURNAL_SCHEMA},
    };
    for (String[] s : schemas) {
      String id = new ObjectMapper().readTree(s[0]).get("$id").asText();
      assertTrue(id.startsWith("https://"), id);
      assertTrue(id.endsWith("/funnel-jackson/src/main/resources/dev/funnel/jackson/" + s[1]), id);
    }
  }
}
