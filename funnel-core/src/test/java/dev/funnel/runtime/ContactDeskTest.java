package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The desk keeps a person's contact record bounded by what the caps can still count. */
final class ContactDeskTest {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void twoYearsOfPings_keepTheRecordWithinWhatTheCapsCount() {
    Funnel f =
        Funnel.builder("news")
            .stage("subscribed")
            .entry()
            .stage("left")
            .lost()
            .on("unsubscribed")
            .from("subscribed")
            .to("left")
            .on("ping")
            .from("subscribed")
            .then(Actions.send("digest", "email"))
            .timeZone(ZoneOffset.UTC)
            .cap(FrequencyCap.perDay("email", 1))
            .cap(FrequencyCap.per("email", 3, Duration.ofDays(7)))
            .build();
    ContactControlsTest.Log log = new ContactControlsTest.Log();
    TestClock clock = new TestClock(T0);
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(f))
            .clock(clock)
            .handler(Actions.SEND, log)
            .listener(log)
            .build();
    rt.enter("news", "p-1", "ads", T0);
    int most = 0;
    // A ping every eight hours for two years: 2,190 messages fall due.
    for (int i = 1; i <= 3 * 730; i++) {
      Instant at = T0.plus(Duration.ofHours(8L * i));
      clock.set(at);
      rt.handle("news", "p-1", Event.of("p" + i, "ping", at));
      most = Math.max(most, rt.contactRecord("p-1").sent().size());
    }

    long sent = log.decisions.stream().filter(Dispatch::isSent).count();
    assertEquals(2190, log.decisions.size());
    // Three in every seven days, the first at 17:00 and the two next at 01:00 on the following UTC
    // days: 104 weeks, and the 105th, which starts 728 days after the first message.
    assertEquals(105 * 3, sent);
    assertEquals(log.handed.size(), sent);
    // What a week's window and the 60 hours a day cap may reach back, kept at a clock slack.
    assertEquals(4, most);
    ContactRecord last = rt.contactRecord("p-1");
    assertEquals(3, last.sent().size());
  }
}
