package dev.funnel.test;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Money;
import dev.funnel.analytics.Report;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a funnel's figures ({@link Report}): entries, stages entered, transitions taken,
 * buyers and revenue. Made by {@link FunnelAssertions#assertThat(Report)}.
 *
 * <pre>{@code
 * assertThat(Report.of(shop, journal))
 *     .hasEntries(4).entered("buyer", 2).hasBuyers(2).hasRevenue(Money.of("70.90", "EUR"));
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class ReportAssert extends AbstractAssert<ReportAssert, Report> {

  ReportAssert(Report actual) {
    super(actual, ReportAssert.class);
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      failWithMessage(
          "%s",
          "expected the figures of funnel '"
              + actual.funnel().id()
              + "' "
              + problem
              + "\n  "
              + actual);
    }
  }

  /**
   * Checks how many leads entered the funnel.
   *
   * @param entries the number of entries
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReportAssert hasEntries(long entries) {
    isNotNull();
    check(
        actual.entries() == entries,
        "to count " + entries + " entries, but they count " + actual.entries());
    return this;
  }

  /**
   * Checks how many leads entered a stage.
   *
   * @param stage the stage
   * @param leads how many should have entered it
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReportAssert entered(String stage, long leads) {
    isNotNull();
    long n = actual.entered(stage);
    check(n == leads, "to count " + leads + " leads entering '" + stage + "', but they count " + n);
    return this;
  }

  /**
   * Checks how often a transition was taken.
   *
   * @param from the stage the lead was in
   * @param event the event type
   * @param to the stage the lead was in after it
   * @param times how often
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReportAssert took(String from, String event, String to, long times) {
    isNotNull();
    long n = actual.taken(from, event, to);
    check(
        n == times,
        "to count '"
            + from
            + "' -"
            + event
            + "-> '"
            + to
            + "' "
            + times
            + " times, but they count "
            + n);
    return this;
  }

  /**
   * Checks how many leads bought something.
   *
   * @param buyers the number of buyers
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReportAssert hasBuyers(long buyers) {
    isNotNull();
    check(
        actual.buyers() == buyers,
        "to count " + buyers + " buyers, but they count " + actual.buyers());
    return this;
  }

  /**
   * Checks the revenue.
   *
   * @param revenue the revenue
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public ReportAssert hasRevenue(Money revenue) {
    isNotNull();
    check(
        actual.revenue().equals(revenue),
        "to count revenue " + revenue + ", but they count " + actual.revenue());
    return this;
  }
}
