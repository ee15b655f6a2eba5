package dev.funnel.runtime;

import dev.funnel.Dispatch;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Instant;

/**
 * Hears what the runtime did: every accepted step (the records analytics are computed from),
 * refused events, and how effects were handed over: delivered, failed (to be tried again) or given
 * up (parked). Every method does nothing by default. Listeners are called on the thread that did
 * the work: about steps after the change was stored and before its effects are handed to the
 * handlers, about effects after each attempt. An exception thrown by a listener is logged and
 * otherwise ignored. Implementations must be thread-safe.
 */
public interface FunnelListener {

  /**
   * Called once for each accepted step after it is stored: entries, moves, stays and fired timers.
   * The steps of one call come in version order; steps of one lead stored by different threads at
   * the same time may reach a listener out of order, and {@link Step#version()} puts them back in
   * order.
   *
   * @param step the journal record of the step
   */
  default void stepped(Step step) {}

  /**
   * Called when an event was refused; nothing changed for it (timers that fell due before it may
   * still have fired, and were reported through {@link #stepped}).
   *
   * @param event the refused event
   * @param outcome the refusal, with the lead as it stands
   */
  default void refused(Event event, Outcome outcome) {}

  /**
   * Called when an event names a lead the store does not hold.
   *
   * @param key the lead named
   * @param event the event
   */
  default void noLead(LeadKey key, Event event) {}

  /**
   * Called when an effect was handed to its handler, or carried out by the runtime, successfully.
   * Actions the core already applied and that have no handler registered are not reported.
   *
   * @param key the effect's key
   * @param effect the effect
   * @param attempts how many attempts it took, from 1
   */
  default void effectDelivered(EffectKey key, Effect effect, int attempts) {}

  /**
   * Called when an attempt to hand an effect over failed and the effect will be tried again: it
   * stays in the outbox with its attempt recorded, and the runtime's {@link FunnelRuntime#tick()
   * tick} tries it again from {@code nextAttempt}.
   *
   * @param key the effect's key
   * @param effect the effect
   * @param error the failure
   * @param attempts how many attempts have failed so far, from 1
   * @param nextAttempt the earliest time of the next attempt
   */
  default void effectFailed(
      EffectKey key, Effect effect, Exception error, int attempts, Instant nextAttempt) {}

  /**
   * Called when the runtime gave up on an effect and parked it in the store: its last attempt was
   * the retry policy's last, or it failed with an exception that is not retried. A parked effect
   * stays listed by {@link FunnelRuntime#parked} until it is {@linkplain FunnelRuntime#requeue
   * requeued} or {@linkplain FunnelRuntime#discard discarded}.
   *
   * @param key the effect's key
   * @param effect the effect
   * @param error the last failure
   * @param attempts how many attempts were made
   */
  default void effectGivenUp(EffectKey key, Effect effect, Exception error, int attempts) {}

  /**
   * Called when the contact gate decided about a message that fell due: handed over, held until
   * quiet hours end, skipped, or suppressed (no consent, a holdout, a cap). A held message is
   * decided again when it falls due the second time. Count these with {@code
   * dev.funnel.analytics.ContactFigures}.
   *
   * @param key the message's effect key
   * @param dispatch what was decided, and why
   */
  default void dispatched(EffectKey key, Dispatch dispatch) {}
}
