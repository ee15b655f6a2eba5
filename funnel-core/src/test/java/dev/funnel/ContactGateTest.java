package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The contact gate's rolling-window cap counts the messages of one window, wherever it falls. */
final class ContactGateTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Funnel SHOP =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .stage("buyer")
          .won()
          .on("paid")
          .from("visitor")
          .to("buyer")
          .build();

  /** Two marketing emails in any hour. */
  private static final ContactPolicy TWO_AN_HOUR =
      new ContactPolicy(null, ZoneOffset.UTC, ImmutableList.of(FrequencyCap.per("email", 2, HOUR)));

  private static Dispatch.Verdict decide(ContactRecord record) {
    Lead lead = SHOP.enter("lead-1", "ads", T0).lead();
    return ContactGate.decide(
            TWO_AN_HOUR, ImmutableList.of(), lead, Actions.send("m", "email"), T0, record)
        .verdict();
  }

  private static ContactRecord sentAt(Instant... at) {
    ContactRecord record = ContactRecord.EMPTY;
    for (Instant a : at) {
      record = record.withSent("shop", "email", a);
    }
    return record;
  }

  @Test
  void windowCap_messagesBeforeAndAfterThatFitNoOneWindowWithThisOne_letItGo() {
    // 50 minutes either side: every hour holding this message holds only one of the others.
    Instant before = T0.minus(Duration.ofMinutes(50));
    Instant after = T0.plus(Duration.ofMinutes(50));
    assertEquals(Dispatch.Verdict.SEND, decide(sentAt(before, after)));
    assertEquals(Dispatch.Verdict.SEND, decide(sentAt(after, before)));
  }

  @Test
  void windowCap_twoMessagesInTheHourWithThisOne_suppressIt() {
    Instant before = T0.minus(Duration.ofMinutes(30));
    Instant after = T0.plus(Duration.ofMinutes(20));
    assertEquals(Dispatch.Verdict.SUPPRESS, decide(sentAt(before, after)));
    assertEquals(Dispatch.Verdict.SUPPRESS, decide(sentAt(after, before)));
    // An hour before to the nanosecond is outside the half-open window.
    assertEquals(Dispatch.Verdict.SEND, decide(sentAt(T0.minus(HOUR), after)));
  }

  @Test
  void decide_anActionThatIsNoMessage_isRefused() {
    Lead lead = SHOP.enter("lead-1", "ads", T0).lead();
    assertEquals(
        "action 'assign' is not a message",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ContactGate.decide(
                        ContactPolicy.NONE,
                        ImmutableList.of(),
                        lead,
                        Actions.assign("anna"),
                        T0,
                        ContactRecord.EMPTY))
            .getMessage());
  }
}
