/**
 * The funnel's figures, computed from its journal of {@link dev.funnel.Step} records: entries and
 * moves per stage, drop-off, CR1 and CR2, time to convert, revenue by offer tier, average check,
 * LTV, and breakdowns by channel (with CAC, ROAS and ROI given the spend) and by owner (with "black
 * holes" flagged). Start at {@link dev.funnel.analytics.Report#builder(dev.funnel.Funnel)}.
 *
 * <p>Reports are built in one pass over the records, with memory proportional to the number of
 * stages, channels, owners and offers plus a bounded table of leads in flight, and two partial
 * reports merge into one, so shards of a journal can be counted apart and summed.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.analytics;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
