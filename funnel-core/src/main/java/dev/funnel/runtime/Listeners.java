package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import dev.funnel.Dispatch;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All the runtime's listeners as one: tells each of them, in the order they were added, and
 * isolates a listener that throws (it is logged and the others are still told). Thread-safe if the
 * listeners are.
 */
final class Listeners implements FunnelListener {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final ImmutableList<FunnelListener> all;
  // With no listener, every call returns before it builds the lambda that tells each one: the
  // runtime calls here several times an event (RuntimeBenchmark.handleOneThread, -prof gc).
  private final boolean none;

  Listeners(List<FunnelListener> all) {
    this.all = ImmutableList.copyOf(all);
    this.none = this.all.isEmpty();
  }

  /** Tells every listener about each step, in order. */
  void stepped(ImmutableList<Step> steps) {
    if (none) {
      return;
    }
    for (Step s : steps) {
      stepped(s);
    }
  }

  @Override
  public void stepped(Step step) {
    if (none) {
      return;
    }
    each(l -> l.stepped(step));
  }

  @Override
  public void refused(Event event, Outcome outcome) {
    if (none) {
      return;
    }
    each(l -> l.refused(event, outcome));
  }

  @Override
  public void noLead(LeadKey key, Event event) {
    if (none) {
      return;
    }
    each(l -> l.noLead(key, event));
  }

  /**
   * Logs and tells every listener of an event for a lead the store lacks, if the receipt says so;
   * returns the receipt.
   */
  Receipt reported(LeadKey key, Event event, Receipt r) {
    if (r.status() == Receipt.Status.NO_LEAD) {
      log.debug("event for a lead the store lacks");
      noLead(key, event);
    }
    return r;
  }

  @Override
  public void effectDelivered(EffectKey key, Effect effect, int attempts) {
    if (none) {
      return;
    }
    each(l -> l.effectDelivered(key, effect, attempts));
  }

  @Override
  public void effectFailed(
      EffectKey key, Effect effect, Exception error, int attempts, Instant nextAttempt) {
    if (none) {
      return;
    }
    each(l -> l.effectFailed(key, effect, error, attempts, nextAttempt));
  }

  @Override
  public void effectGivenUp(EffectKey key, Effect effect, Exception error, int attempts) {
    if (none) {
      return;
    }
    each(l -> l.effectGivenUp(key, effect, error, attempts));
  }

  @Override
  public void dispatched(EffectKey key, Dispatch dispatch) {
    if (none) {
      return;
    }
    each(l -> l.dispatched(key, dispatch));
  }

  private void each(Consumer<FunnelListener> call) {
    for (FunnelListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("listener {} failed", l.getClass().getName(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "Listeners{" + all.size() + "}";
  }
}
