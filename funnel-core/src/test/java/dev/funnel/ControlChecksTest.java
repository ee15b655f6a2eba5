package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Caps declared twice and messages of no known purpose are reported, naming where they are. */
final class ControlChecksTest {

  private static FunnelBuilder valid() {
    return TwoStages.aToB();
  }

  private static ImmutableList<String> messages(FunnelBuilder b) {
    return b.problems().stream().map(Problem::message).collect(ImmutableList.toImmutableList());
  }

  @Test
  void frequencyCaps_declaredTwice_areReportedWithTheirPeriod() {
    FunnelBuilder b =
        valid()
            .cap(FrequencyCap.per("email", 2, Duration.ofHours(1)))
            .cap(FrequencyCap.per("email", 2, Duration.ofHours(1)))
            .cap(FrequencyCap.perDay("sms", 1))
            .cap(FrequencyCap.perDay("sms", 1))
            .cap(FrequencyCap.perDay("email", 3));
    assertEquals(
        ImmutableList.of(
            "frequency cap on 'email' per PT1H is declared twice",
            "frequency cap on 'sms' per DAY is declared twice"),
        messages(b));
  }

  @Test
  void transitionMessage_ofNoKnownPurpose_isReportedNamingTheTransition() {
    FunnelBuilder b =
        TwoStages.aToB()
            .then(new Action("send", ImmutableMap.of("template", "t", "purpose", "spam")));
    ImmutableList<Problem> problems = b.problems();
    assertEquals(
        ImmutableList.of(
            "action 'send' of transition 'go: a -> b' has a purpose that is neither 'marketing'"
                + " nor 'transactional'"),
        problems.stream().map(Problem::message).toList());
    assertEquals(ImmutableList.of("send", "go"), problems.get(0).ids());
  }
}
