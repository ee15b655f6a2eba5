package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * When an owner is a "black hole": a manager who receives many leads and converts far fewer than
 * the rest of the team. Immutable and thread-safe.
 *
 * <p>An owner is flagged when both hold:
 *
 * <ol>
 *   <li>they received at least {@code minLeads} leads, so a few unlucky leads flag nobody; and
 *   <li>their conversion is strictly below {@code fraction} times the conversion of the rest of the
 *       team (every other owner's received and converted leads added up).
 * </ol>
 *
 * <p>Comparing with the rest of the team, not the whole team, keeps one owner who holds most leads
 * from dragging down the bar they are measured against. Nobody is flagged when the rest of the team
 * received no leads or converted none. The comparison is exact (cross-multiplied, no rounding).
 *
 * @param minLeads the fewest received leads for which an owner can be flagged; at least 1
 * @param fraction how far below the rest of the team counts as a black hole, such as {@code 1/2};
 *     positive
 */
public record BlackHoleRule(long minLeads, Ratio fraction) {

  /** At least 20 leads received and converting below half as well as the rest of the team. */
  public static final BlackHoleRule DEFAULT = new BlackHoleRule(20, Ratio.of(1, 2));

  /**
   * Creates a rule.
   *
   * @param minLeads the fewest received leads for which an owner can be flagged; at least 1
   * @param fraction how far below the rest of the team counts as a black hole, such as {@code 1/2};
   *     positive
   * @throws IllegalArgumentException if {@code minLeads} is below 1 or the fraction is not positive
   */
  public BlackHoleRule {
    requireNonNull(fraction, "fraction");
    checkArgument(minLeads >= 1, "black hole rule needs at least one lead");
    checkArgument(
        fraction.isDefined() && fraction.numerator().signum() > 0,
        "black hole fraction must be positive");
  }

  /**
   * Returns a rule.
   *
   * @param minLeads the fewest received leads for which an owner can be flagged; at least 1
   * @param fraction how far below the rest of the team counts as a black hole; positive
   * @return the rule
   * @throws IllegalArgumentException if {@code minLeads} is below 1 or the fraction is not positive
   */
  public static BlackHoleRule of(long minLeads, Ratio fraction) {
    return new BlackHoleRule(minLeads, fraction);
  }

  /**
   * Returns whether an owner is a black hole compared with the rest of the team.
   *
   * @param owner the owner's figures
   * @param rest the rest of the team's figures added up
   * @return whether the owner is flagged
   */
  public boolean isBlackHole(OwnerFigures owner, OwnerFigures rest) {
    requireNonNull(owner, "owner");
    requireNonNull(rest, "rest");
    if (owner.received() < minLeads || rest.received() <= 0 || rest.converted() <= 0) {
      return false;
    }
    // owner.converted / owner.received < fraction * rest.converted / rest.received
    BigDecimal left =
        BigDecimal.valueOf(owner.converted())
            .multiply(BigDecimal.valueOf(rest.received()))
            .multiply(fraction.denominator());
    BigDecimal right =
        fraction
            .numerator()
            .multiply(BigDecimal.valueOf(rest.converted()))
            .multiply(BigDecimal.valueOf(owner.received()));
    return left.compareTo(right) < 0;
  }
}
