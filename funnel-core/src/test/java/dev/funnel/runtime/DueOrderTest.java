package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timers fire in due order across leads however the tick's batches cut them, and a due index that
 * keeps naming a lead with nothing due is reported, not spun on for ever.
 */
final class DueOrderTest {
  private static final Instant T0 = Pings.T0;

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime(LeadStore store) {
    return Pings.runtime(store, clock, rec);
  }

  private List<String> timerSteps() {
    List<String> out = new ArrayList<>();
    for (Step s : rec.steps()) {
      if (s.eventType() != null) {
        out.add(s.leadId() + "@" + Duration.between(T0, s.at()).toMinutes());
      }
    }
    return out;
  }

  @Test
  void advanceTo_twoLeadsDueAgainWithinOneBatch_fireInDueOrder() {
    FunnelRuntime rt = runtime(new InMemoryLeadStore());
    rt.enter("pings", "x", "ads", T0);
    rt.enter("pings", "y", "ads", T0.plus(Duration.ofMinutes(5)));
    rt.enter("pings", "z", "ads", T0.plus(Duration.ofMinutes(12)));

    assertEquals(6, rt.advanceTo(T0.plus(Duration.ofHours(3))));

    // x's second timer (70) comes before z's first (72), y's second (75) after it: the batch that
    // read x, y and z must stop before z, at the earliest of the timers that came due again.
    assertEquals(ImmutableList.of("x@60", "y@65", "x@70", "z@72", "y@75", "z@82"), timerSteps());
    assertEquals(
        ImmutableList.of("ping-1", "ping-1", "pong-1", "ping-1", "pong-1", "pong-1"), rec.sent());
  }

  @Test
  void advanceTo_dueIndexNamingALeadWithNothingDue_isReported() {
    InMemoryLeadStore memory = new InMemoryLeadStore();
    FunnelRuntime rt = runtime(memory);
    rt.enter("pings", "x", "ads", T0);
    Lead x = memory.load(new LeadKey("pings", "x")).orElseThrow();
    // A broken index: it names x as due by any instant, though x's first timer is an hour away.
    LeadStore broken =
        new ForwardingLeadStore(memory) {
          @Override
          public ImmutableList<Lead> loadDue(Instant now, int limit) {
            return ImmutableList.of(x);
          }
        };
    FunnelRuntime over = runtime(broken);
    Instant until = T0.plus(Duration.ofMinutes(30));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> over.advanceTo(until));

    assertEquals(
        "the due index names lead 'pings/x' as due by "
            + until
            + " but the lead has its first timer due at "
            + T0.plus(Duration.ofHours(1)),
        e.getMessage());
    assertEquals(x, memory.load(new LeadKey("pings", "x")).orElseThrow());
    assertEquals(ImmutableList.of(), timerSteps());
  }
}
