package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Factories for the built-in {@link Action}s and for custom ones. What each built-in takes and
 * means is declared in {@link BuiltInAction}.
 *
 * <pre>{@code
 * .on("contact-left").from("visitor").to("cold-lead")
 *     .then(Actions.send("welcome-1", "email"), Actions.present("coupon-500"))
 * }</pre>
 */
public final class Actions {
  private Actions() {}

  /** Name of the action that sends a message: parameters {@code template}, {@code channel}. */
  public static final String SEND = "send";

  /**
   * Name of the action that assigns the lead to an owner: parameter {@code owner}, or {@code pool}
   * for an owner the runtime picks from a pool of owners by its assignment strategy.
   */
  public static final String ASSIGN = "assign";

  /** Name of the action that sets a lead attribute: parameters {@code attribute}, {@code value}. */
  public static final String SET = "set";

  /** Name of the action that removes a lead attribute: parameter {@code attribute}. */
  public static final String REMOVE = "remove";

  /** Name of the action that adds the lead to a segment: parameter {@code segment}. */
  public static final String SEGMENT = "segment";

  /** Name of the action that presents an offer to the lead: parameter {@code offer}. */
  public static final String PRESENT = "present";

  /**
   * Name of the action that hands the lead on to another funnel: parameters {@code funnel} and
   * {@code stage} (an entry stage there). The runtime carries it out by entering the lead into that
   * funnel with its channel, owner, attributes and segments.
   */
  public static final String HAND_OFF = "hand-off";

  /**
   * Returns an action that sends a message by the lead's default messaging channel.
   *
   * @param template the message template's id
   * @return the action
   */
  public static Action send(String template) {
    return new Action(SEND, ImmutableMap.of("template", Ids.check(template, "template")));
  }

  /**
   * Returns an action that sends a message by a given messaging channel.
   *
   * @param template the message template's id
   * @param channel the messaging channel, such as {@code "email"} or {@code "sms"}
   * @return the action
   */
  public static Action send(String template, String channel) {
    return new Action(
        SEND,
        ImmutableMap.of(
            "template",
            Ids.check(template, "template"),
            "channel",
            Ids.check(channel, "message channel")));
  }

  /**
   * Returns an action that sends a message of a given purpose by a given messaging channel: a
   * transactional message (a receipt) is exempt from quiet hours, caps and holdouts.
   *
   * @param template the message template's id
   * @param channel the messaging channel, such as {@code "email"} or {@code "sms"}
   * @param purpose why the message is sent
   * @return the action
   */
  public static Action send(String template, String channel, Purpose purpose) {
    return new Action(
        SEND,
        ImmutableMap.of(
            "template",
            Ids.check(template, "template"),
            "channel",
            Ids.check(channel, "message channel"),
            Purpose.PARAM,
            requireNonNull(purpose, "purpose").wireName()));
  }

  /**
   * Returns an action that assigns the lead to an owner.
   *
   * @param owner the owner's id
   * @return the action
   */
  public static Action assign(String owner) {
    return new Action(ASSIGN, ImmutableMap.of("owner", Ids.check(owner, "owner")));
  }

  /**
   * Returns an action that asks the runtime to assign the lead to an owner from a pool (a sales
   * team), chosen by the pool's assignment strategy (round robin, least loaded, by rule). The core
   * leaves the owner unchanged; the runtime records its choice with {@link Funnel#reassign}.
   *
   * @param pool the pool's id
   * @return the action
   */
  public static Action assignFrom(String pool) {
    return new Action(ASSIGN, ImmutableMap.of("pool", Ids.check(pool, "owner pool")));
  }

  /**
   * Returns an action that sets a lead attribute.
   *
   * @param attribute the attribute's name
   * @param value a string, boolean or number
   * @return the action
   * @throws IllegalArgumentException if the name is longer than {@link
   *     Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters
   */
  public static Action set(String attribute, Object value) {
    return new Action(
        SET, ImmutableMap.of("attribute", Ids.checkAttributeName(attribute), "value", value));
  }

  /**
   * Returns an action that removes a lead attribute.
   *
   * @param attribute the attribute's name
   * @return the action
   * @throws IllegalArgumentException if the name is longer than {@link
   *     Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters
   */
  public static Action remove(String attribute) {
    return new Action(REMOVE, ImmutableMap.of("attribute", Ids.checkAttributeName(attribute)));
  }

  /**
   * Returns an action that adds the lead to a segment.
   *
   * @param segment the segment's id
   * @return the action
   */
  public static Action segment(String segment) {
    return new Action(SEGMENT, ImmutableMap.of("segment", Ids.check(segment, "segment")));
  }

  /**
   * Returns an action that presents an offer to the lead.
   *
   * @param offer the offer's id
   * @return the action
   */
  public static Action present(String offer) {
    return new Action(PRESENT, ImmutableMap.of("offer", Ids.check(offer, "offer id")));
  }

  /**
   * Returns an action that hands the lead on to an entry stage of another funnel.
   *
   * @param funnel the target funnel's id
   * @param stage an entry stage of the target funnel
   * @return the action
   */
  public static Action handOff(String funnel, String stage) {
    return new Action(
        HAND_OFF,
        ImmutableMap.of(
            "funnel", Ids.check(funnel, "funnel id"), "stage", Ids.check(stage, "stage id")));
  }

  /**
   * Returns a custom action, carried out by the handler the host application registers for its
   * name.
   *
   * @param name the action's name; not a built-in name
   * @param params its parameters
   * @return the action
   * @throws IllegalArgumentException if the name is a built-in one
   */
  public static Action custom(String name, Map<String, ?> params) {
    if (BuiltInAction.named(name).isPresent()) {
      throw new IllegalArgumentException(
          "'" + name + "' is a built-in action; use Actions." + name + "(...)");
    }
    return new Action(name, ImmutableMap.copyOf(params));
  }

  /**
   * Returns a custom action without parameters.
   *
   * @param name the action's name; not a built-in name
   * @return the action
   * @throws IllegalArgumentException if the name is a built-in one
   */
  public static Action custom(String name) {
    return custom(name, ImmutableMap.of());
  }
}
