package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ModuleTest {
  private final ModuleDescriptor descriptor = JdbcLeadStore.class.getModule().getDescriptor();

  @Test
  void module_isNamedDevFunnelJdbc() {
    assertTrue(JdbcLeadStore.class.getModule().isNamed());
    assertEquals("dev.funnel.jdbc", descriptor.name());
  }

  @Test
  void module_exportsExactlyItsApiPackage() {
    Set<String> exports =
        descriptor.exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toSet());

    assertEquals(Set.of("dev.funnel.jdbc"), exports);
    assertEquals(Set.of(), descriptor.opens());
  }

  @Test
  void module_readsNoJdbcLibraryButJavaSql() {
    Set<String> requires =
        descriptor.requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toSet());

    assertEquals(
        Set.of(
            "java.base",
            "java.sql",
            "dev.funnel.core",
            "dev.funnel.jackson",
            "org.slf4j",
            "org.jspecify",
            "com.google.errorprone.annotations"),
        requires);
  }

  @Test
  void migrations_areInTheJarUnderFlywaysDefaultLocation() {
    int previous = 0;
    for (String name : JdbcLeadStore.migrations()) {
      assertTrue(name.matches("V[0-9]+__[a-z_]+\\.sql"), name);
      int version = Schema.version(name);
      assertTrue(version > previous, name + " comes after version " + previous);
      assertTrue(
          Schema.migration(name)
              .contains("INSERT INTO funnel_schema (version) VALUES (" + version + ");"),
          name + " records its version");
      previous = version;
    }
    assertTrue(Schema.migration("V1__funnel_schema.sql").contains("CREATE TABLE funnel_lead"));
    assertTrue(Schema.migration("V4__contact_book.sql").contains("CREATE TABLE funnel_contact"));
    assertTrue(
        Schema.migration("V5__timer_claim_table.sql")
            .contains("CREATE UNLOGGED TABLE funnel_lead_claim"));
    assertEquals(JdbcLeadStore.schemaVersion(), previous);
  }
}
