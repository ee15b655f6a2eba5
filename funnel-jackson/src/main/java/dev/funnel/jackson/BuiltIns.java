package dev.funnel.jackson;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;

/**
 * The format's registry of built-in action kinds and the parameters each one takes, in the order
 * they are written. Every parameter is an id, except {@code value} of {@code set}, which is any
 * string, boolean or number. Any other action is written as a {@code custom} action.
 */
final class BuiltIns {
  private BuiltIns() {}

  static final ImmutableMap<String, ImmutableList<String>> PARAMS =
      ImmutableMap.<String, ImmutableList<String>>builder()
          .put(Actions.SEND, ImmutableList.of("template", "channel"))
          .put(Actions.ASSIGN, ImmutableList.of("owner", "pool"))
          .put(Actions.SET, ImmutableList.of("attribute", "value"))
          .put(Actions.REMOVE, ImmutableList.of("attribute"))
          .put(Actions.SEGMENT, ImmutableList.of("segment"))
          .put(Actions.PRESENT, ImmutableList.of("offer"))
          .put(Actions.HAND_OFF, ImmutableList.of("funnel", "stage"))
          .buildOrThrow();

  /** The kind under which actions that are not built in are written. */
  static final String CUSTOM = "custom";

  /** Returns whether a parameter holds any scalar rather than an id. */
  static boolean isScalar(String action, String param) {
    return action.equals(Actions.SET) && param.equals("value");
  }
}
