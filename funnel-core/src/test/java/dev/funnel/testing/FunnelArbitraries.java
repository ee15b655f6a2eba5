package dev.funnel.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Condition;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.Timer;
import dev.funnel.Transition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jspecify.annotations.Nullable;

/**
 * jqwik generators of valid funnel definitions and of their parts: stages, guards, actions, offers
 * and money.
 *
 * <p>Every generated definition builds. Validity is by construction: the active stages form a chain
 * from the entry stage to the first terminal stage and every further terminal stage gets a
 * transition into it, so every stage is reachable and every active stage has a way out; transitions
 * only leave active stages; an unguarded transition that would share a source stage, an event and a
 * priority with an earlier unguarded one gets a guard; timers run on active stages only; every
 * offer a guard or action names is declared; prices respect the offer ladder (lead magnets free,
 * tripwires below every core product). Half the definitions state one or two currencies, every
 * price in one of them. Names come from small fixed pools (see {@link #EVENT_TYPES}, {@link
 * #ATTRIBUTES}, {@link #OFFER_IDS} and the like) so that generated events, guards and leads meet
 * often.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Funnel> funnels() {
 *   return FunnelArbitraries.funnels();
 * }
 * }</pre>
 *
 * <p>The generators are built once and shared; they are thread-safe.
 */
public final class FunnelArbitraries {
  private FunnelArbitraries() {}

  /** The acquisition channels leads come from. */
  public static final ImmutableList<String> CHANNELS =
      ImmutableList.of("google-ads", "newsletter", "referral");

  /** The owners (sales managers) guards and actions name. */
  public static final ImmutableList<String> OWNERS = ImmutableList.of("anna", "ben");

  /** The owner pools assignment actions name. */
  public static final ImmutableList<String> POOLS = ImmutableList.of("sales-team", "key-accounts");

  /** The segments guards, actions and leads name. */
  public static final ImmutableList<String> SEGMENTS = ImmutableList.of("vip", "cold", "b2b");

  /** The attribute (and event payload) names guards, actions and leads use. */
  public static final ImmutableList<String> ATTRIBUTES =
      ImmutableList.of("country", "total", "score", "subscribed");

  /** The event types transitions and timers react to. */
  public static final ImmutableList<String> EVENT_TYPES =
      ImmutableList.of("contact-left", "added-to-cart", "paid", "declined", "opened", "nudge");

  /** The message templates send actions name. */
  public static final ImmutableList<String> TEMPLATES =
      ImmutableList.of("welcome-1", "welcome-2", "last-chance");

  /** The names of the custom actions. */
  public static final ImmutableList<String> CUSTOM_ACTIONS =
      ImmutableList.of("notify-crm", "add-tag", "webhook");

  /** The currencies of generated prices and amounts. */
  public static final ImmutableList<String> CURRENCIES = ImmutableList.of("EUR", "USD", "JPY");

  /**
   * The ids of the offers of the ladder, in ladder order: two lead magnets ({@code coupon}, {@code
   * guide}), a tripwire ({@code mini-course}), two core products ({@code full-course}, {@code
   * coaching}) and a profit maximizer ({@code warranty}).
   */
  public static final ImmutableList<String> OFFER_IDS =
      ImmutableList.of("coupon", "guide", "mini-course", "full-course", "coaching", "warranty");

  /**
   * The custom guards of {@link #funnelsWithCustomGuards()}, by name: deterministic predicates on
   * what the lead and the event carry.
   */
  public static final ImmutableMap<String, BiPredicate<Lead, Event>> CUSTOM_GUARDS =
      ImmutableMap.<String, BiPredicate<Lead, Event>>of(
          "has-payload", (lead, event) -> !event.payload().isEmpty(),
          "returning", (lead, event) -> lead.version() >= 2,
          "has-bought", (lead, event) -> !lead.purchases().isEmpty());

  private static final ImmutableList<String> ACTIVE_NAMES =
      ImmutableList.of(
          "visitor", "cold-lead", "hot-lead", "qualified", "negotiation", "repeat-customer");

  private static final int MAX_TERMINALS = 3;

  private static final ImmutableList<String> JUNK_REASONS =
      ImmutableList.of("not-target-audience", "spam", "duplicate-contact");

  // Generators are built once: jqwik then reuses their random generators across tries.
  // Mostly a few round numbers, whole and decimal (10 and 10.00 are the same number), so that
  // comparisons often hit their boundaries; sometimes anything in a wider range.
  private static final Arbitrary<Object> NUMBERS =
      Arbitraries.frequencyOf(
          List.of(
              Tuple.of(4, Arbitraries.of(-1L, 0L, 1L, 5L, 10L, 100L).asGeneric()),
              Tuple.of(
                  2,
                  Arbitraries.of("0.5", "9.90", "10.00", "100.0").map(BigDecimal::new).asGeneric()),
              Tuple.of(1, Arbitraries.longs().between(-500, 5_000).asGeneric()),
              Tuple.of(
                  1,
                  Arbitraries.longs()
                      .between(-500, 50_000)
                      .map(cents -> BigDecimal.valueOf(cents, 2))
                      .asGeneric())));

  private static final Arbitrary<Object> VALUES =
      Arbitraries.frequencyOf(
          List.of(
              Tuple.of(3, Arbitraries.of("DE", "AT", "US", "yes").asGeneric()),
              Tuple.of(2, Arbitraries.of(true, false).asGeneric()),
              Tuple.of(5, NUMBERS)));

  private static final Arbitrary<Duration> DELAYS =
      Arbitraries.frequencyOf(
          List.of(
              Tuple.of(
                  3,
                  Arbitraries.of(
                      Duration.ofHours(1),
                      Duration.ofHours(6),
                      Duration.ofDays(1),
                      Duration.ofDays(2),
                      Duration.ofDays(7))),
              Tuple.of(1, Arbitraries.integers().between(2, 240).map(Duration::ofHours))));

  /**
   * The currencies a generated funnel states: none (it takes every currency) half the time,
   * otherwise one or two, the first being the one every price is in. Events carry amounts in any of
   * {@link #CURRENCIES}, so they pay in a stated currency and in others.
   */
  private static final Arbitrary<List<String>> STATED =
      Arbitraries.frequencyOf(
          List.of(
              Tuple.of(1, Arbitraries.just(List.<String>of())),
              Tuple.of(
                  1,
                  Arbitraries.of(CURRENCIES).list().uniqueElements().ofMinSize(1).ofMaxSize(2))));

  private static final Arbitrary<Action> ACTIONS = buildActions();
  private static final Arbitrary<Condition> CONDITIONS = buildConditions(false, 2);
  private static final Arbitrary<Condition> CONDITIONS_WITH_CUSTOM = buildConditions(true, 2);
  private static final Arbitrary<ImmutableList<Offer>> LADDER = buildLadder();
  private static final Arbitrary<FunnelParts> PARTS = buildParts(CONDITIONS);
  private static final Arbitrary<FunnelParts> PARTS_WITH_CUSTOM =
      buildParts(CONDITIONS_WITH_CUSTOM);

  /** Returns valid funnels without custom guards. */
  public static Arbitrary<Funnel> funnels() {
    return PARTS.map(FunnelParts::build);
  }

  /**
   * Returns valid funnels whose guards may also be custom ones, bound to {@link #CUSTOM_GUARDS}.
   */
  public static Arbitrary<Funnel> funnelsWithCustomGuards() {
    return PARTS_WITH_CUSTOM.map(p -> p.build().withGuards(CUSTOM_GUARDS));
  }

  /** Returns the parts of valid funnels without custom guards. */
  public static Arbitrary<FunnelParts> parts() {
    return PARTS;
  }

  /**
   * Returns the parts of valid funnels whose guards may be custom ones; bind them with {@link
   * #CUSTOM_GUARDS}.
   */
  public static Arbitrary<FunnelParts> partsWithCustomGuards() {
    return PARTS_WITH_CUSTOM;
  }

  /**
   * Returns guards of every kind except {@link Condition#ALWAYS} at the top: attribute and payload
   * comparisons with every operator, channel, owner, segment, offer bought (one of {@link
   * #OFFER_IDS}), time in stage, and all/any/not nested up to two levels deep.
   */
  public static Arbitrary<Condition> conditions() {
    return CONDITIONS;
  }

  /** Returns guards as {@link #conditions()} does, custom ones of {@link #CUSTOM_GUARDS} too. */
  public static Arbitrary<Condition> conditionsWithCustomGuards() {
    return CONDITIONS_WITH_CUSTOM;
  }

  /**
   * Returns actions of every built-in kind (send with and without a channel, assign to an owner or
   * from a pool, set, remove, segment, present one of {@link #OFFER_IDS}, hand-off) and custom ones
   * with parameters.
   */
  public static Arbitrary<Action> actions() {
    return ACTIONS;
  }

  /**
   * Returns attribute, payload and parameter values from a small pool, so guards often match:
   * strings, booleans, whole numbers and decimals.
   */
  public static Arbitrary<Object> values() {
    return VALUES;
  }

  /** Returns whole numbers and decimals around the operands guards compare with. */
  public static Arbitrary<Object> numbers() {
    return NUMBERS;
  }

  /** Returns timer delays, from an hour to ten days. */
  public static Arbitrary<Duration> delays() {
    return DELAYS;
  }

  /**
   * Returns a full offer ladder, one offer for each of {@link #OFFER_IDS}, priced by the ladder
   * rules: lead magnets free (no price or zero), the tripwire below 99 units, core products from
   * 100 units, so the tripwire is cheaper than every core product of its currency.
   */
  public static Arbitrary<ImmutableList<Offer>> ladders() {
    return LADDER;
  }

  /**
   * Returns amounts of money in one of {@link #CURRENCIES}, between whole units {@code min}
   * (inclusive) and {@code max + 1} (exclusive), with minor units where the currency has them.
   *
   * @param min the least whole amount
   * @param max the greatest whole amount
   * @return the amounts
   */
  public static Arbitrary<Money> money(long min, long max) {
    return Combinators.combine(
            Arbitraries.of(CURRENCIES),
            Arbitraries.longs().between(min, max),
            Arbitraries.integers().between(0, 99))
        .as(
            (code, units, cents) -> {
              int digits = Currency.getInstance(code).getDefaultFractionDigits();
              BigDecimal amount =
                  digits == 2
                      ? BigDecimal.valueOf(units * 100 + cents, 2)
                      : BigDecimal.valueOf(units);
              return Money.of(amount, code);
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Guards, actions and offers

  private static Arbitrary<Condition> buildConditions(boolean customGuards, int depth) {
    Arbitrary<Condition> leaf = leafConditions(customGuards);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Condition> child =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(8, buildConditions(customGuards, depth - 1)),
                Tuple.of(1, Arbitraries.just(Condition.ALWAYS))));
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(6, leaf),
            Tuple.of(
                1, child.list().ofMaxSize(3).map(l -> new Condition.All(ImmutableList.copyOf(l)))),
            Tuple.of(
                1, child.list().ofMaxSize(3).map(l -> new Condition.Any(ImmutableList.copyOf(l)))),
            Tuple.of(1, child.map(Conditions::not))));
  }

  private static Arbitrary<Condition> leafConditions(boolean customGuards) {
    List<Tuple2<Integer, Arbitrary<Condition>>> kinds = new ArrayList<>();
    Arbitrary<Condition.Op> ops = Arbitraries.of(Condition.Op.class);
    Arbitrary<List<Object>> operandLists = VALUES.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Condition> attribute =
        Combinators.combine(
                Arbitraries.of(Condition.Scope.class),
                Arbitraries.of(ATTRIBUTES),
                ops,
                VALUES,
                NUMBERS,
                operandLists)
            .as(
                (scope, name, op, value, number, list) ->
                    new Condition.Attribute(scope, name, op, operands(op, value, number, list)));
    kinds.add(Tuple.of(6, attribute));
    kinds.add(
        Tuple.of(
            1,
            Arbitraries.subsetOf(CHANNELS)
                .ofMinSize(1)
                .map(c -> new Condition.ChannelIs(ImmutableSet.copyOf(new TreeSet<>(c))))));
    kinds.add(Tuple.of(1, Arbitraries.of(OWNERS).map(Conditions::owner)));
    kinds.add(Tuple.of(1, Arbitraries.of(SEGMENTS).map(Conditions::inSegment)));
    kinds.add(
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(0, 72)
                .map(h -> Conditions.timeInStage(Duration.ofHours(h)))));
    kinds.add(Tuple.of(1, Arbitraries.of(OFFER_IDS).map(Conditions::bought)));
    kinds.add(Tuple.of(1, Arbitraries.of(OFFER_IDS).map(Conditions::offer)));
    if (customGuards) {
      kinds.add(Tuple.of(2, Arbitraries.of(CUSTOM_GUARDS.keySet()).map(Conditions::custom)));
    }
    return Arbitraries.frequencyOf(kinds);
  }

  private static ImmutableList<Object> operands(
      Condition.Op op, Object value, Object number, List<Object> list) {
    return switch (op) {
      case EXISTS -> ImmutableList.of();
      case IN -> ImmutableList.copyOf(list);
      case EQ -> ImmutableList.of(value);
      case GT, GE, LT, LE -> ImmutableList.of(number);
    };
  }

  private static Arbitrary<Action> buildActions() {
    List<Arbitrary<Action>> kinds = new ArrayList<>();
    kinds.add(Arbitraries.of(TEMPLATES).map(Actions::send));
    kinds.add(
        Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of("email", "sms"))
            .as(Actions::send));
    kinds.add(Arbitraries.of(OWNERS).map(Actions::assign));
    kinds.add(Arbitraries.of(POOLS).map(Actions::assignFrom));
    kinds.add(Combinators.combine(Arbitraries.of(ATTRIBUTES), VALUES).as(Actions::set));
    kinds.add(Arbitraries.of(ATTRIBUTES).map(Actions::remove));
    kinds.add(Arbitraries.of(SEGMENTS).map(Actions::segment));
    kinds.add(Arbitraries.of(OFFER_IDS).map(Actions::present));
    kinds.add(
        Arbitraries.of("newsletter-funnel", "upsell-funnel").map(f -> Actions.handOff(f, "start")));
    kinds.add(
        Combinators.combine(
                Arbitraries.of(CUSTOM_ACTIONS),
                Arbitraries.maps(Arbitraries.of("tag", "priority", "url"), VALUES).ofMaxSize(2))
            .as(Actions::custom));
    return Arbitraries.oneOf(kinds);
  }

  private static Arbitrary<ImmutableList<Offer>> buildLadder() {
    Arbitrary<Offer> coupon =
        Arbitraries.of(
            Offer.leadMagnet("coupon"),
            new Offer("coupon", Offer.Tier.LEAD_MAGNET, "500 off", Money.zero("EUR")));
    Arbitrary<Offer> guide =
        Arbitraries.of(Offer.leadMagnet("guide").named("buying guide"), Offer.leadMagnet("guide"));
    return Combinators.combine(
            coupon,
            guide,
            money(1, 98).map(p -> Offer.tripwire("mini-course", p)),
            money(100, 2_000).map(p -> Offer.coreProduct("full-course", p)),
            money(100, 5_000).map(p -> Offer.coreProduct("coaching", p)),
            money(1, 500).map(p -> Offer.profitMaximizer("warranty", p).named("extended warranty")))
        .as(ImmutableList::of);
  }

  // ---------------------------------------------------------------------------------------------
  // Funnel definitions

  /** The shape of the stages (how many of each, flags, a declaration order) and the funnel's id. */
  private record Skeleton(
      int actives,
      List<Stage.Kind> terminals,
      List<Boolean> manual,
      Optional<Integer> extraEntry,
      List<String> reasons,
      List<Integer> order,
      String id,
      int version) {}

  /**
   * A generated transition before it is placed in a funnel: its sources and target are picks,
   * resolved against the stages, and {@code fallback} is the guard it gets should it clash with an
   * earlier unguarded transition.
   */
  private record Body(
      String event,
      Set<Integer> sources,
      boolean fromAny,
      int target,
      Condition guard,
      List<Action> actions,
      int priority,
      Condition fallback) {}

  private record TimerSeed(int stage, Duration after, String event) {}

  private static Arbitrary<FunnelParts> buildParts(Arbitrary<Condition> guards) {
    int maxStages = ACTIVE_NAMES.size() + MAX_TERMINALS;
    Arbitrary<Skeleton> skeletons =
        Combinators.combine(
                Arbitraries.integers().between(1, ACTIVE_NAMES.size()),
                Arbitraries.of(Stage.Kind.WON, Stage.Kind.LOST, Stage.Kind.JUNK)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(MAX_TERMINALS),
                Arbitraries.of(true, false, false).list().ofSize(ACTIVE_NAMES.size()),
                Arbitraries.integers().between(1, ACTIVE_NAMES.size() - 1).optional(0.25),
                Arbitraries.of(JUNK_REASONS).list().ofSize(MAX_TERMINALS),
                Arbitraries.integers().between(0, 99).list().ofSize(maxStages),
                Arbitraries.of("online-shop", "b2b-sales", "webinar"),
                Arbitraries.integers().between(1, 3))
            .as(Skeleton::new);
    // Transitions into terminal stages are guarded more often, so that leads do not end too soon.
    Arbitrary<Body> chain = bodies(guards, 3, 1, 6);
    Arbitrary<Body> ending = bodies(guards, 1, 2, 12);
    Arbitrary<Body> extra = bodies(guards, 1, 1, 6);
    Arbitrary<TimerSeed> timers =
        Combinators.combine(
                Arbitraries.integers().between(0, ACTIVE_NAMES.size() - 1),
                DELAYS,
                Arbitraries.of(EVENT_TYPES))
            .as(TimerSeed::new);
    return Combinators.combine(
            skeletons,
            LADDER,
            Arbitraries.of(true, false).list().ofSize(OFFER_IDS.size()),
            chain.list().ofSize(ACTIVE_NAMES.size() - 1),
            ending.list().ofSize(MAX_TERMINALS),
            extra.list().ofMaxSize(6),
            timers.list().ofMaxSize(4),
            STATED)
        .as(FunnelArbitraries::assemble);
  }

  /**
   * Returns transition bodies, unguarded or guarded by these weights, and from a list of stages
   * {@code listedWeight} times as often as from any stage.
   */
  private static Arbitrary<Body> bodies(
      Arbitrary<Condition> guards, int unguardedWeight, int guardedWeight, int listedWeight) {
    Arbitrary<Condition> guard =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(unguardedWeight, Arbitraries.just(Condition.ALWAYS)),
                Tuple.of(guardedWeight, guards)));
    Arbitrary<Integer> priority =
        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, -1), Tuple.of(1, 2));
    Arbitrary<Tuple2<Set<Integer>, Boolean>> sources =
        Combinators.combine(
                Arbitraries.integers().between(0, ACTIVE_NAMES.size() - 1).set().ofMaxSize(3),
                Arbitraries.frequency(Tuple.of(listedWeight, false), Tuple.of(1, true)))
            .as(Tuple::of);
    return Combinators.combine(
            Arbitraries.of(EVENT_TYPES),
            sources,
            Arbitraries.integers().between(0, 99),
            guard,
            ACTIONS.list().ofMaxSize(3),
            priority,
            guards)
        .as(
            (event, from, target, when, then, p, fallback) ->
                new Body(event, from.get1(), from.get2(), target, when, then, p, fallback));
  }

  private static FunnelParts assemble(
      Skeleton sk,
      List<Offer> ladder,
      List<Boolean> declared,
      List<Body> chain,
      List<Body> ending,
      List<Body> extra,
      List<TimerSeed> timerSeeds,
      List<String> currencies) {
    List<String> actives = ACTIVE_NAMES.subList(0, sk.actives());
    List<String> terminals = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < actives.size(); i++) {
      boolean entry = i == 0 || sk.extraEntry().equals(Optional.of(i));
      stages.add(new Stage(actives.get(i), Stage.Kind.ACTIVE, entry, sk.manual().get(i), null));
    }
    for (int i = 0; i < sk.terminals().size(); i++) {
      Stage.Kind kind = sk.terminals().get(i);
      String stageId = kind.name().toLowerCase(Locale.ROOT) + "-" + i;
      terminals.add(stageId);
      String reason = kind == Stage.Kind.JUNK ? sk.reasons().get(i) : null;
      stages.add(new Stage(stageId, kind, false, false, reason));
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      positions.add(i);
    }
    positions.sort(Comparator.comparing((Integer i) -> sk.order().get(i)).thenComparing(i -> i));
    List<Stage> declaredStages = new ArrayList<>();
    positions.forEach(i -> declaredStages.add(stages.get(i)));

    // The chain from the entry stage through every active stage to the first terminal stage,
    // then one way into each further terminal stage.
    List<Body> bodies = new ArrayList<>();
    List<Transition> drafts = new ArrayList<>();
    for (int i = 0; i < actives.size(); i++) {
      Body b = i + 1 < actives.size() ? chain.get(i) : ending.get(0);
      String target = i + 1 < actives.size() ? actives.get(i + 1) : terminals.get(0);
      Set<String> from = new LinkedHashSet<>();
      if (!b.fromAny()) {
        from.add(actives.get(i));
        b.sources().forEach(s -> from.add(actives.get(s % actives.size())));
      }
      bodies.add(b);
      drafts.add(transition(b, from, target));
    }
    for (int j = 1; j < terminals.size(); j++) {
      Body b = ending.get(j);
      Set<String> from = new LinkedHashSet<>();
      if (!b.fromAny()) {
        from.add(actives.get(b.target() % actives.size()));
      }
      bodies.add(b);
      drafts.add(transition(b, from, terminals.get(j)));
    }
    // Staying and active stages are picked twice as often as terminal ones, so that leads do not
    // end too soon.
    List<@Nullable String> targets = new ArrayList<>();
    targets.add(null);
    targets.add(null);
    targets.addAll(actives);
    targets.addAll(actives);
    targets.addAll(terminals);
    for (Body b : extra) {
      Set<String> from = new LinkedHashSet<>();
      if (!b.fromAny()) {
        from.add(actives.get(b.target() % actives.size()));
        b.sources().forEach(s -> from.add(actives.get(s % actives.size())));
      }
      bodies.add(b);
      drafts.add(transition(b, from, targets.get(b.target() % targets.size())));
    }
    List<Transition> transitions = disambiguate(drafts, bodies, actives);

    Set<Timer> timers = new LinkedHashSet<>();
    for (TimerSeed t : timerSeeds) {
      timers.add(new Timer(actives.get(t.stage() % actives.size()), t.after(), t.event()));
    }

    Set<String> named = new HashSet<>();
    for (Transition t : transitions) {
      offersIn(t.guard(), named);
      for (Action a : t.actions()) {
        if (a.name().equals(Actions.PRESENT)) {
          a.param("offer").ifPresent(named::add);
        }
      }
    }
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < ladder.size(); i++) {
      Offer o = ladder.get(i);
      if (declared.get(i) || named.contains(o.id())) {
        offers.add(currencies.isEmpty() ? o : pricedIn(o, currencies));
      }
    }
    return new FunnelParts(
        sk.id(),
        sk.version(),
        ImmutableList.copyOf(declaredStages),
        ImmutableList.copyOf(transitions),
        ImmutableList.copyOf(timers),
        ImmutableList.copyOf(offers),
        ImmutableList.copyOf(currencies));
  }

  /**
   * Returns the offer with its price in the first of the stated currencies unless it is in one of
   * them already: the same number of whole units, so the ladder's order holds (tripwires are below
   * 99 units, core products from 100).
   */
  private static Offer pricedIn(Offer o, List<String> currencies) {
    Money price = o.price();
    if (price == null || currencies.contains(price.currency().getCurrencyCode())) {
      return o;
    }
    String code = currencies.get(0);
    int digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
    BigDecimal amount = price.amount().setScale(digits, RoundingMode.DOWN);
    return new Offer(o.id(), o.tier(), o.name(), Money.of(amount, code));
  }

  private static Transition transition(Body b, Set<String> from, @Nullable String to) {
    return new Transition(
        b.event(),
        ImmutableSet.copyOf(from),
        to,
        b.guard(),
        ImmutableList.copyOf(b.actions()),
        b.priority());
  }

  private static void offersIn(Condition c, Set<String> out) {
    if (c instanceof Condition.Bought bought) {
      out.add(bought.offer());
    } else if (c instanceof Condition.OfferIs offer) {
      out.add(offer.offer());
    } else if (c instanceof Condition.All all) {
      all.conditions().forEach(each -> offersIn(each, out));
    } else if (c instanceof Condition.Any any) {
      any.conditions().forEach(each -> offersIn(each, out));
    } else if (c instanceof Condition.Not not) {
      offersIn(not.condition(), out);
    }
  }

  /**
   * Puts the fallback guard on every unguarded transition that shares a source stage, an event and
   * a priority with an earlier unguarded one, so that no two transitions are indistinguishable.
   */
  private static List<Transition> disambiguate(
      List<Transition> drafts, List<Body> bodies, List<String> actives) {
    Set<String> taken = new HashSet<>();
    List<Transition> out = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Transition t = drafts.get(i);
      if (!t.isGuarded()) {
        List<String> keys = new ArrayList<>();
        for (String s : t.isFromAny() ? actives : t.from()) {
          keys.add(s + "\n" + t.event() + "\n" + t.priority());
        }
        boolean clash = false;
        for (String k : keys) {
          clash |= taken.contains(k);
        }
        if (clash) {
          t =
              new Transition(
                  t.event(), t.from(), t.to(), bodies.get(i).fallback(), t.actions(), t.priority());
        } else {
          taken.addAll(keys);
        }
      }
      out.add(t);
    }
    return out;
  }
}
