package dev.funnel.runtime;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the ids of the lead and event being worked on into the SLF4J MDC, and restores what was
 * there before on {@link #close()}, so nested work (a hand-off entering another funnel) logs its
 * own ids and then gives the outer ones back. Ids only, never personal data. Not thread-safe: use
 * on one thread in a try-with-resources block.
 */
final class Mdc implements AutoCloseable {
  private final @Nullable String funnel;
  private final @Nullable String lead;
  private final @Nullable String event;

  private Mdc(@Nullable String funnel, @Nullable String lead, @Nullable String event) {
    this.funnel = funnel;
    this.lead = lead;
    this.event = event;
  }

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

  @Override
  public void close() {
    set(FunnelRuntime.MDC_FUNNEL_ID, funnel);
    set(FunnelRuntime.MDC_LEAD_ID, lead);
    set(FunnelRuntime.MDC_EVENT_ID, event);
  }
}
