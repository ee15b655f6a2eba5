package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ScheduledTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.jspecify.annotations.Nullable;

/**
 * Drives a runtime with random entries, events, re-sent events and clock jumps, and checks after
 * every action that each lead, and the messages handed over for it, match a model written out by
 * hand from the funnel's rules.
 */
final class RuntimeProperties {
  static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  static final int LEADS = 4;

  static Funnel trial() {
    return Funnel.builder("trial")
        .stage("signed-up")
        .entry()
        .stage("trial")
        .stage("expired")
        .stage("customer")
        .won()
        .stage("lost")
        .lost()
        .on("activated")
        .from("signed-up")
        .to("trial")
        .then(Actions.send("welcome"))
        .after(Duration.ofDays(1))
        .in("signed-up")
        .fire("nudge")
        .on("nudge")
        .from("signed-up")
        .then(Actions.send("nudge"))
        .after(Duration.ofDays(3))
        .in("trial")
        .fire("trial-ended")
        .on("trial-ended")
        .from("trial")
        .to("expired")
        .then(Actions.send("trial-over"))
        .on("restart")
        .from("trial")
        .to("trial")
        .then(Actions.send("restarted"))
        .on("paid")
        .from("trial", "expired")
        .to("customer")
        .then(Actions.send("receipt"))
        .after(Duration.ofDays(7))
        .in("expired")
        .fire("gone")
        .on("gone")
        .from("expired")
        .to("lost")
        .then(Actions.send("bye"))
        .on("ping")
        .fromAny()
        .then(Actions.send("ping"))
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // The model: the funnel's rules written out as tables.

  /** Where an event takes a lead from a stage, and what it sends; {@code to} null stays. */
  record Route(@Nullable String to, String send) {}

  static final ImmutableMap<String, Route> ROUTES =
      ImmutableMap.<String, Route>builder()
          .put("signed-up/activated", new Route("trial", "welcome"))
          .put("signed-up/nudge", new Route(null, "nudge"))
          .put("trial/trial-ended", new Route("expired", "trial-over"))
          .put("trial/restart", new Route("trial", "restarted"))
          .put("trial/paid", new Route("customer", "receipt"))
          .put("expired/paid", new Route("customer", "receipt"))
          .put("expired/gone", new Route("lost", "bye"))
          .put("signed-up/ping", new Route(null, "ping"))
          .put("trial/ping", new Route(null, "ping"))
          .put("expired/ping", new Route(null, "ping"))
          .buildOrThrow();

  static final ImmutableMap<String, ScheduledTimer> TIMERS =
      ImmutableMap.of(
          "signed-up",
              new ScheduledTimer("signed-up", "nudge", Instant.EPOCH.plus(Duration.ofDays(1))),
          "trial",
              new ScheduledTimer("trial", "trial-ended", Instant.EPOCH.plus(Duration.ofDays(3))),
          "expired", new ScheduledTimer("expired", "gone", Instant.EPOCH.plus(Duration.ofDays(7))));

  static boolean isTerminal(String stage) {
    return stage.equals("customer") || stage.equals("lost");
  }

  /** One lead as the model sees it. */
  static final class ModelLead {
    String stage = "signed-up";
    Instant enteredAt;
    Instant updatedAt;
    long version;
    List<ScheduledTimer> timers = new ArrayList<>();
    final List<String> applied = new ArrayList<>();
    final List<String> sent = new ArrayList<>();

    ModelLead(Instant at) {
      enteredAt = at;
      updatedAt = at;
      timers = schedule("signed-up", at);
    }

    static List<ScheduledTimer> schedule(String stage, Instant at) {
      List<ScheduledTimer> out = new ArrayList<>();
      ScheduledTimer t = TIMERS.get(stage);
      if (t != null) {
        out.add(
            new ScheduledTimer(
                stage, t.event(), at.plus(Duration.between(Instant.EPOCH, t.due()))));
      }
      return out;
    }

    boolean remembers(String eventId) {
      int from = Math.max(0, applied.size() - Lead.RECENT_EVENT_IDS);
      return applied.subList(from, applied.size()).contains(eventId);
    }

    /** Fires the timers due by {@code t}; returns how many fired. */
    @com.google.errorprone.annotations.CanIgnoreReturnValue
    int advance(Instant t) {
      int fired = 0;
      while (!timers.isEmpty() && !timers.get(0).due().isAfter(t)) {
        ScheduledTimer due = timers.get(0);
        List<ScheduledTimer> rest = new ArrayList<>(timers.subList(1, timers.size()));
        Instant at = due.due().isBefore(updatedAt) ? updatedAt : due.due();
        Route r = ROUTES.get(stage + "/" + due.event());
        if (r == null || isTerminal(stage)) {
          version++;
          updatedAt = at;
          timers = rest;
          applied.add(due.eventId());
        } else {
          take(r, at, rest, due.eventId());
        }
        fired++;
      }
      return fired;
    }

    /** Fires an event; returns the refusal, or null if it was accepted. */
    Outcome.@Nullable Refusal fire(Event e) {
      if (remembers(e.id())) {
        return Outcome.Refusal.DUPLICATE;
      }
      if (isTerminal(stage)) {
        return Outcome.Refusal.TERMINAL;
      }
      if (e.at().isBefore(updatedAt)) {
        return Outcome.Refusal.STALE;
      }
      Route r = ROUTES.get(stage + "/" + e.type());
      if (r == null) {
        return Outcome.Refusal.NO_TRANSITION;
      }
      take(r, e.at(), timers, e.id());
      return null;
    }

    private void take(Route r, Instant at, List<ScheduledTimer> remaining, String eventId) {
      version++;
      updatedAt = at;
      applied.add(eventId);
      sent.add(r.send());
      String to = r.to();
      if (to == null) {
        timers = remaining;
      } else {
        stage = to;
        enteredAt = at;
        timers = schedule(to, at);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The world: the runtime under test and the model side by side.

  static final class World {
    final TestClock clock = new TestClock(T0);
    final Recorder rec = new Recorder();
    final InMemoryLeadStore store = new InMemoryLeadStore();
    final FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(trial()))
            .store(store)
            .clock(clock)
            .handler(Actions.SEND, rec)
            .listener(rec)
            .build();
    final Map<String, ModelLead> model = new LinkedHashMap<>();
    final Map<String, List<Event>> events = new LinkedHashMap<>();
    Instant now = T0;
    int counter;

    void enter(int i) {
      String id = "lead-" + i;
      Receipt r = rt.enter("trial", id, "ads", now);
      if (model.containsKey(id)) {
        assertEquals(Receipt.Status.PRESENT, r.status());
      } else {
        assertEquals(Receipt.Status.ENTERED, r.status());
        model.put(id, new ModelLead(now));
      }
    }

    void fire(int i, String type, Duration forward, Duration back) {
      now = now.plus(forward);
      clock.set(now);
      send(i, Event.of("e" + ++counter, type, now.minus(back)));
    }

    void send(int i, Event e) {
      String id = "lead-" + i;
      Receipt r = rt.handle("trial", id, e);
      ModelLead m = model.get(id);
      if (m == null) {
        assertEquals(Receipt.Status.NO_LEAD, r.status());
        return;
      }
      events.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
      long before = m.version;
      m.advance(e.at());
      Outcome.Refusal refusal = m.fire(e);
      if (refusal == null) {
        assertTrue(r.isAccepted(), () -> "accepted " + e + " but got " + r);
      } else {
        assertEquals(Receipt.Status.REFUSED, r.status(), e::toString);
        assertEquals(refusal, r.refusal().orElseThrow(), e::toString);
      }
      assertEquals(m.version - before, r.steps().size());
    }

    /** Events of this lead that may be re-sent: never applied, or applied recently. */
    List<Event> resendable(int i) {
      String id = "lead-" + i;
      ModelLead m = model.get(id);
      List<Event> out = new ArrayList<>();
      if (m == null) {
        return out;
      }
      for (Event e : events.getOrDefault(id, List.of())) {
        if (!m.applied.contains(e.id()) || m.remembers(e.id())) {
          out.add(e);
        }
      }
      return out;
    }

    void jump(Duration d) {
      now = now.plus(d);
      clock.set(now);
      int fired = rt.advanceTo(now);
      int expected = 0;
      for (ModelLead m : model.values()) {
        expected += m.advance(now);
      }
      assertEquals(expected, fired);
    }

    void check() {
      assertEquals(0, store.pendingCount());
      assertEquals(model.size(), store.size());
      Map<String, List<String>> sent = new LinkedHashMap<>();
      for (Recorder.Handled h : rec.handled()) {
        sent.computeIfAbsent(h.leadId(), k -> new ArrayList<>())
            .add(h.action().param("template").orElseThrow());
      }
      Map<String, Integer> steps = new LinkedHashMap<>();
      rec.steps().forEach(s -> steps.merge(s.leadId(), 1, Integer::sum));
      model.forEach(
          (id, m) -> {
            Lead lead = rt.lead("trial", id).orElseThrow();
            assertEquals(m.stage, lead.stage(), id);
            assertEquals(m.version, lead.version(), id);
            assertEquals(m.enteredAt, lead.enteredAt(), id);
            assertEquals(m.updatedAt, lead.updatedAt(), id);
            assertEquals(m.timers, lead.timers(), id);
            assertEquals(m.sent, sent.getOrDefault(id, List.of()), id);
            assertEquals(m.version + 1, (long) steps.getOrDefault(id, 0), id);
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  static Arbitrary<Integer> leadIndex() {
    return Arbitraries.integers().between(0, LEADS - 1);
  }

  static Arbitrary<Duration> forward() {
    return Arbitraries.of(
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofMinutes(30),
        Duration.ofHours(11),
        Duration.ofDays(1),
        Duration.ofDays(2));
  }

  static final class Enter implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return leadIndex().map(i -> Transformer.mutate("enter lead-" + i, w -> w.enter(i)));
    }
  }

  static final class Fire implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      Arbitrary<String> types =
          Arbitraries.of("activated", "paid", "ping", "restart", "nudge", "unknown-type");
      Arbitrary<Duration> back =
          Arbitraries.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(2));
      return Combinators.combine(leadIndex(), types, forward(), back)
          .as(
              (i, type, fwd, bck) ->
                  Transformer.mutate(
                      "fire " + type + " at lead-" + i + " +" + fwd + " -" + bck,
                      w -> w.fire(i, type, fwd, bck)));
    }
  }

  static final class Resend implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      for (int i = 0; i < LEADS; i++) {
        if (!w.resendable(i).isEmpty()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World w) {
      List<Transformer<World>> options = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        int lead = i;
        for (Event e : w.resendable(i)) {
          options.add(
              Transformer.mutate("re-send " + e.id() + " to lead-" + i, x -> x.send(lead, e)));
        }
      }
      return Arbitraries.of(options);
    }
  }

  static final class Jump implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Arbitraries.of(
              Duration.ZERO,
              Duration.ofHours(6),
              Duration.ofDays(1),
              Duration.ofDays(3),
              Duration.ofDays(8))
          .map(d -> Transformer.mutate("advance clock by " + d, w -> w.jump(d)));
    }
  }

  @Provide
  Arbitrary<ActionChain<World>> chains() {
    return ActionChain.<World>startWith(World::new)
        .withAction(2, new Enter())
        .withAction(5, new Fire())
        .withAction(2, new Resend())
        .withAction(2, new Jump())
        .withMaxTransformations(40);
  }

  @Property(tries = 300)
  void runtime_underRandomEventsDuplicatesAndClockJumps_matchesTheModel(
      @ForAll("chains") ActionChain<World> chain) {
    World end = chain.withInvariant("runtime matches model", World::check).run();
    end.check();
  }
}
