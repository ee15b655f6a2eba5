package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ModuleTest {
  private final Module module = LeadStoreContract.class.getModule();

  @Test
  void module_isNamedDevFunnelTest() {
    assertThat(module.isNamed()).isTrue();
    assertThat(module.getName()).isEqualTo("dev.funnel.test");
  }

  @Test
  void module_exportsExactlyItsApiPackages() {
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(
            descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.funnel.test", "dev.funnel.test.jqwik");
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void module_needsJqwikOnlyWhenItsGeneratorsAreUsed() {
    assertThat(module.getDescriptor().requires())
        .filteredOn(r -> r.name().equals("net.jqwik.api"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
  }
}
