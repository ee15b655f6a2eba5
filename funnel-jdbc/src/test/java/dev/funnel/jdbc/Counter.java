package dev.funnel.jdbc;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.runtime.ActionHandler;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small funnel for the runtime tests, and what its runtimes did: every step a listener heard and
 * every effect a handler was given, counted per key.
 */
final class Counter {
  static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");

  final List<Step> steps = new CopyOnWriteArrayList<>();
  final Map<EffectKey, AtomicInteger> delivered = new ConcurrentHashMap<>();

  static Funnel funnel() {
    return Funnel.builder("counter")
        .stage("open")
        .entry()
        .stage("flipped")
        .on("ping")
        .fromAny()
        .then(Actions.send("ping"))
        .on("flip")
        .from("open")
        .to("flipped")
        .then(Actions.send("flipped"))
        .on("flip")
        .from("flipped")
        .to("open")
        .then(Actions.send("flipped"))
        .after(Duration.ofMinutes(2))
        .in("flipped")
        .fire("flip")
        .build();
  }

  /** Returns a runtime over a store, recording into this, with a clock fixed at {@code now}. */
  FunnelRuntime runtime(LeadStore store, Instant now) {
    return runtime(store, Clock.fixed(now, ZoneOffset.UTC), d -> record(d.key()));
  }

  FunnelRuntime runtime(LeadStore store, Clock clock, ActionHandler handler) {
    return FunnelRuntime.builder(Catalog.of(funnel()))
        .store(store)
        .clock(clock)
        .handler(Actions.SEND, handler)
        .listener(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                steps.add(step);
              }
            })
        .build();
  }

  void record(EffectKey key) {
    delivered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }
}
