package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import dev.funnel.Event;

/**
 * One event for one lead of one funnel: an element of the batch {@link FunnelRuntime#handleAll}
 * handles. Immutable and thread-safe.
 *
 * @param funnelId the funnel's id
 * @param leadId the lead's id
 * @param event the event
 */
public record LeadEvent(String funnelId, String leadId, Event event) {

  /**
   * Creates an event for a lead.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param event the event
   * @throws IllegalArgumentException if an id is blank
   */
  public LeadEvent {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(event, "event");
    LeadKey unused = new LeadKey(funnelId, leadId);
  }

  /**
   * Returns an event for a lead.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param event the event
   * @return the event for the lead
   * @throws IllegalArgumentException if an id is blank
   */
  public static LeadEvent of(String funnelId, String leadId, Event event) {
    return new LeadEvent(funnelId, leadId, event);
  }

  /**
   * Returns the key of the lead the event is for.
   *
   * @return the funnel id and lead id
   */
  public LeadKey key() {
    return new LeadKey(funnelId, leadId);
  }
}
