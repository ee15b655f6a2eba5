package dev.funnel.test;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link Scenario}'s {@link Journey}: where the lead ended up, the stages it
 * visited, the actions and timers of the whole journey. Made by {@link
 * FunnelAssertions#assertThat(Journey)}; a failure tells the journey move by move.
 *
 * <pre>{@code
 * assertThat(scenario.run())
 *     .isInStage("buyer")
 *     .visited("visitor", "cold-lead", "buyer")
 *     .emittedInOrder(Actions.send("welcome-1", "email"), Actions.send("thanks"))
 *     .lead().hasBought("mini-set");
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class JourneyAssert extends AbstractAssert<JourneyAssert, Journey> {

  JourneyAssert(Journey actual) {
    super(actual, JourneyAssert.class);
  }

  private void check(@Nullable String problem) {
    if (problem != null) {
      failWithMessage("%s", "expected lead '" + actual.leadId() + "' " + problem + "\n" + actual);
    }
  }

  /**
   * Checks the stage the lead ended the journey in.
   *
   * @param stage the stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert isInStage(String stage) {
    lead().isInStage(stage);
    return this;
  }

  /**
   * Checks the stages the lead entered and moved to, exactly and in order.
   *
   * @param stages the stages, in order
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert visited(String... stages) {
    isNotNull();
    check(
        actual.stages().equals(List.of(stages))
            ? null
            : "to visit " + List.of(stages) + ", but it visited " + actual.stages());
    return this;
  }

  /**
   * Checks that the lead entered or moved to a stage at some point.
   *
   * @param stage the stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert passedThrough(String stage) {
    isNotNull();
    check(actual.stages().contains(stage) ? null : "to pass through '" + stage + "'");
    return this;
  }

  /**
   * Checks that the lead never entered or moved to a stage.
   *
   * @param stage the stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert neverReached(String stage) {
    isNotNull();
    check(actual.stages().contains(stage) ? "never to reach '" + stage + "'" : null);
    return this;
  }

  /**
   * Checks that an action of this name came out on the journey.
   *
   * @param name the action's name
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert emitted(String name) {
    isNotNull();
    check(Effects.emittedNamed(actual.effects(), name));
    return this;
  }

  /**
   * Checks that these actions came out on the journey, in any order, among others.
   *
   * @param actions the actions
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert emitted(Action... actions) {
    isNotNull();
    check(Effects.emittedAll(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that these actions came out on the journey in this order, others possibly in between.
   *
   * @param actions the actions, in order
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert emittedInOrder(Action... actions) {
    isNotNull();
    check(Effects.emittedInOrder(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that exactly these actions came out on the journey, in this order.
   *
   * @param actions the actions, in order; none for no action at all
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert emittedExactly(Action... actions) {
    isNotNull();
    check(Effects.emittedExactly(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that no action of this name came out on the journey.
   *
   * @param name the action's name
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert didNotEmit(String name) {
    isNotNull();
    check(Effects.notEmittedNamed(actual.effects(), name));
    return this;
  }

  /**
   * Checks that a timer firing an event was scheduled on the journey, due at an instant.
   *
   * @param event the event type the timer fires
   * @param due when it falls due
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert scheduled(String event, Instant due) {
    isNotNull();
    check(Effects.timer(actual.effects(), true, event, due));
    return this;
  }

  /**
   * Checks that a timer firing an event, due at an instant, was cancelled on the journey.
   *
   * @param event the event type the timer would have fired
   * @param due when it would have fallen due
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public JourneyAssert cancelled(String event, Instant due) {
    isNotNull();
    check(Effects.timer(actual.effects(), false, event, due));
    return this;
  }

  /**
   * Returns assertions on the lead at the end of the journey.
   *
   * @return assertions on {@link Journey#lead()}
   */
  public LeadAssert lead() {
    isNotNull();
    check(actual.hasLead() ? null : "to be in the funnel");
    return new LeadAssert(actual.lead(), actual);
  }

  /**
   * Returns assertions on the journey's journal records.
   *
   * @return assertions on {@link Journey#steps()}
   */
  public StepsAssert steps() {
    isNotNull();
    return new StepsAssert(actual.steps(), actual);
  }
}
