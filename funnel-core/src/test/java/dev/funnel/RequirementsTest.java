package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Test;

final class RequirementsTest {
  @Test
  void guavaOnTheClassPath_isNewEnough() {
    assertDoesNotThrow(Requirements::check);
    assertDoesNotThrow(
        () ->
            Requirements.require("Guava", Requirements.GUAVA, ImmutableMap.Builder.class, "build"));
  }

  @Test
  void libraryWithoutTheMethod_failsNamingTheVersionNeededAndWhereTheOldOneIs() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Requirements.require(
                    "Guava", "31.0", ImmutableMap.Builder.class, "buildWithoutThisMethod"));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("funnel needs Guava 31.0 or newer, but the Guava on"), message);
    assertTrue(
        message.endsWith(
            "has no com.google.common.collect.ImmutableMap$Builder.buildWithoutThisMethod()"),
        message);
    String jar = ImmutableMap.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(message.contains("(" + jar + ")"), message);
    assertInstanceOf(NoSuchMethodException.class, e.getCause());
  }
}
