package dev.funnel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ModuleTest {
  private final Module module = FunnelMetrics.class.getModule();

  @Test
  void module_isNamedDevFunnelMetrics() {
    assertTrue(module.isNamed());
    assertEquals("dev.funnel.metrics", module.getName());
  }

  @Test
  void module_exportsExactlyItsApiPackage() {
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> exports =
        descriptor.exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toSet());

    assertEquals(Set.of("dev.funnel.metrics"), exports);
    assertEquals(Set.of(), descriptor.opens());
  }

  @Test
  void module_requiresTheCoreAndMicrometerTransitively() {
    Set<String> transitive =
        module.getDescriptor().requires().stream()
            .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toSet());

    assertTrue(
        transitive.containsAll(Set.of("dev.funnel.core", "micrometer.core")), transitive::toString);
  }
}
