package dev.funnel.test;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Funnel;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.Transition;
import dev.funnel.runtime.FunnelListener;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which stages and transitions of a funnel a test suite exercised. Feed it the journeys, steps or
 * runtimes (it is a {@link FunnelListener}) of every test, then ask what was missed:
 *
 * <pre>{@code
 * static final Coverage coverage = Coverage.of(shop);
 *
 * @Test void buys() { coverage.record(scenario.run()); ... }
 *
 * @AfterAll static void everyTransitionIsTested() {
 *   assertThat(coverage.transitionsMissed()).as(coverage.report()).isEmpty();
 * }
 * }</pre>
 *
 * <p>A transition is counted per source stage: {@code paid} from {@code cold-lead} and from {@code
 * hot-lead} are two {@link Edge}s; one that stays has {@code to} equal to {@code from}. Steps of
 * other funnels are ignored. Thread-safe.
 */
public final class Coverage implements FunnelListener {

  /**
   * One transition as taken from one stage.
   *
   * @param from the stage the lead was in
   * @param event the event type
   * @param to the stage the lead was in after it; {@code from} for a transition that stays
   */
  public record Edge(String from, String event, String to) {
    /**
     * Creates an edge.
     *
     * @param from the stage the lead was in
     * @param event the event type
     * @param to the stage the lead was in after it
     */
    public Edge {
      requireNonNull(from, "from");
      requireNonNull(event, "event");
      requireNonNull(to, "to");
    }

    /**
     * Returns {@code from -event-> to}.
     *
     * @return {@code from -event-> to}
     */
    @Override
    public String toString() {
      return from + " -" + event + "-> " + to;
    }
  }

  private final Funnel funnel;
  private final ImmutableSet<String> stages;
  private final ImmutableSet<Edge> edges;
  private final Set<String> reached = new LinkedHashSet<>();
  private final Set<Edge> taken = new LinkedHashSet<>();

  private Coverage(Funnel funnel) {
    this.funnel = funnel;
    ImmutableSet.Builder<String> s = ImmutableSet.builder();
    for (Stage stage : funnel.stages()) {
      s.add(stage.id());
    }
    this.stages = s.build();
    this.edges = edges(funnel);
  }

  /**
   * Starts measuring the coverage of a funnel.
   *
   * @param funnel the funnel
   * @return a coverage with nothing exercised yet
   */
  public static Coverage of(Funnel funnel) {
    return new Coverage(requireNonNull(funnel, "funnel"));
  }

  /** Returns every edge of a funnel's definition, in the order of its transitions. */
  static ImmutableSet<Edge> edges(Funnel funnel) {
    ImmutableSet.Builder<Edge> out = ImmutableSet.builder();
    for (Transition t : funnel.transitions()) {
      Set<String> sources = new LinkedHashSet<>();
      if (t.isFromAny()) {
        for (Stage stage : funnel.stages()) {
          sources.add(stage.id());
        }
      } else {
        sources.addAll(t.from());
      }
      for (String from : sources) {
        // A terminal stage absorbs every event, so no transition leaves it.
        if (funnel.stage(from).filter(Stage::isTerminal).isEmpty()) {
          String to = t.to();
          out.add(new Edge(from, t.event(), to == null ? from : to));
        }
      }
    }
    return out.build();
  }

  /**
   * Records a step.
   *
   * @param step a journal record; ignored if it belongs to another funnel
   */
  @Override
  public synchronized void stepped(Step step) {
    if (!step.funnelId().equals(funnel.id())) {
      return;
    }
    reached.add(step.to());
    String from = step.from();
    String event = step.eventType();
    if (from != null && event != null) {
      taken.add(new Edge(from, event, step.to()));
    }
  }

  /**
   * Records steps.
   *
   * @param steps journal records, such as {@link dev.funnel.Outcome#steps()}
   * @return this coverage
   */
  @CanIgnoreReturnValue
  public Coverage record(Iterable<Step> steps) {
    for (Step s : steps) {
      stepped(s);
    }
    return this;
  }

  /**
   * Records the steps of a journey.
   *
   * @param journey a scenario's journey
   * @return this coverage
   */
  @CanIgnoreReturnValue
  public Coverage record(Journey journey) {
    return record(journey.steps());
  }

  /**
   * Returns the stages some lead entered or moved to, in the funnel's order.
   *
   * @return the stages reached
   */
  public synchronized ImmutableSet<String> stagesReached() {
    return stages.stream().filter(reached::contains).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Returns the stages no lead entered or moved to, in the funnel's order.
   *
   * @return the stages missed
   */
  public synchronized ImmutableSet<String> stagesMissed() {
    return stages.stream().filter(s -> !reached.contains(s)).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Returns the edges of the definition some step took, in the definition's order.
   *
   * @return the transitions taken
   */
  public synchronized ImmutableSet<Edge> transitionsTaken() {
    return edges.stream().filter(taken::contains).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Returns the edges of the definition no step took, in the definition's order.
   *
   * @return the transitions missed
   */
  public synchronized ImmutableSet<Edge> transitionsMissed() {
    return edges.stream().filter(e -> !taken.contains(e)).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Returns whether every stage was reached and every transition taken.
   *
   * @return whether nothing was missed
   */
  public boolean isComplete() {
    return stagesMissed().isEmpty() && transitionsMissed().isEmpty();
  }

  /**
   * Tells the coverage: counts, then what was missed.
   *
   * @return the report, a few lines of text
   */
  public synchronized String report() {
    StringBuilder b = new StringBuilder();
    b.append("coverage of funnel '").append(funnel.id()).append("': ");
    b.append(stagesReached().size()).append(" of ").append(stages.size()).append(" stages, ");
    b.append(transitionsTaken().size()).append(" of ").append(edges.size()).append(" transitions");
    for (String s : stagesMissed()) {
      b.append("\n  stage missed: ").append(s);
    }
    for (Edge e : transitionsMissed()) {
      b.append("\n  transition missed: ").append(e);
    }
    return b.toString();
  }

  /**
   * Returns {@link #report()}.
   *
   * @return the report
   */
  @Override
  public String toString() {
    return report();
  }
}
