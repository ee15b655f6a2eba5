package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FunnelRuntime#handleAll} over generated events (re-sent ids, leads the store lacks, times
 * that jump past timers or go back) cut into generated batches gives what {@link
 * FunnelRuntime#handle} gives for each event in turn: the same receipts, the same steps, refusals
 * and deliveries in the same order, the same leads stored, nothing left in the outbox; over a plain
 * store and over one that changes leads optimistically.
 */
final class HandleAllProperties {
  private static final Instant T0 = RuntimeProperties.T0;
  private static final int LEADS = 4;

  /** One generated event: for which lead (the last index is never entered), id, type, when. */
  record Generated(int lead, String id, String type, Duration at) {}

  /** A runtime, its store and what it handed over and told. */
  private static final class Side {
    final Recorder rec = new Recorder();
    final InMemoryLeadStore data = new InMemoryLeadStore();
    final FunnelRuntime rt;

    Side(boolean optimistic) {
      LeadStore store = optimistic ? new OptimisticChangesTest.OptimisticStore(data) : data;
      rt =
          FunnelRuntime.builder(Catalog.of(RuntimeProperties.trial()))
              .store(store)
              .clock(new TestClock(T0))
              .handler(Actions.SEND, rec)
              .listener(rec)
              .build();
      for (int i = 0; i < LEADS - 1; i++) {
        rt.enter("trial", "lead-" + i, "ads", T0);
      }
    }
  }

  /** What a receipt says, as comparable data. */
  record Seen(
      LeadKey key,
      Receipt.Status status,
      Optional<dev.funnel.Outcome.Refusal> refusal,
      Optional<Lead> lead,
      List<dev.funnel.Step> steps) {
    static Seen of(Receipt r) {
      return new Seen(r.key(), r.status(), r.refusal(), r.lead(), r.steps());
    }
  }

  @Provide
  Arbitrary<List<Generated>> events() {
    Arbitrary<Generated> one =
        Combinators.combine(
                Arbitraries.integers().between(0, LEADS - 1),
                Arbitraries.integers().between(0, 24).map(i -> "e" + i),
                Arbitraries.of("activated", "paid", "ping", "restart", "nudge", "unknown-type"),
                Arbitraries.of(0L, 0L, 30L, 600L, 1_440L, 2_000L, 4_400L))
            .as(
                (lead, id, type, minutes) ->
                    new Generated(lead, id, type, Duration.ofMinutes(minutes)));
    return one.list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 9).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void handleAll_cutIntoAnyBatches_isHandleForEachEventInTurn(
      @ForAll("events") List<Generated> generated,
      @ForAll("cuts") List<Integer> cuts,
      @ForAll boolean optimistic) {
    // Times mostly go forward, by the generated step; a zero step after a long one goes back.
    List<LeadEvent> events = new ArrayList<>();
    Instant at = T0;
    for (Generated g : generated) {
      at = g.at().isZero() ? at.minus(Duration.ofMinutes(45)) : at.plus(g.at());
      events.add(LeadEvent.of("trial", "lead-" + g.lead(), Event.of(g.id(), g.type(), at)));
    }
    Side one = new Side(optimistic);
    Side all = new Side(optimistic);
    List<Seen> sequential = new ArrayList<>();
    for (LeadEvent e : events) {
      sequential.add(Seen.of(one.rt.handle(e.funnelId(), e.leadId(), e.event())));
    }
    List<Seen> batched = new ArrayList<>();
    int from = 0;
    for (int c = 0; from < events.size(); c++) {
      int size = cuts.get(c % cuts.size());
      List<LeadEvent> batch = events.subList(from, Math.min(events.size(), from + size));
      for (Receipt r : all.rt.handleAll(batch)) {
        batched.add(Seen.of(r));
      }
      from += batch.size();
    }

    assertEquals(sequential, batched);
    assertEquals(one.rec.steps(), all.rec.steps());
    assertEquals(one.rec.refused(), all.rec.refused());
    assertEquals(one.rec.noLead(), all.rec.noLead());
    assertEquals(one.rec.handled(), all.rec.handled());
    assertEquals(one.rec.delivered(), all.rec.delivered());
    for (int i = 0; i < LEADS; i++) {
      assertEquals(one.rt.lead("trial", "lead-" + i), all.rt.lead("trial", "lead-" + i));
    }
    assertEquals(ImmutableList.of(), all.rt.pending(10));
  }
}
