package dev.funnel.simulation;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.Report;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A Monte Carlo forecast of a funnel: simulated visitors from each channel enter the real funnel
 * and are driven through it by the pure core ({@link Funnel#enter}, {@link Funnel#fire}, {@link
 * Funnel#advance}), so guards, stays, timers and purchases behave exactly as in production. The
 * result is a {@link Report}, the same type the analytics build from real records, so a forecast
 * and the actual figures can be read side by side. Immutable and thread-safe.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder(shop)
 *     .seed(42)
 *     .channel("ads", 10_000, Money.of("245.00", "EUR"))
 *     .move("visitor", "contact-left", 0.10, Delay.exponential(Duration.ofHours(1)))
 *     .purchase("cold-lead", "paid", "mini-set", 0.05, Delay.exponential(Duration.ofDays(3)))
 *     .build();
 * Report forecast = sim.run();
 * List<WhatIf> best = sim.improvements(0.10);   // which step is worth improving first
 * }</pre>
 *
 * <h2>The model</h2>
 *
 * <p>Visitors of a channel arrive uniformly over the {@linkplain Builder#arrivals arrival period}
 * and enter the funnel's first entry stage, owned in turn by the {@linkplain Builder#owners owners}
 * if any are given, with the {@linkplain Builder#attribute attributes} set. A lead in a stage draws
 * at most one of the stage's moves: move {@code i} with its probability {@code p_i}, none with
 * {@code 1 - sum(p_i)}. A drawn move happens after its delay, as an event fired at the lead; a
 * purchase move's event buys its offer at the offer's price. Pending timers that fall due first
 * fire first, through {@link Funnel#advance}; a timer that moves the lead cancels the drawn move,
 * and the lead draws again in its new stage. After an accepted event the lead draws again in the
 * stage it is in (so a stay, such as buying again, can repeat); after a refused one (a guard said
 * no) it only waits for timers. A lead is followed until it reaches a terminal stage, has nothing
 * left to do, or its {@linkplain Builder#horizon horizon} passes, and for at most 256 steps. So the
 * simulated step conversion of a move converges to its probability when no timer or guard
 * interferes and the delay fits in the horizon.
 *
 * <h2>Randomness and threads</h2>
 *
 * <p>All randomness comes from one {@link SplittableRandom} seeded with {@linkplain Builder#seed
 * the seed}: leads are cut into blocks of 4,096 in arrival order, each block gets its own
 * generator, split from the root in block order, and each lead its own, split from its block's in
 * lead order. Each lead's records go to one partial report and reports merge exactly, so the same
 * seed gives the same report whatever the number of threads. Since a lead's draws do not depend on
 * other leads, two simulations that differ in one probability draw the same numbers for every lead
 * (common random numbers), and their difference shows the change, not the noise.
 */
public final class Simulation {
  /**
   * A move a simulated lead may make in a stage: an event fired with a probability after a delay.
   * Immutable and thread-safe.
   *
   * @param stage the stage the lead is in
   * @param event the event type fired
   * @param probability the chance a lead in the stage makes this move, in [0, 1]
   * @param delay how long after entering the stage (or its last accepted event) the move is made
   * @param offer for a purchase, the offer bought; otherwise {@code null}
   * @param amount for a purchase, the amount paid; otherwise {@code null}
   */
  public record Move(
      String stage,
      String event,
      double probability,
      Delay delay,
      @Nullable String offer,
      @Nullable Money amount) {

    /**
     * Creates a move.
     *
     * @param stage the stage the lead is in
     * @param event the event type fired
     * @param probability the chance a lead in the stage makes this move, in [0, 1]
     * @param delay how long after entering the stage (or its last accepted event) the move is made
     * @param offer for a purchase, the offer bought; otherwise {@code null}
     * @param amount for a purchase, the amount paid; otherwise {@code null}
     * @throws IllegalArgumentException if the probability is not in [0, 1], or only one of offer
     *     and amount is given
     */
    public Move {
      requireNonNull(stage, "stage");
      requireNonNull(event, "event");
      requireNonNull(delay, "delay");
      checkArgument(
          probability >= 0 && probability <= 1,
          "probability of '%s' in stage '%s' must be in [0, 1]",
          event,
          stage);
      checkArgument(
          (offer == null) == (amount == null),
          "move '%s' in stage '%s' needs both an offer and an amount, or neither",
          event,
          stage);
    }

    /**
     * Returns whether the move records a purchase.
     *
     * @return whether the move records a purchase
     */
    public boolean isPurchase() {
      return amount != null;
    }

    Move withProbability(double p) {
      return new Move(stage, event, p, delay, offer, amount);
    }

    /**
     * Returns a short description, such as {@code "paid in cold-lead"}.
     *
     * @return a short description, such as {@code "paid in cold-lead"}
     */
    public String describe() {
      return event + " in " + stage;
    }
  }

  /**
   * A channel visitors come from: how many, and what bringing them cost. Immutable and thread-safe.
   *
   * @param id the channel's id, as on the leads
   * @param visitors how many visitors enter the funnel from it; not negative
   * @param spend what was spent on it; not negative
   */
  public record Channel(String id, long visitors, Money spend) {

    /**
     * Creates a channel.
     *
     * @param id the channel's id, as on the leads
     * @param visitors how many visitors enter the funnel from it; not negative
     * @param spend what was spent on it; not negative
     * @throws IllegalArgumentException if the visitors or the spend are negative
     */
    public Channel {
      requireNonNull(id, "id");
      requireNonNull(spend, "spend");
      checkArgument(visitors >= 0, "channel '%s' has a negative number of visitors", id);
      checkArgument(!spend.isNegative(), "channel '%s' has a negative spend", id);
    }
  }

  private final Funnel funnel;
  private final long seed;
  private final Instant start;
  private final Duration arrivals;
  private final Duration horizon;
  private final ImmutableList<Channel> channels;
  private final ImmutableList<String> owners;
  private final ImmutableMap<String, Object> attributes;
  private final ImmutableList<Move> moves;
  private final Forecast forecast;

  private Simulation(Builder b) {
    this.funnel = b.funnel;
    this.seed = b.seed;
    this.start = b.start;
    this.arrivals = b.arrivals;
    this.horizon = b.horizon;
    this.channels = ImmutableList.copyOf(b.channels.values());
    this.owners = ImmutableList.copyOf(b.owners);
    this.attributes = ImmutableMap.copyOf(b.attributes);
    this.moves = ImmutableList.copyOf(b.moves.values());
    LeadWalk walk = new LeadWalk(funnel, start, arrivals, horizon, owners, attributes, moves);
    this.forecast = new Forecast(funnel, seed, channels, walk);
  }

  /**
   * Starts a simulation of a funnel.
   *
   * @param funnel the funnel, with its custom guards bound if it has any
   * @return a builder
   */
  public static Builder builder(Funnel funnel) {
    return new Builder(funnel);
  }

  /**
   * Returns a builder holding this simulation's settings, to derive a changed copy. Its seed,
   * start, arrival period, horizon and owners are this simulation's until set, and each may be set
   * once; its channels, attributes and moves are this simulation's, and new ones add to them.
   *
   * @return a builder holding this simulation's settings, to derive a changed copy
   */
  public Builder toBuilder() {
    Builder b = new Builder(funnel);
    b.seed = seed;
    b.start = start;
    b.arrivals = arrivals;
    b.horizon = horizon;
    for (Channel c : channels) {
      b.channels.put(c.id(), c);
    }
    b.owners.addAll(owners);
    b.attributes.putAll(attributes);
    for (Move m : moves) {
      b.moves.put(key(m.stage(), m.event()), m);
    }
    return b;
  }

  private static String key(String stage, String event) {
    return stage + "\u0000" + event;
  }

  /**
   * Returns the funnel simulated.
   *
   * @return the funnel simulated
   */
  public Funnel funnel() {
    return funnel;
  }

  /**
   * Returns the seed of the random source.
   *
   * @return the seed of the random source
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the channels, in the order they were added.
   *
   * @return the channels, in the order they were added
   */
  public ImmutableList<Channel> channels() {
    return channels;
  }

  /**
   * Returns the moves, in the order they were added.
   *
   * @return the moves, in the order they were added
   */
  public ImmutableList<Move> moves() {
    return moves;
  }

  /**
   * Returns what was spent per channel, to compute CAC, ROAS and ROI on the forecast.
   *
   * @return what was spent per channel, to compute CAC, ROAS and ROI on the forecast
   */
  public ImmutableMap<String, Money> spend() {
    ImmutableMap.Builder<String, Money> b = ImmutableMap.builder();
    for (Channel c : channels) {
      b.put(c.id(), c.spend());
    }
    return b.buildOrThrow();
  }

  /**
   * Returns how many leads are simulated: the visitors of every channel.
   *
   * @return how many leads are simulated: the visitors of every channel
   */
  public long leads() {
    return forecast.leads();
  }

  /**
   * Returns the forecast, computed on the calling thread.
   *
   * @return the forecast, computed on the calling thread
   */
  public Report run() {
    return run(1);
  }

  /**
   * Returns the forecast, computed on this many threads; the report is the same for any number.
   *
   * @param threads how many threads to use, such as {@code
   *     Runtime.getRuntime().availableProcessors()}; at least 1
   * @return the forecast
   * @throws IllegalArgumentException if {@code threads} is below 1
   * @throws IllegalStateException if the calling thread is interrupted while waiting
   */
  public Report run(int threads) {
    checkArgument(threads >= 1, "a simulation needs at least one thread");
    return forecast.run(threads);
  }

  // ----------------------------------------------------------------------------------------------
  // What if

  /**
   * Returns this simulation with one move's probability changed.
   *
   * @param stage the move's stage
   * @param event the move's event type
   * @param probability the new probability, in [0, 1]
   * @return the changed simulation
   * @throws IllegalArgumentException if there is no such move, or the stage's probabilities would
   *     add up to more than 1
   */
  public Simulation withProbability(String stage, String event, double probability) {
    requireNonNull(stage, "stage");
    requireNonNull(event, "event");
    Builder b = toBuilder();
    Move m = b.moves.get(key(stage, event));
    checkArgument(m != null, "no simulated move '%s' in stage '%s'", event, stage);
    b.moves.put(key(stage, event), m.withProbability(probability));
    return b.build();
  }

  /**
   * Returns this simulation with one channel's budget changed. Visitors scale with the spend (the
   * cost per visitor stays), rounded half to even.
   *
   * @param channel the channel's id
   * @param spend the new spend, in the channel's currency
   * @return the changed simulation
   * @throws IllegalArgumentException if there is no such channel, it had no spend to scale, or the
   *     currencies differ
   */
  public Simulation withBudget(String channel, Money spend) {
    requireNonNull(channel, "channel");
    requireNonNull(spend, "spend");
    Builder b = toBuilder();
    Channel c = b.channels.get(channel);
    checkArgument(c != null, "no simulated channel '%s'", channel);
    checkArgument(!c.spend().isZero(), "channel '%s' has no spend to scale", channel);
    checkArgument(
        c.spend().isSameCurrency(spend), "spend of channel '%s' is in another currency", channel);
    long visitors =
        BigDecimal.valueOf(c.visitors())
            .multiply(spend.amount())
            .divide(c.spend().amount(), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    b.channels.put(channel, new Channel(channel, visitors, spend));
    return b.build();
  }

  /**
   * Returns the effect of changing one move's probability, both forecasts run with the same seed.
   *
   * @param stage the move's stage
   * @param event the move's event type
   * @param probability the new probability
   * @return the forecasts before and after
   * @throws IllegalArgumentException as {@link #withProbability}
   */
  public WhatIf whatIfProbability(String stage, String event, double probability) {
    Simulation changed = withProbability(stage, event, probability);
    return new WhatIf(event + " in " + stage + " at " + probability, run(), changed.run());
  }

  /**
   * Returns the effect of changing one channel's budget, both forecasts run with the same seed.
   *
   * @param channel the channel's id
   * @param spend the new spend
   * @return the forecasts before and after
   * @throws IllegalArgumentException as {@link #withBudget}
   */
  public WhatIf whatIfBudget(String channel, Money spend) {
    Simulation changed = withBudget(channel, spend);
    return new WhatIf("budget of " + channel + " at " + spend, run(), changed.run());
  }

  /**
   * Returns the effect of improving each move in turn by a relative uplift, best first: by revenue
   * gained, then by more leads converted. A move's new probability is {@code p * (1 + uplift)},
   * capped so its stage's probabilities add up to at most 1. Every forecast uses the same seed, so
   * differences come from the change and not from the draw (common random numbers).
   *
   * @param uplift the relative improvement, such as {@code 0.10} for ten percent; positive
   * @param threads how many threads each forecast uses; at least 1
   * @return one comparison per move with a positive probability, best first
   * @throws IllegalArgumentException if the uplift is not positive or {@code threads} below 1
   */
  public ImmutableList<WhatIf> improvements(double uplift, int threads) {
    checkArgument(uplift > 0, "uplift must be positive");
    return Improvements.of(this, moves, uplift, threads);
  }

  /**
   * Returns the effect of improving each move in turn, computed on the calling thread. See {@link
   * #improvements(double, int)}.
   *
   * @param uplift the relative improvement, such as {@code 0.10}; positive
   * @return one comparison per move with a positive probability, best first
   * @throws IllegalArgumentException if the uplift is not positive
   */
  public ImmutableList<WhatIf> improvements(double uplift) {
    return improvements(uplift, 1);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Simulation")
        .add("funnel", funnel.id())
        .add("seed", seed)
        .add("leads", leads())
        .add("moves", moves.size())
        .toString();
  }

  // ----------------------------------------------------------------------------------------------
  // Building

  /**
   * Builds a {@link Simulation}. The seed, start, arrival period, horizon and owners are set at
   * most once each: setting one again is refused with an {@link IllegalStateException} naming the
   * earlier value. Channels, attributes and moves add up, each channel id, attribute name and stage
   * and event once. Not thread-safe.
   */
  public static final class Builder {
    private final Funnel funnel;
    private long seed = 1;
    private Instant start = Instant.EPOCH;
    private Duration arrivals = Duration.ofDays(30);
    private Duration horizon = Duration.ofDays(90);
    private boolean seedSet;
    private boolean startSet;
    private boolean arrivalsSet;
    private boolean horizonSet;
    private boolean ownersSet;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final List<String> owners = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, Move> moves = new LinkedHashMap<>();

    private Builder(Funnel funnel) {
      this.funnel = requireNonNull(funnel, "funnel");
    }

    /**
     * Sets the seed of the random source; 1 by default.
     *
     * @param seed the seed
     * @return this builder
     * @throws IllegalStateException if the seed was already set
     */
    @CanIgnoreReturnValue
    public Builder seed(long seed) {
      checkState(!seedSet, "simulation seed was already set to %s", this.seed);
      this.seed = seed;
      seedSet = true;
      return this;
    }

    /**
     * Sets when the first visitors may arrive; the epoch by default.
     *
     * @param start the start
     * @return this builder
     * @throws IllegalStateException if the start was already set
     */
    @CanIgnoreReturnValue
    public Builder start(Instant start) {
      requireNonNull(start, "start");
      checkState(!startSet, "simulation start was already set to %s", this.start);
      this.start = start;
      startSet = true;
      return this;
    }

    /**
     * Sets the period over which visitors arrive, uniformly; 30 days by default.
     *
     * @param period the arrival period; not negative
     * @return this builder
     * @throws IllegalArgumentException if the period is negative
     * @throws IllegalStateException if the arrival period was already set
     */
    @CanIgnoreReturnValue
    public Builder arrivals(Duration period) {
      requireNonNull(period, "period");
      checkArgument(!period.isNegative(), "arrival period must not be negative");
      checkState(!arrivalsSet, "simulation arrival period was already set to %s", this.arrivals);
      this.arrivals = period;
      arrivalsSet = true;
      return this;
    }

    /**
     * Sets how long each lead is followed after it enters; 90 days by default.
     *
     * @param horizon the horizon; not negative
     * @return this builder
     * @throws IllegalArgumentException if the horizon is negative
     * @throws IllegalStateException if the horizon was already set
     */
    @CanIgnoreReturnValue
    public Builder horizon(Duration horizon) {
      requireNonNull(horizon, "horizon");
      checkArgument(!horizon.isNegative(), "horizon must not be negative");
      checkState(!horizonSet, "simulation horizon was already set to %s", this.horizon);
      this.horizon = horizon;
      horizonSet = true;
      return this;
    }

    /**
     * Adds a channel.
     *
     * @param id the channel's id
     * @param visitors how many visitors come from it
     * @param spend what was spent on it
     * @return this builder
     * @throws IllegalArgumentException if the visitors or the spend are negative
     * @throws IllegalStateException if a channel with this id was already added
     */
    @CanIgnoreReturnValue
    public Builder channel(String id, long visitors, Money spend) {
      Channel c = new Channel(id, visitors, spend);
      checkState(!channels.containsKey(id), "simulated channel '%s' was already added", id);
      channels.put(id, c);
      return this;
    }

    /**
     * Sets the owners new leads are given to in turn; none by default.
     *
     * @param ids the owners' ids
     * @return this builder
     * @throws IllegalStateException if the owners were already set
     */
    @CanIgnoreReturnValue
    public Builder owners(String... ids) {
      List<String> given = new ArrayList<>();
      for (String id : requireNonNull(ids, "ids")) {
        given.add(requireNonNull(id, "owner"));
      }
      checkState(!ownersSet, "simulation owners were already set to %s", owners);
      owners.clear();
      owners.addAll(given);
      ownersSet = true;
      return this;
    }

    /**
     * Sets an attribute on every simulated lead as it enters, for guards that read it.
     *
     * @param name the attribute's name
     * @param value a string, boolean or number
     * @return this builder
     * @throws IllegalStateException if the attribute was already set
     */
    @CanIgnoreReturnValue
    public Builder attribute(String name, Object value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      // The earlier value is not named: attribute values may be personal data.
      checkState(!attributes.containsKey(name), "simulated attribute '%s' was already set", name);
      attributes.put(name, value);
      return this;
    }

    /**
     * Adds a move.
     *
     * @param stage the stage a lead makes it from
     * @param event the event type fired
     * @param probability the chance a lead in the stage makes it, in [0, 1]
     * @param delay how long after entering the stage it is made
     * @return this builder
     * @throws IllegalArgumentException if the probability is not in [0, 1]
     * @throws IllegalStateException if a move with this stage and event was already added
     */
    @CanIgnoreReturnValue
    public Builder move(String stage, String event, double probability, Delay delay) {
      add(new Move(stage, event, probability, delay, null, null));
      return this;
    }

    /**
     * Adds a purchase move: the event buys the offer at its price.
     *
     * @param stage the stage a lead makes it from
     * @param event the event type fired
     * @param offer the offer bought; it must have a price
     * @param probability the chance a lead in the stage makes it, in [0, 1]
     * @param delay how long after entering the stage it is made
     * @return this builder
     * @throws IllegalArgumentException if the funnel lacks the offer, the offer is free, or the
     *     probability is not in [0, 1]
     * @throws IllegalStateException if a move with this stage and event was already added
     */
    @CanIgnoreReturnValue
    public Builder purchase(
        String stage, String event, String offer, double probability, Delay delay) {
      requireNonNull(stage, "stage");
      requireNonNull(event, "event");
      requireNonNull(offer, "offer");
      requireNonNull(delay, "delay");
      Offer o =
          funnel
              .offer(offer)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "funnel '" + funnel.id() + "' has no offer '" + offer + "'"));
      Money price = o.price();
      checkArgument(price != null && !price.isZero(), "offer '%s' has no price to pay", offer);
      add(new Move(stage, event, probability, delay, offer, price));
      return this;
    }

    private void add(Move m) {
      String key = key(m.stage(), m.event());
      checkState(
          !moves.containsKey(key),
          "simulated move '%s' in stage '%s' was already added",
          m.event(),
          m.stage());
      moves.put(key, m);
    }

    /**
     * Validates and returns the simulation.
     *
     * @return the simulation
     * @throws IllegalArgumentException listing every problem: a move from a stage the funnel lacks
     *     or that is terminal, an event no transition takes in its stage, probabilities of a stage
     *     adding up to more than 1, spends in different currencies
     */
    public Simulation build() {
      List<String> problems = Checks.problems(funnel, moves.values(), channels.values());
      checkArgument(
          problems.isEmpty(), "simulation of funnel '%s' is invalid: %s", funnel.id(), problems);
      return new Simulation(this);
    }
  }
}
