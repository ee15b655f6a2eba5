package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

final class RequirementsTest {
  private static Version core(int major, int minor, int patch) {
    return new Version(major, minor, patch, null, "com.fasterxml.jackson.core", "jackson-core");
  }

  @Test
  void jacksonOnTheClassPath_isNewEnough() {
    assertDoesNotThrow(Requirements::check);
    assertDoesNotThrow(
        () ->
            Requirements.require(
                "jackson-core",
                com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                Requirements.JACKSON));
  }

  @Test
  void theFloorAndNewerMinors_pass() {
    assertDoesNotThrow(
        () -> Requirements.require("jackson-core", core(2, 18, 0), Requirements.JACKSON));
    assertDoesNotThrow(
        () -> Requirements.require("jackson-core", core(2, 23, 1), Requirements.JACKSON));
  }

  @Test
  void olderJackson_failsNamingTheVersionNeededAndTheOneFound() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Requirements.require("jackson-core", core(2, 17, 2), Requirements.JACKSON));
    assertEquals(
        "funnel-jackson needs jackson-core 2.18 or newer (and older than 3.0), but found"
            + " com.fasterxml.jackson.core/jackson-core/2.17.2",
        e.getMessage());
  }

  @Test
  void anotherMajorVersion_fails() {
    assertThrows(
        IllegalStateException.class,
        () -> Requirements.require("jackson-core", core(3, 0, 0), Requirements.JACKSON));
  }
}
