package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ModuleTest {
  private final ModuleDescriptor descriptor = FunnelModule.class.getModule().getDescriptor();

  @Test
  void module_isNamedDevFunnelJackson() {
    assertTrue(FunnelModule.class.getModule().isNamed());
    assertEquals("dev.funnel.jackson", descriptor.name());
  }

  @Test
  void module_exportsExactlyItsApiPackage() {
    Set<String> exports =
        descriptor.exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toSet());

    assertEquals(Set.of("dev.funnel.jackson"), exports);
    assertEquals(Set.of(), descriptor.opens());
  }

  @Test
  void module_providesTheJacksonModule() {
    Set<String> provides =
        descriptor.provides().stream()
            .map(p -> p.service() + " with " + p.providers())
            .collect(Collectors.toSet());

    assertEquals(
        Set.of("com.fasterxml.jackson.databind.Module with [dev.funnel.jackson.FunnelModule]"),
        provides);
  }
}
