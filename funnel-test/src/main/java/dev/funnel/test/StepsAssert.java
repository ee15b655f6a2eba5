package dev.funnel.test;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Step;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on journal records ({@link Step}s): the stages visited in order, a stage passed
 * through or never reached, a transition taken. Made by {@link
 * FunnelAssertions#assertThatSteps(List)} or from an outcome, receipt or journey.
 *
 * <pre>{@code
 * assertThatSteps(journal)
 *     .visited("visitor", "cold-lead", "buyer")
 *     .took("cold-lead", "paid", "buyer");
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class StepsAssert extends AbstractAssert<StepsAssert, List<Step>> {
  private final @Nullable Journey journey;

  StepsAssert(List<Step> actual, @Nullable Journey journey) {
    super(ImmutableList.copyOf(actual), StepsAssert.class);
    this.journey = journey;
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      failWithMessage(
          "%s",
          "expected the steps "
              + problem
              + "\n"
              + (journey == null ? "  steps: " + describe(actual) : journey.toString()));
    }
  }

  /** Tells steps as {@code from -event-> to}, by ids only. */
  static String describe(List<Step> steps) {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      out.add(
          s.isEntry()
              ? "entered '" + s.to() + "'"
              : "'" + s.from() + "' -" + s.eventType() + "-> '" + s.to() + "'");
    }
    return out.toString();
  }

  private List<String> visits() {
    List<String> out = new ArrayList<>();
    for (Step s : actual) {
      if (s.isEntry() || s.isMove()) {
        out.add(s.to());
      }
    }
    return out;
  }

  /**
   * Checks the stages the lead entered and moved to, exactly and in order.
   *
   * @param stages the stages, in order
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public StepsAssert visited(String... stages) {
    isNotNull();
    check(
        visits().equals(List.of(stages)),
        "to visit " + List.of(stages) + ", but they visited " + visits());
    return this;
  }

  /**
   * Checks that the lead entered or moved to a stage at some point.
   *
   * @param stage the stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public StepsAssert passedThrough(String stage) {
    isNotNull();
    check(
        visits().contains(stage), "to pass through '" + stage + "', but they visited " + visits());
    return this;
  }

  /**
   * Checks that the lead never entered or moved to a stage.
   *
   * @param stage the stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public StepsAssert neverReached(String stage) {
    isNotNull();
    check(
        !visits().contains(stage), "never to reach '" + stage + "', but they visited " + visits());
    return this;
  }

  /**
   * Checks that a step went from a stage on an event to a stage ({@code to} equal to {@code from}
   * for a transition that stays).
   *
   * @param from the stage the lead was in
   * @param event the event type
   * @param to the stage the lead was in after it
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public StepsAssert took(String from, String event, String to) {
    isNotNull();
    boolean found = false;
    for (Step s : actual) {
      found |= from.equals(s.from()) && event.equals(s.eventType()) && to.equals(s.to());
    }
    check(found, "to take '" + from + "' -" + event + "-> '" + to + "'");
    return this;
  }
}
