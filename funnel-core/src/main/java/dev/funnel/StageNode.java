package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.MultimapBuilder;
import com.google.common.collect.Multimaps;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stage of a built funnel as firing uses it: its routes by event type and its timers. A lead
 * points at the node of its stage, so firing finds the stage, its routes and its timers without
 * looking the stage up by id. The nodes of one build form a family, shared by the funnel and the
 * copies {@link Funnel#withGuards} makes; a lead whose node belongs to another family (or to none:
 * a lead restored from storage holds a detached node that only names its stage) is looked up by
 * stage id once, and its next snapshot holds this family's node.
 */
final class StageNode {
  final String id;
  final boolean terminal;
  final ImmutableList<Timer> timers;

  /** The actions run whenever a lead enters the stage, in order. */
  final ImmutableList<Action> onEnter;

  /** The family this node belongs to, or null for a detached node. */
  final StageNode @Nullable [] family;

  /** Event type -> the routes for it, in the order firing tries them; none empty. */
  private final ImmutableMap<String, Route[]> routes;

  private StageNode(
      String id,
      boolean terminal,
      ImmutableList<Timer> timers,
      ImmutableList<Action> onEnter,
      StageNode @Nullable [] family,
      ImmutableMap<String, Route[]> routes) {
    this.id = id;
    this.terminal = terminal;
    this.timers = timers;
    this.onEnter = onEnter;
    this.family = family;
    this.routes = routes;
  }

  /**
   * Compiles a funnel's stage table: one node per stage, in declaration order, each with its timers
   * and its routes by event type in the order firing tries them ({@link Transition#order}). A
   * terminal stage gets no routes: it absorbs every event.
   *
   * @param stages the stages in declaration order
   * @param index each stage's position in {@code stages}, by id
   */
  static StageNode[] compile(
      Stage[] stages,
      ImmutableMap<String, Integer> index,
      List<Transition> transitions,
      List<Timer> timers) {
    List<ListMultimap<String, Route>> routesByStage = new ArrayList<>(stages.length);
    for (int i = 0; i < stages.length; i++) {
      routesByStage.add(MultimapBuilder.linkedHashKeys().arrayListValues(2).build());
    }
    for (Transition t : Transition.order(transitions)) {
      String to = t.to();
      int target = to == null ? -1 : requireNonNull(index.get(to), to);
      Route route =
          new Route(t, target, target < 0 ? ImmutableList.of() : stages[target].onEnter());
      Iterable<String> sources = t.isFromAny() ? index.keySet() : t.from();
      for (String from : sources) {
        int i = requireNonNull(index.get(from), from);
        if (!stages[i].isTerminal()) {
          routesByStage.get(i).put(t.event(), route);
        }
      }
    }
    ImmutableListMultimap<String, Timer> timersByStage = Multimaps.index(timers, Timer::stage);
    StageNode[] nodes = new StageNode[stages.length];
    for (int i = 0; i < nodes.length; i++) {
      Stage stage = stages[i];
      nodes[i] = of(stage, timersByStage.get(stage.id()), nodes, routesByStage.get(i));
    }
    return nodes;
  }

  /**
   * Returns a node of a family.
   *
   * @param routes the stage's routes by event type, each type's in the order firing tries them
   */
  private static StageNode of(
      Stage stage,
      ImmutableList<Timer> timers,
      StageNode[] family,
      ListMultimap<String, Route> routes) {
    ImmutableMap.Builder<String, Route[]> byType =
        ImmutableMap.builderWithExpectedSize(routes.keySet().size());
    Multimaps.asMap(routes).forEach((type, rs) -> byType.put(type, rs.toArray(new Route[0])));
    return new StageNode(
        stage.id(), stage.isTerminal(), timers, stage.onEnter(), family, byType.buildOrThrow());
  }

  /** Returns a node that only names a stage, for a lead restored from storage. */
  static StageNode detached(String id) {
    return new StageNode(
        id, false, ImmutableList.of(), ImmutableList.of(), null, ImmutableMap.of());
  }

  /** Returns the routes for an event type in the order firing tries them, or null if none. */
  Route @Nullable [] routes(String type) {
    return routes.get(type);
  }

  /**
   * One transition as it applies in one source stage, with everything firing needs precomputed: its
   * actions are the transition's, then (for a move) the on-enter actions of its target, so that
   * taking it needs no second list.
   */
  static final class Route {
    final Transition transition;
    final int target; // stage index, or -1 to stay
    final @Nullable Condition guard;
    final ImmutableList<Action> actions;
    final ImmutableList<Effect> effects;
    final boolean changesProfile;

    Route(Transition transition, int target, ImmutableList<Action> onEnter) {
      this.transition = transition;
      this.target = target;
      this.guard = transition.isGuarded() ? transition.guard() : null;
      this.actions =
          onEnter.isEmpty()
              ? transition.actions()
              : ImmutableList.<Action>builder()
                  .addAll(transition.actions())
                  .addAll(onEnter)
                  .build();
      this.effects = ImmutableList.copyOf(actions);
      boolean changes = false;
      for (Action a : actions) {
        changes |= Profiles.changesProfile(a);
      }
      this.changesProfile = changes;
    }
  }
}
