package dev.funnel.benchmarks;

import dev.funnel.Event;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadEvent;
import dev.funnel.runtime.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's share of the {@link StoreLeads}, as {@link RuntimeCursor} is of the {@link
 * RuntimeLeads}: thread {@code t} of {@code n} drives the leads whose index is {@code t} modulo
 * {@code n}, one event of the loop's ring per lead in turn, so two threads never write the same
 * lead. Not thread-safe: one per thread.
 */
@State(Scope.Thread)
public class StoreCursor {
  /** How many events {@link #handleAll} hands the runtime in one batch. */
  static final int BATCH = 64;

  private final Event[] ring = FunnelLoop.ring("e-");
  private String[] ids = new String[0];
  private int next;
  private int pass;

  /** Creates the cursor; JMH sets it up. */
  public StoreCursor() {}

  /**
   * Takes this thread's share of the leads.
   *
   * @param leads the leads of every thread
   * @param thread which thread this is, of how many
   */
  @Setup(Level.Trial)
  public void share(StoreLeads leads, ThreadParams thread) {
    int n = thread.getThreadCount();
    int t = thread.getThreadIndex();
    ids = new String[(leads.leads - t + n - 1) / n];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = RuntimeLeads.leadId(t + i * n);
    }
    if (ids.length == 0) {
      throw new IllegalStateException("no leads for thread " + t + " of " + n);
    }
    next = 0;
    pass = 0;
  }

  /**
   * Handles the next event of the next lead through the runtime.
   *
   * @param leads the runtime and its leads
   * @return the receipt
   * @throws IllegalStateException if the event was not accepted with a move
   */
  Receipt handle(StoreLeads leads) {
    FunnelRuntime runtime = leads.runtime();
    Receipt r = runtime.handle(RuntimeLeads.FUNNEL, ids[next], ring[pass]);
    if (r.status() != Receipt.Status.MOVED) {
      throw new IllegalStateException("event refused or lost: " + r.status());
    }
    leads.handledOne();
    if (++next == ids.length) {
      next = 0;
      if (++pass == ring.length) {
        pass = 0;
      }
    }
    return r;
  }

  /**
   * Handles the next {@value #BATCH} events of this thread's leads, as {@link #handle} would one at
   * a time, with one {@link FunnelRuntime#handleAll}: {@value #BATCH} distinct leads while the
   * thread has at least as many.
   *
   * @param leads the runtime and its leads
   * @return the receipts
   * @throws IllegalStateException if an event was not accepted with a move
   */
  List<Receipt> handleAll(StoreLeads leads) {
    List<LeadEvent> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(LeadEvent.of(RuntimeLeads.FUNNEL, ids[next], ring[pass]));
      if (++next == ids.length) {
        next = 0;
        if (++pass == ring.length) {
          pass = 0;
        }
      }
    }
    List<Receipt> receipts = leads.runtime().handleAll(batch);
    for (Receipt r : receipts) {
      if (r.status() != Receipt.Status.MOVED) {
        throw new IllegalStateException("event refused or lost: " + r.status());
      }
    }
    leads.handled(receipts.size());
    return receipts;
  }
}
