package dev.funnel.analytics;

import com.google.common.collect.ImmutableList;
import dev.funnel.Money;

/**
 * The owner queries of a {@link Report} that look at all owners at once: the team's figures added
 * up, and the owners a {@link BlackHoleRule} flags against the rest of the team. Immutable.
 */
final class Team {
  private final Counts counts;
  private final Money zero;

  Team(Counts counts, Money zero) {
    this.counts = counts;
    this.zero = zero;
  }

  /** Returns the figures of all owners added up, under the owner id {@code "*"}. */
  OwnerFigures figures() {
    OwnerFigures team = new OwnerFigures("*", 0, 0, 0, 0, 0, 0, zero);
    for (OwnerFigures o : counts.owners().values()) {
      team = team.plus(o);
    }
    return team;
  }

  /** Returns the owners the rule flags, each judged against the team without them. */
  ImmutableList<OwnerFigures> blackHoles(BlackHoleRule rule) {
    OwnerFigures team = figures();
    ImmutableList.Builder<OwnerFigures> flagged = ImmutableList.builder();
    for (OwnerFigures o : counts.owners().values()) {
      if (rule.isBlackHole(o, team.minus(o))) {
        flagged.add(o);
      }
    }
    return flagged.build();
  }
}
