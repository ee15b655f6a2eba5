package dev.funnel.kafka;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import dev.funnel.runtime.OwnerPool;
import dev.funnel.test.ForwardingLeadStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a recorded stream through the in-memory {@link FunnelRuntime} on one JVM. */
final class OneJvm {
  private OneJvm() {}

  static Results run(Catalog catalog, OwnerPool pool, List<Journeys.Input> inputs) {
    List<Step> steps = new ArrayList<>();
    Recording store = new Recording(new InMemoryLeadStore());
    FunnelRuntime rt =
        FunnelRuntime.builder(catalog)
            .store(store)
            .clock(Clock.fixed(Journeys.T0, ZoneOffset.UTC))
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .pool(pool)
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    steps.add(step);
                  }
                })
            .build();
    for (Journeys.Input in : inputs) {
      if (in instanceof Journeys.Enter e) {
        rt.enter(e.funnelId(), e.leadId(), e.channel(), e.at());
      } else if (in instanceof Journeys.Fire f) {
        rt.handle(f.funnelId(), f.leadId(), f.event());
      } else if (in instanceof Journeys.Reassign r) {
        rt.reassign(r.funnelId(), r.leadId(), r.owner(), r.event());
      } else if (in instanceof Journeys.Erase x) {
        rt.erase(x.personId(), x.request());
      } else {
        rt.advanceTo(((Journeys.Tick) in).until());
      }
    }
    return Results.of(steps, store.outbox, store.leads);
  }

  /** The in-memory store, recording every outbox entry committed and the last lead of each key. */
  static final class Recording extends ForwardingLeadStore {
    private final LeadStore delegate;
    final List<OutboxEntry> outbox = new ArrayList<>();
    final Map<LeadKey, Lead> leads = new HashMap<>();

    Recording(LeadStore delegate) {
      this.delegate = delegate;
    }

    @Override
    protected LeadStore delegate() {
      return delegate;
    }

    @Override
    public boolean commit(Commit commit) {
      boolean done = delegate.commit(commit);
      if (done) {
        outbox.addAll(commit.outbox());
        leads.put(commit.key(), commit.lead());
      }
      return done;
    }

    @Override
    public boolean[] commitAll(List<Commit> commits) {
      // One by one, so that the batches of the tick are recorded too.
      return standardCommitAll(commits);
    }
  }
}
