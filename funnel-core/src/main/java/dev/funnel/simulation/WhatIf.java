package dev.funnel.simulation;

import static java.util.Objects.requireNonNull;

import dev.funnel.Money;
import dev.funnel.analytics.Report;

/**
 * The effect of one change to a simulation: the forecast before and after, both drawn with the same
 * seed. Sales are leads converted (a first purchase or a won stage, see {@link
 * Report#converted()}). Immutable and thread-safe.
 *
 * @param change what was changed, such as {@code "paid in cold-lead at 0.055"}
 * @param base the forecast before the change
 * @param changed the forecast after the change
 */
public record WhatIf(String change, Report base, Report changed) {

  /**
   * Creates a comparison.
   *
   * @param change what was changed, such as {@code "paid in cold-lead at 0.055"}
   * @param base the forecast before the change
   * @param changed the forecast after the change
   */
  public WhatIf {
    requireNonNull(change, "change");
    requireNonNull(base, "base");
    requireNonNull(changed, "changed");
  }

  /**
   * Returns how many more leads converted after the change; negative if fewer.
   *
   * @return how many more leads converted after the change; negative if fewer
   */
  public long salesDelta() {
    return changed.converted() - base.converted();
  }

  /**
   * Returns how many more purchases were made after the change; negative if fewer.
   *
   * @return how many more purchases were made after the change; negative if fewer
   */
  public long purchasesDelta() {
    return changed.purchases() - base.purchases();
  }

  /**
   * Returns how much more revenue came in after the change; negative if less.
   *
   * @return how much more revenue came in after the change; negative if less
   */
  public Money revenueDelta() {
    return changed.revenue().minus(base.revenue());
  }

  /**
   * Returns the change and its effect on sales and revenue.
   *
   * @return the change and its effect on sales and revenue
   */
  @Override
  public String toString() {
    return change + ": sales " + signed(salesDelta()) + ", revenue " + revenueDelta();
  }

  private static String signed(long n) {
    return n > 0 ? "+" + n : Long.toString(n);
  }
}
