package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The stable key of one effect: the lead, the id of the event whose step produced it, and the
 * effect's index in that step's list of effects. The key is fixed when the effect is stored, so a
 * re-delivered effect carries the same key and a handler can use it to do its work only once.
 *
 * <p>Entering a funnel has no event; its effects are keyed with {@link #ENTRY}. When one advance
 * fires several timers (those due at one instant of a tick, or all those due by the time of an
 * event that brings the lead up to time first), their effects are keyed by the first timer's event
 * id, indexed across them in order. Immutable and thread-safe.
 *
 * @param funnelId the funnel's id
 * @param leadId the lead's id
 * @param eventId the id of the event whose step produced the effect, or {@link #ENTRY}
 * @param index the effect's index in that step's list of effects, from 0
 */
public record EffectKey(String funnelId, String leadId, String eventId, int index) {

  /** The event id that keys the effects of a lead entering a funnel. */
  public static final String ENTRY = "@entry";

  /**
   * Creates a key.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param eventId the id of the event whose step produced the effect, or {@link #ENTRY}
   * @param index the effect's index in that step's list of effects, from 0
   * @throws IllegalArgumentException if an id is blank or the index negative
   */
  public EffectKey {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(eventId, "eventId");
    checkArgument(!funnelId.isBlank(), "funnel id is blank");
    checkArgument(!leadId.isBlank(), "lead id is blank");
    checkArgument(!eventId.isBlank(), "event id is blank");
    checkArgument(index >= 0, "effect index is negative");
  }

  /**
   * Returns the key of the lead the effect belongs to.
   *
   * @return the funnel id and lead id
   */
  public LeadKey leadKey() {
    return new LeadKey(funnelId, leadId);
  }

  /**
   * Returns {@code funnelId/leadId/eventId#index}.
   *
   * @return {@code funnelId/leadId/eventId#index}
   */
  @Override
  public String toString() {
    return funnelId + "/" + leadId + "/" + eventId + "#" + index;
  }
}
