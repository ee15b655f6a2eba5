package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The journal record of one accepted step: a lead entering the funnel, moving, or staying where it
 * was. Analytics read these records, so the figures always agree with what the funnel did.
 * Immutable and thread-safe; holds ids, never attribute values. The actor and the reason are free
 * text typed by people and the amount is what a person paid, so {@link #toString()} shows neither.
 *
 * @param funnelId the funnel's id
 * @param leadId the lead's id
 * @param from the stage the lead left, or {@code null} when it entered the funnel
 * @param to the stage the lead is in after the step
 * @param eventId the id of the event, or {@code null} when the lead entered the funnel
 * @param eventType the type of the event, or {@code null} when the lead entered the funnel
 * @param at when the step happened
 * @param channel the lead's acquisition channel
 * @param owner the lead's owner after the step, if any
 * @param offer the offer the event named, if any
 * @param amount the amount paid, if the event recorded a purchase
 * @param actor who made a manual move, if anyone
 * @param reason the reason given with the event, if any
 * @param version the lead's version after the step
 */
public record Step(
    String funnelId,
    String leadId,
    @Nullable String from,
    String to,
    @Nullable String eventId,
    @Nullable String eventType,
    Instant at,
    String channel,
    @Nullable String owner,
    @Nullable String offer,
    @Nullable Money amount,
    @Nullable String actor,
    @Nullable String reason,
    long version) {

  /**
   * Creates a step record.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param from the stage the lead left, or {@code null} when it entered the funnel
   * @param to the stage the lead is in after the step
   * @param eventId the id of the event, or {@code null} when the lead entered the funnel
   * @param eventType the type of the event, or {@code null} when the lead entered the funnel
   * @param at when the step happened
   * @param channel the lead's acquisition channel
   * @param owner the lead's owner after the step, if any
   * @param offer the offer the event named, if any
   * @param amount the amount paid, if the event recorded a purchase
   * @param actor who made a manual move, if anyone
   * @param reason the reason given with the event, if any
   * @param version the lead's version after the step
   */
  public Step {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(to, "to");
    Bounds.check(at, "step time");
    requireNonNull(channel, "channel");
  }

  /**
   * Returns whether this step entered the lead into the funnel.
   *
   * @return whether this step entered the lead into the funnel
   */
  public boolean isEntry() {
    return from == null;
  }

  /**
   * Returns whether the lead changed stage in this step.
   *
   * @return whether the lead changed stage in this step
   */
  public boolean isMove() {
    return from != null && !from.equals(to);
  }

  /**
   * Returns whether this step recorded a purchase.
   *
   * @return whether this step recorded a purchase
   */
  public boolean isPurchase() {
    return amount != null;
  }

  /**
   * Returns the ids, stages, time and version; never the actor, the reason or the amount, which may
   * be personal data.
   *
   * @return the ids, stages, time and version
   */
  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Step")
        .omitNullValues()
        .add("funnel", funnelId)
        .add("lead", leadId)
        .add("from", from)
        .add("to", to)
        .add("event", eventId)
        .add("type", eventType)
        .add("at", at)
        .add("channel", channel)
        .add("owner", owner)
        .add("offer", offer)
        .add("version", version)
        .toString();
  }

  static Step of(Lead before, Lead after, Event event) {
    return new Step(
        after.funnelId(),
        after.id(),
        before.stage(),
        after.stage(),
        event.id(),
        event.type(),
        after.updatedAt(),
        after.channel(),
        after.profile().owner,
        event.offerOrNull(),
        event.amountOrNull(),
        event.actor().orElse(null),
        event.reason().orElse(null),
        after.version());
  }

  static Step entry(Lead lead) {
    return new Step(
        lead.funnelId(),
        lead.id(),
        null,
        lead.stage(),
        null,
        null,
        lead.enteredAt(),
        lead.channel(),
        lead.profile().owner,
        null,
        null,
        null,
        null,
        lead.version());
  }
}
