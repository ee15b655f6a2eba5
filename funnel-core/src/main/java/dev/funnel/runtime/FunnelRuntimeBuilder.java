package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static dev.funnel.runtime.FunnelRuntime.DEFAULT_EVENT_RETENTION;
import static dev.funnel.runtime.FunnelRuntime.DEFAULT_LEASE;
import static dev.funnel.runtime.FunnelRuntime.MAX_EVENT_RETENTION;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.migration.Migration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link FunnelRuntime}. {@link #build()} checks that every custom guard, every action
 * that needs a handler and every owner pool the catalog's funnels use is registered, and reports
 * all that are missing at once. Setting a single-valued option twice (the store, clock, retry
 * policy, retryable failures, randomness, lease or event retention) is a mistake, reported at once
 * with an {@link IllegalStateException} naming the value set first; so is registering a second
 * handler for an action, guard or pool under a name already taken. Listeners add up. Not
 * thread-safe.
 */
public final class FunnelRuntimeBuilder {
  private final Catalog catalog;
  // The options are read by FunnelRuntime's constructor, in this package only.
  LeadStore store = new InMemoryLeadStore();
  ContactBook contacts = new InMemoryContactBook();
  Clock clock = Clock.systemUTC();
  final Map<String, ActionHandler> handlers = new LinkedHashMap<>();
  final Map<String, BiPredicate<? super Lead, ? super Event>> guards = new LinkedHashMap<>();
  final Map<String, OwnerPool> pools = new LinkedHashMap<>();
  final List<FunnelListener> listeners = new ArrayList<>();
  final Map<String, Migration> migrations = new LinkedHashMap<>();
  RetryPolicy retry = RetryPolicy.DEFAULT;
  Predicate<? super Exception> retryable = FunnelRuntimeBuilder::retriedByDefault;
  RandomGenerator randomness = () -> ThreadLocalRandom.current().nextLong();
  Duration lease = DEFAULT_LEASE;
  Duration eventRetention = DEFAULT_EVENT_RETENTION;
  private final Set<String> given = new HashSet<>();

  FunnelRuntimeBuilder(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Reports an option set a second time, naming the value it was set to first. */
  private void once(String option, Object earlier) {
    checkState(given.add(option), "%s was already set to %s", option, earlier);
  }

  /**
   * Sets the store; a new {@link InMemoryLeadStore} by default.
   *
   * @param store the store
   * @return this builder
   * @throws IllegalStateException if the store was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder store(LeadStore store) {
    requireNonNull(store, "store");
    once("store", this.store);
    this.store = store;
    return this;
  }

  /**
   * Sets the clock the runtime reads every instant of its own from: the tick's now, outbox leases,
   * next attempt times, commit times for the event retention; the system clock in UTC by default. A
   * test clock moved by hand makes all of them deterministic.
   *
   * @param clock the clock
   * @return this builder
   * @throws IllegalStateException if the clock was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder clock(Clock clock) {
    requireNonNull(clock, "clock");
    once("clock", this.clock);
    this.clock = clock;
    return this;
  }

  /**
   * Registers the handler of an action.
   *
   * @param action the action's name, such as {@link Actions#SEND} or a custom name
   * @param handler the handler
   * @return this builder
   * @throws IllegalStateException if the action already has a handler
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder handler(String action, ActionHandler handler) {
    requireNonNull(action, "action");
    requireNonNull(handler, "handler");
    checkState(
        handlers.putIfAbsent(action, handler) == null, "action '%s' already has a handler", action);
    return this;
  }

  /**
   * Registers the predicate of a custom guard, bound into every funnel of the catalog with {@link
   * Funnel#withGuards}.
   *
   * @param name the name used in {@link dev.funnel.Conditions#custom}
   * @param predicate the predicate
   * @return this builder
   * @throws IllegalStateException if the guard is already registered
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder guard(
      String name, BiPredicate<? super Lead, ? super Event> predicate) {
    requireNonNull(name, "name");
    requireNonNull(predicate, "predicate");
    checkState(
        guards.putIfAbsent(name, predicate) == null, "guard '%s' is already registered", name);
    return this;
  }

  /**
   * Registers an owner pool.
   *
   * @param pool the pool
   * @return this builder
   * @throws IllegalStateException if a pool with that id is already registered
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder pool(OwnerPool pool) {
    requireNonNull(pool, "pool");
    checkState(
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
  public FunnelRuntimeBuilder listener(FunnelListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Registers a migration: a lead pinned to its old version is migrated when it is next touched (an
   * event, a reassignment, a due timer or {@link FunnelRuntime#migrate}), after the timers due on
   * the old version have fired, and stored with compare-and-set with the rest of the change, so a
   * migration racing an event is tried again on the fresh lead. Migrations chain: a lead two
   * versions behind takes both.
   *
   * @param migration the migration; both its versions must be in the catalog
   * @return this builder
   * @throws IllegalStateException if a migration from the same version was already registered
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder migration(Migration migration) {
    requireNonNull(migration, "migration");
    String pin = Changes.pin(migration.funnelId(), migration.from().version());
    Migration earlier = migrations.get(pin);
    checkState(earlier == null, "migration from %s was already set to %s", pin, earlier);
    migrations.put(pin, migration);
    return this;
  }

  /**
   * Sets how often and how patiently effects are handed over; {@link RetryPolicy#DEFAULT} by
   * default.
   *
   * @param retry the policy
   * @return this builder
   * @throws IllegalStateException if the retry policy was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder retry(RetryPolicy retry) {
    requireNonNull(retry, "retry");
    once("retry policy", this.retry);
    this.retry = retry;
    return this;
  }

  /**
   * Sets which failures of a handler are worth another attempt; the others park the effect at once.
   * By default every exception is retried except {@link IllegalArgumentException} (and its
   * subclasses) and {@link UnsupportedOperationException}: a handler throws those to say that the
   * effect itself is wrong, so trying it again cannot help. {@link InterruptedException} is never a
   * failure: the effect stays in the outbox, and is taken over once its lease runs out.
   *
   * @param retryable returns whether a failure is worth another attempt
   * @return this builder
   * @throws IllegalStateException if the retryable failures was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder retryable(Predicate<? super Exception> retryable) {
    requireNonNull(retryable, "retryable");
    once("retryable failures", this.retryable);
    this.retryable = retryable;
    return this;
  }

  /**
   * Sets the source of the random numbers that jitter the waits between attempts (see {@link
   * RetryPolicy#delay}); by default the calling thread's {@link ThreadLocalRandom}. A seeded
   * generator makes the waits repeatable in tests. It is called from every thread that delivers, so
   * it must be thread-safe (as {@link java.util.Random} and {@link
   * java.util.SplittableRandom#split() one per thread} are, or a generator that ignores its state).
   *
   * @param randomness the source of random numbers
   * @return this builder
   * @throws IllegalStateException if the randomness was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder randomness(RandomGenerator randomness) {
    requireNonNull(randomness, "randomness");
    once("randomness", this.randomness);
    this.randomness = randomness;
    return this;
  }

  private static boolean retriedByDefault(Exception e) {
    return !(e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException);
  }

  /**
   * Sets how long the runtime holds the effects it is delivering before {@link
   * FunnelRuntime#dispatchPending()} (here or in another process) may take them over; {@link
   * FunnelRuntime#DEFAULT_LEASE} by default. It must outlast one attempt of a handler: a failed
   * attempt gives its claim back at once, so the waits between attempts do not count.
   *
   * @param lease the lease
   * @return this builder
   * @throws IllegalArgumentException if the lease is not positive
   * @throws IllegalStateException if the lease was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder lease(Duration lease) {
    requireNonNull(lease, "lease");
    checkArgument(!lease.isNegative() && !lease.isZero(), "lease must be positive");
    once("lease", this.lease);
    this.lease = lease;
    return this;
  }

  /**
   * Sets how long an accepted event id is remembered, so that the event is refused as a {@link
   * Outcome.Refusal#DUPLICATE duplicate} if it comes again, however many other events the lead
   * accepted in between; {@link FunnelRuntime#DEFAULT_EVENT_RETENTION} (30 days) by default. Zero
   * remembers nothing beyond the lead's own recent ids and saves the store lookup each new event
   * costs. See "Duplicates" on {@link FunnelRuntime} for the exact guarantee.
   *
   * @param retention how long accepted event ids are remembered, counted from their commit by the
   *     runtime's clock; zero or positive, at most {@link FunnelRuntime#MAX_EVENT_RETENTION}
   * @return this builder
   * @throws IllegalStateException if the event retention was already set
   * @throws IllegalArgumentException if the retention is negative or above the maximum
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder eventRetention(Duration retention) {
    requireNonNull(retention, "retention");
    checkArgument(!retention.isNegative(), "event retention %s is negative", retention);
    checkArgument(
        retention.compareTo(MAX_EVENT_RETENTION) <= 0,
        "event retention %s is above the maximum of %s",
        retention,
        MAX_EVENT_RETENTION);
    once("event retention", this.eventRetention);
    this.eventRetention = retention;
    return this;
  }

  /**
   * Sets where consent and the messages sent are kept per person, for consent and frequency caps;
   * an {@link InMemoryContactBook} by default, which suits one process only.
   *
   * @param contacts the contact book
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public FunnelRuntimeBuilder contacts(ContactBook contacts) {
    requireNonNull(contacts, "contacts");
    once("contact book", this.contacts);
    this.contacts = contacts;
    return this;
  }

  /**
   * Checks the registrations against the catalog and returns the runtime.
   *
   * @return the runtime
   * @throws IllegalStateException listing every custom guard, handler and owner pool the catalog's
   *     funnels use that is not registered, with the funnels that use it
   */
  public FunnelRuntime build() {
    Requirements.check(catalog, guards.keySet(), handlers.keySet(), pools.keySet());
    Requirements.checkMigrations(catalog, migrations.values());
    List<Funnel> bound = new ArrayList<>();
    for (Funnel f : catalog.all()) {
      bound.add(f.withGuards(guards));
    }
    return new FunnelRuntime(this, Catalog.of(bound));
  }
}
