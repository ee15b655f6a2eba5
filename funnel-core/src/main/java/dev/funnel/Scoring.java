package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A funnel's lead scoring: points per event (opened a letter 1, visited pricing 5, asked for a demo
 * 30), each rule optionally under a condition; an optional decay (lose so many points every so
 * long); and thresholds that fire an event when the score rises to them (at 50 points fire {@code
 * "hot-lead"}, which a transition takes to hand the lead to a manager). Points are whole numbers
 * and the score never decays below zero. Declare it with {@link FunnelBuilder#scoring}.
 *
 * @param rules the rules, each applied to every event of its type its condition holds for
 * @param decay the decay, or {@code null} for none
 * @param thresholds the thresholds, in rising order of points
 */
public record Scoring(
    ImmutableList<Rule> rules, @Nullable Decay decay, ImmutableList<Threshold> thresholds) {

  /** No scoring: no rules, no decay, no thresholds. */
  public static final Scoring NONE = new Scoring(ImmutableList.of(), null, ImmutableList.of());

  /**
   * Creates a scoring.
   *
   * @throws IllegalArgumentException if thresholds are not in strictly rising order
   */
  public Scoring {
    rules = ImmutableList.copyOf(rules);
    thresholds = ImmutableList.copyOf(thresholds);
    for (int i = 1; i < thresholds.size(); i++) {
      checkArgument(
          thresholds.get(i - 1).points() < thresholds.get(i).points(),
          "score thresholds must rise: %s is not above %s",
          thresholds.get(i).points(),
          thresholds.get(i - 1).points());
    }
  }

  /**
   * Returns whether there is nothing to score.
   *
   * @return whether there are no rules
   */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Returns the decay, if there is one.
   *
   * @return the decay, if there is one
   */
  public Optional<Decay> decaying() {
    return Optional.ofNullable(decay);
  }

  /**
   * Returns a score as it stands at a later time, after the decay.
   *
   * @param points the score when it was last changed
   * @param since when decay started counting for it
   * @param now the time to measure at
   * @return the score at {@code now}: never below zero through decay, unchanged without a decay
   */
  public int decayed(int points, Instant since, Instant now) {
    requireNonNull(since, "since");
    requireNonNull(now, "now");
    Decay d = decay;
    if (d == null || points <= 0 || !now.isAfter(since)) {
      return points;
    }
    long periods = Duration.between(since, now).dividedBy(d.every());
    long lost = Math.min((long) points, periods * d.points());
    return (int) (points - lost);
  }

  /**
   * Points for one kind of event.
   *
   * @param event the event type
   * @param condition what must hold of the lead and the event for the points to count
   * @param points the points, positive or negative, not zero
   */
  public record Rule(String event, Condition condition, int points) {
    /**
     * Creates a rule.
     *
     * @throws IllegalArgumentException if the event type is invalid or the points are zero
     */
    public Rule {
      Ids.check(event, "scored event");
      requireNonNull(condition, "condition");
      checkArgument(points != 0, "a scoring rule for '%s' must give points", event);
    }
  }

  /**
   * A decay: the score loses {@code points} every {@code every}, whole periods counted from when
   * the lead first scored (or its score last fell to zero), so that frequent small points do not
   * hold the decay off.
   *
   * @param points the points lost per period; positive
   * @param every the period; positive
   */
  public record Decay(int points, Duration every) {
    /**
     * Creates a decay.
     *
     * @throws IllegalArgumentException if the points or the period are not positive
     */
    public Decay {
      requireNonNull(every, "every");
      checkArgument(points > 0, "decay points must be positive");
      Bounds.check(every, "decay period");
      checkArgument(!every.isNegative() && !every.isZero(), "decay period must be positive");
    }
  }

  /**
   * A threshold: when the score rises from below {@code points} to {@code points} or more, the
   * event {@code fire} is fired at the lead.
   *
   * @param points the threshold; positive
   * @param fire the event type fired
   */
  public record Threshold(int points, String fire) {
    /**
     * Creates a threshold.
     *
     * @throws IllegalArgumentException if the points are not positive or the event type invalid
     */
    public Threshold {
      Ids.check(fire, "threshold event");
      checkArgument(points > 0, "a score threshold must be positive");
    }
  }

  /**
   * Starts a scoring.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Scoring}. Rules and thresholds accumulate; the decay is set at most once. Not
   * thread-safe.
   */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private final List<Threshold> thresholds = new ArrayList<>();
    private @Nullable Decay decay;

    private Builder() {}

    /**
     * Gives points for every event of a type.
     *
     * @param event the event type
     * @param points the points, not zero
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder points(String event, int points) {
      return points(event, points, Condition.ALWAYS);
    }

    /**
     * Gives points for an event of a type when a condition holds.
     *
     * @param event the event type
     * @param points the points, not zero
     * @param condition what must hold of the lead and the event
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder points(String event, int points, Condition condition) {
      rules.add(new Rule(event, condition, points));
      return this;
    }

    /**
     * Makes the score lose points over time.
     *
     * @param points the points lost per period
     * @param every the period
     * @return this builder
     * @throws IllegalStateException if the decay was already set
     */
    @CanIgnoreReturnValue
    public Builder decay(int points, Duration every) {
      Decay d = new Decay(points, every);
      checkState(decay == null, "score decay was already set to %s", decay);
      decay = d;
      return this;
    }

    /**
     * Fires an event when the score rises to a threshold.
     *
     * @param points the threshold
     * @param fire the event type fired
     * @return this builder
     * @throws IllegalStateException if a threshold of these points was already set
     */
    @CanIgnoreReturnValue
    public Builder threshold(int points, String fire) {
      Threshold t = new Threshold(points, fire);
      for (Threshold earlier : thresholds) {
        checkState(
            earlier.points() != points,
            "score threshold %s was already set to fire '%s'",
            points,
            earlier.fire());
      }
      thresholds.add(t);
      return this;
    }

    /**
     * Returns the scoring, thresholds in rising order.
     *
     * @return the scoring
     */
    public Scoring build() {
      List<Threshold> sorted = new ArrayList<>(thresholds);
      sorted.sort((a, b) -> Integer.compare(a.points(), b.points()));
      return new Scoring(ImmutableList.copyOf(rules), decay, ImmutableList.copyOf(sorted));
    }
  }
}
