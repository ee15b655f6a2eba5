package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the listeners hear of each delivery, and what an interrupted one leaves behind. */
final class DeliveryReportsTest {
  private final TestClock clock = new TestClock(T0);
  private final InMemoryLeadStore store = new InMemoryLeadStore();
  private final List<String> heard = new ArrayList<>();

  private final FunnelListener listener =
      new FunnelListener() {
        @Override
        public void effectDelivered(EffectKey key, Effect effect, int attempts) {
          heard.add("delivered " + key + " " + ((Action) effect).name() + " after " + attempts);
        }

        @Override
        public void effectFailed(
            EffectKey key, Effect effect, Exception error, int attempts, Instant nextAttempt) {
          heard.add("failed " + key + " on attempt " + attempts);
        }

        @Override
        public void effectGivenUp(EffectKey key, Effect effect, Exception error, int attempts) {
          heard.add("given up " + key + " after " + attempts);
        }
      };

  private FunnelRuntime runtime(ActionHandler send) {
    return FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
        .store(store)
        .clock(clock)
        .handler(Actions.SEND, send)
        .handler(Actions.PRESENT, d -> {})
        .listener(listener)
        .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .build();
  }

  @Test
  void deliveredEffects_areReportedWithTheAttemptThatDeliveredThem() {
    int[] calls = {0};
    FunnelRuntime rt =
        runtime(
            d -> {
              if (calls[0]++ == 0) {
                throw new IllegalStateException("mail server down");
              }
            });
    rt.enter("shop", "l1", "ads", T0);

    rt.handle("shop", "l1", Event.of("e1", "contact-left", T0.plusSeconds(1)));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, rt.dispatchPending());

    assertEquals(
        ImmutableList.of(
            "failed shop/l1/e1#0 on attempt 1",
            "delivered shop/l1/e1#1 present after 1",
            "delivered shop/l1/e1#0 send after 2"),
        heard);
    assertEquals(ImmutableList.of(), store.pending(10));
  }

  @Test
  void interruptedDelivery_staysInTheOutboxUnreported_andKeepsTheInterrupt() {
    FunnelRuntime rt =
        runtime(
            d -> {
              throw new InterruptedException("shutting down");
            });
    rt.enter("shop", "l1", "ads", T0);

    Receipt r = rt.handle("shop", "l1", Event.of("e1", "contact-left", T0.plusSeconds(1)));

    assertTrue(Thread.interrupted(), "the interrupt is passed on");
    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals(ImmutableList.of("delivered shop/l1/e1#1 present after 1"), heard);
    ImmutableList<OutboxEntry> pending = store.pending(10);
    assertEquals(1, pending.size());
    assertEquals(new EffectKey("shop", "l1", "e1", 0), pending.get(0).key());
    assertEquals(0, pending.get(0).attempts());
    assertEquals(ImmutableList.of(), store.parked(10));
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void waitsBetweenAttempts_areJitteredByDefault() {
    Recorder rec = new Recorder();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalStateException("mail server down");
                })
            .handler(Actions.PRESENT, d -> {})
            .listener(rec)
            .retry(new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(10), 1))
            .build();
    for (int i = 0; i < 8; i++) {
      rt.enter("shop", "l" + i, "ads", T0);
      rt.handle("shop", "l" + i, Event.of("e" + i, "contact-left", T0));
    }

    ImmutableList<Instant> next =
        rec.retries().stream()
            .map(Recorder.Retry::nextAttempt)
            .collect(ImmutableList.toImmutableList());
    assertEquals(8, next.size());
    for (Instant t : next) {
      assertFalse(t.isBefore(T0) || t.isAfter(T0.plusSeconds(10)), t.toString());
    }
    // Without jitter every wait would be the whole ten seconds.
    assertTrue(next.stream().distinct().count() > 1, next.toString());
  }

  @Test
  void listeners_sayHowManyTheyAre() {
    assertEquals("Listeners{2}", new Listeners(List.of(listener, listener)).toString());
    assertEquals("Listeners{0}", new Listeners(List.of()).toString());
  }
}
