package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.jdbc.testing.CountingDataSource;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadEvent;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.Receipt;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one event and one batch of timers cost in round trips to the server, counted through the
 * data source and named by the store's statements, so a change that adds one fails here.
 */
final class RoundTripTest {
  private HikariDataSource pool;
  private CountingDataSource counted;

  @BeforeEach
  void database() {
    pool = Postgres.newPool();
    counted =
        new CountingDataSource(
            pool, storeNames(new Tables(Optional.empty(), Tables.DEFAULT_PREFIX)));
    JdbcLeadStore.builder(pool).build().createSchema();
  }

  /**
   * Names the statements of the store's {@link Sql} by the field that holds them ({@code update},
   * {@code loadDue}, {@code commitAll}...), any other by its first word.
   */
  private static Function<String, String> storeNames(Tables tables) {
    Map<String, String> byText = new HashMap<>();
    for (boolean deletes : new boolean[] {false, true}) {
      Sql sql = new Sql(tables, deletes);
      for (Field f : Sql.class.getDeclaredFields()) {
        if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
          try {
            byText.put((String) f.get(sql), f.getName());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return text -> byText.getOrDefault(text, CountingDataSource.firstWord(text));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private JdbcLeadStore store() {
    JdbcLeadStore store = JdbcLeadStore.builder(counted).build();
    store.checkSchema();
    return store;
  }

  private static Event ping(int n) {
    return Event.of("ping-" + n, "ping", T0.plusSeconds(n));
  }

  @CanIgnoreReturnValue
  private List<String> handled(FunnelRuntime runtime, Event event, Receipt.Status status) {
    int unused = counted.take();
    Receipt r = runtime.handle("counter", "lead-1", event);
    assertEquals(status, r.status());
    return counted.statements();
  }

  @Test
  void anEventOnALeadTheStoreHas_isTheCommitAndTheDelete() {
    FunnelRuntime runtime = new Counter().runtime(store(), T0);
    runtime.enter("counter", "lead-1", "ads", T0);
    for (int i = 1; i <= 3; i++) {
      assertEquals(
          List.of("update", "delivered"), handled(runtime, ping(i), Receipt.Status.STAYED));
    }
  }

  @Test
  void withDeletesInTheNextWrite_anEventIsOneRoundTrip() {
    JdbcLeadStore store = JdbcLeadStore.builder(counted).deleteDeliveredWithNextWrite().build();
    FunnelRuntime runtime = new Counter().runtime(store, T0);
    runtime.enter("counter", "lead-1", "ads", T0);
    for (int i = 1; i <= 3; i++) {
      assertEquals(List.of("update"), handled(runtime, ping(i), Receipt.Status.STAYED));
    }
  }

  @Test
  void anEventOnALeadTheStoreDoesNotHave_loadsItFirst() {
    new Counter().runtime(store(), T0).enter("counter", "lead-1", "ads", T0);
    FunnelRuntime other = new Counter().runtime(store(), T0);
    assertEquals(
        List.of("load", "update", "delivered"), handled(other, ping(1), Receipt.Status.STAYED));
    assertEquals(List.of("update", "delivered"), handled(other, ping(2), Receipt.Status.STAYED));
  }

  @Test
  void anEventOnALeadAnotherStoreChanged_isRefusedOnceThenLoadedAndChecked() {
    FunnelRuntime a = new Counter().runtime(store(), T0);
    FunnelRuntime b = new Counter().runtime(store(), T0);
    a.enter("counter", "lead-1", "ads", T0);
    handled(b, ping(1), Receipt.Status.STAYED);
    assertEquals(
        List.of("update", "load", "accepted", "update", "delivered"),
        handled(a, ping(2), Receipt.Status.STAYED));
  }

  @Test
  void aDuplicateEvent_theLeadRemembers_isOneLoad() {
    FunnelRuntime runtime = new Counter().runtime(store(), T0);
    runtime.enter("counter", "lead-1", "ads", T0);
    handled(runtime, ping(1), Receipt.Status.STAYED);
    assertEquals(List.of("load"), handled(runtime, ping(1), Receipt.Status.REFUSED));
  }

  @Test
  void aDuplicateEvent_onlyTheStoreRemembers_isRefusedByTheCommit() {
    FunnelRuntime runtime = new Counter().runtime(store(), T0);
    runtime.enter("counter", "lead-1", "ads", T0);
    handled(runtime, ping(1), Receipt.Status.STAYED);
    for (int i = 2; i <= 2 + 2 * Lead.RECENT_EVENT_IDS; i++) {
      handled(runtime, ping(i), Receipt.Status.STAYED);
    }
    Event again = Event.of("ping-1", "ping", T0.plusSeconds(100));
    assertEquals(
        List.of("update", "load", "accepted"), handled(runtime, again, Receipt.Status.REFUSED));
  }

  @Test
  void aDuplicateEvent_anotherStoreAccepted_isRefusedByTheCommitThenByTheLead() {
    FunnelRuntime a = new Counter().runtime(store(), T0);
    FunnelRuntime b = new Counter().runtime(store(), T0);
    a.enter("counter", "lead-1", "ads", T0);
    handled(b, ping(1), Receipt.Status.STAYED);
    assertEquals(List.of("update", "load"), handled(a, ping(1), Receipt.Status.REFUSED));
  }

  @Test
  void anEventTheFunnelRefuses_isALoadAndTheIdLookup() {
    FunnelRuntime runtime = new Counter().runtime(store(), T0);
    runtime.enter("counter", "lead-1", "ads", T0);
    assertEquals(
        List.of("load", "accepted"),
        handled(runtime, Event.of("n-1", "nope", T0.plusSeconds(1)), Receipt.Status.REFUSED));
  }

  @Test
  void aBatchOfTimers_isTheClaimTheCommitAndTheDelete() {
    JdbcLeadStore store = store();
    int batch = store.timerBatch();
    int leads = batch + 36;
    List<LeadStore.Commit> commits = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      Lead lead =
          Lead.builder("lead-" + i, "counter")
              .stage("flipped", T0)
              .channel("ads")
              .timer(new ScheduledTimer("flipped", "flip", T0.plusSeconds(120 + i)))
              .build();
      commits.add(new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.of(), T0));
    }
    store.commitAll(commits);
    FunnelRuntime runtime = new Counter().runtime(store, T0);
    int unused = counted.take();
    assertEquals(leads, runtime.advanceTo(T0.plus(Duration.ofHours(1))));
    List<String> statements = List.of("loadDue", "commitAll", "deleteDelivered");
    List<String> expected = new ArrayList<>();
    expected.addAll(statements); // a full batch
    expected.addAll(statements); // 36 leads
    expected.add("loadDue"); // none left
    assertEquals(expected, counted.statements());
  }

  private static List<LeadEvent> pings(int leads, int from) {
    List<LeadEvent> batch = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      batch.add(LeadEvent.of("counter", "lead-" + i, ping(from + i)));
    }
    return batch;
  }

  @Test
  void aBatchOfEventsOnLeadsTheStoreHas_isOneCommitAndOneDelete() {
    FunnelRuntime runtime = new Counter().runtime(store(), T0);
    for (int i = 0; i < 64; i++) {
      runtime.enter("counter", "lead-" + i, "ads", T0);
    }
    int unused = counted.take();
    for (Receipt r : runtime.handleAll(pings(64, 1))) {
      assertEquals(Receipt.Status.STAYED, r.status());
    }
    assertEquals(List.of("commitAll", "deleteDelivered"), counted.statements());
  }

  @Test
  void aBatchOfEventsOnLeadsTheStoreDoesNotHave_loadsThemInOneQuery() {
    FunnelRuntime writer = new Counter().runtime(store(), T0);
    for (int i = 0; i < 64; i++) {
      writer.enter("counter", "lead-" + i, "ads", T0);
    }
    JdbcLeadStore store = JdbcLeadStore.builder(counted).deleteDeliveredWithNextWrite().build();
    store.checkSchema();
    FunnelRuntime runtime = new Counter().runtime(store, T0);
    int unused = counted.take();
    List<LeadEvent> batch = pings(64, 1);
    batch.add(LeadEvent.of("counter", "lead-0", Event.of("flip-1", "flip", T0.plusSeconds(90))));
    ImmutableList<Receipt> receipts = runtime.handleAll(batch);
    assertEquals(Receipt.Status.MOVED, receipts.get(64).status());
    assertEquals(List.of("loadAll", "commitAll"), counted.statements());
  }
}
