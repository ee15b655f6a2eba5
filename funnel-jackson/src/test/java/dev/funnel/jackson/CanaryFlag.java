package dev.funnel.jackson;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set when {@link Canary} is initialised. */
final class CanaryFlag {
  private CanaryFlag() {}

  static final AtomicBoolean INITIALIZED = new AtomicBoolean();
}
