package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Lead;
import dev.funnel.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SegmentationTest {
  private static final Segmentation.Result RESULT =
      Segmentation.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

  @Test
  void run_everyWebinarLeadIsSegmented() {
    for (Lead lead : RESULT.webinar().values()) {
      assertEquals("segmented", lead.stage(), lead::toString);
    }
    assertEquals(Set.of("warm"), RESULT.webinar().get("lea").segments());
    assertEquals(Set.of("cold"), RESULT.webinar().get("max").segments());
  }

  @Test
  void run_handOffEntersTheSecondFunnelAtTheSegmentsStage() {
    Map<String, Lead> courses = RESULT.courses();

    assertEquals("student", courses.get("lea").stage());
    assertEquals("nurtured", courses.get("max").stage());
    assertEquals("engaged", courses.get("noa").stage());
    assertEquals("instagram", courses.get("max").channel());
    assertTrue(courses.get("noa").segments().contains("warm"));
    assertEquals(true, courses.get("noa").attribute("attended").orElseThrow());
    assertTrue(courses.get("lea").hasBought("course"));
  }

  @Test
  void run_journalHasStepsOfBothFunnels() {
    assertEquals(
        Set.of("webinar", "course-sales"),
        RESULT.journal().stream().map(Step::funnelId).collect(Collectors.toSet()));
  }
}
