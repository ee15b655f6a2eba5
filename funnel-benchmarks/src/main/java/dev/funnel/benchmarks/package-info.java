/**
 * JMH benchmarks of funnel against stateless4j, squirrel-foundation and Spring Statemachine.
 *
 * <p>Every library drives the same funnel, {@link dev.funnel.benchmarks.Shape}: five stages, a loop
 * hot lead, buyer, repeat customer, hot lead again, one guard reading the order total on the paid
 * transition and one action per transition. Each library has its own state class ({@code
 * FunnelLoop}, {@code Stateless4jLoop}, {@code SquirrelLoop}, {@code SpringStatemachineLoop}); each
 * measure has its own benchmark class with one method per library ({@link
 * dev.funnel.benchmarks.TransitionBenchmark}, {@link dev.funnel.benchmarks.NewLeadBenchmark}), and
 * {@link dev.funnel.benchmarks.Footprint} reports retained heap per lead. funnel's own layers have
 * classes of their own: {@link dev.funnel.benchmarks.RuntimeBenchmark} (the runtime's {@code
 * handle} against the pure fire, on one and two threads), {@link
 * dev.funnel.benchmarks.TimerBenchmark} (a million pending timers advanced across a day) and {@link
 * dev.funnel.benchmarks.JacksonBenchmark} (reading and writing a large definition in JSON).
 */
@CheckReturnValue
@NullMarked
package dev.funnel.benchmarks;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
