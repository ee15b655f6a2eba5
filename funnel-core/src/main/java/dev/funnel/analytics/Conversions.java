package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.funnel.Funnel;
import dev.funnel.Stage;
import dev.funnel.analytics.Counts.Edge;
import dev.funnel.analytics.Counts.Hop;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The stage and flow queries of a {@link Report}: entries per stage and per kind of stage, the
 * figures of each stage and of each move, and the conversions between stages, read from the
 * report's counts in the funnel's stage order. Immutable.
 */
final class Conversions {
  private final Funnel funnel;
  private final Counts counts;

  Conversions(Funnel funnel, Counts counts) {
    this.funnel = funnel;
    this.counts = counts;
  }

  /** Returns how many times leads entered a stage, zero if none. */
  long entered(String stage) {
    return counts.entered().getOrDefault(stage, 0L);
  }

  /** Returns how many times leads entered a stage of a kind. */
  long enteredOfKind(Stage.Kind kind) {
    long n = 0;
    for (Stage s : funnel.stages()) {
      if (s.kind() == kind) {
        n += entered(s.id());
      }
    }
    return n;
  }

  /** Returns the figures of the funnel's stages in order, then of unknown stages by id. */
  ImmutableList<StageFigures> stages() {
    ImmutableList.Builder<StageFigures> all = ImmutableList.builder();
    for (Stage s : funnel.stages()) {
      all.add(counts.figures(funnel, s));
    }
    for (String id : new TreeSet<>(counts.stageIdsSeen())) {
      if (funnel.stage(id).isEmpty()) {
        all.add(counts.figures(funnel, Counts.unknownStage(id)));
      }
    }
    return all.build();
  }

  /** Returns the figures of one stage, known to the funnel or named by a record. */
  StageFigures stage(String stage) {
    Optional<Stage> s = funnel.stage(stage);
    if (s.isPresent()) {
      return counts.figures(funnel, s.get());
    }
    checkArgument(
        counts.stageIdsSeen().contains(stage),
        "funnel '%s' has no stage '%s' and no record names it",
        funnel.id(),
        stage);
    return counts.figures(funnel, Counts.unknownStage(stage));
  }

  /** Returns the figures of every move made, in the funnel's stage order. */
  ImmutableList<FlowFigures> flows() {
    ImmutableList.Builder<FlowFigures> all = ImmutableList.builder();
    for (Map.Entry<Edge, Long> e : counts.sortedFlows(funnel)) {
      all.add(flow(e.getKey().from(), e.getKey().to()));
    }
    return all.build();
  }

  /** Returns the figures of the moves from one stage straight to another. */
  FlowFigures flow(String from, String to) {
    Edge e = new Edge(from, to);
    long count = counts.flows().getOrDefault(e, 0L);
    return new FlowFigures(
        from,
        to,
        count,
        Ratio.of(count, entered(from)),
        counts.timeInFrom().getOrDefault(e, DurationSketch.empty()));
  }

  /** Returns how many times an event accepted in one stage left the lead in another. */
  long taken(String from, String event, String to) {
    return counts.hops().getOrDefault(new Hop(from, event, to), 0L);
  }

  /** Returns entries into {@code to} against entries into {@code from}. */
  Ratio conversion(String from, String to) {
    return Ratio.of(entered(to), entered(from));
  }

  /** Returns entries into the sale stage against entries into the lead stage, junk left out. */
  Ratio conversionExcludingJunk(String leads, String sales) {
    return Ratio.of(entered(sales), Math.max(entered(leads) - junk(), 0));
  }

  /** Returns how many leads were rejected as junk: entries into every junk stage. */
  long junk() {
    return enteredOfKind(Stage.Kind.JUNK);
  }
}
