package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the build's floor execution, which puts the oldest Jackson and Guava supported on
 * the class path in place of the newest: checks that they are the ones the other tests run against.
 */
final class JacksonFloorTest {
  private static String floor(String library) {
    String version = System.getProperty("funnel.floor." + library);
    assertNotNull(version, "funnel.floor." + library + " is set by the floor execution only");
    return version;
  }

  @Test
  void floorExecution_runsAgainstTheOldestJacksonSupported() {
    String floor = floor("jackson");
    assertEquals(floor, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    assertEquals(floor, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    assertEquals(floor, com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION.toString());
    String jar =
        com.fasterxml.jackson.databind.ObjectMapper.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();
    assertTrue(jar.endsWith("/floor/jackson-databind-" + floor + ".jar"), jar);
  }

  @Test
  void floorExecution_runsAgainstTheOldestGuavaSupported() {
    String floor = floor("guava");
    String jar =
        com.google.common.collect.ImmutableMap.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();
    assertTrue(jar.endsWith("/floor/guava-" + floor + ".jar"), jar);
  }

  @Test
  void floorTested_isTheFloorTheCheckAtFirstUseNames() {
    Version tested = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
    assertEquals(Requirements.JACKSON.getMajorVersion(), tested.getMajorVersion());
    assertEquals(Requirements.JACKSON.getMinorVersion(), tested.getMinorVersion());
    assertDoesNotThrow(Requirements::check);
  }
}
