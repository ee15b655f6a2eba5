package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.ContactRecord;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the funnels of a {@link Catalog}: loads leads from a {@link LeadStore}, brings them up to
 * time, fires events, stores each change with compare-and-set together with the effects it
 * produced, and hands those effects to {@link ActionHandler}s. It is the one mutable, I/O-doing
 * part of the library; the definitions and the transition function stay pure.
 *
 * <pre>{@code
 * FunnelRuntime runtime = FunnelRuntime.builder(Catalog.of(shop))
 *     .store(new InMemoryLeadStore())
 *     .handler(Actions.SEND, delivery -> mailer.send(delivery.key(), delivery.action()))
 *     .listener(journal)
 *     .build();
 * runtime.enter("online-shop", "lead-42", "google-ads", now);
 * runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", now));
 * runtime.tick(); // fires the timers due by the clock, and retries the effects due
 * }</pre>
 *
 * <p><b>One call, one change.</b> {@link #handle} loads the lead, fires the timers that fell due up
 * to the event's time, earliest first, then fires the event, and stores the result with one {@link
 * LeadStore#commit compare-and-set} on the lead's version. If another thread changed the lead in
 * between, it starts again from the fresh state, so no update is lost. Then it tells the {@link
 * FunnelListener}s about each step and then hands the effects to their handlers.
 *
 * <p><b>Effects.</b> The actions a change produced are written to the store's outbox in the same
 * commit, each under a stable {@link EffectKey}, and handed over at least once. Retries never
 * block: a call makes at most one attempt per effect and returns. An attempt that throws a
 * retryable exception ({@link FunnelRuntimeBuilder#retryable}) is recorded in the outbox with its
 * attempt count and its next attempt time ({@link LeadStore#retryAt}), the wait growing
 * exponentially with jitter up to the {@link RetryPolicy}'s cap, and reported with {@link
 * FunnelListener#effectFailed}; {@link #tick()} makes the next attempt once it is due. After the
 * policy's last attempt, or at once on an exception that is not retryable, the effect is given up:
 * parked in the store, reported with {@link FunnelListener#effectGivenUp}, listed by {@link
 * #parked}, and left there until it is {@linkplain #requeue requeued} or {@linkplain #discard
 * discarded}. The lead's change stands either way. Effects a crashed process stored but did not
 * hand over are handed over by the tick once their lease has run out. Who carries out which action:
 *
 * <ul>
 *   <li>{@code send}, {@code present} and custom actions go to the handler registered under their
 *       name; {@link FunnelRuntimeBuilder#build()} refuses a catalog that uses one with no handler.
 *   <li>{@code assign} with an owner, {@code set}, {@code remove} and {@code segment} were already
 *       applied to the lead by the core; a handler is optional (to tell the CRM, say).
 *   <li>{@code assign} with a pool ({@link Actions#assignFrom}) is carried out by the runtime: it
 *       picks an owner with the {@link OwnerPool}'s strategy and records it as a step with {@link
 *       Funnel#reassign}, whose own {@code assign} effect then goes to the optional handler.
 *   <li>{@code hand-off} is carried out by the runtime: it enters the lead, with the same id,
 *       channel, owner, attributes and segments, into the named entry stage of the newest version
 *       of the target funnel, unless the lead is already there; then an optional handler is called.
 *   <li>Timers scheduled and cancelled are kept by the store's due index, not handed to handlers.
 * </ul>
 *
 * <p>Work the runtime carries out itself (hand-offs, pool assignments) runs after the step that
 * asked for it has been reported to the listeners and its other effects were handed over, on the
 * same thread, before the call returns; so on one thread listeners hear each lead's steps in
 * version order.
 *
 * <p><b>Duplicates.</b> An event is refused as {@link Outcome.Refusal#DUPLICATE}, changing nothing
 * and handing out no effect again, if the lead already accepted an event with the same id and
 * either
 *
 * <ul>
 *   <li>the id is among the lead's recent ids, which the snapshot itself carries (at least the last
 *       {@value Lead#RECENT_EVENT_IDS}; see {@link Lead#hasApplied}), or
 *   <li>the commit that accepted it is younger than the {@linkplain
 *       FunnelRuntimeBuilder#eventRetention event retention} (30 days by default), by the runtime's
 *       clock, however many other events the lead accepted in between: every commit gives the store
 *       the ids it accepted, and {@link LeadStore#isAccepted} remembers them.
 * </ul>
 *
 * <p>The tick forgets ids older than the retention, so an id is remembered for at least the
 * retention and at most until the first tick after it; an event that comes again later than that,
 * and is no longer among the lead's recent ids, is accepted as new. Remembered are the ids of
 * handled events, manual reassignments and the runtime's own pool assignments, not those of fired
 * timers, which fire once by construction. The snapshot is asked first, for nothing; the store only
 * for an id the snapshot does not know, which is every new event: one hash lookup in {@link
 * InMemoryLeadStore}, one indexed query in a database. A retention of zero saves that lookup and
 * the memory, and leaves only the lead's recent ids.
 *
 * <p><b>Time.</b> {@link #advanceTo} fires every timer due by an instant across all leads, in due
 * order, reading the store's due index, so a tick costs work proportional to what is due. A service
 * that was down catches up deterministically: each timer fires once. Every instant the runtime
 * reads itself (the tick's now, leases, next attempt times, the commit times that the event
 * retention counts from, requeues) comes from the builder's {@link FunnelRuntimeBuilder#clock
 * Clock}, so a test clock moved by hand drives all of it; events carry their own time.
 *
 * <p><b>Logging</b> goes through SLF4J with the MDC keys {@value #MDC_FUNNEL_ID}, {@value
 * #MDC_LEAD_ID} and {@value #MDC_EVENT_ID}; messages carry ids only, never attribute values.
 *
 * <p>Instances are thread-safe.
 */
@SuppressWarnings("try") // An Mdc resource only scopes the logging context; bodies never name it.
public final class FunnelRuntime {
  /** The MDC key holding the id of the funnel being worked on. */
  public static final String MDC_FUNNEL_ID = "funnelId";

  /** The MDC key holding the id of the lead being worked on. */
  public static final String MDC_LEAD_ID = "leadId";

  /** The MDC key holding the id of the event being worked on, if any. */
  public static final String MDC_EVENT_ID = "eventId";

  /** The default time a runtime holds effects it is delivering before others may take them. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /**
   * The default time the store remembers an accepted event id, to refuse it when it comes again.
   */
  public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofDays(30);

  /** The longest event retention a runtime takes: about a hundred years. */
  public static final Duration MAX_EVENT_RETENTION = Duration.ofDays(36_525);

  private final Catalog catalog;
  private final ImmutableSet<String> funnelIds;
  private final LeadStore store;
  private final Clock clock;
  private final Listeners listeners;
  private final Changes changes;
  private final Dispatcher dispatcher;
  private final ContactBook contacts;
  private final Migrator migrator;
  private final Intake intake;
  private final Reentries reentries;
  private final EventBatches batches;

  FunnelRuntime(FunnelRuntimeBuilder b, Catalog bound) {
    this.catalog = bound;
    ImmutableSet.Builder<String> ids = ImmutableSet.builder();
    for (Funnel f : bound.all()) {
      ids.add(f.id());
    }
    this.funnelIds = ids.build();
    this.store = b.store;
    this.clock = b.clock;
    this.listeners = new Listeners(b.listeners);
    this.changes =
        new Changes(
            bound,
            store,
            clock,
            b.lease,
            !b.eventRetention.isZero(),
            listeners,
            ImmutableMap.copyOf(b.handlers),
            ImmutableMap.copyOf(b.pools),
            b.retry,
            b.retryable,
            b.randomness,
            new ContactDesk(bound, b.contacts),
            ImmutableMap.copyOf(b.migrations));
    this.contacts = b.contacts;
    this.migrator = new Migrator(changes, store, clock, changes.migrations());
    this.dispatcher =
        new Dispatcher(store, clock, b.lease, b.eventRetention, changes, changes.courier());
    this.intake = new Intake(bound, store, contacts, changes);
    this.reentries = new Reentries(bound, store, changes, listeners);
    this.batches = new EventBatches(store, changes, intake, listeners);
  }

  /**
   * Starts building a runtime for the funnels of a catalog.
   *
   * @param catalog the funnels to run
   * @return a builder
   */
  public static FunnelRuntimeBuilder builder(Catalog catalog) {
    return new FunnelRuntimeBuilder(requireNonNull(catalog, "catalog"));
  }

  /**
   * Returns the catalog the runtime runs, with the custom guards bound.
   *
   * @return the catalog
   */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * Returns the store the runtime keeps its leads in.
   *
   * @return the store
   */
  public LeadStore store() {
    return store;
  }

  /**
   * Returns a lead as stored.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @return the lead, or empty if the store has none
   */
  public Optional<Lead> lead(String funnelId, String leadId) {
    return store.load(new LeadKey(funnelId, leadId));
  }

  // ---------------------------------------------------------------------------------------------
  // Entering

  /**
   * Enters a new lead into the first entry stage of the newest version of a funnel. Entering a lead
   * that is already in the funnel changes nothing and returns {@link Receipt.Status#PRESENT} with
   * the lead as stored, so a re-sent sign-up is harmless.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param channel the acquisition channel it came from
   * @param at when it entered
   * @return {@link Receipt.Status#ENTERED} with the entry step, or {@link Receipt.Status#PRESENT}
   * @throws IllegalArgumentException if the catalog has no such funnel or an id is blank
   */
  @CanIgnoreReturnValue
  public Receipt enter(String funnelId, String leadId, String channel, Instant at) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(channel, "channel");
    requireNonNull(at, "at");
    return enter(latest(funnelId).newLead(leadId, channel), at);
  }

  /**
   * Enters a new lead made with {@link Funnel#newLead} (to set its attributes, segments, owner or
   * entry stage first), unless it is already in the funnel:
   *
   * <pre>{@code
   * runtime.enter(shop.newLead("lead-42", "google-ads").attribute("skill", "beginner"), now);
   * }</pre>
   *
   * @param entry the lead to enter, made by a funnel of the runtime's catalog
   * @param at when it entered
   * @return {@link Receipt.Status#ENTERED} with the entry step, or {@link Receipt.Status#PRESENT}
   *     with the lead as stored
   * @throws IllegalArgumentException if the entry's funnel version is not in the catalog, or the
   *     chosen stage is not an entry stage
   * @throws IllegalStateException if the entry's funnel version is {@linkplain #retire retired}
   */
  @CanIgnoreReturnValue
  public Receipt enter(Funnel.Entry entry, Instant at) {
    requireNonNull(entry, "entry");
    requireNonNull(at, "at");
    return intake.enter(entry, at);
  }

  /**
   * Enters a person on an event into the first entry stage of the newest version of a funnel, as
   * the funnel's {@linkplain Funnel#reEntry re-entry policy} allows; see {@link
   * #enter(Funnel.Entry, Event)}.
   *
   * @param funnelId the funnel's id
   * @param leadId the person's lead id
   * @param channel the acquisition channel it came from
   * @param event the event that enters the person, with its id and time
   * @return {@link Receipt.Status#ENTERED}, or {@link Receipt.Status#REFUSED} with the refusal
   * @throws IllegalArgumentException if the catalog has no such funnel, an id is blank, or a
   *     parallel journey's key is missing from the event's payload
   */
  @CanIgnoreReturnValue
  public Receipt enter(String funnelId, String leadId, String channel, Event event) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(channel, "channel");
    requireNonNull(event, "event");
    return enter(latest(funnelId).newLead(leadId, channel), event);
  }

  /**
   * Enters a person on an event, as the funnel's {@linkplain Funnel#reEntry re-entry policy}
   * allows. A person the store lacks enters at the event's time, and the event's id is remembered
   * like any accepted event's, so the same event again is refused as a duplicate. A person whose
   * lead is stored enters again with {@link Funnel#reenter}, handled like {@link #handle}: timers
   * that fell due by the event's time fire first, then
   *
   * <ul>
   *   <li>a lead whose journey ended (in a terminal stage) starts a new journey at the first entry
   *       stage, if the policy's entry limit and interval allow ({@link Receipt.Status#ENTERED});
   *   <li>a lead still inside is refused ({@link Outcome.Refusal#ALREADY_INSIDE}), restarted, or
   *       joined by a parallel journey, a lead of its own whose id is the person's id, {@code "/"}
   *       and the event's value of the policy's key: the receipt is then that lead's, and a
   *       parallel journey already stored refuses the event as {@link
   *       Outcome.Refusal#ALREADY_INSIDE};
   *   <li>a refused re-entry ({@link Outcome.Refusal#ENTRY_LIMIT}, {@link
   *       Outcome.Refusal#TOO_SOON}, {@link Outcome.Refusal#ALREADY_INSIDE}, a duplicate, a stale
   *       event) returns {@link Receipt.Status#REFUSED} with the refusal, leaves the lead as it was
   *       and is reported to {@link FunnelListener#refused}.
   * </ul>
   *
   * A funnel without a policy lets a person in once ({@link dev.funnel.ReEntry#ONCE}), so a second
   * entry is refused as {@link Outcome.Refusal#ENTRY_LIMIT}; {@link #enter(Funnel.Entry, Instant)},
   * which has no event to tell a second entry from a re-sent first one, returns {@link
   * Receipt.Status#PRESENT} instead.
   *
   * @param entry the lead to enter, made by a funnel of the runtime's catalog
   * @param event the event that enters the person, with its id and time
   * @return {@link Receipt.Status#ENTERED}, or {@link Receipt.Status#REFUSED} with the refusal
   * @throws IllegalArgumentException if the entry's funnel version is not in the catalog, the
   *     chosen stage is not an entry stage, or a parallel journey's key is missing from the event
   */
  @CanIgnoreReturnValue
  public Receipt enter(Funnel.Entry entry, Event event) {
    requireNonNull(entry, "entry");
    requireNonNull(event, "event");
    return reentries.enter(entry, event);
  }

  // ---------------------------------------------------------------------------------------------
  // Events and time

  /**
   * Handles an event for one lead: fires the lead's timers that fell due up to the event's time,
   * earliest first, then the event, stores the result with compare-and-set (starting again from the
   * fresh state on a conflict), tells the listeners, and hands the effects to their handlers. A
   * refused event is reported to {@link FunnelListener#refused}; an event for a lead the store
   * lacks to {@link FunnelListener#noLead}.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param event the event
   * @return what came of it
   * @throws IllegalArgumentException if the catalog has no such funnel
   * @throws IllegalStateException if the lead is in a funnel version the catalog lacks
   */
  @CanIgnoreReturnValue
  public Receipt handle(String funnelId, String leadId, Event event) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(event, "event");
    intake.unsubscribe(leadId, event);
    return handle(funnelId, leadId, event, (f, lead) -> f.fire(lead, event));
  }

  /**
   * Handles a batch of events, each exactly as {@link #handle} would if called for each in turn,
   * and returns their receipts in the batch's order, but with fewer calls into the store: the
   * batch's leads are loaded together ({@link LeadStore#loadAllToChange}: a database answers the
   * leads it has in hand and reads the rest in one query), each event fires on what the events
   * before it for the same lead left, and the changes are stored with one {@link
   * LeadStore#commitAll} of one commit per lead, carrying all its events' steps, effects and ids;
   * then the listeners hear of each event and its effects are handed over, event by event in the
   * batch's order, and the deliveries are settled with one {@link LeadStore#deliveredAll}. Over a
   * database that makes each batch call one round trip and one log flush, a batch costs what one
   * event costs.
   *
   * <p>What handling them one after the other would do, it does: due timers fire before each event,
   * an id the lead already accepted (earlier in the batch too) is refused as a {@linkplain
   * Outcome.Refusal#DUPLICATE duplicate}, refusals and leads the store lacks are reported to the
   * listeners, each event's receipt holds the steps it took and the lead as it left it, and
   * messages are decided and handed over event by event. A lead whose commit is refused because it
   * changed meanwhile has its events of the batch handled again one by one from the lead as stored,
   * as {@link #handle} starts again. Where the rest of the batch must see what one event did
   * outside its lead, the batch is stored in segments, each stored and delivered before the next is
   * loaded: a segment ends before an {@value #UNSUBSCRIBED} event (its consent is recorded first,
   * as {@link #handle} does) and after an event whose effects the runtime carries out itself (a
   * hand-off, a pool assignment). Unlike separate calls, a handler is called once the whole segment
   * is stored, so it may find leads later in the batch already changed, and the outbox entries of
   * one lead are written together.
   *
   * <p>If the store fails, the exception propagates: the segments before are stored and delivered,
   * and of the failing segment nothing is handed out (what a failed {@link LeadStore#commitAll} may
   * have written stays in the outbox for the tick). An event that fails to be worked out (a lead in
   * a funnel version the catalog lacks) fails the call after the events before it are stored and
   * delivered, as calls one after the other would. The caller bounds the batch: a database is
   * handed each segment in one statement.
   *
   * @param events the events, each with its funnel and lead, in the order to handle them
   * @return the receipts, one per event, in the same order
   * @throws IllegalArgumentException if the catalog has no funnel an event is for, or an {@value
   *     #UNSUBSCRIBED} event lacks its channel; checked before any event is handled
   * @throws IllegalStateException if a lead is in a funnel version the catalog lacks
   */
  @CanIgnoreReturnValue
  public ImmutableList<Receipt> handleAll(List<LeadEvent> events) {
    requireNonNull(events, "events");
    ImmutableList<LeadEvent> batch = ImmutableList.copyOf(events);
    for (LeadEvent e : batch) {
      if (!funnelIds.contains(e.funnelId())) {
        throw new IllegalArgumentException(
            "unknown funnel '" + e.funnelId() + "' for event '" + e.event().id() + "'");
      }
      Intake.check(e.event());
    }
    return batches.handleAll(batch);
  }

  /**
   * Assigns a lead to an owner by hand, such as a head of sales moving a lead to another manager:
   * handled like {@link #handle}, with {@link Funnel#reassign} in place of firing.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @param owner the new owner's id
   * @param event the event recording the assignment, with its id, time, actor and reason
   * @return what came of it: {@link Receipt.Status#STAYED}, refused, or {@link
   *     Receipt.Status#NO_LEAD}
   * @throws IllegalArgumentException if the catalog has no such funnel or the owner id is blank
   */
  @CanIgnoreReturnValue
  public Receipt reassign(String funnelId, String leadId, String owner, Event event) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(owner, "owner");
    requireNonNull(event, "event");
    checkArgument(!owner.isBlank(), "owner is blank");
    return handle(funnelId, leadId, event, (f, lead) -> f.reassign(lead, owner, event));
  }

  private Receipt handle(String funnelId, String leadId, Event event, Change change) {
    requireNonNull(event, "event");
    known(funnelId);
    LeadKey key = new LeadKey(funnelId, leadId);
    Mdc saved = Mdc.put(funnelId, leadId, event.id());
    try {
      Receipt r = changes.change(key, event.at(), event, event.id(), change, new Call());
      return listeners.reported(key, event, r);
    } finally {
      saved.restore();
    }
  }

  /**
   * Fires every timer due at or before an instant, across all leads, in due order; each fired timer
   * is a step stored like any other. It works in batches of due leads: it reads a batch with {@link
   * LeadStore#loadDue}, fires each lead's earliest due timers, stores the batch with {@link
   * LeadStore#commitAll} (each lead still its own compare-and-set), then tells the listeners of the
   * steps and hands the effects over lead by lead in due order, and settles the deliveries with
   * {@link LeadStore#deliveredAll}. So a handler may find leads later in its batch already stored
   * with their timers fired. Advancing twice to the same instant fires nothing the second time.
   *
   * @param until the instant to advance to
   * @return the number of steps taken
   * @throws IllegalStateException if the store's due index keeps naming a lead that has nothing due
   */
  @CanIgnoreReturnValue
  public int advanceTo(Instant until) {
    return dispatcher.advanceTo(requireNonNull(until, "until"));
  }

  /**
   * The runtime's dispatch tick, to be called regularly (every second, say): fires every timer due
   * by the runtime's clock, as {@code advanceTo(clock.instant())} does, then makes the next attempt
   * of every effect whose retry is due and hands over the effects whose lease ran out, as {@link
   * #dispatchPending()} does, and last has the store forget the event ids accepted longer ago than
   * the {@linkplain FunnelRuntimeBuilder#eventRetention event retention}.
   *
   * @return the number of steps taken
   */
  @CanIgnoreReturnValue
  public int tick() {
    return dispatcher.tick();
  }

  /**
   * Makes one attempt at every outbox entry that is due by the runtime's clock: failed entries
   * whose next attempt time has come, and entries stored but not delivered whose lease ran out
   * (those of a process that died between storing a change and handing its effects over). Parked
   * entries are left alone. {@link #tick()} calls it.
   *
   * @return the number of entries attempted
   */
  @CanIgnoreReturnValue
  public int dispatchPending() {
    return dispatcher.dispatchPending();
  }

  /**
   * Migrates one lead now if a registered migration applies to it: the lead is touched without an
   * event, so its due timers fire on its version and it moves on as {@link
   * FunnelRuntimeBuilder#migration} says. Calling it for every lead pinned to a version, in
   * batches, migrates them eagerly; each lead is its own compare-and-set, safe while events arrive.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id
   * @return what came of it: {@link Receipt.Status#MOVED} or {@link Receipt.Status#STAYED}, or
   *     {@link Receipt.Status#NO_LEAD}
   * @throws IllegalArgumentException if the catalog has no such funnel
   */
  @CanIgnoreReturnValue
  public Receipt migrate(String funnelId, String leadId) {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    latest(funnelId);
    LeadKey key = new LeadKey(funnelId, leadId);
    Mdc saved = Mdc.put(funnelId, leadId, null);
    try {
      return changes.change(key, clock.instant(), null, null, (f, lead) -> null, new Call());
    } finally {
      saved.restore();
    }
  }

  /**
   * Migrates every lead pinned to a funnel version by the migration {@linkplain
   * FunnelRuntimeBuilder#migration registered} from it, eagerly: reads the leads from the store in
   * pages of {@code batchSize} by lead id ({@link LeadStore#pinnedTo}) and migrates each as {@link
   * #migrate(String, String)} does, its own compare-and-set, so it is safe while events arrive: a
   * lead an event changed meanwhile is migrated on its fresh state, or found already migrated by
   * that event; none is migrated twice and no effect is lost. A lead pinned to the version after
   * the walk passed its id is migrated when next touched; {@link LeadStore#countPinnedTo} tells
   * whether any is left. A migration that fails for one lead stops the walk with its exception; the
   * leads migrated before stay migrated, and calling again goes on with the rest.
   *
   * @param funnelId the funnel's id
   * @param version the version whose leads to migrate
   * @param batchSize the most leads read from the store at once; positive
   * @return how many leads were migrated, found already migrated, or gone
   * @throws IllegalArgumentException if the catalog has no such funnel, or the version or the batch
   *     size is not positive
   * @throws IllegalStateException if no migration from the version is registered
   */
  @CanIgnoreReturnValue
  public MigrationSummary migrateAll(String funnelId, int version, int batchSize) {
    requireNonNull(funnelId, "funnelId");
    latest(funnelId);
    return migrator.migrateAll(funnelId, version, batchSize);
  }

  /**
   * Retires a version of a funnel in this runtime: from then on no lead enters it ({@link
   * #enter(Funnel.Entry, Instant)} refuses it), no migration leads into it, and a lead found pinned
   * to it is refused like a lead of a version the catalog lacks. Retiring is refused while any lead
   * is pinned to the version, while a migration from a version not yet retired leads into it, and
   * for the newest version, which new leads enter. An entry into the version that races the
   * retirement is either counted, and the retirement refused, or refused itself. Retirement lasts
   * as long as the runtime; a service with several runtimes retires the version in each, or
   * publishes a catalog without it.
   *
   * @param funnelId the funnel's id
   * @param version the version to retire
   * @return whether the version was retired now; {@code false} if it was already
   * @throws IllegalArgumentException if the catalog has no such funnel or version
   * @throws IllegalStateException if leads are pinned to the version (the message says how many), a
   *     registered migration leads into it, or it is the newest version
   */
  @CanIgnoreReturnValue
  public boolean retire(String funnelId, int version) {
    requireNonNull(funnelId, "funnelId");
    return changes.retirements().retire(funnelId, version);
  }

  /**
   * Returns whether this runtime retired a version of a funnel.
   *
   * @param funnelId the funnel's id
   * @param version the version
   * @return whether {@link #retire} retired it
   */
  public boolean isRetired(String funnelId, int version) {
    requireNonNull(funnelId, "funnelId");
    return changes.retirements().isRetired(funnelId, version);
  }

  // ---------------------------------------------------------------------------------------------
  // Consent and erasure

  /**
   * The event type that unsubscribes a person from marketing on a channel, named by the event's
   * payload value {@value #UNSUBSCRIBED_CHANNEL}. {@link #handle} records it in the contact book
   * before firing the event, so from its time on no marketing message goes out on that channel to
   * that person, in any funnel of the catalog, whether or not the funnel itself reacts to it.
   */
  public static final String UNSUBSCRIBED = "unsubscribed";

  /** The payload value of an {@value #UNSUBSCRIBED} event that names the channel. */
  public static final String UNSUBSCRIBED_CHANNEL = "channel";

  /**
   * Returns what is known about contacting a person: consent withdrawn and marketing messages sent.
   *
   * @param personId the person's id, their lead id in every funnel
   * @return the record, {@link ContactRecord#EMPTY} if nothing is known
   */
  public ContactRecord contactRecord(String personId) {
    return contacts.load(requireNonNull(personId, "personId"));
  }

  /**
   * Withdraws a person's consent to messages of one purpose on one channel, in every funnel of the
   * catalog, from an instant on. Messages that fall due from then on are suppressed.
   *
   * @param personId the person's id
   * @param channel the messaging channel
   * @param purpose the purpose withdrawn
   * @param at from when
   */
  public void withdrawConsent(String personId, String channel, Purpose purpose, Instant at) {
    Consent.withdraw(contacts, personId, channel, purpose, at);
  }

  /**
   * Gives a person's consent to messages of one purpose on one channel again.
   *
   * @param personId the person's id
   * @param channel the messaging channel
   * @param purpose the purpose given again
   */
  public void restoreConsent(String personId, String channel, Purpose purpose) {
    Consent.restore(contacts, personId, channel, purpose);
  }

  /**
   * Erases a person from every funnel of the catalog and from the store (the right to be
   * forgotten): in each funnel where the store holds a lead of that id, {@link Funnel#erase} is
   * committed as a step (recorded and told to the listeners like any other, without firing the
   * timers that were due); then the store drops the lead's outbox entries, pending and parked
   * ({@link LeadStore#erase}), and the contact book forgets the person. Stage counts and money
   * stay, anonymous.
   *
   * @param personId the person's id, their lead id in every funnel
   * @param request the erasure request, with its id, time and actor
   * @return a receipt per funnel that held the person, in catalog order
   */
  @CanIgnoreReturnValue
  public ImmutableList<Receipt> erase(String personId, Event request) {
    requireNonNull(personId, "personId");
    requireNonNull(request, "request");
    return intake.erase(personId, request);
  }

  // ---------------------------------------------------------------------------------------------
  // The outbox

  /**
   * Returns effects waiting to be handed over (new, or failed and waiting for their next attempt),
   * oldest first, with their attempts and next attempt times.
   *
   * @param limit the most entries to return; positive
   * @return the pending entries
   * @throws IllegalArgumentException if the limit is not positive
   */
  public ImmutableList<OutboxEntry> pending(int limit) {
    return store.pending(limit);
  }

  /**
   * Returns the effects the runtime gave up on, oldest first.
   *
   * @param limit the most entries to return; positive
   * @return the parked entries
   * @throws IllegalArgumentException if the limit is not positive
   */
  public ImmutableList<OutboxEntry> parked(int limit) {
    return store.parked(limit);
  }

  /**
   * Puts a parked effect back in line as new, with no failed attempt: the next {@link #tick()}
   * hands it over, with the whole retry policy ahead of it.
   *
   * @param key the effect's key
   * @return whether the effect was parked
   */
  @CanIgnoreReturnValue
  public boolean requeue(EffectKey key) {
    return store.requeue(requireNonNull(key, "key"), clock.instant());
  }

  /**
   * Removes a parked effect for good; it is never handed over.
   *
   * @param key the effect's key
   * @return whether the effect was parked
   */
  @CanIgnoreReturnValue
  public boolean discard(EffectKey key) {
    return store.discard(requireNonNull(key, "key"));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  @CanIgnoreReturnValue
  private Funnel latest(String funnelId) {
    return catalog
        .latest(requireNonNull(funnelId, "funnelId"))
        .orElseThrow(() -> new IllegalArgumentException("unknown funnel '" + funnelId + "'"));
  }

  /**
   * Checks that the catalog has a funnel: one hash lookup, where {@link #latest} walks the funnel's
   * versions and builds the message's lambda on every event (RuntimeBenchmark.handleOneThread).
   */
  private void known(String funnelId) {
    if (!funnelIds.contains(requireNonNull(funnelId, "funnelId"))) {
      throw new IllegalArgumentException("unknown funnel '" + funnelId + "'");
    }
  }

  @Override
  public String toString() {
    return "FunnelRuntime{catalog=" + catalog + ", store=" + store + "}";
  }
}
