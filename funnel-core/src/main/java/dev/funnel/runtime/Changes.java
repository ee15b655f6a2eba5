package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one change to one lead, read top to bottom in {@link #change}: the store's {@code
 * load}, the catch-up of due timers (one {@link Funnel#advance}), the pure change ({@link
 * Funnel#fire} or {@link Funnel#reassign}), the {@linkplain OutboxEntry#keyed outbox keys} of its
 * effects, the store's {@code commit} (compare-and-set with the outbox and the accepted event id),
 * the {@linkplain Listeners listeners}, and the {@linkplain Courier delivery} of one attempt per
 * effect. Each is one call into one room. Entering a lead takes the same path from the commit on.
 * Work the runtime carries out itself comes back here as a new change ({@link CarriedActions}).
 * Thread-safe.
 */
final class Changes implements CarriedActions.Paths {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final Catalog catalog;
  private final LeadStore store;
  private final Clock clock;
  private final Duration lease;
  private final boolean rememberIds;
  private final Listeners listeners;
  private final Courier courier;
  private final ImmutableMap<String, Migration> migrations;
  private final Retirements retirements;

  Changes(
      Catalog catalog,
      LeadStore store,
      Clock clock,
      Duration lease,
      boolean rememberIds,
      Listeners listeners,
      ImmutableMap<String, ActionHandler> handlers,
      ImmutableMap<String, OwnerPool> pools,
      RetryPolicy retry,
      Predicate<? super Exception> retryable,
      RandomGenerator randomness,
      ContactDesk desk,
      ImmutableMap<String, Migration> migrations) {
    this.catalog = catalog;
    this.migrations = migrations;
    this.retirements = new Retirements(catalog, store, migrations);
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.rememberIds = rememberIds;
    this.listeners = listeners;
    CarriedActions carried = new CarriedActions(catalog, store, pools, handlers, this);
    this.courier =
        new Courier(store, handlers, carried, listeners, retry, retryable, randomness, clock, desk);
  }

  /** Returns the versions retired, which no lead enters or stays pinned to. */
  Retirements retirements() {
    return retirements;
  }

  /** Returns the migrations registered, by the {@linkplain #pin pin} they migrate from. */
  ImmutableMap<String, Migration> migrations() {
    return migrations;
  }

  /** Returns the room that delivers outbox entries. */
  Courier courier() {
    return courier;
  }

  /** Stores a lead that just entered, unless it is already there; tells and delivers. */
  @Override
  public Receipt insert(Funnel funnel, Outcome entered, Call call) {
    return insert(funnel, entered, null, call);
  }

  /**
   * Stores a lead that just entered as {@link #insert(Funnel, Outcome, Call)} does; {@code
   * eventId}, if given, is the id of the event that entered it, remembered as accepted so that the
   * event coming again is a duplicate.
   */
  Receipt insert(Funnel funnel, Outcome entered, @Nullable String eventId, Call call) {
    Lead lead = entered.lead();
    LeadKey key = LeadKey.of(lead);
    ImmutableList<Step> steps = entered.steps();
    ImmutableList<OutboxEntry> outbox = OutboxEntry.keyed(ImmutableList.of(entered));
    ImmutableList<String> none =
        eventId != null && rememberIds ? ImmutableList.of(eventId) : ImmutableList.of();
    while (true) {
      Instant now = clock.instant();
      Optional<Lead> existing = store.load(key);
      if (existing.isPresent()) {
        log.debug("lead already in the funnel; entry ignored");
        return new Receipt(key, Receipt.Status.PRESENT, existing.get(), null, ImmutableList.of());
      }
      LeadStore.Commit commit =
          new LeadStore.Commit(
              LeadStore.ABSENT, lead, isActive(funnel, lead), outbox, leaseUntil(now), none, now);
      if (retirements.commitEntry(funnel, commit)) {
        log.debug("lead entered stage {}", lead.stage());
        listeners.stepped(steps);
        courier.deliverAll(outbox, lead, call);
        return new Receipt(key, Receipt.Status.ENTERED, lead, null, steps, call);
      }
    }
  }

  @Override
  public Receipt change(LeadKey key, Instant at, String eventId, Change change, Call call) {
    return change(key, at, null, eventId, change, call);
  }

  /**
   * The path of one change, each step one call into one room: load the lead, catch up its timers
   * due by {@code at} (one {@link Funnel#advance}), apply the change (the pure fire), key the
   * effects for the outbox, commit with compare-and-set (starting again on a conflict), tell the
   * listeners, deliver the effects. If {@code event} is given and the change refused it, listeners
   * hear of it. {@code eventId}, if given, is the id of the change's event: refused as a duplicate
   * if the store remembers it, and remembered if the change is accepted.
   */
  Receipt change(
      LeadKey key,
      Instant at,
      @Nullable Event event,
      @Nullable String eventId,
      Change change,
      Call call) {
    int conflicts = 0;
    // Over a store whose commit checks the version and the event id, the first attempt takes the
    // store's own copy of the lead and leaves the id to the commit (LeadStore#optimisticChanges).
    boolean optimistic = store.optimisticChanges();
    while (true) {
      Optional<Lead> loaded = optimistic ? store.loadToChange(key) : store.load(key);
      if (loaded.isEmpty()) {
        if (optimistic) {
          optimistic = false;
          continue;
        }
        return new Receipt(key, Receipt.Status.NO_LEAD, null, null, ImmutableList.of());
      }
      Lead before = loaded.get();
      Worked w = work(key, before, at, eventId, change, !optimistic, false);
      if (optimistic && !vouched(w, eventId)) {
        optimistic = false;
        continue;
      }
      ImmutableList<OutboxEntry> outbox = ImmutableList.of();
      if (!w.units().isEmpty()) {
        outbox = OutboxEntry.keyed(w.units());
        LeadStore.Commit commit =
            commit(before.version(), w.funnel(), w.lead(), outbox, accepted(w, eventId));
        if (!store.commit(commit)) {
          optimistic = false;
          conflicts++;
          if (log.isDebugEnabled()) {
            log.debug("lead changed concurrently; trying again, conflict {}", conflicts);
          }
          continue;
        }
        if (log.isDebugEnabled()) {
          log.debug("stored lead version {} in stage {}", w.lead().version(), w.lead().stage());
        }
      }
      return told(key, before, w, event, outbox, call, null);
    }
  }

  /**
   * What one change came to on a lead in hand, before anything is stored: the funnel the lead is in
   * afterwards, the accepted outcomes in order (timers caught up, migrations, the change itself),
   * the change's own outcome (null if there was nothing to do but advance) and the lead after them
   * all.
   */
  record Worked(Funnel funnel, List<Outcome> units, @Nullable Outcome last, Lead lead) {
    boolean isAccepted() {
      return last != null && last.isAccepted();
    }
  }

  /**
   * Works out one change on a loaded lead as {@link #change} does between its load and its commit:
   * catches up the timers due by {@code at} (one {@link Funnel#advance}), migrates a lead pinned to
   * a version with a migration, and applies the change, refused as a duplicate if {@code duplicate}
   * says the event id was accepted already or, with {@code askStore}, if the store remembers it.
   * Stores nothing.
   */
  Worked work(
      LeadKey key,
      Lead before,
      Instant at,
      @Nullable String eventId,
      Change change,
      boolean askStore,
      boolean duplicate) {
    Funnel funnel = funnelOf(before);
    Lead lead = before;
    List<Outcome> units = new ArrayList<>(2);
    // A lead with no pending timer has nothing to catch up: advance would answer IDLE with the
    // same lead (RuntimeBenchmark.handleOneThread, whose funnel has no timers).
    if (!before.timers().isEmpty()) {
      Outcome caughtUp = funnel.advance(before, at);
      lead = caughtUp.lead();
      if (caughtUp.isAccepted()) {
        units.add(caughtUp);
      }
    }
    // A lead pinned to a version with a migration moves on when it is next touched.
    for (Migration m = migrationOf(lead); m != null; m = migrationOf(lead)) {
      Outcome migrated = m.migrate(lead, at);
      units.add(migrated);
      lead = migrated.lead();
      funnel = funnelOf(lead);
      Outcome due = funnel.advance(lead, at);
      if (due.isAccepted()) {
        units.add(due);
        lead = due.lead();
      }
    }
    Outcome last =
        eventId != null && (duplicate || (askStore && isRemembered(key, lead, eventId)))
            ? Outcome.refused(lead, Outcome.Refusal.DUPLICATE)
            : change.apply(funnel, lead);
    if (last != null && last.isAccepted()) {
      units.add(last);
      lead = last.lead();
    }
    return new Worked(funnel, units, last, lead);
  }

  /**
   * Returns the ids a commit of worked-out change remembers as accepted: the event's, if the change
   * accepted it and the runtime remembers ids.
   */
  ImmutableList<String> accepted(Worked w, @Nullable String eventId) {
    return eventId != null && rememberIds && w.isAccepted()
        ? ImmutableList.of(eventId)
        : ImmutableList.of();
  }

  /** Returns whether the runtime remembers accepted event ids beyond the leads' recent ids. */
  boolean remembersIds() {
    return rememberIds;
  }

  /**
   * Returns the commit that stores a changed lead over the version it was loaded at, with its
   * outbox entries and accepted event ids, made now by the runtime's clock.
   */
  LeadStore.Commit commit(
      long expectedVersion,
      Funnel funnel,
      Lead lead,
      ImmutableList<OutboxEntry> outbox,
      ImmutableList<String> accepted) {
    Instant now = clock.instant();
    return new LeadStore.Commit(
        expectedVersion, lead, isActive(funnel, lead), outbox, leaseUntil(now), accepted, now);
  }

  /**
   * Tells the listeners of a stored change (its steps, and a refusal of {@code event}), delivers
   * its outbox entries, and returns its receipt. {@code settled}, if given, collects the keys of
   * the entries delivered for the caller to settle together ({@link LeadStore#deliveredAll}).
   */
  Receipt told(
      LeadKey key,
      Lead before,
      Worked w,
      @Nullable Event event,
      ImmutableList<OutboxEntry> outbox,
      Call call,
      @Nullable List<EffectKey> settled) {
    Outcome last = w.last();
    Lead lead = w.lead();
    ImmutableList<Step> steps = steps(w.units());
    listeners.stepped(steps);
    if (last != null && last.isRefused() && event != null) {
      if (log.isDebugEnabled()) {
        log.debug("event refused: {}", last.refusal().orElse(null));
      }
      listeners.refused(event, last);
    }
    courier.deliverAll(outbox, lead, call, settled);
    Receipt.Status status;
    if (last == null) {
      status = before.stage().equals(lead.stage()) ? Receipt.Status.STAYED : Receipt.Status.MOVED;
    } else {
      status = status(last.status());
    }
    return new Receipt(
        key, status, lead, last == null ? null : last.refusal().orElse(null), steps, call);
  }

  /**
   * A lead's timers fired but not yet stored: the tick's batches work these out for several leads,
   * commit them together ({@link LeadStore#commitAll}) and then {@linkplain #told tell and deliver}
   * each that was written.
   */
  record Fired(Instant at, Outcome outcome, LeadStore.Commit commit) {}

  /**
   * Fires the timers of a loaded lead due by {@code at}, as the first step of {@link #change} would
   * (one {@link Funnel#advance}), and returns the commit to store it with, made at {@code now};
   * null if nothing was due.
   */
  @Nullable Fired fireTimers(Lead before, Instant at, Instant now) {
    Funnel funnel = funnelOf(before);
    Outcome caughtUp = funnel.advance(before, at);
    if (!caughtUp.isAccepted()) {
      return null;
    }
    Lead lead = caughtUp.lead();
    LeadStore.Commit commit =
        new LeadStore.Commit(
            before.version(),
            lead,
            isActive(funnel, lead),
            OutboxEntry.keyed(ImmutableList.of(caughtUp)),
            leaseUntil(now),
            ImmutableList.of(),
            now);
    return new Fired(at, caughtUp, commit);
  }

  /**
   * Tells the listeners of a stored {@link Fired} and delivers its effects, collecting the keys of
   * those delivered into {@code settled} for the caller to settle together.
   */
  void told(Fired fired, List<EffectKey> settled) {
    listeners.stepped(fired.outcome().steps());
    LeadStore.Commit c = fired.commit();
    courier.deliverAll(c.outbox(), c.lead(), Call.unreported(), settled);
  }

  /**
   * Returns whether the store remembers the event id though the lead's recent ids do not: the
   * snapshot is asked first, for free; the store, which costs a lookup, only if it does not know.
   */
  private boolean isRemembered(LeadKey key, Lead lead, String eventId) {
    return rememberIds && !lead.hasApplied(eventId) && store.isAccepted(key, eventId);
  }

  /**
   * Returns whether the commit of an optimistic attempt would vouch for all it read: it writes
   * something (so its compare-and-set checks the lead's version), and the event's id, if the store
   * must be asked about it, is in the commit (so the store checks it there).
   */
  private boolean vouched(Worked w, @Nullable String eventId) {
    return !w.units().isEmpty() && vouchesForId(w, eventId);
  }

  /**
   * Returns whether a commit of an optimistic change that writes something vouches for what it read
   * of the event's id: there is none to ask the store about, the commit carries it (and the store
   * checks it there), or the lead's own recent ids know it.
   */
  boolean vouchesForId(Worked w, @Nullable String eventId) {
    return eventId == null || !rememberIds || w.isAccepted() || w.lead().hasApplied(eventId);
  }

  private Instant leaseUntil(Instant now) {
    return now.plus(lease);
  }

  private static Receipt.Status status(Outcome.Status s) {
    return switch (s) {
      case ENTERED -> Receipt.Status.ENTERED;
      case MOVED -> Receipt.Status.MOVED;
      case REFUSED -> Receipt.Status.REFUSED;
      default -> Receipt.Status.STAYED;
    };
  }

  private static ImmutableList<Step> steps(List<Outcome> units) {
    if (units.isEmpty()) {
      return ImmutableList.of();
    }
    if (units.size() == 1) {
      return units.get(0).steps();
    }
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    for (Outcome u : units) {
      steps.addAll(u.steps());
    }
    return steps.build();
  }

  private @Nullable Migration migrationOf(Lead lead) {
    return migrations.isEmpty() ? null : migrations.get(pin(lead.funnelId(), lead.funnelVersion()));
  }

  /** Returns the key of a funnel version in the table of migrations. */
  static String pin(String funnelId, int version) {
    return funnelId + "@" + version;
  }

  private Funnel funnelOf(Lead lead) {
    if (retirements.isRetired(lead.funnelId(), lead.funnelVersion())) {
      throw new IllegalStateException(
          "lead '"
              + lead.id()
              + "' is in funnel '"
              + lead.funnelId()
              + "' version "
              + lead.funnelVersion()
              + ", which the runtime retired");
    }
    return catalog
        .funnelOf(lead)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "lead '"
                        + lead.id()
                        + "' is in funnel '"
                        + lead.funnelId()
                        + "' version "
                        + lead.funnelVersion()
                        + ", which the catalog lacks"));
  }

  private static boolean isActive(Funnel funnel, Lead lead) {
    return funnel.stage(lead.stage()).map(s -> !s.isTerminal()).orElse(Boolean.TRUE);
  }
}
