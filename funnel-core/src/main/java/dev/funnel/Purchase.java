package dev.funnel;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Something a lead bought: the offer, the amount paid, when, and the event that recorded it.
 * Immutable and thread-safe; {@link #toString()} leaves out the amount, what a person paid.
 *
 * @param offer the id of the offer bought
 * @param amount the amount paid
 * @param at when the purchase happened
 * @param eventId the id of the event that recorded the purchase
 */
public record Purchase(String offer, Money amount, Instant at, String eventId) {

  /**
   * Creates a purchase record.
   *
   * @param offer the id of the offer bought
   * @param amount the amount paid
   * @param at when the purchase happened
   * @param eventId the id of the event that recorded the purchase
   */
  public Purchase {
    Ids.check(offer, "offer id");
    requireNonNull(amount, "amount");
    Bounds.check(at, "purchase time");
    Ids.check(eventId, "event id");
  }

  /**
   * Returns the offer, the time and the event id; never the amount.
   *
   * @return the offer, the time and the event id
   */
  @Override
  public String toString() {
    return "Purchase{offer=" + offer + ", at=" + at + ", eventId=" + eventId + "}";
  }
}
