package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One rung of the offer ladder: a lead magnet, a tripwire, a core product or a profit maximizer.
 * Immutable and thread-safe.
 *
 * @param id the offer's id, unique in its funnel
 * @param tier where the offer stands on the ladder
 * @param name a human-readable name
 * @param price the price, or {@code null} for a free offer
 */
public record Offer(String id, Tier tier, String name, @Nullable Money price) {

  /** Where an offer stands on the offer ladder. */
  public enum Tier {
    /** Free and valuable, given in exchange for a contact. */
    LEAD_MAGNET,
    /** A one-off cheap offer that turns a lead into a paying customer. */
    TRIPWIRE,
    /** What the business actually sells. */
    CORE_PRODUCT,
    /** What raises the average check after the sale. */
    PROFIT_MAXIMIZER
  }

  /**
   * Creates an offer.
   *
   * @param id the offer's id, unique in its funnel
   * @param tier where the offer stands on the ladder
   * @param name a human-readable name
   * @param price the price, or {@code null} for a free offer
   * @throws IllegalArgumentException if the id is blank or the price negative
   */
  public Offer {
    Ids.check(id, "offer id");
    requireNonNull(tier, "tier");
    requireNonNull(name, "name");
    checkArgument(price == null || !price.isNegative(), "offer '%s' has a negative price", id);
  }

  /**
   * Returns a free lead magnet named after its id.
   *
   * @param id the offer's id
   * @return the offer
   */
  public static Offer leadMagnet(String id) {
    return new Offer(id, Tier.LEAD_MAGNET, id, null);
  }

  /**
   * Returns a tripwire named after its id.
   *
   * @param id the offer's id
   * @param price its price
   * @return the offer
   */
  public static Offer tripwire(String id, Money price) {
    return new Offer(id, Tier.TRIPWIRE, id, requireNonNull(price, "price"));
  }

  /**
   * Returns a core product named after its id.
   *
   * @param id the offer's id
   * @param price its price
   * @return the offer
   */
  public static Offer coreProduct(String id, Money price) {
    return new Offer(id, Tier.CORE_PRODUCT, id, requireNonNull(price, "price"));
  }

  /**
   * Returns a profit maximizer named after its id.
   *
   * @param id the offer's id
   * @param price its price
   * @return the offer
   */
  public static Offer profitMaximizer(String id, Money price) {
    return new Offer(id, Tier.PROFIT_MAXIMIZER, id, requireNonNull(price, "price"));
  }

  /**
   * Returns a copy of this offer with another display name.
   *
   * @param name the new name
   * @return the renamed offer
   */
  public Offer named(String name) {
    return new Offer(id, tier, name, price);
  }

  /**
   * Returns whether the offer costs nothing.
   *
   * @return whether the offer costs nothing
   */
  public boolean isFree() {
    return price == null || price.isZero();
  }
}
