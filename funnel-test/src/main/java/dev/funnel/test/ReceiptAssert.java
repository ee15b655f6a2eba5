package dev.funnel.test;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Outcome;
import dev.funnel.runtime.Receipt;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a runtime's {@link Receipt}: entered, moved, stayed, refused and why, or no such
 * lead. Made by {@link FunnelAssertions#assertThat(Receipt)}.
 *
 * <pre>{@code
 * assertThat(runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", now)))
 *     .movedTo("cold-lead");
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class ReceiptAssert extends AbstractAssert<ReceiptAssert, Receipt> {

  ReceiptAssert(Receipt actual) {
    super(actual, ReceiptAssert.class);
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      String now = actual.lead().map(Journey::describe).orElse("not in the store");
      failWithMessage(
          "%s",
          "expected lead '"
              + actual.key()
              + "' "
              + problem
              + ", but the call came to "
              + actual.status()
              + actual.refusal().map(r -> " (" + r + ")").orElse("")
              + "\n  steps: "
              + StepsAssert.describe(actual.steps())
              + "\n  now: "
              + now);
    }
  }

  private boolean inStage(String stage) {
    return actual.lead().filter(l -> l.stage().equals(stage)).isPresent();
  }

  /**
   * Checks that the lead entered the funnel in a stage.
   *
   * @param stage the entry stage
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReceiptAssert enteredIn(String stage) {
    isNotNull();
    check(actual.status() == Receipt.Status.ENTERED && inStage(stage), "to enter '" + stage + "'");
    return this;
  }

  /**
   * Checks that the lead moved to a stage.
   *
   * @param stage the stage it should be in now
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReceiptAssert movedTo(String stage) {
    isNotNull();
    check(actual.status() == Receipt.Status.MOVED && inStage(stage), "to move to '" + stage + "'");
    return this;
  }

  /**
   * Checks that the event was accepted and the lead stayed in a stage.
   *
   * @param stage the stage it should still be in
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReceiptAssert stayedIn(String stage) {
    isNotNull();
    check(actual.status() == Receipt.Status.STAYED && inStage(stage), "to stay in '" + stage + "'");
    return this;
  }

  /**
   * Checks that the event was refused for a reason.
   *
   * @param reason why it should have been refused
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReceiptAssert wasRefused(Outcome.Refusal reason) {
    isNotNull();
    check(
        actual.refusal().filter(reason::equals).isPresent(),
        "to have the event refused (" + reason + ")");
    return this;
  }

  /**
   * Checks that the store held no such lead.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReceiptAssert hasNoLead() {
    isNotNull();
    check(actual.status() == Receipt.Status.NO_LEAD, "not to be in the store");
    return this;
  }

  /**
   * Returns assertions on the lead as stored after the call.
   *
   * @return assertions on the lead
   * @throws AssertionError if the store held no such lead
   */
  public LeadAssert lead() {
    isNotNull();
    check(actual.lead().isPresent(), "to be in the store");
    return new LeadAssert(actual.lead().orElseThrow(), null);
  }

  /**
   * Returns assertions on the steps the call stored.
   *
   * @return assertions on {@link Receipt#steps()}
   */
  public StepsAssert steps() {
    isNotNull();
    return new StepsAssert(actual.steps(), (@Nullable Journey) null);
  }
}
