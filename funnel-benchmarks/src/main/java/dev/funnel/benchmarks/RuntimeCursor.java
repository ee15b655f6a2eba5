package dev.funnel.benchmarks;

import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.Receipt;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's share of the {@link RuntimeLeads}: thread {@code t} of {@code n} drives
 * the leads whose index is {@code t} modulo {@code n}, one event per lead in turn, so two threads
 * never write the same lead. In pass {@code p} over its leads the thread sends each the event
 * {@code p} of a ring of {@link FunnelLoop#RING} events with distinct ids, following the loop from
 * the hot lead stage; no event is a duplicate or stale. Not thread-safe: one per thread.
 */
@State(Scope.Thread)
public class RuntimeCursor {
  private final Event[] ring = FunnelLoop.ring("e-");
  private String[] ids = new String[0];
  private int next;
  private int pass;
  private long handled;
  private boolean floor;

  /** Creates the cursor; JMH sets it up. */
  public RuntimeCursor() {}

  /**
   * Takes this thread's share of the leads.
   *
   * @param leads the leads of every thread
   * @param thread which thread this is, of how many
   */
  @Setup(Level.Trial)
  public void share(RuntimeLeads leads, ThreadParams thread) {
    int n = thread.getThreadCount();
    int t = thread.getThreadIndex();
    ids = new String[(leads.leads - t + n - 1) / n];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = RuntimeLeads.leadId(t + i * n);
    }
    if (ids.length == 0) {
      throw new IllegalStateException("no leads for thread " + t + " of " + n);
    }
    leads.register(this);
  }

  /**
   * Handles the next event of the next lead through the runtime.
   *
   * @param runtime the runtime of the {@link RuntimeLeads}
   * @return the receipt
   * @throws IllegalStateException if the event was not accepted with a move
   */
  Receipt handle(FunnelRuntime runtime) {
    Receipt r = runtime.handle(RuntimeLeads.FUNNEL, ids[next], ring[pass]);
    if (r.status() != Receipt.Status.MOVED) {
      throw new IllegalStateException("event refused or lost: " + r.status());
    }
    handled++;
    if (++next == ids.length) {
      next = 0;
      if (++pass == ring.length) {
        pass = 0;
      }
      // Forgets the event ids accepted longer ago than the retention (see RuntimeLeads).
      runtime.tick();
    }
    return r;
  }

  /**
   * Fires the next event of the next lead at the floor's map of the {@link RuntimeLeads}, as {@link
   * #handle} hands it to the runtime.
   *
   * @param leads the leads
   * @return whether the event moved the lead
   * @throws IllegalStateException if the event did not move the lead
   */
  boolean fireInMap(RuntimeLeads leads) {
    floor = true;
    if (!leads.fireInMap(ids[next], ring[pass])) {
      throw new IllegalStateException("event refused by lead '" + ids[next] + "'");
    }
    handled++;
    if (++next == ids.length) {
      next = 0;
      if (++pass == ring.length) {
        pass = 0;
      }
    }
    return true;
  }

  /** Returns whether this cursor drove the floor's map rather than the runtime. */
  boolean drovesFloor() {
    return floor;
  }

  /**
   * Returns how many events this thread handled. Read by the trial's check, after JMH has made all
   * threads stop together, which orders this thread's writes before the read.
   */
  long handled() {
    return handled;
  }

  /**
   * Checks that the first and last leads of this thread's share are in the stage the loop says.
   *
   * @param leads the runtime and the floor's map, whichever this cursor drove
   * @throws IllegalStateException if not
   */
  void checkStages(RuntimeLeads leads) {
    // Leads before the cursor have had one event more than those from it on; the ring's length is
    // a multiple of the loop's, so counting passes round the ring keeps the stage right.
    check(leads, ids[0], pass + (next > 0 ? 1 : 0));
    check(leads, ids[ids.length - 1], pass);
  }

  private void check(RuntimeLeads leads, String id, long events) {
    Lead lead =
        floor
            ? leads.floorLead(id)
            : leads
                .runtime()
                .lead(RuntimeLeads.FUNNEL, id)
                .orElseThrow(() -> new IllegalStateException("lead '" + id + "' lost"));
    String expected = Loops.stageAfter(events).id();
    if (!lead.stage().equals(expected)) {
      throw new IllegalStateException(
          "lead '" + id + "' is in stage '" + lead.stage() + "', expected '" + expected + "'");
    }
  }
}
