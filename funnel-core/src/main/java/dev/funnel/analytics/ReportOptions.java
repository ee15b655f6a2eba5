package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.funnel.Money;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * The options a report is counted with, shared by {@link ReportBuilder} and {@link
 * CatalogReport.Builder}: the time range, the currency and the bound on leads in flight. Each is
 * single-valued, so setting one twice is refused, naming the earlier value; none may change once
 * records are being counted. Not thread-safe.
 */
final class ReportOptions {
  /** The bound on leads in flight when none is set. */
  static final int DEFAULT_MAX_TRACKED_LEADS = 100_000;

  private @Nullable TimeRange range;
  private @Nullable Currency currency;
  private int maxTrackedLeads;
  private boolean counting;

  /** Sets the time range records are counted in. */
  void range(TimeRange range) {
    requireNonNull(range, "range");
    checkState(this.range == null, "report range was already set to %s", this.range);
    checkNotCounting("range");
    this.range = range;
  }

  /** Sets the currency money is counted in, by ISO 4217 code. */
  void currency(String code) {
    Currency c = Money.zero(code).currency();
    checkState(this.currency == null, "report currency was already set to %s", this.currency);
    checkNotCounting("currency");
    this.currency = c;
  }

  /** Sets the most leads followed at once. */
  void maxTrackedLeads(int max) {
    checkArgument(max >= 1, "max tracked leads must be at least 1");
    checkState(
        this.maxTrackedLeads == 0, "max tracked leads was already set to %s", this.maxTrackedLeads);
    checkNotCounting("max tracked leads");
    this.maxTrackedLeads = max;
  }

  private void checkNotCounting(String option) {
    checkState(!counting, "report %s must be set before the first record is counted", option);
  }

  /** Marks the options as in use: from now on they cannot change. */
  void startCounting() {
    counting = true;
  }

  /** Returns the range, all time if none was set. */
  TimeRange range() {
    return range == null ? TimeRange.ALL : range;
  }

  /** Returns the currency, or a default if none was set. */
  Currency currency(Currency fallback) {
    return currency == null ? fallback : currency;
  }

  /** Returns the bound on leads in flight. */
  int maxTrackedLeads() {
    return maxTrackedLeads == 0 ? DEFAULT_MAX_TRACKED_LEADS : maxTrackedLeads;
  }

  /** Applies the options that were set to a builder of one funnel's report. */
  void applyTo(ReportBuilder b, Currency fallback) {
    if (range != null) {
      b.range(range);
    }
    b.currency(currency(fallback).getCurrencyCode());
    if (maxTrackedLeads != 0) {
      b.maxTrackedLeads(maxTrackedLeads);
    }
  }
}
