package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the build's floor execution, which puts the oldest Guava supported on the class path
 * in place of the newest: checks that this Guava is the one the other tests run against.
 */
final class GuavaFloorTest {
  @Test
  void floorExecution_runsAgainstTheOldestGuavaSupported() throws IOException {
    String floor = System.getProperty("funnel.floor.guava");
    assertNotNull(floor, "funnel.floor.guava is set by the floor execution only");

    Properties pom = new Properties();
    try (InputStream in =
        ImmutableMap.class.getResourceAsStream(
            "/META-INF/maven/com.google.guava/guava/pom.properties")) {
      assertNotNull(in, "Guava's pom.properties");
      pom.load(in);
    }
    assertEquals(floor, pom.getProperty("version"));
    String jar = ImmutableMap.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.endsWith("/floor/guava-" + floor + ".jar"), jar);
  }

  @Test
  void floorTested_isTheFloorTheCheckAtFirstUseNames() {
    String floor = String.valueOf(System.getProperty("funnel.floor.guava"));
    assertTrue(floor.startsWith(Requirements.GUAVA + "."), floor);
    assertDoesNotThrow(Requirements::check);
  }
}
