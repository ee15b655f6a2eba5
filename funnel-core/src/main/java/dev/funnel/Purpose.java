package dev.funnel;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a message is sent, which decides what contact pressure and consent apply to it: marketing
 * messages respect quiet hours, frequency caps, holdouts and the person's marketing consent;
 * transactional ones (receipts, password resets) are exempt from all but a withdrawal of
 * transactional consent. A {@link Actions#send send} action is marketing unless its {@code purpose}
 * parameter says {@code "transactional"}. Immutable and thread-safe.
 */
public enum Purpose {
  /** A message meant to sell or keep the person interested: newsletters, nudges, offers. */
  MARKETING,
  /** A message the person needs whatever they chose: a receipt, a password reset. */
  TRANSACTIONAL;

  /** The name of the {@code send} parameter that holds the purpose. */
  public static final String PARAM = "purpose";

  /**
   * Returns the purpose's name in definitions, {@code "marketing"} or {@code "transactional"}.
   *
   * @return the purpose's name in definitions
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the purpose of this name in definitions.
   *
   * @param name {@code "marketing"} or {@code "transactional"}
   * @return the purpose, or empty for any other name
   */
  public static Optional<Purpose> named(String name) {
    requireNonNull(name, "name");
    for (Purpose p : values()) {
      if (p.wireName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the purpose of a message action: its {@code purpose} parameter, marketing by default.
   *
   * @param send a {@code send} action
   * @return its purpose
   */
  public static Purpose of(Action send) {
    return send.param(PARAM).flatMap(Purpose::named).orElse(MARKETING);
  }
}
