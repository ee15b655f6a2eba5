package dev.funnel.testing;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.Purpose;
import dev.funnel.QuietHours;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Two funnels with contact rules, for the tests of the contact gate on every runtime: a shop whose
 * marketing e-mails keep quiet hours in Berlin and a cap of two a day, and a webinar that sends a
 * marketing and a transactional e-mail (and, in one version, a marketing SMS) at once.
 */
public final class ContactShop {
  /** The time zone of the shop's quiet hours. */
  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private ContactShop() {}

  /**
   * Returns the shop: {@code contact-left} moves a visitor to cold lead with {@code welcome-1};
   * {@code paid} moves a cold lead to buyer with a transactional {@code receipt}; {@code viewed}
   * sends a cold lead an {@code offer}; three hours in cold lead fire {@code nudge}, which sends
   * {@code nudge-1}. Every message is an e-mail; marketing is held from 22:00 to 08:00 in {@link
   * #BERLIN} and capped at two a day.
   *
   * @return the shop
   */
  public static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("buyer")
        .won()
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"))
        .on("paid")
        .from("cold-lead")
        .to("buyer")
        .then(Actions.send("receipt", "email", Purpose.TRANSACTIONAL))
        .on("viewed")
        .from("cold-lead")
        .then(Actions.send("offer", "email"))
        .after(Duration.ofHours(3))
        .in("cold-lead")
        .fire("nudge")
        .on("nudge")
        .from("cold-lead")
        .then(Actions.send("nudge-1", "email"))
        .quietHours(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(8, 0)))
        .timeZone(BERLIN)
        .cap(FrequencyCap.perDay("email", 2))
        .build();
  }

  /**
   * Returns the webinar: {@code invited} sends the marketing e-mail {@code invite}, the
   * transactional e-mail {@code ticket} and the marketing SMS {@code invite-sms}; {@code attended}
   * moves a registered lead to attended.
   *
   * @return the webinar
   */
  public static Funnel webinar() {
    return webinar(true);
  }

  /**
   * Returns the webinar of {@link #webinar()} without its SMS: {@code invited} sends {@code invite}
   * and {@code ticket} only.
   *
   * @return the webinar by e-mail only
   */
  public static Funnel webinarByEmail() {
    return webinar(false);
  }

  private static Funnel webinar(boolean sms) {
    Action invite = Actions.send("invite", "email");
    Action ticket = Actions.send("ticket", "email", Purpose.TRANSACTIONAL);
    Action[] messages =
        sms
            ? new Action[] {invite, ticket, Actions.send("invite-sms", "sms")}
            : new Action[] {invite, ticket};
    return Funnel.builder("webinar")
        .stage("registered")
        .entry()
        .stage("attended")
        .won()
        .on("invited")
        .from("registered")
        .then(messages)
        .on("attended")
        .from("registered")
        .to("attended")
        .build();
  }
}
