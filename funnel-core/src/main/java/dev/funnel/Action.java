package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/**
 * A named action with parameters, as data. Built-in actions are made by {@link Actions}; any other
 * name is a custom action whose handler the host application registers. The core returns actions as
 * {@link Effect}s in the order a transition lists them; the built-ins that change what is known
 * about a lead ({@linkplain Actions#assign assign}, {@linkplain Actions#set set}, {@linkplain
 * Actions#remove remove}, {@linkplain Actions#segment segment}) are also applied to the next
 * snapshot. Immutable and thread-safe.
 *
 * @param name the action's name
 * @param params its parameters: strings, booleans, whole numbers or decimals
 */
public record Action(String name, ImmutableMap<String, Object> params) implements Effect {

  /**
   * Creates an action.
   *
   * @param name the action's name
   * @param params its parameters: strings, booleans, whole numbers or decimals
   * @throws IllegalArgumentException if the name is blank, a parameter's name is not a valid id or
   *     is longer than {@value Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters, or a parameter value has
   *     an unsupported type
   */
  public Action {
    Ids.check(name, "action name");
    params = Values.normalize(params, "action parameter");
  }

  /**
   * Returns a parameter's value as a string, if present.
   *
   * @param key the parameter's name
   * @return its value in text form, or empty
   */
  public Optional<String> param(String key) {
    Object v = params.get(requireNonNull(key, "key"));
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }

  /**
   * Returns the name and parameters, such as {@code send{template=welcome-1}}.
   *
   * @return the name and parameters, such as {@code send{template=welcome-1}}
   */
  @Override
  public String toString() {
    return name + params;
  }

  /**
   * Returns whether this is one of the built-in actions of {@link Actions}.
   *
   * @return whether this is one of the built-in actions of {@link Actions}
   */
  public boolean isBuiltIn() {
    return BuiltInAction.named(name).isPresent();
  }

  /**
   * Returns the declaration of this built-in action.
   *
   * @return the declaration, or empty for a custom action
   */
  public Optional<BuiltInAction> builtIn() {
    return BuiltInAction.named(name);
  }

  /**
   * Returns whether the host application must register a handler for this action: a custom action,
   * or a built-in one that the core only returns as an effect ({@link BuiltInAction#needsHandler}).
   *
   * @return whether a handler must be registered for this action
   */
  public boolean needsHandler() {
    return builtIn().map(BuiltInAction::needsHandler).orElse(true);
  }

  /**
   * Returns whether the runtime carries this action out itself ({@link
   * BuiltInAction#isCarriedOutByRuntime}): a hand-off, or an assignment from a pool.
   *
   * @return whether the runtime carries this action out itself
   */
  public boolean isCarriedOutByRuntime() {
    return builtIn().map(b -> b.isCarriedOutByRuntime(this)).orElse(false);
  }
}
