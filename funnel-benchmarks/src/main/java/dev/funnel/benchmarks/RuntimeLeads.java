package dev.funnel.benchmarks;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.Receipt;
import java.util.Queue;
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

  /** How many leads the store holds. */
  @Param("100000")
  public int leads;

  private final LongAdder actions = new LongAdder();
  private final Queue<RuntimeCursor> cursors = new ConcurrentLinkedQueue<>();
  private FunnelRuntime runtime = build(new InMemoryLeadStore(), actions);

  /** Creates the state; JMH sets it up. */
  public RuntimeLeads() {}

  private static FunnelRuntime build(InMemoryLeadStore store, LongAdder actions) {
    return FunnelRuntime.builder(Catalog.of(FunnelLoop.define()))
        .store(store)
        .handler(FunnelLoop.COUNT, delivery -> actions.increment())
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
    if (store.size() != leads || store.pendingCount() != 0) {
      throw new IllegalStateException("store after set-up: " + store);
    }
    actions.reset();
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
    for (RuntimeCursor c : cursors) {
      handled += c.handled();
      c.checkStages(runtime);
    }
    if (handled == 0 || actions.sum() != handled) {
      throw new IllegalStateException(
          "runtime handed over " + actions.sum() + " actions for " + handled + " events");
    }
    cursors.clear();
  }
}
