package dev.funnel.test;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on an {@link Outcome}: where the lead went, why an event was refused, which actions
 * came out and which timers were scheduled or cancelled. Made by {@link
 * FunnelAssertions#assertThat(Outcome)}.
 *
 * <pre>{@code
 * assertThat(shop.fire(lead, Event.of("evt-2", "paid", now)))
 *     .wasRefused(Outcome.Refusal.GUARD_REJECTED);
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, Outcome> {

  OutcomeAssert(Outcome actual) {
    super(actual, OutcomeAssert.class);
  }

  private Journey journey() {
    return Journey.of(actual);
  }

  private void check(@Nullable String problem) {
    if (problem != null) {
      failWithMessage(
          "%s", "expected lead '" + actual.lead().id() + "' " + problem + "\n" + journey());
    }
  }

  private String was() {
    return Journey.result(actual.status(), actual.refusal().orElse(null), actual.lead().stage());
  }

  /**
   * Checks that the lead entered the funnel in a stage.
   *
   * @param stage the entry stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert enteredIn(String stage) {
    isNotNull();
    check(
        actual.status() == Outcome.Status.ENTERED && actual.lead().stage().equals(stage)
            ? null
            : "to enter '" + stage + "', but it " + was());
    return this;
  }

  /**
   * Checks that the lead moved to a stage.
   *
   * @param stage the stage it should be in now
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert movedTo(String stage) {
    isNotNull();
    check(
        actual.status() == Outcome.Status.MOVED && actual.lead().stage().equals(stage)
            ? null
            : "to move to '" + stage + "', but it " + was());
    return this;
  }

  /**
   * Checks that the event was accepted and the lead stayed in its stage.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert stayed() {
    isNotNull();
    check(actual.status() == Outcome.Status.STAYED ? null : "to stay, but it " + was());
    return this;
  }

  /**
   * Checks that the event was accepted and the lead stayed in a stage.
   *
   * @param stage the stage it should still be in
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert stayedIn(String stage) {
    isNotNull();
    check(
        actual.status() == Outcome.Status.STAYED && actual.lead().stage().equals(stage)
            ? null
            : "to stay in '" + stage + "', but it " + was());
    return this;
  }

  /**
   * Checks that the event was refused, for whatever reason.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert wasRefused() {
    isNotNull();
    check(actual.isRefused() ? null : "to have the event refused, but it " + was());
    return this;
  }

  /**
   * Checks that the event was refused for a reason.
   *
   * @param reason why it should have been refused
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert wasRefused(Outcome.Refusal reason) {
    isNotNull();
    check(
        actual.refusal().filter(reason::equals).isPresent()
            ? null
            : "to have the event refused (" + reason + "), but it " + was());
    return this;
  }

  /**
   * Checks that the event was accepted: the lead entered, moved or stayed.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert wasAccepted() {
    isNotNull();
    check(actual.isAccepted() ? null : "to have the event accepted, but it " + was());
    return this;
  }

  /**
   * Checks that an action of this name came out, whatever its parameters.
   *
   * @param name the action's name
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert emitted(String name) {
    isNotNull();
    check(Effects.emittedNamed(actual.effects(), name));
    return this;
  }

  /**
   * Checks that an action of this name and exactly these parameters came out.
   *
   * @param name the action's name
   * @param params its parameters
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert emitted(String name, Map<String, ?> params) {
    return emitted(new Action(name, ImmutableMap.copyOf(params)));
  }

  /**
   * Checks that these actions came out, in any order, among others.
   *
   * @param actions the actions
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert emitted(Action... actions) {
    isNotNull();
    check(Effects.emittedAll(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that these actions came out in this order, others possibly in between.
   *
   * @param actions the actions, in order
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert emittedInOrder(Action... actions) {
    isNotNull();
    check(Effects.emittedInOrder(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that exactly these actions came out, in this order, and no other.
   *
   * @param actions the actions, in order; none for no action at all
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert emittedExactly(Action... actions) {
    isNotNull();
    check(Effects.emittedExactly(actual.effects(), List.of(actions)));
    return this;
  }

  /**
   * Checks that no action of this name came out.
   *
   * @param name the action's name
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert didNotEmit(String name) {
    isNotNull();
    check(Effects.notEmittedNamed(actual.effects(), name));
    return this;
  }

  /**
   * Checks that a timer firing an event was scheduled, due at an instant.
   *
   * @param event the event type the timer fires
   * @param due when it falls due
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert scheduled(String event, Instant due) {
    isNotNull();
    check(Effects.timer(actual.effects(), true, event, due));
    return this;
  }

  /**
   * Checks that a timer firing an event was scheduled, whenever it falls due.
   *
   * @param event the event type the timer fires
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert scheduled(String event) {
    isNotNull();
    check(Effects.timer(actual.effects(), true, event, null));
    return this;
  }

  /**
   * Checks that a timer firing an event, due at an instant, was cancelled.
   *
   * @param event the event type the timer would have fired
   * @param due when it would have fallen due
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert cancelled(String event, Instant due) {
    isNotNull();
    check(Effects.timer(actual.effects(), false, event, due));
    return this;
  }

  /**
   * Checks that a timer firing an event was cancelled, whenever it would have fallen due.
   *
   * @param event the event type the timer would have fired
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public OutcomeAssert cancelled(String event) {
    isNotNull();
    check(Effects.timer(actual.effects(), false, event, null));
    return this;
  }

  /**
   * Returns assertions on the lead after the outcome.
   *
   * @return assertions on {@link Outcome#lead()}
   */
  public LeadAssert lead() {
    isNotNull();
    return new LeadAssert(actual.lead(), journey());
  }

  /**
   * Returns assertions on the outcome's journal records.
   *
   * @return assertions on {@link Outcome#steps()}
   */
  public StepsAssert steps() {
    isNotNull();
    return new StepsAssert(actual.steps(), journey());
  }
}
