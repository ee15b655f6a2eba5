package dev.funnel.metrics;

import static java.util.Objects.requireNonNull;

import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;

/**
 * Micrometer meters for a {@link FunnelRuntime}, in two parts: a {@link FunnelListener} that counts
 * events, stage entries, timers and deliveries as the runtime reports them, registered on the
 * runtime's builder, and the gauges of the runtime's outbox, bound once the runtime is built:
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry(); // or the application's registry
 * Clock clock = Clock.systemUTC();                    // the clock the runtime reads
 * FunnelRuntime runtime = FunnelRuntime.builder(Catalog.of(shop))
 *     .clock(clock)
 *     .handler(Actions.SEND, mailer)
 *     .listener(FunnelMetrics.listener(registry, clock))
 *     .build();
 * FunnelMetrics.gauges(runtime).bindTo(registry);
 * }</pre>
 *
 * <p>The meters, their tags and what they count are listed in the {@linkplain dev.funnel.metrics
 * package documentation}. Tags name funnels, stages, actions and refusal reasons, never a lead or
 * an owner. Thread-safe.
 */
public final class FunnelMetrics implements MeterBinder {
  /**
   * The most outbox entries a gauge counts: each reading lists up to this many from the store, so a
   * store holding more reports this number.
   */
  public static final int COUNTED_UP_TO = 10_000;

  /**
   * How many of the latest steps a {@linkplain #listener listener} remembers the time of, to time
   * the delivery of their effects.
   */
  public static final int REMEMBERED_STEPS = 10_000;

  private final FunnelRuntime runtime;

  private FunnelMetrics(FunnelRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Returns a listener that counts what a runtime does into a registry; add it to the runtime with
   * {@link FunnelRuntimeBuilder#listener}. The runtime does not hand its clock out, so the clock is
   * given here: the one set with {@link FunnelRuntimeBuilder#clock}, or {@link Clock#systemUTC()}
   * if none was. It times how late timers fire and how long effects take to be delivered; the
   * delivery of an effect is timed if its step is among the last {@value #REMEMBERED_STEPS} the
   * listener heard of (it is counted either way).
   *
   * @param registry the registry the meters are registered in
   * @param clock the runtime's clock
   * @return the listener
   */
  public static FunnelListener listener(MeterRegistry registry, Clock clock) {
    return new MeteringListener(
        requireNonNull(registry, "registry"), requireNonNull(clock, "clock"));
  }

  /**
   * Returns the gauges of a runtime's outbox, {@code funnel.outbox.pending} and {@code
   * funnel.outbox.parked}, to be bound to a registry with {@link #bindTo}. Each reading asks the
   * runtime's store ({@link FunnelRuntime#pending} and {@link FunnelRuntime#parked}) and counts up
   * to {@value #COUNTED_UP_TO} entries. The gauges hold the runtime weakly, as Micrometer's do.
   *
   * @param runtime the runtime
   * @return the gauges
   */
  public static FunnelMetrics gauges(FunnelRuntime runtime) {
    return new FunnelMetrics(requireNonNull(runtime, "runtime"));
  }

  /**
   * Registers the outbox gauges in a registry.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    Gauge.builder("funnel.outbox.pending", runtime, r -> r.pending(COUNTED_UP_TO).size())
        .description("effects in the outbox waiting to be handed over")
        .register(registry);
    Gauge.builder("funnel.outbox.parked", runtime, r -> r.parked(COUNTED_UP_TO).size())
        .description("effects the runtime gave up on, parked in the outbox")
        .register(registry);
  }

  @Override
  public String toString() {
    return "FunnelMetrics{" + runtime + "}";
  }
}
