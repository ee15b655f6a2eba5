package dev.funnel.runtime;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions the runtime carries out itself (see {@link BuiltInActions#isCarried}): a hand-off
 * enters the lead into another funnel, a pool assignment picks an owner and records it as a step of
 * its own. Each goes back into the runtime's own paths, for another lead or a new change of the
 * same one. Thread-safe.
 */
final class CarriedActions {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  /** The runtime's paths that carried actions take: entering a lead and changing one. */
  interface Paths {
    /** Stores a lead that just entered, unless it is already there; delivers its effects. */
    Receipt insert(Funnel funnel, Outcome entered, Call call);

    /**
     * Changes a stored lead, as {@link FunnelRuntime#handle} does, with the change's event id (for
     * duplicates) but no event to report a refusal of.
     */
    Receipt change(LeadKey key, Instant at, String eventId, Change change, Call call);
  }

  private final Catalog catalog;
  private final LeadStore store;
  private final ImmutableMap<String, OwnerPool> pools;
  private final ImmutableMap<String, ActionHandler> handlers;
  private final Paths paths;

  CarriedActions(
      Catalog catalog,
      LeadStore store,
      ImmutableMap<String, OwnerPool> pools,
      ImmutableMap<String, ActionHandler> handlers,
      Paths paths) {
    this.catalog = catalog;
    this.store = store;
    this.pools = pools;
    this.handlers = handlers;
    this.paths = paths;
  }

  /** Carries out one attempt of a hand-off or a pool assignment. */
  void carryOut(OutboxEntry e, int attempt, Call call) throws Exception {
    if (BuiltInActions.isHandOff(e.action())) {
      handOff(e, attempt, call);
    } else {
      assignFromPool(e, call);
    }
  }

  /**
   * Enters the lead into the hand-off's target funnel, unless it is there, then tells a handler.
   */
  private void handOff(OutboxEntry e, int attempt, Call call) throws Exception {
    Lead source = load(e.key().leadKey());
    Action action = e.action();
    String target = action.param("funnel").orElseThrow();
    String stage = action.param("stage").orElseThrow();
    Funnel to =
        catalog
            .latest(target)
            .orElseThrow(
                () -> new IllegalStateException("hand-off to unknown funnel '" + target + "'"));
    Funnel.Entry entry =
        to.newLead(source.id(), source.channel()).stage(stage).attributes(source.attributes());
    source.owner().ifPresent(entry::owner);
    for (String segment : source.segments()) {
      entry.segment(segment);
    }
    Outcome entered = entry.enter(e.at());
    Mdc saved = Mdc.put(target, source.id(), null);
    try {
      Receipt r = paths.insert(to, entered, call);
      call.handedOff(new Receipt.HandOff(e.key(), r.key(), r.status()));
      if (log.isDebugEnabled()) {
        log.debug("hand-off from funnel {}: {}", source.funnelId(), r.status());
      }
    } finally {
      saved.restore();
    }
    ActionHandler handler = handlers.get(Actions.HAND_OFF);
    if (handler != null) {
      handler.handle(new Delivery(e.key(), action, e.at(), source, attempt));
    }
  }

  /** Picks an owner from the pool and records it as a step of its own. */
  private void assignFromPool(OutboxEntry e, Call call) {
    String poolId = BuiltInActions.pool(e.action()).orElseThrow();
    OwnerPool pool = pools.get(poolId);
    if (pool == null) {
      throw new IllegalStateException("owner pool '" + poolId + "' is not registered");
    }
    EffectKey key = e.key();
    // Derived from the effect's key, so a re-delivered assignment is refused as a duplicate.
    String eventId = "assign:" + key.eventId() + "#" + key.index();
    Receipt r =
        paths.change(
            key.leadKey(),
            e.at(),
            eventId,
            (f, lead) -> {
              Instant at = lead.updatedAt().isAfter(e.at()) ? lead.updatedAt() : e.at();
              String owner = pool.pick(lead, store::activeLeadsOwnedBy);
              return f.reassign(lead, owner, Event.of(eventId, Funnel.REASSIGNED, at));
            },
            call);
    if (r.isAccepted()) {
      String owner = r.lead().flatMap(Lead::owner).orElseThrow();
      call.assigned(new Receipt.Assignment(key, poolId, owner));
    }
    if (log.isDebugEnabled()) {
      log.debug("assignment from pool {}: {}", poolId, r.status());
    }
  }

  private Lead load(LeadKey key) {
    return store
        .load(key)
        .orElseThrow(() -> new IllegalStateException("lead '" + key + "' is not in the store"));
  }
}
