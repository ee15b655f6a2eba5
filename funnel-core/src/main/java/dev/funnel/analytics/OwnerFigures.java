package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import dev.funnel.Money;

/**
 * The figures of one owner (a sales manager): the leads they received and what came of them.
 * Immutable and thread-safe.
 *
 * <p>An owner receives a lead each time the lead's owner becomes them: at entry or at a later step
 * (a reassignment, or an assign action). A lead passed back to an owner counts again. Conversions,
 * terminal stages and purchases count for the owner named on the step record that made them, so a
 * lead handed on before it converted counts as received by both owners and converted only by the
 * second.
 *
 * @param owner the owner's id
 * @param received how many leads the owner received
 * @param converted how many leads converted (first purchase or won stage) while theirs
 * @param won how many of their leads reached a won stage
 * @param lost how many of their leads reached a lost stage
 * @param junk how many of their leads they rejected as junk
 * @param purchases how many purchases their leads made while theirs
 * @param revenue what their leads paid while theirs
 */
public record OwnerFigures(
    String owner,
    long received,
    long converted,
    long won,
    long lost,
    long junk,
    long purchases,
    Money revenue) {

  /**
   * Creates the figures.
   *
   * @param owner the owner's id
   * @param received how many leads the owner received
   * @param converted how many leads converted (first purchase or won stage) while theirs
   * @param won how many of their leads reached a won stage
   * @param lost how many of their leads reached a lost stage
   * @param junk how many of their leads they rejected as junk
   * @param purchases how many purchases their leads made while theirs
   * @param revenue what their leads paid while theirs
   */
  public OwnerFigures {
    requireNonNull(owner, "owner");
    requireNonNull(revenue, "revenue");
  }

  /**
   * Returns the share of received leads that converted: {@code converted / received}. Leads the
   * owner rejected as junk count against it; {@link #qualifiedConversion()} leaves them out.
   *
   * @return the share of received leads that converted: {@code converted / received}
   */
  public Ratio conversion() {
    return Ratio.of(converted, received);
  }

  /**
   * Returns how many received leads were qualified: received minus those rejected as junk, never
   * below zero (a lead received before the report's range can be rejected inside it).
   *
   * @return how many received leads were not rejected as junk
   */
  public long qualified() {
    return Math.max(received - junk, 0);
  }

  /**
   * Returns the share of qualified leads that converted: {@code converted / (received - junk)}. An
   * owner who received 10 leads, rejected 4 as junk and converted 3 has a conversion of {@code
   * 3/10} and a qualified conversion of {@code 3/6}: how well they sell to the real audience, as
   * {@link Report#cr2ExcludingJunk} is for the whole funnel.
   *
   * @return the ratio, undefined if every received lead was junk
   */
  public Ratio qualifiedConversion() {
    return Ratio.of(converted, qualified());
  }

  OwnerFigures plus(OwnerFigures o) {
    return new OwnerFigures(
        owner,
        received + o.received,
        converted + o.converted,
        won + o.won,
        lost + o.lost,
        junk + o.junk,
        purchases + o.purchases,
        revenue.plus(o.revenue));
  }

  OwnerFigures minus(OwnerFigures o) {
    return new OwnerFigures(
        owner,
        received - o.received,
        converted - o.converted,
        won - o.won,
        lost - o.lost,
        junk - o.junk,
        purchases - o.purchases,
        revenue.minus(o.revenue));
  }
}
