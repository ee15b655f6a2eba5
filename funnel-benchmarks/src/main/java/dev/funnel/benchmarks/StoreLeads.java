package dev.funnel.benchmarks;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.Receipt;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FunnelRuntime} over the {@link #store} named, holding {@link #leads} leads of the {@link
 * Shape} funnel, each at the hot lead stage, with a handler that counts the actions it is handed:
 * {@code memory} is an {@link InMemoryLeadStore}; {@code postgres} a {@link
 * dev.funnel.jdbc.JdbcLeadStore} on the embedded PostgreSQL with its durable defaults; {@code
 * postgres-later} the same store deleting delivered entries with its next write; {@code
 * postgres-async} the first with {@code synchronous_commit} off (a commit returns before its
 * write-ahead log is flushed; a server crash may lose the last few commits, never half of one).
 * Shared by all benchmark threads; each thread drives its own leads through a {@link StoreCursor}.
 * The trial's check logs the statements per event, which are its round trips.
 */
@State(Scope.Benchmark)
public class StoreLeads {
  private static final Logger log = LoggerFactory.getLogger(StoreLeads.class);

  /**
   * The store: {@code memory}, {@code postgres}, {@code postgres-later} (deleting delivered entries
   * with the next write) or {@code postgres-async}.
   */
  @Param({"memory", "postgres", "postgres-later", "postgres-async"})
  public String store = "memory";

  /** How many leads the store holds. */
  @Param("10000")
  public int leads;

  private final LongAdder actions = new LongAdder();
  private final LongAdder handled = new LongAdder();
  private FunnelRuntime runtime = build(new InMemoryLeadStore());
  private Postgres.@Nullable Database database;
  private long statementsBefore;

  /** Creates the state; JMH sets it up. */
  public StoreLeads() {}

  private FunnelRuntime build(LeadStore s) {
    return FunnelRuntime.builder(Catalog.of(FunnelLoop.define()))
        .store(s)
        .handler(FunnelLoop.COUNT, delivery -> actions.increment())
        .build();
  }

  /**
   * Enters the leads at the hot lead stage: through the runtime in memory; in PostgreSQL one lead
   * through the runtime, copied in one statement.
   */
  @Setup(Level.Trial)
  public void enter() {
    actions.reset();
    handled.reset();
    if (store.equals("memory")) {
      database = null;
      runtime = build(new InMemoryLeadStore());
      for (int i = 0; i < leads; i++) {
        warmUp(RuntimeLeads.leadId(i));
      }
    } else {
      Postgres.Database db = Postgres.create(store);
      database = db;
      runtime = build(db.store());
      warmUp(RuntimeLeads.leadId(0));
      Postgres.copyLead(db.pool(), RuntimeLeads.leadId(0), "lead-", leads);
      // A running service has in hand the leads it handles: read each once, as its store keeps
      // the leads it last read or wrote, so the measured events are those of the steady state.
      for (int i = 0; i < leads; i++) {
        var unused = runtime.lead(RuntimeLeads.FUNNEL, RuntimeLeads.leadId(i));
      }
      statementsBefore = db.counted().executed();
    }
    Lead last =
        runtime
            .lead(RuntimeLeads.FUNNEL, RuntimeLeads.leadId(leads - 1))
            .orElseThrow(() -> new IllegalStateException("leads missing after set-up"));
    if (!last.stage().equals(Shape.Stage.HOT_LEAD.id())) {
      throw new IllegalStateException("lead after set-up in stage " + last.stage());
    }
    actions.reset();
  }

  private void warmUp(String id) {
    runtime.enter(RuntimeLeads.FUNNEL, id, FunnelLoop.CHANNEL, FunnelLoop.AT);
    for (int i = 0; i < Shape.WARM_UP.length; i++) {
      Event e = FunnelLoop.event("w-" + i, Shape.WARM_UP[i]);
      Receipt r = runtime.handle(RuntimeLeads.FUNNEL, id, e);
      if (r.status() != Receipt.Status.MOVED) {
        throw new IllegalStateException("warm-up event refused: " + r.status());
      }
    }
  }

  FunnelRuntime runtime() {
    return runtime;
  }

  void handledOne() {
    handled.increment();
  }

  void handled(int events) {
    handled.add(events);
  }

  /**
   * Checks that the handler was handed one action per event handled, logs the statements per event,
   * and drops the database's pool.
   *
   * @throws IllegalStateException if an action is missing or extra
   */
  @TearDown(Level.Trial)
  public void check() {
    long events = handled.sum();
    if (events == 0 || actions.sum() != events) {
      throw new IllegalStateException(
          "runtime handed over " + actions.sum() + " actions for " + events + " events");
    }
    Postgres.Database db = database;
    if (db != null) {
      double perEvent = (db.counted().executed() - statementsBefore) / (double) events;
      log.info("{}: {} events, {} statements (round trips) per event", store, events, perEvent);
      db.pool().close();
      database = null;
    }
  }
}
