package dev.funnel.simulation;

import com.google.common.collect.ImmutableList;
import dev.funnel.analytics.Report;
import dev.funnel.simulation.Simulation.Move;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tries each move of a simulation improved by a relative uplift, and ranks the comparisons best
 * first, as {@link Simulation#improvements(double, int)} describes.
 */
final class Improvements {
  private Improvements() {}

  static ImmutableList<WhatIf> of(
      Simulation simulation, ImmutableList<Move> moves, double uplift, int threads) {
    Report base = simulation.run(threads);
    Map<String, Double> stageSum = new HashMap<>();
    for (Move m : moves) {
      stageSum.merge(m.stage(), m.probability(), Double::sum);
    }
    List<WhatIf> all = new ArrayList<>();
    for (Move m : moves) {
      if (m.probability() <= 0) {
        continue;
      }
      double room = 1.0 - stageSum.getOrDefault(m.stage(), 0.0);
      double p = Math.min(m.probability() * (1 + uplift), m.probability() + Math.max(room, 0));
      Report changed = simulation.withProbability(m.stage(), m.event(), p).run(threads);
      all.add(new WhatIf(m.describe() + " at " + p, base, changed));
    }
    all.sort(
        Comparator.comparing((WhatIf w) -> w.revenueDelta().amount())
            .thenComparingLong(WhatIf::salesDelta)
            .reversed());
    return ImmutableList.copyOf(all);
  }
}
