package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Over a store that {@linkplain LeadStore#optimisticChanges changes leads optimistically}, a change
 * is one commit; a stale lead, an event id the store remembers, or a change that writes nothing
 * sends the runtime back to load the lead and ask about the id, and the outcome is the same as over
 * any store.
 */
final class OptimisticChangesTest {
  private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

  /** A member who notes things (each note sends a message), leaves, and is pinged after a day. */
  private static Funnel club() {
    return Funnel.builder("club")
        .stage("member")
        .entry()
        .stage("gone")
        .lost()
        .after(Duration.ofDays(1))
        .in("member")
        .fire("ping")
        .on("ping")
        .from("member")
        .then(Actions.send("pinged"))
        .on("note")
        .from("member")
        .then(Actions.send("noted"))
        .on("left")
        .from("member")
        .to("gone")
        .build();
  }

  /**
   * A store over shared data that answers {@link #loadToChange} from what it last wrote or read
   * itself, and whose commit refuses a stored lead's commit carrying an event id it remembers, as
   * {@link LeadStore#optimisticChanges} asks.
   */
  static final class OptimisticStore extends ForwardingLeadStore {
    private final InMemoryLeadStore data;
    private final Map<LeadKey, Lead> known = new ConcurrentHashMap<>();
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger refusedCommits = new AtomicInteger();

    OptimisticStore(InMemoryLeadStore data) {
      super(data);
      this.data = data;
    }

    @Override
    public boolean optimisticChanges() {
      return true;
    }

    @Override
    public Optional<Lead> loadToChange(LeadKey key) {
      return Optional.ofNullable(known.get(key));
    }

    @Override
    public Optional<Lead> load(LeadKey key) {
      loads.incrementAndGet();
      Optional<Lead> lead = data.load(key);
      lead.ifPresent(l -> known.put(key, l));
      return lead;
    }

    @Override
    public boolean commit(Commit commit) {
      if (commit.expectedVersion() != ABSENT) {
        for (String id : commit.eventIds()) {
          if (data.isAccepted(commit.key(), id)) {
            refusedCommits.incrementAndGet();
            return false;
          }
        }
      }
      if (!data.commit(commit)) {
        refusedCommits.incrementAndGet();
        return false;
      }
      known.put(commit.key(), commit.lead());
      return true;
    }

    @Override
    public boolean isAccepted(LeadKey key, String eventId) {
      lookups.incrementAndGet();
      return data.isAccepted(key, eventId);
    }
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final InMemoryLeadStore data = new InMemoryLeadStore();
  private final OptimisticStore store = new OptimisticStore(data);
  private final FunnelRuntime rt = runtime(store);

  private FunnelRuntime runtime(LeadStore over) {
    return FunnelRuntime.builder(Catalog.of(club()))
        .store(over)
        .clock(clock)
        .handler(Actions.SEND, rec)
        .listener(rec)
        .build();
  }

  @CanIgnoreReturnValue
  private Receipt send(FunnelRuntime runtime, String id, String type) {
    clock.advance(Duration.ofSeconds(1));
    return runtime.handle("club", "m1", Event.of(id, type, clock.instant()));
  }

  private long deliveriesOf(String eventId) {
    return rec.handled().stream().filter(h -> h.key().eventId().equals(eventId)).count();
  }

  @Test
  void acceptedEvent_isOneCommit_withoutLoadingOrAskingAboutTheId() {
    rt.enter("club", "m1", "ads", T0);
    int loads = store.loads.get();

    Receipt r = send(rt, "n-1", "note");

    assertEquals(Receipt.Status.STAYED, r.status());
    assertEquals(loads, store.loads.get());
    assertEquals(0, store.lookups.get());
    assertEquals(0, store.refusedCommits.get());
    assertEquals(1, data.load(new LeadKey("club", "m1")).orElseThrow().version());
    assertTrue(data.isAccepted(new LeadKey("club", "m1"), "n-1"));
    assertEquals(1, deliveriesOf("n-1"));
  }

  @Test
  void staleLead_isRefusedByTheCommit_andTheChangeIsMadeOnTheFreshOne() {
    rt.enter("club", "m1", "ads", T0);
    OptimisticStore other = new OptimisticStore(data);
    FunnelRuntime elsewhere = runtime(other);
    send(elsewhere, "n-1", "note");
    send(elsewhere, "n-2", "note");

    Receipt r = send(rt, "n-3", "note");

    assertEquals(Receipt.Status.STAYED, r.status());
    assertEquals(1, store.refusedCommits.get());
    Lead stored = data.load(new LeadKey("club", "m1")).orElseThrow();
    assertEquals(3, stored.version());
    assertEquals(stored, r.lead().orElseThrow());
    assertTrue(stored.hasApplied("n-1") && stored.hasApplied("n-2") && stored.hasApplied("n-3"));
  }

  @Test
  void leadUnknownToTheStoreCopy_isLoaded() {
    FunnelRuntime elsewhere = runtime(new OptimisticStore(data));
    elsewhere.enter("club", "m1", "ads", T0);

    Receipt r = send(rt, "l-1", "left");

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals("gone", data.load(new LeadKey("club", "m1")).orElseThrow().stage());
    assertEquals(0, store.refusedCommits.get());
  }

  @Test
  void staleLeadThatTheChangeWouldAccept_isChangedAfresh_andRefusedThere() {
    rt.enter("club", "m1", "ads", T0);
    send(runtime(new OptimisticStore(data)), "l-1", "left");

    // The copy this store holds is still a member, who could note; the stored lead has left.
    Receipt r = send(rt, "x-1", "note");

    assertEquals(Receipt.Status.REFUSED, r.status());
    assertEquals(Optional.of(Outcome.Refusal.TERMINAL), r.refusal());
    assertEquals("gone", r.lead().orElseThrow().stage());
    assertEquals(0, deliveriesOf("x-1"));
    assertEquals(
        ImmutableList.of(new Recorder.Refused("x-1", Outcome.Refusal.TERMINAL)), rec.refused());
  }

  @Test
  void changeThatWritesNothing_isAnsweredFromTheFreshLead() {
    rt.enter("club", "m1", "ads", T0);
    send(runtime(new OptimisticStore(data)), "l-1", "left");

    // Nothing is due and there is no migration: no commit would check the stale copy.
    Receipt r = rt.migrate("club", "m1");

    assertEquals(Receipt.Status.STAYED, r.status());
    assertEquals(data.load(new LeadKey("club", "m1")), r.lead());
    assertEquals("gone", r.lead().orElseThrow().stage());
    assertEquals(ImmutableList.of(), r.steps());
  }

  @Test
  void eventTheStoreRemembers_isRefusedAsADuplicate_andHandsOutNothingAgain() {
    rt.enter("club", "m1", "ads", T0);
    send(rt, "n-0", "note");
    for (int i = 1; i <= 40; i++) {
      send(rt, "n-" + i, "note");
    }
    Lead before = data.load(new LeadKey("club", "m1")).orElseThrow();
    assertFalse(before.hasApplied("n-0"));

    Receipt again = send(rt, "n-0", "note");

    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
    assertEquals(before, data.load(new LeadKey("club", "m1")).orElseThrow());
    assertEquals(1, deliveriesOf("n-0"));
    assertEquals(1, store.refusedCommits.get());
  }

  @Test
  void rememberedIdOfAnEventThatWouldBeRefusedAnyway_isADuplicate_whileDueTimersFire() {
    rt.enter("club", "m1", "ads", T0);
    send(rt, "n-0", "note");
    for (int i = 1; i <= 40; i++) {
      send(rt, "n-" + i, "note");
    }
    assertFalse(data.load(new LeadKey("club", "m1")).orElseThrow().hasApplied("n-0"));
    clock.advance(Duration.ofDays(2)); // the ping fell due

    Receipt again = send(rt, "n-0", "unknown-type");

    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
    Lead stored = data.load(new LeadKey("club", "m1")).orElseThrow();
    assertTrue(stored.timers().isEmpty(), "the ping fired and was stored");
    assertEquals(stored, again.lead().orElseThrow());
    assertEquals(ImmutableList.of("ping"), again.steps().stream().map(Step::eventType).toList());
    assertEquals(1, rec.sent().stream().filter("pinged"::equals).count());
  }
}
