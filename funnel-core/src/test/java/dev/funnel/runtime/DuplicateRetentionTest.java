package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Duplicates are refused within the event retention, however many events came between. */
final class DuplicateRetentionTest {
  static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

  static Funnel club() {
    return Funnel.builder("club")
        .stage("member")
        .entry()
        .stage("gone")
        .lost()
        .on("note")
        .from("member")
        .then(Actions.send("noted"))
        .on("left")
        .from("member")
        .to("gone")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final InMemoryLeadStore memory = new InMemoryLeadStore();
  private final FunnelRuntimeTest.CrashingStore store = new FunnelRuntimeTest.CrashingStore(memory);

  private FunnelRuntimeBuilder runtime() {
    return FunnelRuntime.builder(Catalog.of(club()))
        .store(store)
        .clock(clock)
        .handler(Actions.SEND, rec)
        .listener(rec);
  }

  @CanIgnoreReturnValue
  private Receipt note(FunnelRuntime rt, String id) {
    clock.advance(Duration.ofMinutes(1));
    return rt.handle("club", "m1", Event.of(id, "note", clock.instant()));
  }

  private long deliveriesOf(String eventId) {
    return rec.handled().stream().filter(h -> h.key().eventId().equals(eventId)).count();
  }

  @Test
  void eventRedeliveredAfterFortyOthers_isRefusedAndHandsOutNoEffectTwice() {
    FunnelRuntime rt = runtime().build();
    rt.enter("club", "m1", "ads", T0);
    assertEquals(Receipt.Status.STAYED, note(rt, "n-0").status());
    for (int i = 1; i <= 40; i++) {
      assertTrue(note(rt, "n-" + i).isAccepted());
    }
    Lead before = rt.lead("club", "m1").orElseThrow();
    assertFalse(before.hasApplied("n-0"), "the snapshot has forgotten the id");

    Receipt again = note(rt, "n-0");

    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
    assertEquals(before, rt.lead("club", "m1").orElseThrow());
    assertEquals(1, deliveriesOf("n-0"));
    assertEquals(41, rec.sent().size());
    assertEquals(new Recorder.Refused("n-0", Outcome.Refusal.DUPLICATE), rec.refused().get(0));
  }

  @Test
  void eventRedeliveredAfterTheRetention_isAcceptedAgain() {
    FunnelRuntime rt = runtime().eventRetention(Duration.ofDays(30)).build();
    rt.enter("club", "m1", "ads", T0);
    note(rt, "n-0");
    for (int i = 1; i <= 40; i++) {
      note(rt, "n-" + i);
    }
    clock.advance(Duration.ofDays(29));
    rt.tick();
    assertEquals(Receipt.Status.REFUSED, note(rt, "n-0").status()); // still within 30 days

    clock.advance(Duration.ofDays(2));
    rt.tick(); // forgets the ids accepted more than 30 days ago

    assertEquals(0, memory.acceptedCount());
    Receipt late = note(rt, "n-0");
    assertEquals(Receipt.Status.STAYED, late.status());
    assertEquals(2, deliveriesOf("n-0"));
  }

  @Test
  void duplicateTheSnapshotKnows_isRefusedWithoutAskingTheStore() {
    FunnelRuntime rt = runtime().build();
    rt.enter("club", "m1", "ads", T0);
    note(rt, "n-0");
    int lookups = store.acceptedLookups.get();
    assertEquals(1, lookups); // the new event was looked up once

    assertEquals(Receipt.Status.REFUSED, note(rt, "n-0").status());

    assertEquals(lookups, store.acceptedLookups.get());
    assertEquals(1, deliveriesOf("n-0"));
  }

  @Test
  void eventRetentionZero_remembersOnlyTheSnapshotsIds() {
    FunnelRuntime rt = runtime().eventRetention(Duration.ZERO).build();
    rt.enter("club", "m1", "ads", T0);
    note(rt, "n-0");
    for (int i = 1; i <= 40; i++) {
      note(rt, "n-" + i);
    }

    assertEquals(Receipt.Status.STAYED, note(rt, "n-0").status());

    assertEquals(0, store.acceptedLookups.get());
    assertEquals(0, memory.acceptedCount());
  }

  @Test
  void commits_giveTheStoreTheAcceptedIdsOnly() {
    FunnelRuntime rt = runtime().build();
    rt.enter("club", "m1", "ads", T0);
    note(rt, "n-0");
    rt.handle("club", "m1", Event.of("x-1", "unknown-type", clock.instant()));

    assertTrue(memory.isAccepted(new LeadKey("club", "m1"), "n-0"));
    assertFalse(memory.isAccepted(new LeadKey("club", "m1"), "x-1"));
    assertEquals(1, memory.acceptedCount());
  }

  @Test
  void eventRetention_outOfBounds_isRefused() {
    FunnelRuntimeBuilder b = runtime();
    assertThrows(IllegalArgumentException.class, () -> b.eventRetention(Duration.ofSeconds(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.eventRetention(FunnelRuntime.MAX_EVENT_RETENTION.plusDays(1)));
  }
}
