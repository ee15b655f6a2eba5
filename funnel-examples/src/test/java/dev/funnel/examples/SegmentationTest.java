package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Test
  void webinar_aQuestionMakesAHotLeadAndSilenceAfterFourDaysIsANoShow() {
    Funnel webinar = Definitions.load("webinar");
    Instant t0 = Instant.parse("2026-05-04T09:00:00Z");
    Lead ann = webinar.enter("ann", "newsletter", t0).lead();
    ann = webinar.fire(ann, Event.of("a1", "signed-up", t0)).lead();
    ann = webinar.fire(ann, Event.of("a2", "joined", t0.plus(Duration.ofDays(1)))).lead();
    assertEquals(25, ann.score());
    Outcome question =
        webinar.fire(ann, Event.of("a3", "asked-question", t0.plus(Duration.ofDays(1))));
    assertEquals(55, question.lead().score());
    assertEquals("host-1", question.lead().owner().orElseThrow());
    assertEquals(
        List.of("asked-question", "hot-lead"),
        question.steps().stream().map(Step::eventType).toList());

    Lead bob = webinar.enter("bob", "newsletter", t0).lead();
    bob = webinar.fire(bob, Event.of("b1", "signed-up", t0)).lead();
    // Rescheduling on day 3 restarts the four days: day 6 is quiet, day 7 is a no-show.
    bob = webinar.fire(bob, Event.of("b2", "rescheduled", t0.plus(Duration.ofDays(3)))).lead();
    assertEquals(Outcome.Status.IDLE, webinar.advance(bob, t0.plus(Duration.ofDays(6))).status());
    assertEquals("no-show", webinar.advance(bob, t0.plus(Duration.ofDays(7))).lead().stage());
  }
}
