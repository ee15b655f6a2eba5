package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Checks the module descriptor: the module's name and exactly which packages it exports. */
final class ModuleTest {

  private static ModuleDescriptor descriptor() throws IOException {
    // Read the compiled descriptor rather than Funnel.class.getModule(): tests may run on the
    // class path, where the module is unnamed.
    try (InputStream in =
        Objects.requireNonNull(
            Funnel.class.getResourceAsStream("/module-info.class"), "module-info.class")) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void module_isNamedDevFunnelCore() throws IOException {
    assertEquals("dev.funnel.core", descriptor().name());
  }

  @Test
  void module_exportsExactlyThePublicApiPackages() throws IOException {
    ImmutableSet<String> exported =
        descriptor().exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(ImmutableSet.toImmutableSet());

    assertEquals(
        ImmutableSet.of(
            "dev.funnel",
            "dev.funnel.analytics",
            "dev.funnel.diagram",
            "dev.funnel.migration",
            "dev.funnel.runtime",
            "dev.funnel.simulation"),
        exported);
  }

  @Test
  void module_hasNoQualifiedExports() throws IOException {
    for (ModuleDescriptor.Exports e : descriptor().exports()) {
      assertFalse(e.isQualified(), e.source() + " is exported only to " + e.targets());
    }
  }
}
