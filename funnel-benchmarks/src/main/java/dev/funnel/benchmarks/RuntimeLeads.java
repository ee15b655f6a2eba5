package dev.funnel.benchmarks;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.Receipt;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A {@link FunnelRuntime} over an {@link InMemoryLeadStore} holding {@link #leads} leads of the
 * {@link Shape} funnel, each warmed up to the hot lead stage, with a handler that counts the
 * actions it is handed. Shared by all benchmark threads; each thread drives its own share of the
 * leads through a {@link RuntimeCursor}.
 */
@State(Scope.Benchmark)
public class RuntimeLeads {
  /** The funnel's id. */
  static final String FUNNEL = "shop";

  /** How long the store remembers an accepted event id. */
  static final Duration RETENTION = Duration.ofMillis(100);

  /** How many leads the store holds. */
  @Param("100000")
  public int leads;

  private final LongAdder actions = new LongAdder();
  private final LongAdder floorActions = new LongAdder();
  private final Funnel funnel = FunnelLoop.define();
  // The floor of any store: the same leads in a map, each event a get, the pure fire and a
  // compare-and-set replace.
  private final ConcurrentHashMap<String, Lead> floor = new ConcurrentHashMap<>();
  private final Queue<RuntimeCursor> cursors = new ConcurrentLinkedQueue<>();
  private FunnelRuntime runtime = build(new InMemoryLeadStore(), actions);

  /** Creates the state; JMH sets it up. */
  public RuntimeLeads() {}

  private static FunnelRuntime build(InMemoryLeadStore store, LongAdder actions) {
    return FunnelRuntime.builder(Catalog.of(FunnelLoop.define()))
        .store(store)
        .handler(FunnelLoop.COUNT, delivery -> actions.increment())
        // The store remembers every accepted id for the retention; at millions of events a second
        // a shop's 30 days would fill the heap within an iteration. Each thread ticks once a pass
        // over its leads, so the store forgets ids a tenth of a second old, long before the ring
        // of event ids comes round to a lead again.
        .eventRetention(RETENTION)
        .build();
  }

  /** Returns the id of the lead with this index. */
  static String leadId(int index) {
    return "lead-" + index;
  }

  /** Enters the leads and takes each to the hot lead stage through the runtime. */
  @Setup(Level.Trial)
  public void enter() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    runtime = build(store, actions);
    Event[] warmUp = new Event[Shape.WARM_UP.length];
    for (int i = 0; i < warmUp.length; i++) {
      warmUp[i] = FunnelLoop.event("w-" + i, Shape.WARM_UP[i]);
    }
    for (int i = 0; i < leads; i++) {
      String id = leadId(i);
      runtime.enter(FUNNEL, id, FunnelLoop.CHANNEL, FunnelLoop.AT);
      for (Event e : warmUp) {
        Receipt r = runtime.handle(FUNNEL, id, e);
        if (r.status() != Receipt.Status.MOVED) {
          throw new IllegalStateException("warm-up event refused: " + r.status());
        }
      }
    }
    floor.clear();
    for (int i = 0; i < leads; i++) {
      floor.put(leadId(i), FunnelLoop.hotLead(funnel, leadId(i), "w-"));
    }
    if (store.size() != leads || store.pendingCount() != 0) {
      throw new IllegalStateException("store after set-up: " + store);
    }
    actions.reset();
    floorActions.reset();
  }

  /**
   * Fires an event at a lead of the floor's map with the pure transition function, stores the next
   * lead with a compare-and-set replace, and counts the actions: what any store costs at least.
   *
   * @return whether the event moved the lead
   */
  boolean fireInMap(String id, Event e) {
    Lead lead = floor.get(id);
    if (lead == null) {
      throw new IllegalStateException("lead '" + id + "' lost");
    }
    Outcome o = funnel.fire(lead, e);
    if (!floor.replace(id, lead, o.lead())) {
      throw new IllegalStateException("lead '" + id + "' written by another thread");
    }
    ImmutableList<Effect> effects = o.effects();
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Action) {
        floorActions.increment();
      }
    }
    return o.status() == Outcome.Status.MOVED;
  }

  /** Returns a lead of the floor's map. */
  Lead floorLead(String id) {
    Lead lead = floor.get(id);
    if (lead == null) {
      throw new IllegalStateException("lead '" + id + "' lost");
    }
    return lead;
  }

  /** Returns the runtime. */
  FunnelRuntime runtime() {
    return runtime;
  }

  /** Registers a thread's cursor, so that the trial's check can add up what it handled. */
  void register(RuntimeCursor cursor) {
    cursors.add(cursor);
  }

  /**
   * Checks that the handler was handed one action for every event handled, over all threads, and
   * that each thread's leads are in the stage the loop says.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Trial)
  public void check() {
    long handled = 0;
    long fired = 0;
    for (RuntimeCursor c : cursors) {
      if (c.drovesFloor()) {
        fired += c.handled();
      } else {
        handled += c.handled();
      }
      c.checkStages(this);
    }
    if (handled + fired == 0 || actions.sum() != handled || floorActions.sum() != fired) {
      throw new IllegalStateException(
          "runtime handed over "
              + actions.sum()
              + " actions for "
              + handled
              + " events, the floor "
              + floorActions.sum()
              + " for "
              + fired);
    }
    cursors.clear();
  }
}
