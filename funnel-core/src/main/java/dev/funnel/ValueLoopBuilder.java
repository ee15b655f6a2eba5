package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;

/** Completes a value loop. Not thread-safe. */
public final class ValueLoopBuilder extends FunnelBuilder {
  private final ValueLoop loop;

  ValueLoopBuilder(Draft draft, ValueLoop loop) {
    super(draft);
    this.loop = loop;
  }

  /**
   * Names the stages where the offer is presented and bought or declined.
   *
   * @param stage a stage
   * @param more further stages
   * @return this builder
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder from(String stage, String... more) {
    loop.from.add(Ids.check(stage, "stage id"));
    for (String s : more) {
      loop.from.add(Ids.check(s, "stage id"));
    }
    return this;
  }

  /**
   * Names the stage buyers of the offer move to; without it they stay.
   *
   * @param stage the stage
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder bought(String stage) {
    String id = Ids.check(stage, "stage id");
    checkState(
        loop.bought == null,
        "the stage buyers move to of the value loop of offer '%s' was already set to '%s'",
        loop.offer,
        loop.bought);
    loop.bought = id;
    return this;
  }

  /**
   * Names the offer presented after a purchase.
   *
   * @param offer the upsell offer's id
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder upsell(String offer) {
    String id = Ids.check(offer, "offer id");
    checkState(
        loop.upsell == null,
        "the upsell of the value loop of offer '%s' was already set to '%s'",
        loop.offer,
        loop.upsell);
    loop.upsell = id;
    return this;
  }

  /**
   * Names the stage leads move to when they decline the offer or let the window pass; without it
   * they stay.
   *
   * @param stage the stage
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder declined(String stage) {
    String id = Ids.check(stage, "stage id");
    checkState(
        loop.declined == null,
        "the stage decliners move to of the value loop of offer '%s' was already set to '%s'",
        loop.offer,
        loop.declined);
    loop.declined = id;
    return this;
  }

  /**
   * Names the cheaper or free offer presented after a decline or when the window passes.
   *
   * @param offer the downsell offer's id
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder downsell(String offer) {
    String id = Ids.check(offer, "offer id");
    checkState(
        loop.downsell == null,
        "the downsell of the value loop of offer '%s' was already set to '%s'",
        loop.offer,
        loop.downsell);
    loop.downsell = id;
    return this;
  }

  /**
   * Treats a lead that has not bought the offer this long after entering a presenting stage as if
   * it had declined.
   *
   * @param window the time to wait; positive
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ValueLoopBuilder within(Duration window) {
    requireNonNull(window, "window");
    checkArgument(!window.isNegative() && !window.isZero(), "loop window must be positive");
    Bounds.check(window, "loop window");
    checkState(
        loop.within == null,
        "the window of the value loop of offer '%s' was already set to %s",
        loop.offer,
        loop.within);
    loop.within = window;
    return this;
  }
}
