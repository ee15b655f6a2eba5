package dev.funnel.kafka;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.runtime.OwnerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The funnels the tests run, and recorded streams of inputs over them. */
final class Journeys {
  private Journeys() {}

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Money MINI_SET = Money.of("9.90", "EUR");
  static final Money BOARD = Money.of("399.00", "EUR");

  static Funnel shop() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("subscriber")
        .stage("hot-lead")
        .stage("buyer")
        .stage("repeat-customer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("buying-guide"))
        .offer(Offer.tripwire("mini-set", MINI_SET))
        .on("contact-left")
        .from("visitor")
        .to("subscriber")
        .then(Actions.send("freebie-buying-guide"), Actions.present("buying-guide"))
        .after(Duration.ofDays(2))
        .in("subscriber")
        .fire("welcome-2")
        .after(Duration.ofDays(4))
        .in("subscriber")
        .fire("welcome-3")
        .after(Duration.ofDays(6))
        .in("subscriber")
        .fire("welcome-4")
        .after(Duration.ofDays(14))
        .in("subscriber")
        .fire("gone-cold")
        .on("welcome-2")
        .from("subscriber")
        .then(Actions.send("welcome-2-useful"))
        .on("welcome-3")
        .from("subscriber")
        .then(Actions.send("welcome-3-story"))
        .on("welcome-4")
        .from("subscriber")
        .then(Actions.send("welcome-4-selling"), Actions.present("mini-set"))
        .on("gone-cold")
        .from("subscriber")
        .to("lost")
        .on("added-to-cart")
        .from("subscriber")
        .to("hot-lead")
        .on("paid")
        .from("subscriber", "hot-lead")
        .to("buyer")
        .then(Actions.send("receipt"), Actions.assignFrom("managers"))
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .then(Actions.send("thanks-again"))
        .build();
  }

  static Funnel firstSale() {
    return Funnel.builder("first-sale")
        .stage("hot-lead")
        .entry()
        .stage("buyer")
        .won()
        .stage("declined")
        .lost()
        .offer(Offer.coreProduct("snowboard", BOARD))
        .on("paid")
        .from("hot-lead")
        .to("buyer")
        .then(
            Actions.send("receipt"),
            Actions.segment("riders"),
            Actions.handOff("club", "engagement"))
        .on("declined")
        .from("hot-lead")
        .to("declined")
        .then(Actions.segment("bargain-hunters"), Actions.handOff("club", "engagement"))
        .build();
  }

  static Funnel club() {
    return Funnel.builder("club")
        .stage("newcomer")
        .entry()
        .stage("engagement")
        .entry()
        .stage("member")
        .won()
        .stage("gone")
        .lost()
        .offer(Offer.coreProduct("season-pass", Money.of("249.00", "EUR")))
        .offer(Offer.tripwire("wax-kit", Money.of("12.00", "EUR")))
        .on("joined")
        .from("newcomer")
        .to("engagement")
        .after(Duration.ofDays(1))
        .in("engagement")
        .fire("pitch")
        .on("pitch")
        .from("engagement")
        .when(Conditions.inSegment("riders"))
        .then(Actions.send("club-for-riders"), Actions.present("season-pass"))
        .on("pitch")
        .from("engagement")
        .when(Conditions.inSegment("bargain-hunters"))
        .then(Actions.send("club-deals"), Actions.present("wax-kit"))
        .on("pitch")
        .from("engagement")
        .priority(-1)
        .then(Actions.send("club-news"))
        .on("pass-paid")
        .from("engagement")
        .to("member")
        .after(Duration.ofDays(90))
        .in("engagement")
        .fire("gone-quiet")
        .on("gone-quiet")
        .from("engagement")
        .to("gone")
        .build();
  }

  static Catalog catalog() {
    return Catalog.of(shop(), firstSale(), club());
  }

  /** A rule pool: the same lead gets the same owner wherever and whenever it is assigned. */
  static OwnerPool managers() {
    ImmutableList<String> names = ImmutableList.of("anna", "boris", "chen");
    return OwnerPool.byRule(
        "managers", lead -> names.get(Math.floorMod(lead.id().hashCode(), names.size())));
  }

  /** One input of a recorded stream. */
  sealed interface Input {}

  record Enter(String funnelId, String leadId, String channel, Instant at) implements Input {}

  record Fire(String funnelId, String leadId, Event event) implements Input {}

  record Reassign(String funnelId, String leadId, String owner, Event event) implements Input {}

  /** Advances time to an instant: the runtime's {@code advanceTo}, the wall clock's tick. */
  record Tick(Instant until) implements Input {}

  /** Erases a person from every funnel, as {@code FunnelRuntime.erase} does. */
  record Erase(String personId, Event request) implements Input {}

  /**
   * A seeded stream of {@code leads} leads over the three funnels: sign-ups, carts, purchases (some
   * of which hand the lead to the club), declines, re-sent events, reassignments, and hourly ticks
   * over {@code days} days when {@code ticking}, else one tick at the end.
   */
  static ImmutableList<Input> recorded(long seed, int leads, int days, boolean ticking) {
    return recorded(T0, seed, leads, days, ticking, true);
  }

  /**
   * The same from another start; without {@code followUps} no event is sent to a lead that only a
   * hand-off enters, since on a cluster the hand-off may arrive after it.
   */
  static ImmutableList<Input> recorded(
      Instant t0, long seed, int leads, int days, boolean ticking, boolean followUps) {
    Random random = new Random(seed);
    List<Input> inputs = new ArrayList<>();
    List<Instant> ticks = new ArrayList<>();
    for (int h = 1; h <= days * 24; h++) {
      ticks.add(t0.plus(Duration.ofHours(h)));
    }
    List<List<Input>> perLead = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      List<Input> mine = new ArrayList<>();
      String id = "lead-" + i;
      Instant at = t0.plus(Duration.ofMinutes(random.nextInt(days * 24 * 60 / 2)));
      if (random.nextBoolean()) {
        mine.add(new Enter("online-shop", id, random.nextBoolean() ? "search" : "instagram", at));
        at = at.plusSeconds(30);
        mine.add(new Fire("online-shop", id, Event.of(id + "-form", "contact-left", at)));
        if (random.nextInt(3) == 0) {
          at = at.plus(Duration.ofHours(random.nextInt(100)));
          mine.add(new Fire("online-shop", id, Event.of(id + "-cart", "added-to-cart", at)));
        }
        if (random.nextInt(3) == 0) {
          at = at.plus(Duration.ofHours(random.nextInt(50)));
          Event paid =
              Event.purchase(id + "-paid", at)
                  .type("paid")
                  .offer("mini-set")
                  .amount(MINI_SET)
                  .build();
          mine.add(new Fire("online-shop", id, paid));
          if (random.nextBoolean()) {
            mine.add(new Fire("online-shop", id, paid)); // re-sent: refused as a duplicate
          }
        }
        if (random.nextInt(5) == 0) {
          at = at.plusSeconds(60);
          Event e = Event.builder(id + "-move", Funnel.REASSIGNED, at).actor("head").build();
          mine.add(new Reassign("online-shop", id, "dana", e));
        }
      } else {
        mine.add(new Enter("first-sale", id, "ads", at));
        at = at.plus(Duration.ofHours(1 + random.nextInt(24)));
        if (random.nextBoolean()) {
          mine.add(
              new Fire(
                  "first-sale",
                  id,
                  Event.purchase(id + "-board", at)
                      .type("paid")
                      .offer("snowboard")
                      .amount(BOARD)
                      .build()));
        } else {
          mine.add(new Fire("first-sale", id, Event.decline(id + "-no", "snowboard", at)));
        }
        if (followUps && random.nextInt(4) == 0) {
          at = at.plus(Duration.ofDays(2));
          mine.add(
              new Fire(
                  "club",
                  id,
                  Event.purchase(id + "-pass", at)
                      .type("pass-paid")
                      .offer("season-pass")
                      .amount(Money.of("249.00", "EUR"))
                      .build()));
        }
      }
      perLead.add(mine);
    }
    // Interleave the leads' inputs by time, keeping each lead's order, with the ticks between.
    List<Input> all = new ArrayList<>();
    for (List<Input> mine : perLead) {
      all.addAll(mine);
    }
    List<Input> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(Journeys::at));
    int t = 0;
    for (Input in : sorted) {
      while (ticking && t < ticks.size() && ticks.get(t).isBefore(at(in))) {
        inputs.add(new Tick(ticks.get(t++)));
      }
      inputs.add(in);
    }
    if (ticking || t0.equals(Journeys.T0)) {
      inputs.add(new Tick(t0.plus(Duration.ofDays(days + 100))));
    }
    return ImmutableList.copyOf(inputs);
  }

  static Instant at(Input in) {
    if (in instanceof Enter e) {
      return e.at();
    } else if (in instanceof Fire f) {
      return f.event().at();
    } else if (in instanceof Reassign r) {
      return r.event().at();
    }
    return ((Tick) in).until();
  }
}
