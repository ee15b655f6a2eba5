package dev.funnel.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.MigrationSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of eager migration ({@link FunnelRuntime#migrateAll}) and retirement ({@link
 * FunnelRuntime#retire}) on a lead store, as tests every store runs. Extend it in your store's
 * tests and say how to make a fresh, empty store, as for {@link LeadStoreContract}:
 *
 * <pre>{@code
 * final class JdbcEagerMigrationContractTest extends EagerMigrationContract {
 *   @Override
 *   protected LeadStore newStore() {
 *     return JdbcLeadStore.create(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>The tests run the {@linkplain #v1() pings} funnel: leads entered on version 1 with a runtime
 * that knows no other, then walked onto version 2 by a runtime with the {@linkplain #migration()
 * migration} registered, its clock fixed at {@link #NOW}. What is proved: the walk reads the leads
 * pinned to the version in pages of the batch size (one empty page more after a full last one),
 * migrates each once with its timers recomputed, and walks nothing the second time; a lead an event
 * migrated first is counted as already migrated; events arriving from another thread while the walk
 * runs lose no lead, no migration and no effect; and a version is retired only once no lead is
 * pinned to it, after which nothing enters it. Each test gets a store of its own from {@link
 * #newStore()}, handed to {@link #close} afterwards. Instances are not shared between threads.
 */
public abstract class EagerMigrationContract {
  /** When the leads enter version 1. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The migrating runtime's clock: events come at its time, not before the migrations it makes. */
  public static final Instant NOW = T0.plusSeconds(3600);

  /** The id of the funnel the tests run. */
  public static final String PINGS = "pings";

  private @Nullable LeadStore store;
  private final List<Step> steps = new CopyOnWriteArrayList<>();
  private final List<Thread> migratedOn = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

  /** Creates the contract; subclasses say how to make a store. */
  protected EagerMigrationContract() {}

  /**
   * Returns a new, empty store for one test.
   *
   * @return a store with no lead, no outbox entry and no accepted event id
   * @throws Exception if the store cannot be made
   */
  protected abstract LeadStore newStore() throws Exception;

  /**
   * Releases a store after its test; does nothing unless overridden.
   *
   * @param store the store {@link #newStore()} made for the test
   * @throws Exception if the store cannot be released
   */
  protected void close(LeadStore store) throws Exception {}

  /**
   * Makes the store for the next test.
   *
   * @throws Exception if {@link #newStore()} fails
   */
  @BeforeEach
  public final void openStore() throws Exception {
    store = newStore();
    steps.clear();
    migratedOn.clear();
    sent.clear();
  }

  /**
   * Releases the store of the last test.
   *
   * @throws Exception if {@link #close} fails
   */
  @AfterEach
  public final void closeStore() throws Exception {
    LeadStore s = store;
    store = null;
    if (s != null) {
      close(s);
    }
  }

  /**
   * Returns the store of the running test.
   *
   * @return the store {@link #newStore()} made for this test
   * @throws IllegalStateException if no test is running
   */
  protected final LeadStore store() {
    LeadStore s = store;
    if (s == null) {
      throw new IllegalStateException("no store: the contract's store exists only during a test");
    }
    return s;
  }

  /**
   * Returns version 1 of the pings funnel: a new lead is reminded after two days; a ping engages it
   * with a hello; finish wins an engaged lead.
   *
   * @return version 1
   */
  public static Funnel v1() {
    return pings(1, Duration.ofDays(2));
  }

  /**
   * Returns version 2 of the pings funnel: the reminder after one day.
   *
   * @return version 2
   */
  public static Funnel v2() {
    return pings(2, Duration.ofDays(1));
  }

  private static Funnel pings(int version, Duration remind) {
    return Funnel.builder(PINGS)
        .version(version)
        .stage("new")
        .entry()
        .stage("engaged")
        .stage("done")
        .won()
        .on("ping")
        .from("new")
        .to("engaged")
        .then(Actions.send("hello", "email"))
        .on("remind")
        .from("new")
        .stay()
        .then(Actions.send("reminder", "email"))
        .on("finish")
        .from("engaged")
        .to("done")
        .after(remind)
        .in("new")
        .fire("remind")
        .build();
  }

  /**
   * Returns the migration from version 1 to 2, the reminder recomputed.
   *
   * @return the migration
   */
  public static Migration migration() {
    return Migration.between(v1(), v2()).timer("new", "remind", TimerPolicy.RECOMPUTE).build();
  }

  private FunnelRuntimeBuilder builder(Catalog catalog, FunnelListener listener) {
    return FunnelRuntime.builder(catalog)
        .store(store())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .handler(
            "send",
            call ->
                sent.computeIfAbsent(
                        call.key().leadId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(call.action().param("template").orElse("?")))
        .listener(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                steps.add(step);
                if (Migration.MIGRATED.equals(step.eventType())) {
                  migratedOn.add(Thread.currentThread());
                }
                listener.stepped(step);
              }
            });
  }

  /**
   * Enters leads {@code lead-000} on into version 1 at {@link #T0}, with a runtime that knows no
   * other version.
   *
   * @param n how many
   */
  protected final void enterOnVersionOne(int n) {
    FunnelRuntime old = builder(Catalog.of(v1()), new FunnelListener() {}).build();
    for (int i = 0; i < n; i++) {
      old.enter(PINGS, String.format("lead-%03d", i), "ads", T0);
    }
  }

  /**
   * Returns a runtime over the store that knows both versions and the migration.
   *
   * @param listener hears each step after the contract has recorded it
   * @return the runtime
   */
  protected final FunnelRuntime next(FunnelListener listener) {
    return builder(Catalog.of(v1(), v2()), listener).migration(migration()).build();
  }

  private long migrationSteps(String leadId) {
    return steps.stream()
        .filter(s -> s.leadId().equals(leadId) && Migration.MIGRATED.equals(s.eventType()))
        .count();
  }

  /** Walks every lead pinned to version 1 in pages, once. */
  @Test
  public void migrateAll_walksThePinnedVersionIndexInBatches() {
    enterOnVersionOne(25);
    FunnelRuntime rt = next(new FunnelListener() {});

    MigrationSummary summary = rt.migrateAll(PINGS, 1, 10);
    MigrationSummary again = rt.migrateAll(PINGS, 1, 10);

    assertEquals(new MigrationSummary(PINGS, 1, 25, 0, 0, 3), summary);
    assertEquals(25, summary.listed());
    assertEquals(new MigrationSummary(PINGS, 1, 0, 0, 0, 0), again);
    assertEquals(0, store().countPinnedTo(PINGS, 1));
    assertEquals(25, store().countPinnedTo(PINGS, 2));
    Lead lead = rt.lead(PINGS, "lead-017").orElseThrow();
    assertEquals(2, lead.funnelVersion());
    assertEquals(T0.plus(Duration.ofDays(1)), lead.timers().get(0).due());
    assertEquals(T0.plus(Duration.ofDays(1)), store().firstDue().orElseThrow().due());
    for (int i = 0; i < 25; i++) {
      assertEquals(1, migrationSteps(String.format("lead-%03d", i)));
    }
  }

  /** A last page exactly the batch size is followed by one empty page. */
  @Test
  public void migrateAll_pageOfExactlyTheBatchSize_readsOneEmptyPageMore() {
    enterOnVersionOne(4);
    FunnelRuntime rt = next(new FunnelListener() {});

    assertEquals(new MigrationSummary(PINGS, 1, 4, 0, 0, 2), rt.migrateAll(PINGS, 1, 2));
  }

  /** A lead an event migrated after the walk read its page is counted as already migrated. */
  @Test
  public void migrateAll_leadAnEventMigratedFirst_isCountedAsAlreadyMigrated() {
    enterOnVersionOne(3);
    AtomicReference<FunnelRuntime> runtime = new AtomicReference<>();
    // When the walk migrates the first lead, an event for the last one arrives and migrates it
    // lazily, after the walk read its page and before it reached the lead.
    FunnelRuntime rt =
        next(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                if (step.leadId().equals("lead-000")
                    && Migration.MIGRATED.equals(step.eventType())) {
                  Objects.requireNonNull(runtime.get())
                      .handle(PINGS, "lead-002", Event.of("late-ping", "ping", NOW));
                }
              }
            });
    runtime.set(rt);

    MigrationSummary summary = rt.migrateAll(PINGS, 1, 10);

    assertEquals(new MigrationSummary(PINGS, 1, 2, 1, 0, 1), summary);
    Lead late = rt.lead(PINGS, "lead-002").orElseThrow();
    assertEquals(2, late.funnelVersion());
    assertEquals("engaged", late.stage());
    assertEquals(1, migrationSteps("lead-002"));
  }

  /**
   * Events from another thread during the walk lose no lead, no migration and no effect.
   *
   * @throws Exception if the events' thread fails
   */
  @Test
  public void migrateAll_whileEventsArriveFromAnotherThread_migratesEachLeadOnceAndLosesNoEffect()
      throws Exception {
    int n = 60;
    enterOnVersionOne(n);
    FunnelRuntime rt = next(new FunnelListener() {});
    ExecutorService events = Executors.newSingleThreadExecutor();
    try {
      Future<?> arriving =
          events.submit(
              () -> {
                for (int i = n - 1; i >= 0; i--) {
                  String id = String.format("lead-%03d", i);
                  rt.handle(PINGS, id, Event.of(id + "-ping", "ping", NOW));
                }
              });
      MigrationSummary summary = rt.migrateAll(PINGS, 1, 8);
      arriving.get(120, TimeUnit.SECONDS);

      // The walk lists the leads still on version 1 when it reads each page: those the events
      // migrated before are not listed, those they migrated after are found already migrated.
      long byTheWalk = migratedOn.stream().filter(t -> t == Thread.currentThread()).count();
      assertEquals(byTheWalk, summary.migrated(), summary::toString);
      assertEquals(n, migratedOn.size());
      assertEquals(0, summary.skipped());
      assertEquals(0, store().countPinnedTo(PINGS, 1));
      for (int i = 0; i < n; i++) {
        String id = String.format("lead-%03d", i);
        Lead lead = rt.lead(PINGS, id).orElseThrow();
        assertEquals(2, lead.funnelVersion(), id);
        assertEquals("engaged", lead.stage(), id);
        assertEquals(1, migrationSteps(id), id);
        assertEquals(List.of("hello"), sent.get(id), id);
      }
      assertTrue(store().pending(10).isEmpty());
    } finally {
      events.shutdownNow();
    }
  }

  /** A version is retired only once no lead is pinned to it; then nothing enters it. */
  @Test
  public void retire_isRefusedWhileLeadsArePinnedAndClosesTheVersionOnceTheyAreMigrated() {
    enterOnVersionOne(4);
    FunnelRuntime rt = next(new FunnelListener() {});

    IllegalStateException pinned =
        assertThrows(IllegalStateException.class, () -> rt.retire(PINGS, 1));
    rt.migrateAll(PINGS, 1, 3);
    boolean retired = rt.retire(PINGS, 1);

    assertEquals(
        "funnel 'pings' version 1 still has 4 leads pinned to it; migrate them before retiring it",
        pinned.getMessage());
    assertTrue(retired);
    assertThrows(IllegalStateException.class, () -> rt.enter(v1().newLead("late", "ads"), T0));
    assertTrue(store().load(new LeadKey(PINGS, "late")).isEmpty());
  }
}
