package dev.funnel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Outcome;
import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.Receipt;
import dev.funnel.runtime.RetryPolicy;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class FunnelMetricsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1"))
        .on("paid")
        .from("cold-lead")
        .to("buyer")
        .then(Actions.send("thanks"))
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .on("nudge")
        .from("cold-lead")
        .then(Actions.send("nudge-1"))
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .on("gone-cold")
        .from("cold-lead")
        .to("lost")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> sent = new ArrayList<>();

  /** A runtime whose mailer sends every letter but the nudge, which always fails. */
  private FunnelRuntime runtime() {
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(shop()))
            .store(new InMemoryLeadStore())
            .clock(clock)
            .handler(Actions.SEND, this::send)
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
            .randomness(new Random(7))
            .listener(FunnelMetrics.listener(registry, clock))
            .build();
    FunnelMetrics.gauges(runtime).bindTo(registry);
    return runtime;
  }

  private void send(Delivery d) {
    String template = d.action().param("template").orElseThrow();
    if (template.equals("nudge-1")) {
      throw new IllegalStateException("mail server down");
    }
    sent.add(template);
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  /** Runs one lead through entry, events, refusals, a failing timer letter and a purchase. */
  @CanIgnoreReturnValue
  private FunnelRuntime story() {
    FunnelRuntime runtime = runtime();
    runtime.enter(shop().newLead("lead-42", "google-ads").owner("alice"), T0);
    clock.advance(Duration.ofMinutes(1));
    runtime.handle("shop", "lead-42", Event.of("evt-1", "contact-left", T0));
    runtime.handle("shop", "lead-42", Event.of("evt-1", "contact-left", T0));
    runtime.handle("shop", "lead-42", Event.of("evt-2", "added-to-cart", T0.plusSeconds(90)));
    runtime.handle("shop", "lead-7", Event.of("evt-3", "contact-left", T0.plusSeconds(90)));

    clock.advance(Duration.ofDays(2).plusMinutes(4)); // 5 minutes past the nudge's due time
    assertEquals(1, runtime.tick());
    assertEquals(1, gauge("funnel.outbox.pending"));
    clock.advance(Duration.ofSeconds(2));
    runtime.tick();
    clock.advance(Duration.ofSeconds(2));
    runtime.tick();

    Instant paid = clock.instant().minusSeconds(30);
    assertTrue(runtime.handle("shop", "lead-42", Event.of("evt-4", "paid", paid)).isAccepted());
    return runtime;
  }

  @Test
  void story_countsEveryEventStageTimerAndDelivery() {
    story();

    assertEquals(ImmutableList.of("welcome-1", "thanks"), sent);
    assertEquals(2, count("funnel.events.accepted", "funnel", "shop"));
    assertEquals(1, count("funnel.events.refused", "funnel", "shop", "reason", "duplicate"));
    assertEquals(1, count("funnel.events.refused", "funnel", "shop", "reason", "no_transition"));
    assertEquals(1, count("funnel.events.refused", "funnel", "shop", "reason", "no_lead"));
    assertEquals(3, registry.get("funnel.events.refused").counters().size());
    assertEquals(1, count("funnel.stage.entries", "funnel", "shop", "stage", "visitor"));
    assertEquals(1, count("funnel.stage.entries", "funnel", "shop", "stage", "cold-lead"));
    assertEquals(1, count("funnel.stage.entries", "funnel", "shop", "stage", "buyer"));
    assertEquals(3, registry.get("funnel.stage.entries").counters().size());
    assertEquals(1, count("funnel.timers.fired", "funnel", "shop", "stage", "cold-lead"));
    assertEquals(2, count("funnel.effects.delivered", "funnel", "shop", "action", "send"));
    assertEquals(2, count("funnel.effects.retries", "funnel", "shop", "action", "send"));
    assertEquals(1, count("funnel.effects.parked", "funnel", "shop", "action", "send"));
    assertEquals(0, gauge("funnel.outbox.pending"));
    assertEquals(1, gauge("funnel.outbox.parked"));
  }

  @Test
  void story_timesHowLateTheTimerFiredAndHowLongDeliveriesTook() {
    story();

    io.micrometer.core.instrument.Timer lateness =
        registry.get("funnel.timers.lateness").tags("funnel", "shop").timer();
    assertEquals(1, lateness.count());
    assertEquals(300, lateness.totalTime(TimeUnit.SECONDS), 1e-9);

    // welcome-1: stepped at T0, delivered a minute later; thanks: 30 seconds after its step.
    io.micrometer.core.instrument.Timer latency =
        registry.get("funnel.effects.latency").tags("funnel", "shop", "action", "send").timer();
    assertEquals(2, latency.count());
    assertEquals(90, latency.totalTime(TimeUnit.SECONDS), 1e-9);
    assertEquals(60, latency.max(TimeUnit.SECONDS), 1e-9);
  }

  @Test
  void meters_areNeverTaggedWithTheLeadItsOwnerOrChannel() {
    story();

    ImmutableSet<String> personal = ImmutableSet.of("lead-42", "lead-7", "alice", "google-ads");
    ImmutableSet<String> allowedKeys = ImmutableSet.of("funnel", "stage", "reason", "action");
    assertFalse(registry.getMeters().isEmpty());
    for (Meter m : registry.getMeters()) {
      for (Tag t : m.getId().getTags()) {
        assertTrue(allowedKeys.contains(t.getKey()), m.getId() + " has tag " + t.getKey());
        assertFalse(personal.contains(t.getValue()), m.getId() + " is tagged " + t.getValue());
      }
    }
  }

  @Test
  void gauges_followTheOutboxAsEffectsWaitAndArePutBack() {
    FunnelRuntime runtime = story();
    assertEquals(1, gauge("funnel.outbox.parked"));

    assertTrue(runtime.requeue(runtime.parked(1).get(0).key()));
    assertEquals(1, gauge("funnel.outbox.pending"));
    assertEquals(0, gauge("funnel.outbox.parked"));
  }

  @Test
  void stepsWithoutTimers_recordNoLateness() {
    FunnelRuntime runtime = runtime();
    runtime.enter("shop", "lead-1", "newsletter", T0);
    Receipt r = runtime.handle("shop", "lead-1", Event.of("timer:x", "contact-left", T0));

    assertTrue(r.isAccepted());
    assertEquals(1, count("funnel.events.accepted", "funnel", "shop"));
    assertNull(registry.find("funnel.timers.fired").counter());
    assertNull(registry.find("funnel.timers.lateness").timer());
  }

  @Test
  void refusal_namesTheOutcomesReasonInLowerCase() {
    FunnelRuntime runtime = runtime();
    runtime.enter("shop", "lead-1", "newsletter", T0);
    runtime.handle("shop", "lead-1", Event.of("e1", "contact-left", T0.plusSeconds(10)));
    Receipt stale = runtime.handle("shop", "lead-1", Event.of("e2", "paid", T0));

    assertEquals(Outcome.Refusal.STALE, stale.refusal().orElseThrow());
    assertEquals(1, count("funnel.events.refused", "funnel", "shop", "reason", "stale"));
  }
}
