package dev.funnel.runtime;

/**
 * Carries out one kind of action for the host application: sends the message, presents the offer,
 * updates the CRM. Registered with {@link FunnelRuntimeBuilder#handler} under an action name.
 *
 * <p>Delivery is at least once: after a crash, or when an attempt failed after doing part of its
 * work, the same effect comes again with the same {@link Delivery#key()}, so a handler that must
 * not act twice remembers the keys it has done. A handler that throws a retryable exception is
 * tried again later, by the runtime's tick, up to its {@link RetryPolicy}; one that throws {@link
 * IllegalArgumentException} (by default) or fails on the last attempt has its effect parked and
 * reported to the listeners; the lead's state change stands either way. Handlers may be called from
 * several threads at once.
 */
@FunctionalInterface
public interface ActionHandler {

  /**
   * Carries out the action.
   *
   * @param delivery the action, its stable key, the lead, and which attempt this is
   * @throws Exception if the action could not be carried out; it is tried again if the runtime's
   *     {@link FunnelRuntimeBuilder#retryable} says so
   */
  void handle(Delivery delivery) throws Exception;
}
