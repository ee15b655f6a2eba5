package dev.funnel.kafka;

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
    // Tests run on the class path, where the module is unnamed and other jars hold a
    // module-info.class too: read the compiled descriptor beside the module's classes.
    try (InputStream in =
        new java.net.URL(
                Objects.requireNonNull(
                        FunnelTopology.class.getProtectionDomain().getCodeSource(), "code source")
                    .getLocation(),
                "module-info.class")
            .openStream()) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void module_isNamedDevFunnelKafka() throws IOException {
    assertEquals("dev.funnel.kafka", descriptor().name());
  }

  @Test
  void module_exportsExactlyItsOnePackage() throws IOException {
    ImmutableSet<String> exported =
        descriptor().exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(ImmutableSet.toImmutableSet());
    assertEquals(ImmutableSet.of("dev.funnel.kafka"), exported);
  }

  @Test
  void module_hasNoQualifiedExports() throws IOException {
    for (ModuleDescriptor.Exports e : descriptor().exports()) {
      assertFalse(e.isQualified(), e.source() + " is exported only to " + e.targets());
    }
  }

  @Test
  void module_requiresTheKafkaJarsByTheirAutomaticNames() throws IOException {
    ImmutableSet<String> required =
        descriptor().requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .collect(ImmutableSet.toImmutableSet());
    assertEquals(
        true,
        required.containsAll(ImmutableSet.of("kafka.streams", "kafka.clients")),
        required::toString);
  }
}
