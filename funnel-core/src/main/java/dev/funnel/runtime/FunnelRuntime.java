package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.BuiltInAction;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * runtime.tick(); // fires the timers that are due by the clock
 * }</pre>
 *
 * <p><b>One call, one change.</b> {@link #handle} loads the lead, fires the timers that fell due up
 * to the event's time, earliest first, then fires the event, and stores the result with one {@link
 * LeadStore#commit compare-and-set} on the lead's version. If another thread changed the lead in
 * between, it starts again from the fresh state, so no update is lost. Then it hands the effects to
 * their handlers and then tells the {@link FunnelListener}s about each step.
 *
 * <p><b>Effects.</b> The actions a change produced are written to the store's outbox in the same
 * commit, each under a stable {@link EffectKey}, and handed over at least once: a handler that
 * throws is tried again up to the {@link RetryPolicy}, waiting with the {@link Sleeper} between
 * attempts, and then the effect is parked and reported with {@link FunnelListener#effectFailed};
 * the lead's change stands. Effects a crashed process stored but did not hand over are handed over
 * by {@link #dispatchPending()} once their lease has run out. Who carries out which action:
 *
 * <ul>
 *   <li>{@code send}, {@code present} and custom actions go to the handler registered under their
 *       name; {@link Builder#build()} refuses a catalog that uses one with no handler.
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
 * asked for it has been reported to the listeners, on the same thread, before the call returns; so
 * on one thread listeners hear each lead's steps in version order.
 *
 * <p><b>Time.</b> {@link #advanceTo} fires every timer due by an instant across all leads, in due
 * order, reading the store's due index, so a tick costs work proportional to what is due. A service
 * that was down catches up deterministically: each timer fires once.
 *
 * <p><b>Logging</b> goes through SLF4J with the MDC keys {@value #MDC_FUNNEL_ID}, {@value
 * #MDC_LEAD_ID} and {@value #MDC_EVENT_ID}; messages carry ids only, never attribute values.
 *
 * <p>Instances are thread-safe.
 */
public final class FunnelRuntime {
  /** The MDC key holding the id of the funnel being worked on. */
  public static final String MDC_FUNNEL_ID = "funnelId";

  /** The MDC key holding the id of the lead being worked on. */
  public static final String MDC_LEAD_ID = "leadId";

  /** The MDC key holding the id of the event being worked on, if any. */
  public static final String MDC_EVENT_ID = "eventId";

  /** The default time a runtime holds effects it is delivering before others may take them. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);
  private static final int CLAIM_BATCH = 64;
  private static final int SPINS_BEFORE_PARKING = 1_000;
  private static final int SPINS_BEFORE_GIVING_UP = 11_000;

  private final Catalog catalog;
  private final LeadStore store;
  private final Clock clock;
  private final ImmutableMap<String, ActionHandler> handlers;
  private final ImmutableMap<String, OwnerPool> pools;
  private final ImmutableList<FunnelListener> listeners;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Duration lease;
  private final ThreadLocal<Trampoline> trampoline = ThreadLocal.withInitial(Trampoline::new);

  /**
   * Work the runtime carries out itself, queued on the calling thread and run when the outermost
   * call is about to return, so it never runs before the step that asked for it was reported.
   */
  private static final class Trampoline {
    int depth;
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  }

  /** What to do to a lead once it has been brought up to time. */
  @FunctionalInterface
  private interface Change {
    /** Returns the outcome of the change, or null if there is nothing more to do than advance. */
    @Nullable Outcome apply(Funnel funnel, Lead lead);
  }

  /** One attempt of a delivery. */
  @FunctionalInterface
  private interface Attempt {
    void run(int attempt) throws Exception;
  }

  private FunnelRuntime(Builder b, Catalog bound) {
    this.catalog = bound;
    this.store = b.store;
    this.clock = b.clock;
    this.handlers = ImmutableMap.copyOf(b.handlers);
    this.pools = ImmutableMap.copyOf(b.pools);
    this.listeners = ImmutableList.copyOf(b.listeners);
    this.retry = b.retry;
    this.sleeper = b.sleeper;
    this.lease = b.lease;
  }

  /**
   * Starts building a runtime for the funnels of a catalog.
   *
   * @param catalog the funnels to run
   * @return a builder
   */
  public static Builder builder(Catalog catalog) {
    return new Builder(requireNonNull(catalog, "catalog"));
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
    return newLead(funnelId, leadId, channel).enter(at);
  }

  /**
   * Starts entering a new lead, to set its attributes, segments, owner or entry stage first.
   *
   * @param funnelId the funnel's id; the newest version is entered
   * @param leadId the lead's id
   * @param channel the acquisition channel it came from
   * @return an entry builder
   * @throws IllegalArgumentException if the catalog has no such funnel or an id is blank
   */
  public Entry newLead(String funnelId, String leadId, String channel) {
    Funnel funnel = latest(funnelId);
    return new Entry(funnel, funnel.newLead(leadId, channel));
  }

  /** Enters one new lead through the runtime. Made by {@link #newLead}; not thread-safe. */
  public final class Entry {
    private final Funnel funnel;
    private final Funnel.Entry entry;

    private Entry(Funnel funnel, Funnel.Entry entry) {
      this.funnel = funnel;
      this.entry = entry;
    }

    /**
     * Chooses the entry stage; the first entry stage by default.
     *
     * @param stageId an entry stage's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry stage(String stageId) {
      entry.stage(stageId);
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value a string, boolean or number
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry attribute(String name, Object value) {
      entry.attribute(name, value);
      return this;
    }

    /**
     * Sets attributes.
     *
     * @param values names and values
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry attributes(Map<String, ?> values) {
      entry.attributes(values);
      return this;
    }

    /**
     * Puts the lead in a segment.
     *
     * @param segment the segment's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry segment(String segment) {
      entry.segment(segment);
      return this;
    }

    /**
     * Assigns the lead to an owner.
     *
     * @param owner the owner's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry owner(String owner) {
      entry.owner(owner);
      return this;
    }

    /**
     * Enters the lead, unless it is already in the funnel.
     *
     * @param at when it entered
     * @return {@link Receipt.Status#ENTERED} with the entry step, or {@link Receipt.Status#PRESENT}
     *     with the lead as stored
     * @throws IllegalArgumentException if the chosen stage is not an entry stage
     */
    @CanIgnoreReturnValue
    public Receipt enter(Instant at) {
      Outcome entered = entry.enter(at);
      Lead lead = entered.lead();
      return outermost(
          () -> {
            try (Mdc mdc = Mdc.put(lead.funnelId(), lead.id(), null)) {
              return insert(funnel, entered);
            }
          });
    }
  }

  private Receipt insert(Funnel funnel, Outcome entered) {
    Lead lead = entered.lead();
    LeadKey key = LeadKey.of(lead);
    ImmutableList<Step> steps = entered.steps();
    ImmutableList<OutboxEntry> outbox = outbox(ImmutableList.of(entered));
    while (true) {
      Optional<Lead> existing = store.load(key);
      if (existing.isPresent()) {
        log.debug("lead already in the funnel; entry ignored");
        return new Receipt(key, Receipt.Status.PRESENT, existing.get(), null, ImmutableList.of());
      }
      LeadStore.Commit commit =
          new LeadStore.Commit(
              LeadStore.ABSENT, lead, isActive(funnel, lead), outbox, clock.instant().plus(lease));
      if (store.commit(commit)) {
        log.debug("lead entered stage {}", lead.stage());
        deliverAll(outbox, lead);
        tellStepped(steps);
        return new Receipt(key, Receipt.Status.ENTERED, lead, null, steps);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events and time

  /**
   * Handles an event for one lead: fires the lead's timers that fell due up to the event's time,
   * earliest first, then the event, stores the result with compare-and-set (starting again from the
   * fresh state on a conflict), hands the effects to their handlers, and tells the listeners. A
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
    requireNonNull(event, "event");
    return handle(funnelId, leadId, event, (f, lead) -> f.fire(lead, event));
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
    requireNonNull(owner, "owner");
    checkArgument(!owner.isBlank(), "owner is blank");
    return handle(funnelId, leadId, event, (f, lead) -> f.reassign(lead, owner, event));
  }

  private Receipt handle(String funnelId, String leadId, Event event, Change change) {
    requireNonNull(event, "event");
    latest(funnelId);
    LeadKey key = new LeadKey(funnelId, leadId);
    return outermost(
        () -> {
          try (Mdc mdc = Mdc.put(funnelId, leadId, event.id())) {
            Receipt r = change(key, event.at(), event, change);
            if (r.status() == Receipt.Status.NO_LEAD) {
              log.debug("event for a lead the store lacks");
              for (FunnelListener l : listeners) {
                try {
                  l.noLead(key, event);
                } catch (RuntimeException e) {
                  listenerFailed(l, e);
                }
              }
            }
            return r;
          }
        });
  }

  /**
   * Fires every timer due at or before an instant, across all leads, in due order; each fired timer
   * is a step stored like any other, its effects handed over before the next one fires. Advancing
   * twice to the same instant fires nothing the second time.
   *
   * @param until the instant to advance to
   * @return the number of steps taken
   * @throws IllegalStateException if the store's due index keeps naming a lead that has nothing due
   */
  @CanIgnoreReturnValue
  public int advanceTo(Instant until) {
    requireNonNull(until, "until");
    return outermost(
        () -> {
          int fired = 0;
          LeadStore.Due previous = null;
          int idle = 0;
          while (true) {
            Optional<LeadStore.Due> next = store.firstDue();
            if (next.isEmpty() || next.get().due().isAfter(until)) {
              return fired;
            }
            LeadStore.Due due = next.get();
            int steps;
            try (Mdc mdc = Mdc.put(due.key().funnelId(), due.key().leadId(), null)) {
              steps = change(due.key(), due.due(), null, (f, lead) -> null).steps().size();
            }
            fired += steps;
            if (steps > 0 || !due.equals(previous)) {
              idle = 0;
            } else {
              // Another thread is writing this lead; its commit will move the index entry.
              idle++;
              if (idle > SPINS_BEFORE_GIVING_UP) {
                throw new IllegalStateException(
                    "the due index names lead '"
                        + due.key()
                        + "' at "
                        + due.due()
                        + " but the lead has nothing due then");
              }
              if (idle > SPINS_BEFORE_PARKING) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
              } else {
                Thread.onSpinWait();
              }
            }
            previous = due;
            runQueued();
          }
        });
  }

  /**
   * Fires every timer due by the runtime's clock; the same as {@code advanceTo(clock.instant())}.
   *
   * @return the number of steps taken
   */
  @CanIgnoreReturnValue
  public int tick() {
    return advanceTo(clock.instant());
  }

  /**
   * Hands over the outbox entries that were stored but not delivered and whose lease ran out: those
   * of a process that died between storing a change and handing its effects over, or that was
   * interrupted while waiting to try again. Parked entries are left alone.
   *
   * @return the number of entries handed over or parked
   */
  @CanIgnoreReturnValue
  public int dispatchPending() {
    return outermost(
        () -> {
          int n = 0;
          while (true) {
            Instant now = clock.instant();
            ImmutableList<OutboxEntry> batch =
                store.claimPending(now, now.plus(lease), CLAIM_BATCH);
            if (batch.isEmpty()) {
              return n;
            }
            for (OutboxEntry e : batch) {
              deliver(e, null);
              n++;
              runQueued();
            }
          }
        });
  }

  /**
   * Applies a change to a lead: loads it, fires what fell due up to {@code at}, applies the change,
   * and stores the result, starting again on a conflict. Delivers the stored effects and tells the
   * listeners. If {@code event} is given and the change refused it, listeners hear of it.
   */
  private Receipt change(LeadKey key, Instant at, @Nullable Event event, Change change) {
    int conflicts = 0;
    while (true) {
      Optional<Lead> loaded = store.load(key);
      if (loaded.isEmpty()) {
        return new Receipt(key, Receipt.Status.NO_LEAD, null, null, ImmutableList.of());
      }
      Lead before = loaded.get();
      Funnel funnel = funnelOf(before);
      List<Outcome> units = new ArrayList<>(2);
      Lead lead = catchUp(funnel, before, at, units);
      Outcome last = change.apply(funnel, lead);
      if (last != null && last.isAccepted()) {
        units.add(last);
        lead = last.lead();
      }
      if (!units.isEmpty()) {
        ImmutableList<OutboxEntry> outbox = outbox(units);
        LeadStore.Commit commit =
            new LeadStore.Commit(
                before.version(),
                lead,
                isActive(funnel, lead),
                outbox,
                clock.instant().plus(lease));
        if (!store.commit(commit)) {
          conflicts++;
          if (log.isDebugEnabled()) {
            log.debug("lead changed concurrently; trying again, conflict {}", conflicts);
          }
          continue;
        }
        if (log.isDebugEnabled()) {
          log.debug("stored lead version {} in stage {}", lead.version(), lead.stage());
        }
        deliverAll(outbox, lead);
      }
      ImmutableList<Step> steps = steps(units);
      tellStepped(steps);
      if (last != null && last.isRefused() && event != null) {
        tellRefused(event, last);
      }
      Receipt.Status status;
      if (last == null) {
        status = before.stage().equals(lead.stage()) ? Receipt.Status.STAYED : Receipt.Status.MOVED;
      } else {
        status = status(last.status());
      }
      return new Receipt(
          key, status, lead, last == null ? null : last.refusal().orElse(null), steps);
    }
  }

  /** Fires the lead's timers due by {@code at}, one due instant at a time, adding each outcome. */
  private static Lead catchUp(Funnel funnel, Lead lead, Instant at, List<Outcome> units) {
    Lead current = lead;
    while (!current.timers().isEmpty() && !current.timers().get(0).due().isAfter(at)) {
      Outcome o = funnel.advance(current, current.timers().get(0).due());
      if (!o.isAccepted()) {
        break;
      }
      units.add(o);
      current = o.lead();
    }
    return current;
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

  /**
   * Returns the outbox entries of the actions of these outcomes, each keyed by the event id of the
   * outcome's first step and the action's index among the outcome's effects.
   */
  private static ImmutableList<OutboxEntry> outbox(List<Outcome> units) {
    ImmutableList.Builder<OutboxEntry> outbox = null;
    for (Outcome u : units) {
      ImmutableList<Effect> effects = u.effects();
      Step first = null;
      for (int i = 0; i < effects.size(); i++) {
        Effect effect = effects.get(i);
        if (!(effect instanceof Action action)) {
          continue;
        }
        if (first == null) {
          first = u.steps().get(0);
        }
        String eventId = first.eventId();
        EffectKey key =
            new EffectKey(
                first.funnelId(), first.leadId(), eventId == null ? EffectKey.ENTRY : eventId, i);
        if (outbox == null) {
          outbox = ImmutableList.builder();
        }
        outbox.add(new OutboxEntry(key, action, first.at()));
      }
    }
    return outbox == null ? ImmutableList.of() : outbox.build();
  }

  // ---------------------------------------------------------------------------------------------
  // Delivery

  private void deliverAll(ImmutableList<OutboxEntry> outbox, Lead lead) {
    for (OutboxEntry e : outbox) {
      deliver(e, lead);
    }
  }

  /**
   * Hands one entry over. {@code lead} is the lead just stored, or null to load it. Work the
   * runtime carries out itself is queued to run after the listeners heard of the step.
   */
  private void deliver(OutboxEntry e, @Nullable Lead lead) {
    Action action = e.action();
    String name = action.name();
    if (action.isCarriedOutByRuntime()) {
      Attempt work =
          action.builtIn().orElse(null) == BuiltInAction.HAND_OFF
              ? n -> handOff(e, n)
              : n -> assignFromPool(e);
      trampoline.get().queue.add(() -> attempt(e, work));
      return;
    }
    ActionHandler handler = handlers.get(name);
    if (handler == null) {
      // An optional handler that was not registered: the core has already applied the action.
      store.delivered(e.key());
      return;
    }
    attempt(
        e,
        n -> {
          Lead current = n == 1 && lead != null ? lead : load(e.key().leadKey());
          handler.handle(new Delivery(e.key(), action, e.at(), current, n));
        });
  }

  /** Tries a delivery up to the retry policy, then settles it as delivered or parked. */
  private void attempt(OutboxEntry e, Attempt attempt) {
    EffectKey key = e.key();
    try (Mdc mdc = Mdc.put(key.funnelId(), key.leadId(), key.eventId())) {
      Exception last = null;
      int max = retry.maxAttempts();
      for (int n = 1; n <= max; n++) {
        try {
          attempt.run(n);
          last = null;
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          log.warn("delivery of effect {} interrupted; it stays in the outbox", key);
          return;
        } catch (Exception ex) {
          last = ex;
          if (log.isDebugEnabled()) {
            log.debug("effect {} failed on attempt {}", key, n, ex);
          }
        }
        if (last == null) {
          store.delivered(key);
          for (FunnelListener l : listeners) {
            try {
              l.effectDelivered(key, e.action(), n);
            } catch (RuntimeException ex) {
              listenerFailed(l, ex);
            }
          }
          return;
        }
        if (n < max) {
          try {
            sleeper.sleep(retry.backoff(n));
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("delivery of effect {} interrupted; it stays in the outbox", key);
            return;
          }
        }
      }
      Exception error = requireNonNull(last, "last");
      store.park(key);
      log.warn("effect {} parked after {} attempts: {}", key, max, error.getClass().getName());
      for (FunnelListener l : listeners) {
        try {
          l.effectFailed(key, e.action(), error, max);
        } catch (RuntimeException ex) {
          listenerFailed(l, ex);
        }
      }
    }
  }

  /**
   * Enters the lead into the hand-off's target funnel, unless it is there, then tells a handler.
   */
  private void handOff(OutboxEntry e, int attempt) throws Exception {
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
    try (Mdc mdc = Mdc.put(target, source.id(), null)) {
      Receipt r = insert(to, entered);
      if (log.isDebugEnabled()) {
        log.debug("hand-off from funnel {}: {}", source.funnelId(), r.status());
      }
    }
    ActionHandler handler = handlers.get(Actions.HAND_OFF);
    if (handler != null) {
      handler.handle(new Delivery(e.key(), action, e.at(), source, attempt));
    }
  }

  /** Picks an owner from the pool and records it as a step of its own. */
  private void assignFromPool(OutboxEntry e) {
    String poolId = e.action().param("pool").orElseThrow();
    OwnerPool pool = pools.get(poolId);
    if (pool == null) {
      throw new IllegalStateException("owner pool '" + poolId + "' is not registered");
    }
    EffectKey key = e.key();
    // Derived from the effect's key, so a re-delivered assignment is refused as a duplicate.
    String eventId = "assign:" + key.eventId() + "#" + key.index();
    Receipt r =
        change(
            key.leadKey(),
            e.at(),
            null,
            (f, lead) -> {
              Instant at = lead.updatedAt().isAfter(e.at()) ? lead.updatedAt() : e.at();
              String owner = pool.pick(lead, store::activeLeadsOwnedBy);
              return f.reassign(lead, owner, Event.of(eventId, Funnel.REASSIGNED, at));
            });
    if (log.isDebugEnabled()) {
      log.debug("assignment from pool {}: {}", poolId, r.status());
    }
  }

  private Lead load(LeadKey key) {
    return store
        .load(key)
        .orElseThrow(() -> new IllegalStateException("lead '" + key + "' is not in the store"));
  }

  // ---------------------------------------------------------------------------------------------
  // Listeners and helpers

  private void tellStepped(ImmutableList<Step> steps) {
    for (Step s : steps) {
      for (FunnelListener l : listeners) {
        try {
          l.stepped(s);
        } catch (RuntimeException e) {
          listenerFailed(l, e);
        }
      }
    }
  }

  private void tellRefused(Event event, Outcome outcome) {
    if (log.isDebugEnabled()) {
      log.debug("event refused: {}", outcome.refusal().orElse(null));
    }
    for (FunnelListener l : listeners) {
      try {
        l.refused(event, outcome);
      } catch (RuntimeException e) {
        listenerFailed(l, e);
      }
    }
  }

  private static void listenerFailed(FunnelListener l, RuntimeException e) {
    log.warn("listener {} failed", l.getClass().getName(), e);
  }

  /** Runs a public call; the outermost one on a thread then runs the queued runtime work. */
  private <T> T outermost(Supplier<T> body) {
    Trampoline t = trampoline.get();
    t.depth++;
    try {
      T result = body.get();
      runQueued();
      return result;
    } finally {
      t.depth--;
      if (t.depth == 0) {
        // Left over only if the body threw; the entries stay in the outbox for dispatchPending.
        t.queue.clear();
      }
    }
  }

  private void runQueued() {
    Trampoline t = trampoline.get();
    if (t.depth != 1) {
      return;
    }
    for (Runnable r = t.queue.poll(); r != null; r = t.queue.poll()) {
      r.run();
    }
  }

  @CanIgnoreReturnValue
  private Funnel latest(String funnelId) {
    return catalog
        .latest(requireNonNull(funnelId, "funnelId"))
        .orElseThrow(() -> new IllegalArgumentException("unknown funnel '" + funnelId + "'"));
  }

  private Funnel funnelOf(Lead lead) {
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

  @Override
  public String toString() {
    return "FunnelRuntime{catalog=" + catalog + ", store=" + store + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  /**
   * Builds a {@link FunnelRuntime}. {@link #build()} checks that every custom guard, every action
   * that needs a handler and every owner pool the catalog's funnels use is registered, and reports
   * all that are missing at once. Not thread-safe.
   */
  public static final class Builder {
    private final Catalog catalog;
    private LeadStore store = new InMemoryLeadStore();
    private Clock clock = Clock.systemUTC();
    private final Map<String, ActionHandler> handlers = new LinkedHashMap<>();
    private final Map<String, BiPredicate<? super Lead, ? super Event>> guards =
        new LinkedHashMap<>();
    private final Map<String, OwnerPool> pools = new LinkedHashMap<>();
    private final List<FunnelListener> listeners = new ArrayList<>();
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.system();
    private Duration lease = DEFAULT_LEASE;

    private Builder(Catalog catalog) {
      this.catalog = catalog;
    }

    /**
     * Sets the store; a new {@link InMemoryLeadStore} by default.
     *
     * @param store the store
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder store(LeadStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock that {@link FunnelRuntime#tick()} and outbox leases read; the system clock in
     * UTC by default.
     *
     * @param clock the clock
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Registers the handler of an action.
     *
     * @param action the action's name, such as {@link Actions#SEND} or a custom name
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException if the action already has a handler
     */
    @CanIgnoreReturnValue
    public Builder handler(String action, ActionHandler handler) {
      requireNonNull(action, "action");
      requireNonNull(handler, "handler");
      checkArgument(
          handlers.putIfAbsent(action, handler) == null,
          "action '%s' already has a handler",
          action);
      return this;
    }

    /**
     * Registers the predicate of a custom guard, bound into every funnel of the catalog with {@link
     * Funnel#withGuards}.
     *
     * @param name the name used in {@link dev.funnel.Conditions#custom}
     * @param predicate the predicate
     * @return this builder
     * @throws IllegalArgumentException if the guard is already registered
     */
    @CanIgnoreReturnValue
    public Builder guard(String name, BiPredicate<? super Lead, ? super Event> predicate) {
      requireNonNull(name, "name");
      requireNonNull(predicate, "predicate");
      checkArgument(
          guards.putIfAbsent(name, predicate) == null, "guard '%s' is already registered", name);
      return this;
    }

    /**
     * Registers an owner pool.
     *
     * @param pool the pool
     * @return this builder
     * @throws IllegalArgumentException if a pool with that id is already registered
     */
    @CanIgnoreReturnValue
    public Builder pool(OwnerPool pool) {
      requireNonNull(pool, "pool");
      checkArgument(
          pools.putIfAbsent(pool.id(), pool) == null,
          "owner pool '%s' is already registered",
          pool.id());
      return this;
    }

    /**
     * Adds a listener; listeners are called in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder listener(FunnelListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets how often and how patiently effects are handed over; {@link RetryPolicy#DEFAULT} by
     * default.
     *
     * @param retry the policy
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder retry(RetryPolicy retry) {
      this.retry = requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets what waits between attempts; {@link Sleeper#system()} by default.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets how long the runtime holds the effects it is delivering before {@link
     * FunnelRuntime#dispatchPending()} (here or in another process) may take them over; {@link
     * FunnelRuntime#DEFAULT_LEASE} by default. It must outlast the retry policy's waits.
     *
     * @param lease the lease
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder lease(Duration lease) {
      requireNonNull(lease, "lease");
      checkArgument(!lease.isNegative() && !lease.isZero(), "lease must be positive");
      this.lease = lease;
      return this;
    }

    /**
     * Checks the registrations against the catalog and returns the runtime.
     *
     * @return the runtime
     * @throws IllegalStateException listing every custom guard, handler and owner pool the
     *     catalog's funnels use that is not registered, with the funnels that use it; or if the
     *     lease does not outlast the retry policy's waits
     */
    public FunnelRuntime build() {
      Map<String, Set<String>> missing = new LinkedHashMap<>();
      for (Funnel f : catalog.all()) {
        for (String g : f.customGuards()) {
          if (!guards.containsKey(g)) {
            note(missing, "custom guard '" + g + "'", f.id());
          }
        }
        for (Transition t : f.transitions()) {
          for (Action a : t.actions()) {
            if (needsHandler(a) && !handlers.containsKey(a.name())) {
              note(missing, "handler for action '" + a.name() + "'", f.id());
            }
            Optional<String> pool =
                a.name().equals(Actions.ASSIGN) ? a.param("pool") : Optional.empty();
            if (pool.isPresent() && !pools.containsKey(pool.get())) {
              note(missing, "owner pool '" + pool.get() + "'", f.id());
            }
          }
        }
      }
      if (!missing.isEmpty()) {
        List<String> lines = new ArrayList<>();
        missing.forEach(
            (what, funnels) ->
                lines.add(what + " used by funnel '" + Joiner.on("', '").join(funnels) + "'"));
        throw new IllegalStateException(
            "the runtime lacks what its funnels use: " + Joiner.on("; ").join(lines));
      }
      if (lease.compareTo(retry.totalBackoff()) <= 0) {
        throw new IllegalStateException(
            "lease " + lease + " does not outlast the retry waits of " + retry.totalBackoff());
      }
      List<Funnel> bound = new ArrayList<>();
      for (Funnel f : catalog.all()) {
        bound.add(f.withGuards(guards));
      }
      return new FunnelRuntime(this, Catalog.of(bound));
    }

    private static boolean needsHandler(Action a) {
      return a.needsHandler();
    }

    private static void note(Map<String, Set<String>> missing, String what, String funnelId) {
      missing.computeIfAbsent(what, k -> new LinkedHashSet<>()).add(funnelId);
    }
  }
}
