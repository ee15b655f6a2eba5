package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;

/**
 * A guard on a transition, as data: a condition on what is known about the lead and on the event's
 * payload. Build conditions with {@link Conditions}; a custom condition names a predicate that the
 * host application binds with {@link Funnel#withGuards}. Conditions are immutable and thread-safe.
 */
public sealed interface Condition
    permits Condition.Always,
        Condition.Attribute,
        Condition.ChannelIs,
        Condition.OwnerIs,
        Condition.InSegment,
        Condition.Bought,
        Condition.OfferIs,
        Condition.TimeInStage,
        Condition.All,
        Condition.Any,
        Condition.Not,
        Condition.Custom {

  /**
   * Calls the method of the visitor for this condition's kind.
   *
   * @param visitor the visitor
   * @param <R> what the visitor returns
   * @return what the visitor returned
   */
  @CanIgnoreReturnValue // a visitor may work by what it collects rather than what it returns
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of condition: the one walk over condition trees. Evaluating, validating,
   * describing and writing conditions are all visitors, so a new kind of condition cannot be
   * forgotten by any of them: each fails to compile until it says what the new kind means.
   * Composite kinds ({@link All}, {@link Any}, {@link Not}) are handed over whole; a visitor that
   * descends calls {@link Condition#accept} on their parts.
   *
   * @param <R> what the visitor returns for each condition
   */
  interface Visitor<R> {
    /**
     * Visits the condition that always holds.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R always(Always c);

    /**
     * Visits an attribute comparison.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R attribute(Attribute c);

    /**
     * Visits a condition on the acquisition channel.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R channelIs(ChannelIs c);

    /**
     * Visits a condition on the owner.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R ownerIs(OwnerIs c);

    /**
     * Visits a condition on a segment.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R inSegment(InSegment c);

    /**
     * Visits a condition on what the lead bought.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R bought(Bought c);

    /**
     * Visits a condition on the event's offer.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R offerIs(OfferIs c);

    /**
     * Visits a condition on the time in stage.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R timeInStage(TimeInStage c);

    /**
     * Visits a conjunction.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R all(All c);

    /**
     * Visits a disjunction.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R any(Any c);

    /**
     * Visits a negation.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R not(Not c);

    /**
     * Visits a named custom predicate.
     *
     * @param c the condition
     * @return the visitor's result for it
     */
    R custom(Custom c);
  }

  /** The condition that always holds: the guard of an unguarded transition. */
  Condition ALWAYS = new Always();

  /** The condition that always holds. Use {@link Condition#ALWAYS}. */
  record Always() implements Condition {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.always(this);
    }
  }

  /** Where an attribute condition looks for its value. */
  enum Scope {
    /** The lead's attributes. */
    LEAD,
    /** The event's payload. */
    EVENT
  }

  /** How an attribute condition compares. */
  enum Op {
    /** The value equals the operand (numbers compare numerically). */
    EQ,
    /** The value equals one of the operands. */
    IN,
    /** The value is a number greater than the operand. */
    GT,
    /** The value is a number greater than or equal to the operand. */
    GE,
    /** The value is a number less than the operand. */
    LT,
    /** The value is a number less than or equal to the operand. */
    LE,
    /** The value is present. */
    EXISTS
  }

  /**
   * Compares a lead attribute or an event payload value.
   *
   * @param scope where to look
   * @param name the attribute or payload name
   * @param op the comparison
   * @param operands the values to compare with: none for {@link Op#EXISTS}, one or more for {@link
   *     Op#IN}, exactly one otherwise
   */
  record Attribute(Scope scope, String name, Op op, ImmutableList<Object> operands)
      implements Condition {
    /**
     * Creates an attribute condition.
     *
     * @param scope where to look
     * @param name the attribute or payload name
     * @param op the comparison
     * @param operands the values to compare with: none for {@link Op#EXISTS}, one or more for
     *     {@link Op#IN}, exactly one otherwise
     * @throws IllegalArgumentException if the number or type of operands does not fit the operator
     */
    public Attribute {
      requireNonNull(scope, "scope");
      Ids.check(name, "attribute name");
      requireNonNull(op, "op");
      boolean normal = true;
      for (Object o : operands) {
        if (Values.normalize(o, name) != o) {
          normal = false;
          break;
        }
      }
      if (!normal) {
        ImmutableList.Builder<Object> normalized = ImmutableList.builder();
        for (Object o : operands) {
          normalized.add(Values.normalize(o, name));
        }
        operands = normalized.build();
      }
      switch (op) {
        case EXISTS -> checkArgument(operands.isEmpty(), "exists on '%s' takes no operand", name);
        case IN ->
            checkArgument(!operands.isEmpty(), "in on '%s' needs at least one operand", name);
        case EQ ->
            checkArgument(operands.size() == 1, "eq on '%s' needs exactly one operand", name);
        default ->
            checkArgument(
                operands.size() == 1 && operands.get(0) instanceof Number,
                "%s on '%s' needs exactly one number",
                op.name().toLowerCase(java.util.Locale.ROOT),
                name);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.attribute(this);
    }
  }

  /**
   * Holds when the lead came from one of the channels.
   *
   * @param channels the acceptable channels
   */
  record ChannelIs(ImmutableSet<String> channels) implements Condition {
    /**
     * Creates the condition; at least one channel is needed.
     *
     * @param channels the acceptable channels
     */
    public ChannelIs {
      checkArgument(!channels.isEmpty(), "channel condition needs at least one channel");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.channelIs(this);
    }
  }

  /**
   * Holds when the lead is owned by the owner.
   *
   * @param owner the owner's id
   */
  record OwnerIs(String owner) implements Condition {
    /**
     * Creates the condition.
     *
     * @param owner the owner's id
     */
    public OwnerIs {
      Ids.check(owner, "owner");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ownerIs(this);
    }
  }

  /**
   * Holds when the lead is in the segment.
   *
   * @param segment the segment's id
   */
  record InSegment(String segment) implements Condition {
    /**
     * Creates the condition.
     *
     * @param segment the segment's id
     */
    public InSegment {
      Ids.check(segment, "segment");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.inSegment(this);
    }
  }

  /**
   * Holds when the lead has bought the offer.
   *
   * @param offer the offer's id
   */
  record Bought(String offer) implements Condition {
    /**
     * Creates the condition.
     *
     * @param offer the offer's id
     */
    public Bought {
      Ids.check(offer, "offer id");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.bought(this);
    }
  }

  /**
   * Holds when the event names the offer: a purchase or a decline of it.
   *
   * @param offer the offer's id
   */
  record OfferIs(String offer) implements Condition {
    /**
     * Creates the condition.
     *
     * @param offer the offer's id
     */
    public OfferIs {
      Ids.check(offer, "offer id");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.offerIs(this);
    }
  }

  /**
   * Holds when the lead has been in its current stage at least this long at the event's time.
   *
   * @param atLeast the minimum time in stage; not negative
   */
  record TimeInStage(Duration atLeast) implements Condition {
    /**
     * Creates the condition.
     *
     * @param atLeast the minimum time in stage; not negative
     */
    public TimeInStage {
      checkArgument(!atLeast.isNegative(), "time in stage must not be negative");
      Bounds.check(atLeast, "time in stage");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.timeInStage(this);
    }
  }

  /**
   * Holds when every condition holds (and when there are none).
   *
   * @param conditions the conditions
   */
  record All(ImmutableList<Condition> conditions) implements Condition {
    /**
     * Creates the condition.
     *
     * @param conditions the conditions
     */
    public All {
      requireNonNull(conditions, "conditions");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.all(this);
    }
  }

  /**
   * Holds when at least one condition holds (never when there are none).
   *
   * @param conditions the conditions
   */
  record Any(ImmutableList<Condition> conditions) implements Condition {
    /**
     * Creates the condition.
     *
     * @param conditions the conditions
     */
    public Any {
      requireNonNull(conditions, "conditions");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.any(this);
    }
  }

  /**
   * Holds when the condition does not.
   *
   * @param condition the negated condition
   */
  record Not(Condition condition) implements Condition {
    /**
     * Creates the condition.
     *
     * @param condition the negated condition
     */
    public Not {
      requireNonNull(condition, "condition");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.not(this);
    }
  }

  /**
   * Holds when the host application's predicate of this name says so. The predicate is bound to the
   * funnel with {@link Funnel#withGuards}.
   *
   * @param name the predicate's name
   */
  record Custom(String name) implements Condition {
    /**
     * Creates the condition.
     *
     * @param name the predicate's name
     */
    public Custom {
      Ids.check(name, "custom guard name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.custom(this);
    }
  }
}
