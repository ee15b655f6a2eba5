package dev.funnel.runtime;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.BuiltInAction;
import java.util.Optional;

/**
 * What the runtime knows of the built-in actions, read from their declaration ({@link
 * BuiltInAction}): which need a handler, which the runtime carries out itself, and which owner pool
 * an assignment draws from. Stateless.
 */
final class BuiltInActions {
  private BuiltInActions() {}

  /**
   * Returns whether the action must have a handler: {@code send}, {@code present} and every custom
   * action. The others were applied by the core or are carried out by the runtime; a handler for
   * them is optional.
   */
  static boolean needsHandler(Action a) {
    return a.needsHandler();
  }

  /** Returns whether the runtime carries the action out itself: a hand-off or a pool assignment. */
  static boolean isCarried(Action a) {
    return a.isCarriedOutByRuntime();
  }

  /** Returns whether the action hands the lead off to another funnel. */
  static boolean isHandOff(Action a) {
    return a.builtIn().orElse(null) == BuiltInAction.HAND_OFF;
  }

  /** Returns the owner pool an assignment draws from, if it is a pool assignment. */
  static Optional<String> pool(Action a) {
    return a.name().equals(Actions.ASSIGN) ? a.param("pool") : Optional.empty();
  }
}
