/**
 * Micrometer meters for {@link dev.funnel.runtime.FunnelRuntime}. {@link
 * dev.funnel.metrics.FunnelMetrics#listener} counts what the runtime does as a {@link
 * dev.funnel.runtime.FunnelListener}; {@link dev.funnel.metrics.FunnelMetrics#gauges} is a {@code
 * MeterBinder} of the outbox. The meters:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code funnel.events.accepted}</td><td>counter</td><td>{@code funnel}</td>
 *       <td>events accepted (moves and stays; not entries, not fired timers)</td></tr>
 *   <tr><td>{@code funnel.events.refused}</td><td>counter</td><td>{@code funnel}, {@code reason}
 *       </td><td>events refused, by the outcome's refusal in lower case ({@code no_transition},
 *       {@code guard_rejected}, {@code duplicate}, {@code terminal}, {@code stale}), or {@code
 *       no_lead} for an event naming a lead the store lacks</td></tr>
 *   <tr><td>{@code funnel.stage.entries}</td><td>counter</td><td>{@code funnel}, {@code stage}
 *       </td><td>leads entering a stage: entering the funnel, or moving there from another
 *       stage</td></tr>
 *   <tr><td>{@code funnel.timers.fired}</td><td>counter</td><td>{@code funnel}, {@code stage}</td>
 *       <td>timers fired, by the stage they belong to</td></tr>
 *   <tr><td>{@code funnel.timers.lateness}</td><td>timer, with a percentile histogram</td>
 *       <td>{@code funnel}</td><td>how long after its due time each timer fired, by the clock
 *       given</td></tr>
 *   <tr><td>{@code funnel.effects.delivered}</td><td>counter</td><td>{@code funnel}, {@code
 *       action}</td><td>effects handed over successfully</td></tr>
 *   <tr><td>{@code funnel.effects.latency}</td><td>timer, with a percentile histogram</td><td>
 *       {@code funnel}, {@code action}</td><td>from the step that produced an effect to its
 *       delivery, by the clock given</td></tr>
 *   <tr><td>{@code funnel.effects.retries}</td><td>counter</td><td>{@code funnel}, {@code action}
 *       </td><td>failed attempts that will be tried again</td></tr>
 *   <tr><td>{@code funnel.effects.parked}</td><td>counter</td><td>{@code funnel}, {@code action}
 *       </td><td>effects given up and parked</td></tr>
 *   <tr><td>{@code funnel.outbox.pending}</td><td>gauge</td><td>none</td><td>effects in the
 *       store's outbox waiting to be handed over</td></tr>
 *   <tr><td>{@code funnel.outbox.parked}</td><td>gauge</td><td>none</td><td>effects parked in the
 *       store's outbox</td></tr>
 * </table>
 *
 * <p>Tag values are ids from the definitions (funnel, stage, action) and the runtime's fixed
 * refusal names; no meter is tagged with a lead id, an owner, a channel or anything else about a
 * person.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.metrics;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
