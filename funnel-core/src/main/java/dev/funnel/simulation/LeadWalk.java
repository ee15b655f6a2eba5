package dev.funnel.simulation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Outcome;
import dev.funnel.ScheduledTimer;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.analytics.ReportBuilder;
import dev.funnel.simulation.Simulation.Move;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Walks one simulated lead through the funnel by the pure core, as the {@link Simulation} class
 * notes describe: it arrives, draws at most one move of its stage, lets due timers fire first, and
 * goes on until it reaches a terminal stage, has nothing left to do, its horizon passes or it has
 * taken 256 steps. Every record goes to the report being built. Immutable and thread-safe; each
 * walk uses only the random source it is given.
 */
final class LeadWalk {
  private static final int MAX_STEPS = 256;
  private static final String[] EVENT_IDS = new String[MAX_STEPS];

  static {
    for (int i = 0; i < MAX_STEPS; i++) {
      EVENT_IDS[i] = "sim-" + i;
    }
  }

  private final Funnel funnel;
  private final Instant start;
  private final Duration arrivals;
  private final Duration horizon;
  private final ImmutableList<String> owners;
  private final ImmutableMap<String, Object> attributes;
  private final ImmutableMap<String, StageMoves> table;

  LeadWalk(
      Funnel funnel,
      Instant start,
      Duration arrivals,
      Duration horizon,
      ImmutableList<String> owners,
      ImmutableMap<String, Object> attributes,
      List<Move> moves) {
    this.funnel = funnel;
    this.start = start;
    this.arrivals = arrivals;
    this.horizon = horizon;
    this.owners = owners;
    this.attributes = attributes;
    Map<String, List<Move>> byStage = new LinkedHashMap<>();
    for (Move m : moves) {
      byStage.computeIfAbsent(m.stage(), k -> new ArrayList<>()).add(m);
    }
    ImmutableMap.Builder<String, StageMoves> t = ImmutableMap.builder();
    byStage.forEach((stage, list) -> t.put(stage, new StageMoves(list)));
    this.table = t.buildOrThrow();
  }

  /** The moves of one stage, with cumulative probabilities for drawing one. */
  private static final class StageMoves {
    final Move[] moves;
    final double[] upTo;

    StageMoves(List<Move> list) {
      this.moves = list.toArray(new Move[0]);
      this.upTo = new double[moves.length];
      double sum = 0;
      for (int i = 0; i < moves.length; i++) {
        sum += moves[i].probability();
        upTo[i] = sum;
      }
    }

    @Nullable Move pick(double u) {
      for (int i = 0; i < moves.length; i++) {
        if (u < upTo[i]) {
          return moves[i];
        }
      }
      return null;
    }
  }

  /** Walks lead number {@code index} of a channel, feeding its records to {@code out}. */
  void walk(long index, String channel, SplittableRandom rnd, ReportBuilder out) {
    String id = "sim-" + index;
    long arrivalMs = arrivals.toMillis();
    long t0 = start.toEpochMilli() + (arrivalMs == 0 ? 0 : rnd.nextLong(arrivalMs));
    long end = t0 + horizon.toMillis();
    Funnel.Entry entry = funnel.newLead(id, channel);
    if (!owners.isEmpty()) {
      entry.owner(owners.get((int) (index % owners.size())));
    }
    if (!attributes.isEmpty()) {
      entry.attributes(attributes);
    }
    Outcome o = entry.enter(Instant.ofEpochMilli(t0));
    feed(o, out);
    Lead lead = o.lead();
    long now = t0;
    int events = 0;
    boolean drawn = false;
    Move pending = null;
    long pendingAt = end;
    for (int steps = 0; steps < MAX_STEPS; steps++) {
      if (isTerminal(lead)) {
        break;
      }
      if (!drawn) {
        StageMoves sm = table.get(lead.stage());
        pending = sm == null ? null : sm.pick(rnd.nextDouble());
        pendingAt = end;
        if (pending != null) {
          pendingAt = now + pending.delay().sampleMillis(rnd);
          if (pendingAt > end) {
            pending = null;
            pendingAt = end;
          }
        }
        drawn = true;
      }
      List<ScheduledTimer> timers = lead.timers();
      if (!timers.isEmpty() && timers.get(0).due().toEpochMilli() <= pendingAt) {
        Instant due = timers.get(0).due();
        String before = lead.stage();
        Outcome advanced = funnel.advance(lead, due);
        feed(advanced, out);
        lead = advanced.lead();
        now = Math.max(now, due.toEpochMilli());
        if (!lead.stage().equals(before)) {
          drawn = false;
        }
        continue;
      }
      if (pending == null) {
        break;
      }
      Instant at = Instant.ofEpochMilli(pendingAt);
      String eventId = events < MAX_STEPS ? EVENT_IDS[events] : "sim-" + events;
      events++;
      Money amount = pending.amount();
      String offer = pending.offer();
      Event event =
          amount == null || offer == null
              ? Event.of(eventId, pending.event(), at)
              : Event.purchase(eventId, at)
                  .type(pending.event())
                  .offer(offer)
                  .amount(amount)
                  .build();
      Outcome fired = funnel.fire(lead, event);
      pending = null;
      if (fired.isAccepted()) {
        feed(fired, out);
        lead = fired.lead();
        now = pendingAt;
        drawn = false;
      }
      pendingAt = end;
    }
    out.forget(id);
  }

  private boolean isTerminal(Lead lead) {
    return funnel.stage(lead.stage()).map(Stage::isTerminal).orElse(true);
  }

  private static void feed(Outcome o, ReportBuilder out) {
    for (Step s : o.steps()) {
      out.add(s);
    }
  }
}
