/**
 * Micrometer meters for the funnel runtime: a listener that counts what the runtime does, and
 * gauges of its outbox.
 *
 * <p>Start at {@link dev.funnel.metrics.FunnelMetrics}.
 */
module dev.funnel.metrics {
  requires transitive dev.funnel.core;
  requires transitive micrometer.core;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;

  exports dev.funnel.metrics;
}
