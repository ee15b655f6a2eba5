/**
 * Monte Carlo forecasts of a funnel: simulated leads driven through the real definition ({@link
 * dev.funnel.Funnel#enter}, {@link dev.funnel.Funnel#fire}, {@link dev.funnel.Funnel#advance}) with
 * a probability and a delay per move and a volume and a spend per channel, giving the same {@link
 * dev.funnel.analytics.Report} as the analytics of real records, and "what if" comparisons that
 * show which step is worth improving first. Start at {@link
 * dev.funnel.simulation.Simulation#builder(dev.funnel.Funnel)}.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.simulation;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
