package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class QuietHoursTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Funnel shop(QuietHours quiet) {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .on("paid")
        .from("visitor")
        .to("buyer")
        .then(Actions.send("welcome-1", "email"))
        .quietHours(quiet)
        .timeZone(BERLIN)
        .build();
  }

  static Lead lead(Funnel f, String id, @Nullable ZoneId zone, Instant at) {
    Funnel.Entry e = f.newLead(id, "ads");
    if (zone != null) {
      e.attribute(ContactPolicy.ZONE_ATTRIBUTE, zone.getId());
    }
    return e.enter(at).lead();
  }

  static Instant local(String dateTime, ZoneId zone) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), zone).toInstant();
  }

  private static Dispatch decide(Funnel f, Lead lead, Instant due) {
    return ContactGate.decide(
        f, lead, Actions.send("welcome-1", "email"), due, ContactRecord.EMPTY);
  }

  private final Funnel shop = shop(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(8, 0)));

  @Test
  void decide_dueAt23InBerlinBeforeSpringForward_isHeldToEightLocalSevenHoursLater() {
    // Europe moves its clocks forward at 02:00 on 29 March 2026: 23:00 CET to 08:00 CEST.
    Instant due = local("2026-03-28T23:00", BERLIN);
    Lead berliner = lead(shop, "lead-berlin", BERLIN, due.minusSeconds(3600));

    Dispatch d = decide(shop, berliner, due);

    assertEquals(Dispatch.Verdict.HOLD, d.verdict());
    assertEquals(Dispatch.Reason.QUIET_HOURS, d.reason());
    assertEquals(Instant.parse("2026-03-28T22:00:00Z"), due);
    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), d.until());
    assertEquals(local("2026-03-29T08:00", BERLIN), d.until());
  }

  @Test
  void decide_dueAt23InNewYorkBeforeSpringForward_isHeldToItsOwnEight() {
    // The United States move their clocks forward at 02:00 on 8 March 2026: 23:00 EST to
    // 08:00 EDT, eight hours later, not nine.
    Instant due = local("2026-03-07T23:00", NEW_YORK);
    Lead newYorker = lead(shop, "lead-ny", NEW_YORK, due.minusSeconds(3600));

    Dispatch d = decide(shop, newYorker, due);

    assertEquals(Instant.parse("2026-03-08T04:00:00Z"), due);
    assertEquals(Dispatch.Verdict.HOLD, d.verdict());
    assertEquals(Instant.parse("2026-03-08T12:00:00Z"), d.until());
  }

  @Test
  void decide_sameInstantInTwoZones_holdsTheBerlinerAndSendsToTheNewYorker() {
    Instant due = Instant.parse("2026-03-28T22:00:00Z"); // 23:00 in Berlin, 18:00 in New York
    Lead berliner = lead(shop, "lead-berlin", BERLIN, due.minusSeconds(60));
    Lead newYorker = lead(shop, "lead-ny", NEW_YORK, due.minusSeconds(60));

    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), decide(shop, berliner, due).until());
    assertEquals(Dispatch.Verdict.SEND, decide(shop, newYorker, due).verdict());
  }

  @Test
  void decide_autumnFallBack_holdsToEightAfterTheRepeatedHour() {
    // Europe moves its clocks back at 03:00 on 25 October 2026: 23:00 CEST to 08:00 CET.
    Instant due = local("2026-10-24T23:00", BERLIN);
    Lead berliner = lead(shop, "lead-berlin", BERLIN, due.minusSeconds(60));

    Dispatch d = decide(shop, berliner, due);

    assertEquals(Instant.parse("2026-10-24T21:00:00Z"), due);
    assertEquals(Instant.parse("2026-10-25T07:00:00Z"), d.until());
  }

  @Test
  void decide_endInTheDaylightSavingGap_endsAtTheFirstInstantAfterIt() {
    // 02:30 does not exist in Berlin on 29 March 2026; the window ends at 03:30 CEST.
    Funnel f = shop(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(2, 30)));
    Instant due = local("2026-03-28T23:00", BERLIN);
    Lead berliner = lead(f, "lead-berlin", BERLIN, due.minusSeconds(60));

    Dispatch d = decide(f, berliner, due);

    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), d.until());
  }

  @Test
  void decide_unknownZone_readsTheFallbackZone() {
    Instant due = local("2026-06-10T07:59", BERLIN);
    Lead nowhere = lead(shop, "lead-x", null, due.minusSeconds(60));
    Lead bogus =
        shop.newLead("lead-y", "ads")
            .attribute(ContactPolicy.ZONE_ATTRIBUTE, "Mars/Olympus")
            .enter(due.minusSeconds(60))
            .lead();

    assertEquals(local("2026-06-10T08:00", BERLIN), decide(shop, nowhere, due).until());
    assertEquals(local("2026-06-10T08:00", BERLIN), decide(shop, bogus, due).until());
    assertEquals(
        Dispatch.Verdict.SEND, decide(shop, nowhere, local("2026-06-10T08:00", BERLIN)).verdict());
    assertEquals(
        Dispatch.Verdict.SEND, decide(shop, nowhere, local("2026-06-10T21:59", BERLIN)).verdict());
  }

  @Test
  void decide_skipMode_skipsAndSaysWhy() {
    Funnel f = shop(QuietHours.skip(LocalTime.of(22, 0), LocalTime.of(8, 0)));
    Instant due = local("2026-06-10T23:00", BERLIN);
    Lead berliner = lead(f, "lead-berlin", BERLIN, due.minusSeconds(60));

    Dispatch d = decide(f, berliner, due);

    assertEquals(Dispatch.Verdict.SKIP, d.verdict());
    assertEquals(Dispatch.Reason.QUIET_HOURS, d.reason());
    assertNull(d.until());
  }

  @Test
  void decide_transactionalAtNight_isSent() {
    Instant due = local("2026-06-10T23:00", BERLIN);
    Lead berliner = lead(shop, "lead-berlin", BERLIN, due.minusSeconds(60));
    Action receipt = Actions.send("receipt", "email", Purpose.TRANSACTIONAL);

    Dispatch d = ContactGate.decide(shop, berliner, receipt, due, ContactRecord.EMPTY);

    assertEquals(Dispatch.Verdict.SEND, d.verdict());
    assertEquals(Purpose.TRANSACTIONAL, d.purpose());
  }

  @Test
  void daytimeWindow_holdsUntilItsEndTheSameDay() {
    QuietHours lunch = QuietHours.hold(LocalTime.of(12, 0), LocalTime.of(13, 0));
    Instant at = local("2026-06-10T12:30", BERLIN);

    assertEquals(local("2026-06-10T13:00", BERLIN), lunch.endAfter(at, BERLIN).orElseThrow());
    assertEquals(
        java.util.Optional.empty(), lunch.endAfter(local("2026-06-10T13:00", BERLIN), BERLIN));
  }

  @Test
  void quietHours_startingWhenTheyEnd_areRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> QuietHours.hold(LocalTime.of(8, 0), LocalTime.of(8, 0)));
  }

  @Test
  void builder_quietHoursTwice_isRefusedNamingTheEarlierValue() {
    FunnelBuilder b =
        Funnel.builder("f").quietHours(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(8, 0)));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> b.quietHours(QuietHours.skip(LocalTime.of(21, 0), LocalTime.of(7, 0))));
    assertEquals(
        "quiet hours were already set to QuietHours[start=22:00, end=08:00, mode=HOLD]",
        e.getMessage());
    IllegalStateException z =
        assertThrows(IllegalStateException.class, () -> b.timeZone(BERLIN).timeZone(NEW_YORK));
    assertEquals("fallback time zone was already set to Europe/Berlin", z.getMessage());
  }

  @Test
  void toBuilder_keepsTheControls_andLetsThemBeSetOnce() {
    Funnel copy = shop.toBuilder().build();
    assertEquals(shop, copy);
    assertEquals(shop.contactPolicy(), copy.contactPolicy());
    Funnel changed =
        shop.toBuilder()
            .quietHours(QuietHours.skip(LocalTime.of(21, 0), LocalTime.of(9, 0)))
            .timeZone(NEW_YORK)
            .build();
    assertEquals(NEW_YORK, changed.contactPolicy().fallbackZone());
    assertEquals(QuietHours.Mode.SKIP, changed.contactPolicy().quiet().orElseThrow().mode());
  }
}
