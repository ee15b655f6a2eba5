package dev.funnel.jackson;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.BuiltInAction;

/**
 * The format's view of the built-in action kinds, read from {@link BuiltInAction}: the parameters
 * each one takes, in the order they are written. Every parameter is an id, except those the
 * declaration calls scalar ({@code value} of {@code set}), which are any string, boolean or number.
 * Any other action is written as a {@code custom} action.
 */
final class BuiltIns {
  private BuiltIns() {}

  static final ImmutableMap<String, ImmutableList<String>> PARAMS = params();

  private static ImmutableMap<String, ImmutableList<String>> params() {
    ImmutableMap.Builder<String, ImmutableList<String>> params = ImmutableMap.builder();
    for (BuiltInAction a : BuiltInAction.values()) {
      params.put(a.actionName(), a.params());
    }
    return params.buildOrThrow();
  }

  /** The kind under which actions that are not built in are written. */
  static final String CUSTOM = "custom";

  /** Returns whether a parameter holds any scalar rather than an id. */
  static boolean isScalar(String action, String param) {
    return BuiltInAction.named(action).map(a -> a.isScalar(param)).orElse(false);
  }
}
