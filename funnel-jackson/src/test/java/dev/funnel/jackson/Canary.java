package dev.funnel.jackson;

/** A class whose initialisation is recorded: input naming it must never initialise it. */
final class Canary {
  static {
    CanaryFlag.INITIALIZED.set(true);
  }

  private Canary() {}
}
