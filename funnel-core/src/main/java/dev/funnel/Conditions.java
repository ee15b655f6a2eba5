package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;

/**
 * Factories for {@link Condition}s, the guards of transitions.
 *
 * <pre>{@code
 * Conditions.all(
 *     Conditions.attr("country").in("DE", "AT"),
 *     Conditions.payload("total").gt(0),
 *     Conditions.not(Conditions.bought("mini-set")))
 * }</pre>
 */
public final class Conditions {
  private Conditions() {}

  /**
   * Returns the condition that always holds.
   *
   * @return {@link Condition#ALWAYS}
   */
  public static Condition always() {
    return Condition.ALWAYS;
  }

  /**
   * Starts a condition on a lead attribute.
   *
   * @param name the attribute's name
   * @return a step that picks the comparison
   */
  public static Comparison attr(String name) {
    return new Comparison(Condition.Scope.LEAD, Ids.check(name, "attribute name"));
  }

  /**
   * Starts a condition on a value of the event's payload.
   *
   * @param name the payload value's name
   * @return a step that picks the comparison
   */
  public static Comparison payload(String name) {
    return new Comparison(Condition.Scope.EVENT, Ids.check(name, "payload name"));
  }

  /**
   * Returns a condition that holds when the lead came from one of the channels.
   *
   * @param channel a channel
   * @param more further channels
   * @return the condition
   */
  public static Condition channel(String channel, String... more) {
    return new Condition.ChannelIs(ImmutableSet.<String>builder().add(channel).add(more).build());
  }

  /**
   * Returns a condition that holds when the lead is owned by the owner.
   *
   * @param owner the owner's id
   * @return the condition
   */
  public static Condition owner(String owner) {
    return new Condition.OwnerIs(owner);
  }

  /**
   * Returns a condition that holds when the lead is in the segment.
   *
   * @param segment the segment's id
   * @return the condition
   */
  public static Condition inSegment(String segment) {
    return new Condition.InSegment(segment);
  }

  /**
   * Returns a condition that holds when the lead has bought the offer.
   *
   * @param offer the offer's id
   * @return the condition
   */
  public static Condition bought(String offer) {
    return new Condition.Bought(offer);
  }

  /**
   * Returns a condition that holds when the event names the offer, as a purchase or a decline of it
   * does.
   *
   * @param offer the offer's id
   * @return the condition
   */
  public static Condition offer(String offer) {
    return new Condition.OfferIs(offer);
  }

  /**
   * Returns a condition that holds when the lead has been in its stage at least this long.
   *
   * @param atLeast the minimum time
   * @return the condition
   */
  public static Condition timeInStage(Duration atLeast) {
    return new Condition.TimeInStage(atLeast);
  }

  /**
   * Returns a condition that holds when all the conditions hold.
   *
   * @param conditions the conditions
   * @return the conjunction
   */
  public static Condition all(Condition... conditions) {
    return new Condition.All(ImmutableList.copyOf(conditions));
  }

  /**
   * Returns a condition that holds when any of the conditions holds.
   *
   * @param conditions the conditions
   * @return the disjunction
   */
  public static Condition any(Condition... conditions) {
    return new Condition.Any(ImmutableList.copyOf(conditions));
  }

  /**
   * Returns a condition that holds when the condition does not.
   *
   * @param condition the condition to negate
   * @return the negation
   */
  public static Condition not(Condition condition) {
    return new Condition.Not(condition);
  }

  /**
   * Returns a condition decided by the host application's predicate of this name, bound with {@link
   * Funnel#withGuards}.
   *
   * @param name the predicate's name
   * @return the condition
   */
  public static Condition custom(String name) {
    return new Condition.Custom(name);
  }

  /** The second half of an attribute or payload condition: how to compare. */
  public static final class Comparison {
    private final Condition.Scope scope;
    private final String name;

    Comparison(Condition.Scope scope, String name) {
      this.scope = requireNonNull(scope);
      this.name = name;
    }

    private Condition op(Condition.Op op, Object... operands) {
      return new Condition.Attribute(scope, name, op, ImmutableList.copyOf(operands));
    }

    /**
     * Holds when the value equals the operand; numbers compare numerically.
     *
     * @param value a string, boolean or number
     * @return the condition
     */
    public Condition eq(Object value) {
      return op(Condition.Op.EQ, value);
    }

    /**
     * Holds when the value equals one of the operands.
     *
     * @param values strings, booleans or numbers
     * @return the condition
     */
    public Condition in(Object... values) {
      return op(Condition.Op.IN, values);
    }

    /**
     * Holds when the value is a number greater than the operand.
     *
     * @param value a number
     * @return the condition
     */
    public Condition gt(Number value) {
      return op(Condition.Op.GT, value);
    }

    /**
     * Holds when the value is a number greater than or equal to the operand.
     *
     * @param value a number
     * @return the condition
     */
    public Condition ge(Number value) {
      return op(Condition.Op.GE, value);
    }

    /**
     * Holds when the value is a number less than the operand.
     *
     * @param value a number
     * @return the condition
     */
    public Condition lt(Number value) {
      return op(Condition.Op.LT, value);
    }

    /**
     * Holds when the value is a number less than or equal to the operand.
     *
     * @param value a number
     * @return the condition
     */
    public Condition le(Number value) {
      return op(Condition.Op.LE, value);
    }

    /**
     * Holds when the value is present.
     *
     * @return the condition
     */
    public Condition exists() {
      return op(Condition.Op.EXISTS);
    }
  }
}
