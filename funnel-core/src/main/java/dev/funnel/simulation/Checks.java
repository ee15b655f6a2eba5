package dev.funnel.simulation;

import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Stage;
import dev.funnel.Transition;
import dev.funnel.simulation.Simulation.Channel;
import dev.funnel.simulation.Simulation.Move;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a simulation's moves and channels against its funnel, collecting every problem. */
final class Checks {
  private Checks() {}

  static List<String> problems(
      Funnel funnel, Collection<Move> moves, Collection<Channel> channels) {
    List<String> problems = new ArrayList<>();
    Map<String, Double> sums = new LinkedHashMap<>();
    for (Move m : moves) {
      Stage s = funnel.stage(m.stage()).orElse(null);
      if (s == null) {
        problems.add("funnel '" + funnel.id() + "' has no stage '" + m.stage() + "'");
        continue;
      }
      if (s.isTerminal()) {
        problems.add("stage '" + m.stage() + "' is terminal; no move can leave it");
        continue;
      }
      if (!takes(funnel, m.stage(), m.event())) {
        problems.add("no transition takes '" + m.event() + "' in stage '" + m.stage() + "'");
      }
      sums.merge(m.stage(), m.probability(), Double::sum);
    }
    sums.forEach(
        (stage, sum) -> {
          if (sum > 1 + 1e-9) {
            problems.add("probabilities of stage '" + stage + "' add up to " + sum + " > 1");
          }
        });
    Money first = null;
    for (Channel c : channels) {
      if (first != null && !first.isSameCurrency(c.spend())) {
        problems.add("spend of channel '" + c.id() + "' is in another currency");
      }
      first = first == null ? c.spend() : first;
    }
    return problems;
  }

  private static boolean takes(Funnel funnel, String stage, String event) {
    for (Transition t : funnel.transitions()) {
      if (t.event().equals(event) && (t.isFromAny() || t.from().contains(stage))) {
        return true;
      }
    }
    return false;
  }
}
