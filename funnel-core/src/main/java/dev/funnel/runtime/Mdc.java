package dev.funnel.runtime;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the ids of the lead and event being worked on into the SLF4J MDC, and puts back what was
 * there before on {@link #restore()}, so nested work (a hand-off entering another funnel) logs its
 * own ids and then gives the outer ones back. Ids only, never personal data. Not thread-safe: use
 * on one thread as {@code Mdc saved = Mdc.put(...); try { ... } finally { saved.restore(); }}.
 */
final class Mdc {
  private final @Nullable String funnel;
  private final @Nullable String lead;
  private final @Nullable String event;

  private Mdc(@Nullable String funnel, @Nullable String lead, @Nullable String event) {
    this.funnel = funnel;
    this.lead = lead;
    this.event = event;
  }

  /** Puts the ids into the MDC and returns what was there before. */
  static Mdc put(String funnelId, String leadId, @Nullable String eventId) {
    Mdc saved =
        new Mdc(
            MDC.get(FunnelRuntime.MDC_FUNNEL_ID),
            MDC.get(FunnelRuntime.MDC_LEAD_ID),
            MDC.get(FunnelRuntime.MDC_EVENT_ID));
    MDC.put(FunnelRuntime.MDC_FUNNEL_ID, funnelId);
    MDC.put(FunnelRuntime.MDC_LEAD_ID, leadId);
    set(FunnelRuntime.MDC_EVENT_ID, eventId);
    return saved;
  }

  private static void set(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Puts back the ids that were in the MDC when this was made. */
  void restore() {
    set(FunnelRuntime.MDC_FUNNEL_ID, funnel);
    set(FunnelRuntime.MDC_LEAD_ID, lead);
    set(FunnelRuntime.MDC_EVENT_ID, event);
  }
}
