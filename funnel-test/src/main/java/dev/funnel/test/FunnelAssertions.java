package dev.funnel.test;

import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.Receipt;
import java.util.List;

/**
 * The front door of the kit's assertions: fluent, AssertJ-style checks on what a funnel did, whose
 * failure messages tell the lead's journey so far (stages, events, refusals, actions, timers) and
 * never an attribute or payload value.
 *
 * <pre>{@code
 * import static dev.funnel.test.FunnelAssertions.assertThat;
 *
 * Outcome out = shop.fire(lead, Event.of("evt-1", "contact-left", now));
 * assertThat(out)
 *     .movedTo("cold-lead")
 *     .emittedInOrder(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
 *     .scheduled("gone-cold", now.plus(Duration.ofDays(7)));
 *
 * assertThat(Scenario.of(shop, now).enter("lead-42", "ads").send("contact-left")
 *         .after(Duration.ofDays(8)).run())
 *     .isIn("lost")
 *     .visited("visitor", "cold-lead", "lost");
 * }</pre>
 *
 * <p>These {@code assertThat} methods overload AssertJ's, so both can be imported statically side
 * by side. Thread-safe: every method returns a new assertion.
 */
public final class FunnelAssertions {
  private FunnelAssertions() {}

  /**
   * Starts assertions on what came of entering, firing or advancing.
   *
   * @param actual the outcome
   * @return the assertions
   */
  public static OutcomeAssert assertThat(Outcome actual) {
    return new OutcomeAssert(actual);
  }

  /**
   * Starts assertions on a lead's snapshot.
   *
   * @param actual the lead
   * @return the assertions
   */
  public static LeadAssert assertThat(Lead actual) {
    return new LeadAssert(actual, null);
  }

  /**
   * Starts assertions on what a runtime did with one call.
   *
   * @param actual the receipt
   * @return the assertions
   */
  public static ReceiptAssert assertThat(Receipt actual) {
    return new ReceiptAssert(actual);
  }

  /**
   * Starts assertions on a scenario's journey.
   *
   * @param actual the journey
   * @return the assertions
   */
  public static JourneyAssert assertThat(Journey actual) {
    return new JourneyAssert(actual);
  }

  /**
   * Starts assertions on journal records, such as {@link Outcome#steps()}, {@link Receipt#steps()}
   * or a listener's recording. Named apart from {@code assertThat} so as not to clash with
   * AssertJ's assertions on lists.
   *
   * @param actual the steps, oldest first
   * @return the assertions
   */
  public static StepsAssert assertThatSteps(List<Step> actual) {
    return new StepsAssert(actual, null);
  }

  /**
   * Starts assertions on a funnel's figures.
   *
   * @param actual the report
   * @return the assertions
   */
  public static ReportAssert assertThat(Report actual) {
    return new ReportAssert(actual);
  }
}
