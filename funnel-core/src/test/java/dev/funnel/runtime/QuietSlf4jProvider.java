package dev.funnel.runtime;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the core's tests: its loggers drop every message, as SLF4J's no-operation
 * default does, so nothing is printed; its MDC keeps what is put into it, per thread, so that tests
 * can see the logging context the runtime sets. Found through {@code META-INF/services} on the
 * class path, and through the {@code slf4j.provider} system property that the build sets for the
 * module path, where service files in the patched module are not read.
 */
// Public for SLF4J to instantiate; the SLF4J types it names need no export from this module.
@SuppressWarnings("exports")
public final class QuietSlf4jProvider implements SLF4JServiceProvider {
  private final ILoggerFactory loggers = new NOPLoggerFactory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Makes the provider; SLF4J calls it. */
  public QuietSlf4jProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}
}
