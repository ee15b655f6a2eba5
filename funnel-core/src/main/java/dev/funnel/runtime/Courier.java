package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
import dev.funnel.Lead;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries, one attempt at a time: hands each to its {@link ActionHandler} or to the
 * {@link CarriedActions}, and settles it in the store as delivered, failed (with its next attempt
 * time, {@link LeadStore#retryAt}) or given up ({@link LeadStore#park}), telling the listeners. It
 * never waits: the runtime's tick makes the next attempt once it is due. Thread-safe.
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
  private final Predicate<? super Exception> retryable;
  private final RandomGenerator random;
  private final Clock clock;

  Courier(
      LeadStore store,
      ImmutableMap<String, ActionHandler> handlers,
      CarriedActions carried,
      Listeners listeners,
      RetryPolicy retry,
      Predicate<? super Exception> retryable,
      RandomGenerator random,
      Clock clock) {
    this.store = store;
    this.handlers = handlers;
    this.carried = carried;
    this.listeners = listeners;
    this.retry = retry;
    this.retryable = retryable;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Delivers the entries of one commit: those for handlers first, in order, then the work the
   * runtime carries out itself, which may enter or change leads and so must come after the entries
   * of the step that asked for it. {@code lead} is the lead just stored.
   */
  void deliverAll(ImmutableList<OutboxEntry> outbox, Lead lead, Call call) {
    deliverAll(outbox, lead, call, null);
  }

  /**
   * Delivers the entries of one commit as {@link #deliverAll(ImmutableList, Lead, Call)} does; if
   * {@code settled} is given, the keys of the entries delivered are added to it rather than settled
   * in the store one by one, and the caller settles them together ({@link LeadStore#deliveredAll}).
   */
  void deliverAll(
      ImmutableList<OutboxEntry> outbox, Lead lead, Call call, @Nullable List<EffectKey> settled) {
    if (outbox.isEmpty()) {
      return;
    }
    boolean anyCarried = false;
    for (OutboxEntry e : outbox) {
      if (BuiltInActions.isCarried(e.action())) {
        anyCarried = true;
      } else {
        deliver(e, lead, call, settled);
      }
    }
    if (anyCarried) {
      for (OutboxEntry e : outbox) {
        if (BuiltInActions.isCarried(e.action())) {
          deliver(e, lead, call, settled);
        }
      }
    }
  }

  /**
   * Hands one entry over. {@code lead} is the lead just stored, or null to load it; {@code call}
   * records what carried work came to; {@code settled}, if given, collects the key once the entry
   * is delivered, for the caller to settle in the store, rather than settling it at once.
   */
  void deliver(OutboxEntry e, @Nullable Lead lead, Call call, @Nullable List<EffectKey> settled) {
    Action action = e.action();
    if (BuiltInActions.isCarried(action)) {
      attempt(e, n -> carried.carryOut(e, n, call), settled);
      return;
    }
    ActionHandler handler = handlers.get(action.name());
    if (handler == null) {
      // An optional handler that was not registered: the core has already applied the action.
      settle(e.key(), settled);
      return;
    }
    attempt(
        e,
        n -> {
          Lead current = n == 1 && lead != null ? lead : load(e.key().leadKey());
          handler.handle(new Delivery(e.key(), action, e.at(), current, n));
        },
        settled);
  }

  private void settle(EffectKey key, @Nullable List<EffectKey> settled) {
    if (settled == null) {
      store.delivered(key);
    } else {
      settled.add(key);
    }
  }

  /**
   * Makes one attempt and settles the entry: delivered; failed, to be tried again after the retry
   * policy's delay; or given up and parked, after the policy's last attempt or a failure that is
   * not retryable. Never waits.
   */
  private void attempt(OutboxEntry e, Attempt attempt, @Nullable List<EffectKey> settled) {
    EffectKey key = e.key();
    int n = e.attempts() + 1;
    Mdc saved = Mdc.put(key.funnelId(), key.leadId(), key.eventId());
    try {
      try {
        attempt.run(n);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        log.warn("delivery of effect {} interrupted; it stays in the outbox", key);
        return;
      } catch (Exception ex) {
        failed(e, n, ex);
        return;
      }
      settle(key, settled);
      listeners.effectDelivered(key, e.action(), n);
    } finally {
      saved.restore();
    }
  }

  private void failed(OutboxEntry e, int n, Exception error) {
    EffectKey key = e.key();
    if (n >= retry.maxAttempts() || !retryable.test(error)) {
      store.park(key);
      log.warn("effect {} parked after {} attempts: {}", key, n, error.getClass().getName());
      listeners.effectGivenUp(key, e.action(), error, n);
      return;
    }
    Instant next = clock.instant().plus(retry.delay(n, random));
    if (!store.retryAt(key, next)) {
      log.debug("effect {} was settled elsewhere meanwhile", key);
      return;
    }
    if (log.isDebugEnabled()) {
      log.debug("effect {} failed on attempt {}; next attempt at {}", key, n, next, error);
    }
    listeners.effectFailed(key, e.action(), error, n, next);
  }

  private Lead load(LeadKey key) {
    return store
        .load(key)
        .orElseThrow(() -> new IllegalStateException("lead '" + key + "' is not in the store"));
  }
}
