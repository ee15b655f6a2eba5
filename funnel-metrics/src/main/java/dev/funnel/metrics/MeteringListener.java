package dev.funnel.metrics;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.funnel.Action;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.LeadKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the runtime does into a {@link MeterRegistry}; the meters are listed in the package
 * documentation. Thread-safe.
 */
final class MeteringListener implements FunnelListener {
  /** The prefix of the event ids of fired timers ({@link dev.funnel.ScheduledTimer#eventId}). */
  private static final String TIMER_PREFIX = "timer:";

  private static final String REFUSED = "funnel.events.refused";

  private final MeterRegistry registry;
  private final Clock clock;

  /**
   * When each recent step happened, by the key its effects carry, to time their delivery. The
   * listener hears of a step before its effects are handed over but is told nothing when an effect
   * with no handler is settled, so the memory is bounded by size rather than cleared.
   */
  private final Cache<StepKey, Instant> stepTimes =
      CacheBuilder.newBuilder().maximumSize(FunnelMetrics.REMEMBERED_STEPS).build();

  /** The lead and event id that the effects of one step are keyed by. */
  private record StepKey(String funnelId, String leadId, String eventId) {}

  MeteringListener(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void stepped(Step step) {
    String funnel = step.funnelId();
    String eventId = step.eventId();
    stepTimes.put(
        new StepKey(funnel, step.leadId(), eventId == null ? EffectKey.ENTRY : eventId), step.at());
    String from = step.from();
    if (from == null || !from.equals(step.to())) {
      counter("funnel.stage.entries", "funnel", funnel, "stage", step.to()).increment();
    }
    if (from == null) {
      return;
    }
    Instant due = timerDue(step, from);
    if (due == null) {
      counter("funnel.events.accepted", "funnel", funnel).increment();
      return;
    }
    counter("funnel.timers.fired", "funnel", funnel, "stage", from).increment();
    Timer.builder("funnel.timers.lateness")
        .description("how long after its due time a timer fired")
        .tags("funnel", funnel)
        .publishPercentileHistogram()
        .register(registry)
        .record(since(due));
  }

  @Override
  public void refused(Event event, Outcome outcome) {
    String reason = outcome.refusal().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("unknown");
    counter(REFUSED, "funnel", outcome.lead().funnelId(), "reason", reason).increment();
  }

  @Override
  public void noLead(LeadKey key, Event event) {
    counter(REFUSED, "funnel", key.funnelId(), "reason", "no_lead").increment();
  }

  @Override
  public void effectDelivered(EffectKey key, Effect effect, int attempts) {
    String action = actionName(effect);
    counter("funnel.effects.delivered", "funnel", key.funnelId(), "action", action).increment();
    Instant at = stepTimes.getIfPresent(new StepKey(key.funnelId(), key.leadId(), key.eventId()));
    if (at != null) {
      Timer.builder("funnel.effects.latency")
          .description("time from the step that produced an effect to its delivery")
          .tags("funnel", key.funnelId(), "action", action)
          .publishPercentileHistogram()
          .register(registry)
          .record(since(at));
    }
  }

  @Override
  public void effectFailed(
      EffectKey key, Effect effect, Exception error, int attempts, Instant nextAttempt) {
    counter("funnel.effects.retries", "funnel", key.funnelId(), "action", actionName(effect))
        .increment();
  }

  @Override
  public void effectGivenUp(EffectKey key, Effect effect, Exception error, int attempts) {
    counter("funnel.effects.parked", "funnel", key.funnelId(), "action", actionName(effect))
        .increment();
  }

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(tags).register(registry);
  }

  /** The time from an instant to now by the clock; zero if the instant is still ahead. */
  private Duration since(Instant at) {
    Duration d = Duration.between(at, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * Returns when the timer that made a step was due, or null if an event made it. A fired timer's
   * event id is {@code timer:<stage>:<event>:<due>}, its stage being the one the lead was in.
   */
  private static @Nullable Instant timerDue(Step step, String from) {
    String id = step.eventId();
    String type = step.eventType();
    if (id == null || type == null) {
      return null;
    }
    String prefix = TIMER_PREFIX + from + ":" + type + ":";
    if (!id.startsWith(prefix)) {
      return null;
    }
    try {
      return Instant.parse(id.substring(prefix.length()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String actionName(Effect effect) {
    return effect instanceof Action a ? a.name() : "timer";
  }

  @Override
  public String toString() {
    return "FunnelMetrics.listener{" + registry.getClass().getSimpleName() + "}";
  }
}
