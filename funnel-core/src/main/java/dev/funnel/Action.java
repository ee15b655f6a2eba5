package dev.funnel;

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
   * @throws IllegalArgumentException if the name is blank or a parameter value has an unsupported
   *     type
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
    Object v = params.get(key);
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
    return Actions.BUILT_INS.contains(name);
  }
}
