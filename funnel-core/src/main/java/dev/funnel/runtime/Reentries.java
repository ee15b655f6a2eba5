package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ReEntry;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enters a person on an event as the funnel's {@link ReEntry re-entry policy} says, through the
 * store: a person the store lacks enters as a new lead (the event's id remembered, so the same
 * event again is a duplicate); a person whose lead is stored enters again with {@link
 * Funnel#reenter} on the same path as any change (timers due by the event's time fire first, then
 * one compare-and-set), which restarts the journey or refuses the event ({@link
 * Outcome.Refusal#ENTRY_LIMIT}, {@link Outcome.Refusal#TOO_SOON}, {@link
 * Outcome.Refusal#ALREADY_INSIDE}, or a duplicate) leaving the lead exactly as it was; and a
 * parallel journey is stored as a lead of its own, keyed by the event, refused as {@link
 * Outcome.Refusal#ALREADY_INSIDE} if that journey is already stored. {@link FunnelRuntime} calls
 * it; thread-safe as the runtime is.
 */
@SuppressWarnings("try") // An Mdc resource only scopes the logging context; bodies never name it.
final class Reentries {
  // The runtime's own logger: these are the runtime's messages.
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final Catalog catalog;
  private final LeadStore store;
  private final Changes changes;
  private final Listeners listeners;

  Reentries(Catalog catalog, LeadStore store, Changes changes, Listeners listeners) {
    this.catalog = catalog;
    this.store = store;
    this.changes = changes;
    this.listeners = listeners;
  }

  /** Enters a person on an event, as {@link FunnelRuntime#enter(Funnel.Entry, Event)} says. */
  Receipt enter(Funnel.Entry entry, Event event) {
    Outcome entered = entry.enter(event.at());
    Lead fresh = entered.lead();
    Funnel funnel = funnelOf(fresh, IllegalArgumentException::new);
    LeadKey key = LeadKey.of(fresh);
    Call call = new Call();
    Mdc saved = Mdc.put(key.funnelId(), key.leadId(), event.id());
    try {
      while (true) {
        Optional<Lead> stored = store.load(key);
        if (stored.isEmpty()) {
          Receipt r = changes.insert(funnel, entered, event.id(), call);
          if (r.status() == Receipt.Status.ENTERED) {
            return r;
          }
          // Entered by another call meanwhile: this event is a re-entry now.
          continue;
        }
        Lead lead = stored.get();
        Funnel own = funnelOf(lead, IllegalStateException::new);
        Outcome parallel = parallel(own, own.advance(lead, event.at()).lead(), event);
        if (parallel != null) {
          return parallelJourney(own, parallel, event, call);
        }
        boolean[] wentParallel = {false};
        Receipt r =
            changes.change(
                key,
                event.at(),
                event,
                event.id(),
                (f, l) -> {
                  if (parallel(f, l, event) != null) {
                    // The lead came back inside meanwhile: start again, to enter it in parallel.
                    wentParallel[0] = true;
                    return null;
                  }
                  return f.reenter(l, event);
                },
                call);
        if (!wentParallel[0]) {
          return r;
        }
      }
    } finally {
      saved.restore();
    }
  }

  /** Returns the outcome of a parallel re-entry of the lead, or null if the event is no such. */
  private static @Nullable Outcome parallel(Funnel funnel, Lead lead, Event event) {
    Optional<ReEntry> policy = funnel.reEntry();
    if (policy.isEmpty() || policy.get().whileInside() != ReEntry.WhileInside.PARALLEL) {
      return null;
    }
    Outcome o = funnel.reenter(lead, event);
    return o.isAccepted() && !o.lead().id().equals(lead.id()) ? o : null;
  }

  /** Stores a parallel journey as a lead of its own, unless it is stored already. */
  private Receipt parallelJourney(Funnel funnel, Outcome entered, Event event, Call call) {
    Receipt r = changes.insert(funnel, entered, event.id(), call);
    if (r.status() == Receipt.Status.ENTERED) {
      log.debug("parallel journey {} entered", r.key());
      return r;
    }
    Lead existing = r.lead().orElseThrow();
    Outcome refused = Outcome.refused(existing, Outcome.Refusal.ALREADY_INSIDE);
    log.debug("parallel journey {} is already stored; re-entry refused", r.key());
    listeners.refused(event, refused);
    return new Receipt(
        r.key(),
        Receipt.Status.REFUSED,
        existing,
        Outcome.Refusal.ALREADY_INSIDE,
        ImmutableList.of());
  }

  private Funnel funnelOf(Lead lead, Function<String, RuntimeException> error) {
    return catalog
        .funnelOf(lead)
        .orElseThrow(
            () ->
                error.apply(
                    "funnel '"
                        + lead.funnelId()
                        + "' version "
                        + lead.funnelVersion()
                        + " is not in the runtime's catalog"));
  }
}
