package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** No lead ever gets more messages in a window than a cap allows, whatever the events. */
final class FrequencyCapProperties {
  static final Instant T0 = Instant.parse("2026-03-20T00:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** One message falling due: minutes after T0, channel, whether transactional. */
  record Due(int minutes, String channel, boolean transactional) {}

  @Provide
  Arbitrary<List<Due>> dues() {
    Arbitrary<Due> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 20 * 24 * 60),
                Arbitraries.of("email", "sms"),
                Arbitraries.integers().between(0, 9).map(i -> i == 0))
            .as(Due::new);
    return one.list().ofMaxSize(120);
  }

  static Funnel capped(int perDay, int perWindow, int windowHours, int perJourney) {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .on("paid")
        .from("visitor")
        .to("buyer")
        .timeZone(BERLIN)
        .cap(FrequencyCap.perDay("email", perDay))
        .cap(FrequencyCap.per("email", perWindow, Duration.ofHours(windowHours)))
        .cap(FrequencyCap.perJourney("sms", perJourney))
        .build();
  }

  @Property(tries = 300)
  void caps_holdInEveryWindow_whateverTheOrderOfMessages(
      @ForAll("dues") List<Due> dues,
      @ForAll @IntRange(min = 1, max = 4) int perDay,
      @ForAll @IntRange(min = 1, max = 6) int perWindow,
      @ForAll @IntRange(min = 1, max = 96) int windowHours,
      @ForAll @IntRange(min = 1, max = 5) int perJourney) {
    Funnel f = capped(perDay, perWindow, windowHours, perJourney);
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    ContactRecord record = ContactRecord.EMPTY;
    List<Instant> email = new ArrayList<>();
    int sms = 0;
    for (Due d : dues) {
      Action send =
          d.transactional()
              ? Actions.send("t", d.channel(), Purpose.TRANSACTIONAL)
              : Actions.send("m", d.channel());
      Instant at = T0.plusSeconds(60L * d.minutes());
      Dispatch decision = ContactGate.decide(f, lead, send, at, record);
      record = record.after(decision);
      if (d.transactional()) {
        assertEquals(Dispatch.Verdict.SEND, decision.verdict(), "transactional is exempt");
      } else if (decision.isSent()) {
        if (d.channel().equals("email")) {
          email.add(at);
        } else {
          sms++;
        }
      } else {
        assertEquals(Dispatch.Reason.CAP, decision.reason());
      }
    }
    assertTrue(sms <= perJourney, "journey cap");
    Map<LocalDate, Integer> byDay = new HashMap<>();
    for (Instant at : email) {
      byDay.merge(LocalDate.ofInstant(at, BERLIN), 1, Integer::sum);
    }
    for (int n : byDay.values()) {
      assertTrue(n <= perDay, "day cap");
    }
    Duration window = Duration.ofHours(windowHours);
    for (Instant start : email) {
      long inWindow =
          email.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plus(window))).count();
      assertTrue(inWindow <= perWindow, "window cap");
    }
  }

  @Test
  void caps_fiveMarketingEmailsInOneDay_sendTwoAndSuppressThree_receiptsExempt() {
    Funnel f = capped(2, 10, 24 * 7, 10);
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    ContactRecord record = ContactRecord.EMPTY;
    int sent = 0;
    int suppressed = 0;
    for (int hour = 8; hour < 13; hour++) {
      Dispatch d =
          ContactGate.decide(
              f, lead, Actions.send("m", "email"), T0.plus(Duration.ofHours(hour)), record);
      record = record.after(d);
      if (d.isSent()) {
        sent++;
      } else {
        suppressed++;
      }
      Dispatch receipt =
          ContactGate.decide(
              f,
              lead,
              Actions.send("r", "email", Purpose.TRANSACTIONAL),
              T0.plus(Duration.ofHours(hour)),
              record);
      assertEquals(Dispatch.Verdict.SEND, receipt.verdict());
      record = record.after(receipt);
    }
    assertEquals(2, sent);
    assertEquals(3, suppressed);
    assertEquals(2, record.sent().size());
    // The next Berlin day opens at 23:00 UTC.
    Dispatch nextDay =
        ContactGate.decide(
            f, lead, Actions.send("m", "email"), T0.plus(Duration.ofHours(23)), record);
    assertEquals(Dispatch.Verdict.SEND, nextDay.verdict());
  }

  @Test
  void journeyCap_countsTheMessagesSinceTheLatestEntryOnly() {
    Funnel f = capped(10, 10, 1, 2);
    Lead first = f.enter("lead-1", "ads", T0).lead();
    ContactRecord record = ContactRecord.EMPTY;
    List<Dispatch.Verdict> verdicts = new ArrayList<>();
    for (int hour = 1; hour <= 3; hour++) {
      Dispatch d =
          ContactGate.decide(
              f, first, Actions.send("m", "sms"), T0.plus(Duration.ofHours(hour)), record);
      verdicts.add(d.verdict());
      record = record.after(d);
    }
    Instant back = T0.plus(Duration.ofDays(30));
    Lead again = first.toBuilder().entries(List.of(T0, back)).build();
    for (int hour = 1; hour <= 3; hour++) {
      Instant at = back.plus(Duration.ofHours(hour));
      ContactRecord pruned = record.prunedAt(at, Catalog.of(f));
      Dispatch d = ContactGate.decide(f, again, Actions.send("m", "sms"), at, record);
      assertEquals(
          d, ContactGate.decide(f, again, Actions.send("m", "sms"), at, pruned), "pruned alike");
      verdicts.add(d.verdict());
      record = record.after(d);
    }

    assertEquals(
        List.of(
            Dispatch.Verdict.SEND,
            Dispatch.Verdict.SEND,
            Dispatch.Verdict.SUPPRESS,
            Dispatch.Verdict.SEND,
            Dispatch.Verdict.SEND,
            Dispatch.Verdict.SUPPRESS),
        verdicts,
        "two messages in each journey");
  }
}
