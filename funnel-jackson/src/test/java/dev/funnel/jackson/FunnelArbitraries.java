package dev.funnel.jackson;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Condition;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.Ids;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.StageBuilder;
import dev.funnel.Step;
import dev.funnel.TransitionBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generates valid funnel definitions, leads, events and steps, with ids and values chosen to
 * trouble JSON and YAML: YAML 1.1 words, number-like strings, pointer characters, quotes, line
 * breaks and non-ASCII text.
 */
final class FunnelArbitraries {
  private FunnelArbitraries() {}

  static Arbitrary<Funnel> funnels() {
    return Arbitraries.randomValue(FunnelArbitraries::funnel);
  }

  static Arbitrary<Lead> leads() {
    return Arbitraries.randomValue(FunnelArbitraries::lead);
  }

  static Arbitrary<Event> events() {
    return Arbitraries.randomValue(FunnelArbitraries::event);
  }

  static Arbitrary<Step> steps() {
    return Arbitraries.randomValue(FunnelArbitraries::step);
  }

  private static final ImmutableList<String> TRICKY =
      ImmutableList.of(
          "yes",
          "no",
          "on",
          "off",
          "y",
          "n",
          "true",
          "False",
          "null",
          "Null",
          "~",
          "123",
          "-7",
          "0x1F",
          "1_000",
          "1e5",
          "9.90",
          ".inf",
          "-",
          "- a",
          "a: b",
          "#x",
          "a/b",
          "a~b",
          "~1",
          "@class",
          "\"q\"",
          "'s'",
          "{}",
          "[x]",
          "*x",
          "&y",
          "!t",
          "%p",
          "a\tb",
          "ü-straße",
          "日本",
          "2026-01-01",
          "a\nb",
          "$ref",
          "<<",
          "\u0000",
          "\u001b[31m",
          "a\rb",
          "\u202eevil",
          "\ud83d\ude00",
          "\u00e9\u0301",
          "\u0085",
          "\u2028",
          "\ufeff",
          "\ufffe",
          "\udbff\udfff");

  /** The tricky strings that are valid ids; the others are free text only. */
  private static final ImmutableList<String> TRICKY_IDS =
      TRICKY.stream().filter(Ids::isValid).collect(ImmutableList.toImmutableList());

  static String id(Random r, String prefix) {
    return switch (r.nextInt(4)) {
      case 0 -> TRICKY_IDS.get(r.nextInt(TRICKY_IDS.size()));
      case 1 -> prefix + "-" + TRICKY_IDS.get(r.nextInt(TRICKY_IDS.size()));
      default -> prefix + "-" + r.nextInt(50);
    };
  }

  private static String text(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "";
      case 1 -> " padded ";
      case 2 -> TRICKY.get(r.nextInt(TRICKY.size())) + TRICKY.get(r.nextInt(TRICKY.size()));
      default -> id(r, "t");
    };
  }

  static Object scalar(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> r.nextBoolean();
      case 1 -> r.nextLong();
      case 2 -> number(r);
      default -> text(r);
    };
  }

  private static Object number(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> (long) r.nextInt(1000);
      case 1 -> BigDecimal.valueOf(r.nextInt(1_000_000) - 500_000, 1 + r.nextInt(4));
      case 2 -> new BigDecimal("1E+30");
      default -> new BigDecimal("123456789012345678901234567890");
    };
  }

  private static Money money(Random r, int min, int max) {
    String[] currencies = {"EUR", "USD", "JPY", "BHD"};
    String currency = currencies[r.nextInt(currencies.length)];
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    long units = min + (long) r.nextInt(max - min + 1);
    BigDecimal fraction = BigDecimal.valueOf(r.nextInt((int) Math.pow(10, digits)), digits);
    return Money.of(BigDecimal.valueOf(units).add(fraction), currency);
  }

  static Instant instant(Random r) {
    return Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(3) * 1000L);
  }

  private static Duration duration(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Duration.ofDays(1 + r.nextInt(30));
      case 1 -> Duration.ofMinutes(1 + r.nextInt(10_000));
      case 2 -> Duration.ofDays(1 + r.nextInt(5)).plusSeconds(1 + r.nextInt(3600)).plusMillis(5);
      default -> Duration.ofSeconds(1 + r.nextInt(100));
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Definitions

  static Funnel funnel(Random r) {
    int active = 1 + r.nextInt(4);
    int terminal = 1 + r.nextInt(2);
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < active + terminal; i++) {
      String s;
      do {
        s = id(r, "stage");
      } while (stages.contains(s));
      stages.add(s);
    }
    List<Offer> offers = new ArrayList<>();
    int offerCount = r.nextInt(4);
    for (int i = 0; i < offerCount; i++) {
      String oid = "offer-" + i + (r.nextBoolean() ? "" : "-" + TRICKY.get(r.nextInt(8)));
      Offer o =
          switch (r.nextInt(4)) {
            case 0 -> Offer.leadMagnet(oid);
            case 1 -> new Offer(oid, Offer.Tier.TRIPWIRE, oid, money(r, 0, 9));
            case 2 -> Offer.coreProduct(oid, money(r, 100, 900));
            default -> Offer.profitMaximizer(oid, money(r, 0, 500));
          };
      offers.add(r.nextBoolean() ? o : o.named(text(r)));
    }
    FunnelBuilder b = Funnel.builder(id(r, "funnel")).version(1 + r.nextInt(5));
    for (int i = 0; i < stages.size(); i++) {
      StageBuilder sb = b.stage(stages.get(i));
      if (i == 0) {
        sb.entry();
      } else if (i < active && r.nextInt(3) == 0) {
        sb.entry();
      }
      if (r.nextInt(3) == 0) {
        sb.manual();
      }
      if (i < active && r.nextInt(4) == 0) {
        sb.converts();
      }
      if (r.nextInt(4) == 0) {
        sb.onEnter(actions(r, offers, stages));
      }
      if (i >= active) {
        switch (r.nextInt(3)) {
          case 0 -> sb.won();
          case 1 -> sb.lost();
          default -> sb.junk(id(r, "reason"));
        }
      }
    }
    for (Offer o : offers) {
      b = b.offer(o);
    }
    // A chain through every stage keeps them all reachable and gives each active one a way out.
    for (int i = 0; i + 1 < active; i++) {
      TransitionBuilder t = b.on("next-" + i).from(stages.get(i)).to(stages.get(i + 1));
      if (r.nextBoolean()) {
        t.then(actions(r, offers, stages));
      }
    }
    for (int j = 0; j < terminal; j++) {
      String from = stages.get(j == 0 ? active - 1 : r.nextInt(active));
      b.on("end-" + j).from(from).to(stages.get(active + j)).then(actions(r, offers, stages));
    }
    int extra = r.nextInt(5);
    for (int k = 0; k < extra; k++) {
      TransitionBuilder t = b.on("extra-" + k + (r.nextBoolean() ? "" : "-" + id(r, "e")));
      if (r.nextInt(4) == 0) {
        t.fromAny();
      } else {
        t.from(stages.get(r.nextInt(active)));
        if (active > 1 && r.nextBoolean()) {
          t.from(stages.get(r.nextInt(active)));
        }
      }
      if (r.nextBoolean()) {
        t.to(stages.get(r.nextInt(stages.size())));
      }
      if (r.nextBoolean()) {
        t.when(condition(r, offers, 3));
      }
      t.then(actions(r, offers, stages));
      if (r.nextBoolean()) {
        t.priority(r.nextInt(21) - 10);
      }
    }
    int timers = r.nextInt(4);
    for (int k = 0; k < timers; k++) {
      int s = r.nextInt(active);
      String event = r.nextBoolean() ? "next-" + s : "timer-" + k;
      // Whole milliseconds plus k nanoseconds: no two timers of one funnel are equal.
      b.after(duration(r).plusNanos(k)).in(stages.get(s)).fire(event);
    }
    return b.build();
  }

  private static Action[] actions(Random r, List<Offer> offers, List<String> stages) {
    int n = r.nextInt(4);
    Action[] out = new Action[n];
    for (int i = 0; i < n; i++) {
      out[i] = action(r, offers, stages);
    }
    return out;
  }

  static Action action(Random r, List<Offer> offers, List<String> stages) {
    return switch (r.nextInt(10)) {
      case 0 -> Actions.send(id(r, "template"));
      case 1 -> Actions.send(id(r, "template"), id(r, "channel"));
      case 2 -> Actions.assign(id(r, "owner"));
      case 3 -> Actions.assignFrom(id(r, "pool"));
      case 4 -> Actions.set(id(r, "attr"), scalar(r));
      case 5 -> Actions.remove(id(r, "attr"));
      case 6 -> Actions.segment(id(r, "segment"));
      case 7 ->
          offers.isEmpty()
              ? Actions.custom("no-offer")
              : Actions.present(offers.get(r.nextInt(offers.size())).id());
      case 8 -> Actions.handOff(id(r, "funnel"), stages.get(0));
      default -> {
        Map<String, Object> params = new LinkedHashMap<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
          params.put(id(r, "p"), scalar(r));
        }
        String name;
        do {
          name = id(r, "do");
        } while (BuiltIns.PARAMS.containsKey(name) || name.equals(BuiltIns.CUSTOM));
        yield Actions.custom(name, params);
      }
    };
  }

  static Condition condition(Random r, List<Offer> offers, int depth) {
    int kinds = depth > 0 ? 13 : 10;
    return switch (r.nextInt(kinds)) {
      case 0 -> comparison(r, Conditions.attr(id(r, "attr")));
      case 1 -> comparison(r, Conditions.payload(id(r, "field")));
      case 2 ->
          Conditions.channel(id(r, "ch"), r.nextBoolean() ? new String[0] : new String[] {"c2"});
      case 3 -> Conditions.owner(id(r, "owner"));
      case 4 -> Conditions.inSegment(id(r, "segment"));
      case 5 ->
          offers.isEmpty()
              ? Conditions.custom("no-offer")
              : r.nextBoolean()
                  ? Conditions.bought(offers.get(r.nextInt(offers.size())).id())
                  : Conditions.offer(offers.get(r.nextInt(offers.size())).id());
      case 6 -> Conditions.timeInStage(r.nextBoolean() ? Duration.ZERO : duration(r));
      case 7 -> Conditions.custom(id(r, "guard"));
      case 8, 9 -> comparison(r, Conditions.attr(id(r, "a")));
      case 10 -> Conditions.all(conditions(r, offers, depth - 1));
      case 11 -> Conditions.any(conditions(r, offers, depth - 1));
      default -> Conditions.not(condition(r, offers, depth - 1));
    };
  }

  private static Condition[] conditions(Random r, List<Offer> offers, int depth) {
    Condition[] out = new Condition[r.nextInt(4)];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.nextInt(8) == 0 ? Conditions.always() : condition(r, offers, depth);
    }
    return out;
  }

  private static Condition comparison(Random r, Conditions.Comparison c) {
    return switch (r.nextInt(7)) {
      case 0 -> c.eq(scalar(r));
      case 1 -> c.in(scalar(r), scalar(r));
      case 2 -> c.gt((Number) number(r));
      case 3 -> c.ge((Number) number(r));
      case 4 -> c.lt((Number) number(r));
      case 5 -> c.le((Number) number(r));
      default -> c.exists();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Leads, events and steps

  static Lead lead(Random r) {
    String stage = id(r, "stage");
    Instant entered = instant(r);
    Lead.Builder b =
        Lead.builder(id(r, "lead"), id(r, "funnel"))
            .funnelVersion(1 + r.nextInt(9))
            .stage(stage, entered)
            .channel(id(r, "channel"))
            .version(r.nextInt(1000));
    if (r.nextBoolean()) {
      b.updatedAt(entered.plusSeconds(r.nextInt(100_000)));
    }
    if (r.nextBoolean()) {
      b.owner(id(r, "owner"));
    }
    int n = r.nextInt(4);
    // A name drawn twice keeps its last value; the builder takes each name once.
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      attributes.put(id(r, "attr"), scalar(r));
      b.segment(id(r, "segment"));
    }
    b.attributes(attributes);
    int purchases = r.nextInt(3);
    for (int i = 0; i < purchases; i++) {
      b.purchase(new Purchase(id(r, "offer"), money(r, -5, 500), instant(r), id(r, "evt")));
    }
    int timers = r.nextInt(4);
    for (int i = 0; i < timers; i++) {
      b.timer(new ScheduledTimer(stage, id(r, "event"), entered.plus(duration(r))));
    }
    List<String> recent = new ArrayList<>();
    int ids = r.nextInt(2 * Lead.RECENT_EVENT_IDS + 1);
    for (int i = 0; i < ids; i++) {
      recent.add("evt-" + i + (r.nextInt(4) == 0 ? "-" + id(r, "x") : ""));
    }
    return b.recentEventIds(recent).build();
  }

  static Event event(Random r) {
    Event.Builder b = Event.builder(id(r, "evt"), id(r, "type"), instant(r));
    int n = r.nextInt(4);
    // A name drawn twice keeps its last value; the builder takes each name once.
    Map<String, Object> payload = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      payload.put(id(r, "p"), scalar(r));
    }
    b.payload(payload);
    if (r.nextBoolean()) {
      b.offer(id(r, "offer"));
      if (r.nextBoolean()) {
        b.amount(money(r, -10, 1000));
      }
    }
    if (r.nextBoolean()) {
      b.actor(id(r, "actor"));
    }
    if (r.nextBoolean()) {
      b.reason(text(r));
    }
    return b.build();
  }

  static Step step(Random r) {
    boolean entry = r.nextInt(4) == 0;
    boolean bought = !entry && r.nextBoolean();
    return new Step(
        id(r, "funnel"),
        id(r, "lead"),
        entry ? null : id(r, "stage"),
        id(r, "stage"),
        entry ? null : id(r, "evt"),
        entry ? null : id(r, "type"),
        instant(r),
        id(r, "channel"),
        r.nextBoolean() ? id(r, "owner") : null,
        bought ? id(r, "offer") : null,
        bought ? money(r, 0, 100) : null,
        r.nextBoolean() ? id(r, "actor") : null,
        r.nextBoolean() ? text(r) : null,
        r.nextInt(100));
  }
}
