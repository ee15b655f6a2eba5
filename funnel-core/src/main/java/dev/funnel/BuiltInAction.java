package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/**
 * The built-in actions, each declared once: its name, its parameters, which of them it requires,
 * whether it changes what is known about the lead, whether the host application must register a
 * handler for it, and whether the runtime carries it out itself. {@link Actions} makes them;
 * firing, validation, the runtime and the JSON format read this declaration. Immutable and
 * thread-safe.
 */
public enum BuiltInAction {
  /**
   * Sends a message: {@code template}, and optionally the messaging {@code channel} and the {@code
   * purpose} ({@code "marketing"}, the default, or {@code "transactional"}; see {@link Purpose}).
   */
  SEND(Actions.SEND, params("template", "channel", "purpose"), params("template"), false, true),

  /**
   * Assigns the lead to an {@code owner}, or asks the runtime to pick one from a {@code pool}; one
   * of the two is required. The runtime carries out the pool form.
   */
  ASSIGN(Actions.ASSIGN, params("owner", "pool"), params("owner"), true, false) {
    @Override
    public ImmutableList<String> required(Action action) {
      return action.params().containsKey("pool") ? POOL : super.required(action);
    }

    @Override
    public boolean isCarriedOutByRuntime(Action action) {
      return action.params().containsKey("pool");
    }
  },

  /** Sets a lead attribute: {@code attribute} and {@code value}. */
  SET(Actions.SET, params("attribute", "value"), params("attribute", "value"), true, false) {
    @Override
    public boolean isScalar(String param) {
      return param.equals("value");
    }
  },

  /** Removes a lead attribute: {@code attribute}. */
  REMOVE(Actions.REMOVE, params("attribute"), params("attribute"), true, false),

  /** Adds the lead to a {@code segment}. */
  SEGMENT(Actions.SEGMENT, params("segment"), params("segment"), true, false),

  /** Presents an {@code offer} to the lead. */
  PRESENT(Actions.PRESENT, params("offer"), params("offer"), false, true),

  /**
   * Hands the lead on to an entry {@code stage} of another {@code funnel}; the runtime carries it
   * out.
   */
  HAND_OFF(Actions.HAND_OFF, params("funnel", "stage"), params("funnel", "stage"), false, false) {
    @Override
    public boolean isCarriedOutByRuntime(Action action) {
      return true;
    }
  };

  private static final ImmutableList<String> POOL = params("pool");

  private static final ImmutableMap<String, BuiltInAction> BY_NAME;

  static {
    ImmutableMap.Builder<String, BuiltInAction> byName = ImmutableMap.builder();
    for (BuiltInAction a : values()) {
      byName.put(a.actionName, a);
    }
    BY_NAME = byName.buildOrThrow();
  }

  private final String actionName;
  private final ImmutableList<String> params;
  private final ImmutableList<String> required;
  private final boolean changesProfile;
  private final boolean needsHandler;

  BuiltInAction(
      String actionName,
      ImmutableList<String> params,
      ImmutableList<String> required,
      boolean changesProfile,
      boolean needsHandler) {
    this.actionName = actionName;
    this.params = params;
    this.required = required;
    this.changesProfile = changesProfile;
    this.needsHandler = needsHandler;
  }

  private static ImmutableList<String> params(String... names) {
    return ImmutableList.copyOf(names);
  }

  /**
   * Returns the built-in action of this name.
   *
   * @param name an action's name
   * @return the built-in action, or empty for a custom action's name
   */
  public static Optional<BuiltInAction> named(String name) {
    return Optional.ofNullable(BY_NAME.get(requireNonNull(name, "name")));
  }

  /**
   * Returns the action's name, such as {@code "hand-off"}.
   *
   * @return the action's name, such as {@code "hand-off"}
   */
  public String actionName() {
    return actionName;
  }

  /**
   * Returns every parameter the action takes, in the order they are written.
   *
   * @return every parameter the action takes, in the order they are written
   */
  public ImmutableList<String> params() {
    return params;
  }

  /**
   * Returns the parameters this action must have.
   *
   * @param action an action of this kind
   * @return the parameters it must have
   */
  public ImmutableList<String> required(Action action) {
    return required;
  }

  /**
   * Returns whether a parameter holds any string, boolean or number rather than an id.
   *
   * @param param the parameter's name
   * @return whether it holds any scalar
   */
  public boolean isScalar(String param) {
    return false;
  }

  /**
   * Returns whether firing the action changes what is known about the lead (its owner, attributes
   * or segments) in the next snapshot.
   *
   * @return whether firing the action changes the lead's profile
   */
  public boolean changesProfile() {
    return changesProfile;
  }

  /**
   * Returns whether the host application must register a handler for the action: the core only
   * returns it as an effect.
   *
   * @return whether a handler must be registered for it
   */
  public boolean needsHandler() {
    return needsHandler;
  }

  /**
   * Returns whether the runtime carries this action out itself, without a handler.
   *
   * @param action an action of this kind
   * @return whether the runtime carries it out
   */
  public boolean isCarriedOutByRuntime(Action action) {
    return false;
  }
}
