package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Setting a single-valued option twice, or a name twice, is reported at once. */
final class FunnelRuntimeBuilderTest {
  private static FunnelRuntimeBuilder builder() {
    return FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()));
  }

  private static void assertSecondIsRefused(
      Consumer<FunnelRuntimeBuilder> first, Consumer<FunnelRuntimeBuilder> second, String msg) {
    FunnelRuntimeBuilder b = builder();
    first.accept(b);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.accept(b));
    assertEquals(msg, e.getMessage());
  }

  @Test
  void singleValuedOptionsSetTwice_areRefusedNamingTheEarlierValue() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    assertSecondIsRefused(
        b -> b.store(store),
        b -> b.store(new InMemoryLeadStore()),
        "store was already set to " + store);
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    assertSecondIsRefused(
        b -> b.clock(clock), b -> b.clock(Clock.systemUTC()), "clock was already set to " + clock);
    RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    assertSecondIsRefused(
        b -> b.retry(retry),
        b -> b.retry(RetryPolicy.DEFAULT),
        "retry policy was already set to " + retry);
    assertSecondIsRefused(
        b -> b.lease(Duration.ofMinutes(1)),
        b -> b.lease(Duration.ofMinutes(2)),
        "lease was already set to PT1M");
    assertSecondIsRefused(
        b -> b.eventRetention(Duration.ofDays(7)),
        b -> b.eventRetention(Duration.ofDays(8)),
        "event retention was already set to PT168H");
    Random random = new Random(1);
    assertSecondIsRefused(
        b -> b.randomness(random),
        b -> b.randomness(new Random(2)),
        "randomness was already set to " + random);
    FunnelRuntimeBuilder b = builder().retryable(e -> true);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.retryable(x -> false));
    assertEquals(true, String.valueOf(e.getMessage()).startsWith("retryable failures was already"));
  }

  @Test
  void namesRegisteredTwice_areRefused() {
    ActionHandler h = d -> {};
    assertSecondIsRefused(
        b -> b.handler(Actions.SEND, h),
        b -> b.handler(Actions.SEND, h),
        "action 'send' already has a handler");
    assertSecondIsRefused(
        b -> b.guard("vip", (l, ev) -> true),
        b -> b.guard("vip", (l, ev) -> false),
        "guard 'vip' is already registered");
    OwnerPool pool = OwnerPool.roundRobin("team", ImmutableList.of("anna"));
    assertSecondIsRefused(
        b -> b.pool(pool),
        b -> b.pool(OwnerPool.roundRobin("team", ImmutableList.of("boris"))),
        "owner pool 'team' is already registered");
  }

  @Test
  void listenersAndDistinctNames_addUp() {
    Recorder rec = new Recorder();
    FunnelRuntime rt =
        builder()
            .handler(Actions.SEND, rec)
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .listener(rec)
            .build();

    rt.enter("shop", "l1", "ads", Instant.EPOCH);

    assertEquals(2, rec.steps().size()); // one entry step, heard by the listener added twice
  }
}
