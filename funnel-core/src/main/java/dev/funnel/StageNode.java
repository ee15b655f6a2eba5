package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
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
  /** Above this many event types a stage looks routes up in a map rather than an array. */
  private static final int SCAN_LIMIT = 8;

  private static final Route[][] NO_ROUTES = new Route[0][];
  private static final String[] NO_TYPES = new String[0];

  final String id;
  final int index;
  final boolean terminal;
  final ImmutableList<Timer> timers;

  /** The family this node belongs to, or null for a detached node. */
  final StageNode @Nullable [] family;

  private final String[] types;
  private final Route[][] routes;
  private final @Nullable ImmutableMap<String, Route[]> byType;

  private StageNode(
      String id,
      int index,
      boolean terminal,
      ImmutableList<Timer> timers,
      StageNode @Nullable [] family,
      String[] types,
      Route[][] routes) {
    this.id = id;
    this.index = index;
    this.terminal = terminal;
    this.timers = timers;
    this.family = family;
    this.types = types;
    this.routes = routes;
    if (types.length > SCAN_LIMIT) {
      ImmutableMap.Builder<String, Route[]> map =
          ImmutableMap.builderWithExpectedSize(types.length);
      for (int i = 0; i < types.length; i++) {
        map.put(types[i], routes[i]);
      }
      this.byType = map.buildOrThrow();
    } else {
      this.byType = null;
    }
  }

  /**
   * Returns a node of a family.
   *
   * @param types the event types the stage reacts to
   * @param routes for each type, its routes in the order firing tries them; none empty
   */
  static StageNode of(
      Stage stage,
      int index,
      ImmutableList<Timer> timers,
      StageNode[] family,
      String[] types,
      Route[][] routes) {
    return new StageNode(stage.id(), index, stage.isTerminal(), timers, family, types, routes);
  }

  /** Returns a node that only names a stage, for a lead restored from storage. */
  static StageNode detached(String id) {
    return new StageNode(id, -1, false, ImmutableList.of(), null, NO_TYPES, NO_ROUTES);
  }

  /** Returns the routes for an event type in the order firing tries them, or null if none. */
  Route @Nullable [] routes(String type) {
    ImmutableMap<String, Route[]> map = byType;
    if (map != null) {
      return map.get(type);
    }
    String[] t = types;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == type) { // types usually come from the same constants as the definition
        return routes[i];
      }
    }
    for (int i = 0; i < t.length; i++) {
      if (t[i].equals(type)) {
        return routes[i];
      }
    }
    return null;
  }

  /** One transition as it applies in one source stage, with everything firing needs precomputed. */
  static final class Route {
    final Transition transition;
    final int target; // stage index, or -1 to stay
    final @Nullable Condition guard;
    final ImmutableList<Effect> effects;
    final boolean changesProfile;

    Route(Transition transition, int target) {
      this.transition = transition;
      this.target = target;
      this.guard = transition.isGuarded() ? transition.guard() : null;
      this.effects = ImmutableList.copyOf(transition.actions());
      boolean changes = false;
      for (Action a : transition.actions()) {
        changes |= Profiles.changesProfile(a);
      }
      this.changesProfile = changes;
    }
  }
}
