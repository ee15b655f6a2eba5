package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
import dev.funnel.Lead;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries: hands each to its {@link ActionHandler} or to the {@link
 * CarriedActions}, and settles it in the store as delivered, to be tried again, or parked,
 * telling the listeners. Thread-safe.
 */
final class Courier {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  /** One attempt of a delivery. */
  @FunctionalInterface
  private interface Attempt {
    void run(int attempt) throws Exception;
  }

  private final LeadStore store;
  private final ImmutableMap<String, ActionHandler> handlers;
  private final CarriedActions carried;
  private final Listeners listeners;
  private final RetryPolicy retry;
  private final Sleeper sleeper;

  Courier(
      LeadStore store,
      ImmutableMap<String, ActionHandler> handlers,
      CarriedActions carried,
      Listeners listeners,
      RetryPolicy retry,
      Sleeper sleeper) {
    this.store = store;
    this.handlers = handlers;
    this.carried = carried;
    this.listeners = listeners;
    this.retry = retry;
    this.sleeper = sleeper;
  }

  /**
   * Delivers the entries of one commit: those for handlers first, in order, then the work the
   * runtime carries out itself, which may enter or change leads and so must come after the
   * entries of the step that asked for it. {@code lead} is the lead just stored.
   */
  void deliverAll(ImmutableList<OutboxEntry> outbox, Lead lead) {
    if (outbox.isEmpty()) {
      return;
    }
    boolean anyCarried = false;
    for (OutboxEntry e : outbox) {
      if (BuiltInActions.isCarried(e.action())) {
        anyCarried = true;
      } else {
        deliver(e, lead);
      }
    }
    if (anyCarried) {
      for (OutboxEntry e : outbox) {
        if (BuiltInActions.isCarried(e.action())) {
          deliver(e, lead);
        }
      }
    }
  }

  /** Hands one entry over. {@code lead} is the lead just stored, or null to load it. */
  void deliver(OutboxEntry e, @Nullable Lead lead) {
    Action action = e.action();
    if (BuiltInActions.isCarried(action)) {
      attempt(e, n -> carried.carryOut(e, n));
      return;
    }
    ActionHandler handler = handlers.get(action.name());
    if (handler == null) {
      // An optional handler that was not registered: the core has already applied the action.
      store.delivered(e.key());
      return;
    }
    attempt(
        e,
        n -> {
          Lead current = n == 1 && lead != null ? lead : load(e.key().leadKey());
          handler.handle(new Delivery(e.key(), action, e.at(), current, n));
        });
  }

  /** Tries a delivery up to the retry policy, then settles it as delivered or parked. */
  private void attempt(OutboxEntry e, Attempt attempt) {
    EffectKey key = e.key();
    Mdc saved = Mdc.put(key.funnelId(), key.leadId(), key.eventId());
    try {
      Exception last = null;
      int max = retry.maxAttempts();
      for (int n = 1; n <= max; n++) {
        try {
          attempt.run(n);
          last = null;
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          log.warn("delivery of effect {} interrupted; it stays in the outbox", key);
          return;
        } catch (Exception ex) {
          last = ex;
          if (log.isDebugEnabled()) {
            log.debug("effect {} failed on attempt {}", key, n, ex);
          }
        }
        if (last == null) {
          store.delivered(key);
          listeners.effectDelivered(key, e.action(), n);
          return;
        }
        if (n < max) {
          try {
            sleeper.sleep(retry.backoff(n));
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("delivery of effect {} interrupted; it stays in the outbox", key);
            return;
          }
        }
      }
      Exception error = requireNonNull(last, "last");
      store.park(key);
      log.warn("effect {} parked after {} attempts: {}", key, max, error.getClass().getName());
      listeners.effectFailed(key, e.action(), error, max);
    } finally {
      saved.restore();
    }
  }

  private Lead load(LeadKey key) {
    return store
        .load(key)
        .orElseThrow(() -> new IllegalStateException("lead '" + key + "' is not in the store"));
  }
}
