package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Pruning a contact record never changes what the gate decides at or after the pruning time. */
final class ContactPruningProperties {
  static final Instant T0 = Instant.parse("2026-03-28T12:00:00Z");
  static final String[] CHANNELS = {"email", "sms", "push"};
  // Zones far apart, with daylight saving, half-hour offsets and Samoa's skipped day.
  static final String[] ZONES = {
    "Europe/Berlin",
    "America/New_York",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Pago_Pago",
    "UTC"
  };

  /** A funnel that sends on a channel under random caps, in a zone. */
  static Funnel funnel(String id, Random rnd, ZoneId zone) {
    FunnelBuilder b =
        Funnel.builder(id)
            .stage("in")
            .entry()
            .stage("out")
            .won()
            .on("go")
            .from("in")
            .to("out")
            .then(Actions.send("m", "email"))
            .timeZone(zone);
    for (String channel : CHANNELS) {
      if (rnd.nextInt(4) == 0) {
        continue;
      }
      List<FrequencyCap> caps = new ArrayList<>();
      caps.add(FrequencyCap.perDay(channel, 1 + rnd.nextInt(3)));
      caps.add(
          FrequencyCap.per(channel, 1 + rnd.nextInt(4), Duration.ofHours(1 + rnd.nextInt(200))));
      caps.add(FrequencyCap.perJourney(channel, 1 + rnd.nextInt(6)));
      for (FrequencyCap c : caps) {
        if (rnd.nextBoolean()) {
          b = b.cap(c);
        }
      }
    }
    return b.build();
  }

  static Instant around(Random rnd, Instant at, int hours) {
    return at.plusSeconds(rnd.nextInt(2 * hours * 3600) - (long) hours * 3600);
  }

  @Property(tries = 400)
  void prunedAt_neverChangesADecisionAtOrAfterIt(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int messages) {
    Random rnd = new Random(seed);
    ZoneId zone = ZoneId.of(ZONES[rnd.nextInt(ZONES.length)]);
    Funnel a = funnel("a", rnd, zone);
    Funnel b = funnel("b", rnd, ZoneId.of(ZONES[rnd.nextInt(ZONES.length)]));
    Catalog catalog = Catalog.of(a, b);
    ContactRecord record = ContactRecord.EMPTY;
    for (int i = 0; i < messages; i++) {
      String f = rnd.nextBoolean() ? "a" : "b";
      String channel = CHANNELS[rnd.nextInt(CHANNELS.length)];
      record = record.withSent(f, channel, around(rnd, T0, 24 * 10));
    }
    Instant now = around(rnd, T0, 24 * 5);
    ContactRecord pruned = record.prunedAt(now, catalog);
    Lead lead = a.enter("p-1", "ads", T0.minus(Duration.ofDays(30))).lead();

    for (int k = 0; k < 20; k++) {
      Instant due = now.plusSeconds(rnd.nextInt(3600 * 24 * 4) * (k % 4 == 0 ? 0L : 1L));
      Action send = Actions.send("m", CHANNELS[rnd.nextInt(CHANNELS.length)]);
      assertEquals(
          ContactGate.decide(a, lead, send, due, record),
          ContactGate.decide(a, lead, send, due, pruned),
          () -> "at " + due + " after pruning at " + now + " in " + zone);
    }
    assertTrue(pruned.sent().size() <= record.sent().size());
    assertEquals(record.withdrawals(), pruned.withdrawals());
  }

  @Property(tries = 200)
  void prunedAt_asARecordGrowsDecisionByDecision_decidesAsTheWholeRecordDoes(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int messages) {
    Random rnd = new Random(seed);
    Funnel a = funnel("a", rnd, ZoneId.of(ZONES[rnd.nextInt(ZONES.length)]));
    Catalog catalog = Catalog.of(a);
    Lead lead = a.enter("p-1", "ads", T0).lead();
    ContactRecord whole = ContactRecord.EMPTY;
    ContactRecord pruned = ContactRecord.EMPTY;
    Instant due = T0;
    for (int i = 0; i < messages; i++) {
      due = due.plusSeconds(rnd.nextInt(3600 * 30));
      Action send = Actions.send("m", CHANNELS[rnd.nextInt(CHANNELS.length)]);
      Dispatch d = ContactGate.decide(a, lead, send, due, whole);
      assertEquals(d, ContactGate.decide(a, lead, send, due, pruned));
      whole = whole.after(d);
      pruned = pruned.after(d).prunedAt(due, catalog);
    }
  }

  @Test
  void prunedAt_yearOfDailyEmails_keepsAHandfulAndDecidesTheSame() {
    Funnel f =
        Funnel.builder("a")
            .stage("in")
            .entry()
            .stage("out")
            .won()
            .on("go")
            .from("in")
            .to("out")
            .then(Actions.send("m", "email"))
            .timeZone(ZoneId.of("Europe/Berlin"))
            .cap(FrequencyCap.perDay("email", 2))
            .cap(FrequencyCap.per("email", 5, Duration.ofDays(7)))
            .cap(FrequencyCap.perJourney("sms", 3))
            .build();
    Catalog catalog = Catalog.of(f);
    Lead lead = f.enter("p-1", "ads", T0).lead();
    ContactRecord whole = ContactRecord.EMPTY;
    ContactRecord pruned = ContactRecord.EMPTY;
    int most = 0;
    int emails = 0;
    int sms = 0;
    // Every six hours for a year, an email and an sms fall due.
    for (int i = 0; i < 4 * 365; i++) {
      Instant due = T0.plus(Duration.ofHours(6L * i));
      for (String channel : List.of("email", "sms")) {
        Action send = Actions.send("m", channel);
        Dispatch d = ContactGate.decide(f, lead, send, due, whole);
        assertEquals(d, ContactGate.decide(f, lead, send, due, pruned));
        if (d.isSent()) {
          if (channel.equals("email")) {
            emails++;
          } else {
            sms++;
          }
        }
        whole = whole.after(d);
        pruned = pruned.after(d).prunedAt(due, catalog);
        most = Math.max(most, pruned.sent().size());
      }
    }
    // Five emails in every seven days: 52 weeks, then four on the 365th day, two a day. And the
    // three sms the journey allows.
    assertEquals(52 * 5 + 4, emails);
    assertEquals(3, sms);
    assertEquals(emails + sms, whole.sent().size());
    // At most the five emails of the last week and the three sms.
    assertEquals(8, most);
  }
}
