package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a runtime did, as a handler for any action and as a listener. Thread-safe. */
final class Recorder implements ActionHandler, FunnelListener {
  /** One successful delivery. */
  record Handled(EffectKey key, Action action, String leadId, String funnelId) {}

  /** One refused event. */
  record Refused(String eventId, Outcome.Refusal refusal) {}

  /** One effect that failed for good: given up and parked. */
  record Failed(EffectKey key, Effect effect, Exception error, int attempts) {}

  /** One failed attempt that will be tried again. */
  record Retry(EffectKey key, Exception error, int attempts, Instant nextAttempt) {}

  private final List<Handled> handled = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<Refused> refused = new ArrayList<>();
  private final List<Failed> failed = new ArrayList<>();
  private final List<Retry> retries = new ArrayList<>();
  private final List<EffectKey> delivered = new ArrayList<>();
  private final List<LeadKey> noLead = new ArrayList<>();
  final ConcurrentHashMap<EffectKey, AtomicInteger> deliveries = new ConcurrentHashMap<>();

  @Override
  public synchronized void handle(Delivery d) {
    handled.add(new Handled(d.key(), d.action(), d.lead().id(), d.lead().funnelId()));
    deliveries.computeIfAbsent(d.key(), k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public synchronized void stepped(Step step) {
    steps.add(step);
  }

  @Override
  public synchronized void refused(Event event, Outcome outcome) {
    refused.add(new Refused(event.id(), outcome.refusal().orElseThrow()));
  }

  @Override
  public synchronized void noLead(LeadKey key, Event event) {
    noLead.add(key);
  }

  @Override
  public synchronized void effectDelivered(EffectKey key, Effect effect, int attempts) {
    delivered.add(key);
  }

  @Override
  public synchronized void effectFailed(
      EffectKey key, Effect effect, Exception error, int n, Instant nextAttempt) {
    retries.add(new Retry(key, error, n, nextAttempt));
  }

  @Override
  public synchronized void effectGivenUp(EffectKey key, Effect effect, Exception error, int n) {
    failed.add(new Failed(key, effect, error, n));
  }

  synchronized ImmutableList<Handled> handled() {
    return ImmutableList.copyOf(handled);
  }

  /** Returns the template of every {@code send} handed over, in order. */
  synchronized ImmutableList<String> sent() {
    return handled.stream()
        .filter(h -> h.action().name().equals("send"))
        .map(h -> h.action().param("template").orElseThrow())
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns the offer of every {@code present} handed over, in order. */
  synchronized ImmutableList<String> presented() {
    return handled.stream()
        .filter(h -> h.action().name().equals("present"))
        .map(h -> h.action().param("offer").orElseThrow())
        .collect(ImmutableList.toImmutableList());
  }

  synchronized ImmutableList<Step> steps() {
    return ImmutableList.copyOf(steps);
  }

  synchronized ImmutableList<Refused> refused() {
    return ImmutableList.copyOf(refused);
  }

  /** Returns the effects given up, in order. */
  synchronized ImmutableList<Failed> givenUp() {
    return ImmutableList.copyOf(failed);
  }

  /** Returns the failed attempts that will be tried again, in order. */
  synchronized ImmutableList<Retry> retries() {
    return ImmutableList.copyOf(retries);
  }

  /** Returns the keys of the effects reported delivered, in order. */
  synchronized ImmutableList<EffectKey> delivered() {
    return ImmutableList.copyOf(delivered);
  }

  synchronized ImmutableList<LeadKey> noLead() {
    return ImmutableList.copyOf(noLead);
  }
}
