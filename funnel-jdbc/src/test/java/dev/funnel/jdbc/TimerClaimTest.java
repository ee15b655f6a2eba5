package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.runtime.LeadStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tick's claim on due leads: two stores over one database take disjoint batches, a store takes
 * its own claimed leads again, a commit releases the claim, and a claim runs out on the database's
 * clock so the leads of a runtime that died are taken by another.
 */
final class TimerClaimTest {
  static final int LEADS = 10;
  static final Instant LATER = T0.plus(Duration.ofHours(1));

  private HikariDataSource pool;

  @BeforeEach
  void dueLeads() {
    pool = Postgres.newPool();
    JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
    store.createSchema();
    List<LeadStore.Commit> commits = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      commits.add(new LeadStore.Commit(LeadStore.ABSENT, lead(i), true, ImmutableList.of(), T0));
    }
    store.commitAll(commits);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private static Lead lead(int i) {
    return Lead.builder("lead-" + i, "counter")
        .stage("flipped", T0)
        .channel("ads")
        .timer(new ScheduledTimer("flipped", "flip", T0.plusSeconds(120 + i)))
        .build();
  }

  private static Set<String> ids(List<Lead> leads) {
    Set<String> out = new HashSet<>();
    for (Lead l : leads) {
      out.add(l.id());
    }
    return out;
  }

  @Test
  void twoStores_claimDisjointBatches_inDueOrder() {
    JdbcLeadStore a = JdbcLeadStore.builder(pool).build();
    JdbcLeadStore b = JdbcLeadStore.builder(pool).build();

    List<Lead> first = a.loadDue(LATER, 6);
    assertEquals(
        List.of("lead-0", "lead-1", "lead-2", "lead-3", "lead-4", "lead-5"),
        first.stream().map(Lead::id).toList());
    List<Lead> second = b.loadDue(LATER, LEADS);
    assertEquals(
        List.of("lead-6", "lead-7", "lead-8", "lead-9"), second.stream().map(Lead::id).toList());
    assertEquals(List.of(), JdbcLeadStore.builder(pool).build().loadDue(LATER, LEADS));
    // A store takes its own claimed leads again, and only those: a batch it cut short goes on.
    assertEquals(ids(first), ids(a.loadDue(LATER, LEADS)));
    assertEquals(ids(second), ids(b.loadDue(LATER, LEADS)));
  }

  @Test
  void aCommit_releasesTheClaim() {
    JdbcLeadStore a = JdbcLeadStore.builder(pool).build();
    JdbcLeadStore b = JdbcLeadStore.builder(pool).build();
    List<Lead> claimed = a.loadDue(LATER, LEADS);
    assertEquals(LEADS, claimed.size());

    Lead lead = claimed.get(3);
    Lead unchanged = lead.toBuilder().version(lead.version() + 1).build();
    assertTrue(
        a.commit(new LeadStore.Commit(lead.version(), unchanged, true, ImmutableList.of(), T0)));
    assertEquals(List.of(lead.id()), b.loadDue(LATER, LEADS).stream().map(Lead::id).toList());
  }

  @Test
  void aClaim_writesNoLeadRow_butARowOfItsOwnAtTheLeadsVersion() {
    Postgres.execute(
        pool,
        "CREATE TABLE seen AS SELECT lead_id, ctid AS tuple, xmin AS writer FROM funnel_lead");
    JdbcLeadStore a = JdbcLeadStore.builder(pool).build();
    List<Lead> claimed = a.loadDue(LATER, LEADS);
    assertEquals(LEADS, claimed.size());

    // The lead rows are where and as they were: locked for the claim's statement, never rewritten.
    assertEquals(
        LEADS,
        Postgres.count(
            pool,
            "SELECT count(*) FROM funnel_lead l JOIN seen s USING (lead_id)"
                + " WHERE l.ctid = s.tuple AND l.xmin = s.writer"));
    assertEquals(
        LEADS,
        Postgres.count(
            pool,
            "SELECT count(*) FROM funnel_lead_claim k JOIN funnel_lead l USING (funnel_id, lead_id)"
                + " WHERE k.version = l.version AND k.claimed_until > clock_timestamp()"));
    assertEquals(
        1,
        Postgres.count(
            pool,
            "SELECT count(*) FROM pg_class WHERE relname = 'funnel_lead_claim'"
                + " AND relpersistence = 'u'"));
  }

  @Test
  void aClaim_atAVersionTheLeadNoLongerHas_holdsNothing() {
    JdbcLeadStore a = JdbcLeadStore.builder(pool).build();
    JdbcLeadStore b = JdbcLeadStore.builder(pool).build();
    Lead lead = a.loadDue(LATER, LEADS).get(0);

    // Another store writes the lead a claimed, at a new version that is still due.
    Lead changed = lead.toBuilder().version(lead.version() + 1).build();
    assertTrue(
        b.commit(new LeadStore.Commit(lead.version(), changed, true, ImmutableList.of(), T0)));
    assertEquals(List.of(lead.id()), b.loadDue(LATER, LEADS).stream().map(Lead::id).toList());
    assertEquals(List.of(), JdbcLeadStore.builder(pool).build().loadDue(LATER, LEADS));
  }

  @Test
  void aClaim_runsOutOnTheDatabasesClock() throws InterruptedException {
    JdbcLeadStore dying = JdbcLeadStore.builder(pool).timerClaim(Duration.ofSeconds(2)).build();
    JdbcLeadStore other = JdbcLeadStore.builder(pool).build();
    other.checkSchema();
    assertEquals(LEADS, dying.loadDue(LATER, LEADS).size());
    assertEquals(List.of(), other.loadDue(LATER, LEADS));

    Thread.sleep(2_500);
    assertEquals(LEADS, other.loadDue(LATER, LEADS).size());
  }

  @Test
  void builder_timerClaim_isCheckedAndSetOnce() {
    JdbcLeadStore.Builder b = JdbcLeadStore.builder(pool);
    assertThrows(IllegalArgumentException.class, () -> b.timerClaim(Duration.ZERO));
    b.timerClaim(Duration.ofSeconds(5));
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> b.timerClaim(Duration.ofSeconds(6)));
    assertEquals("timer claim was already set to PT5S", twice.getMessage());
    IllegalStateException cached =
        assertThrows(
            IllegalStateException.class,
            () -> JdbcLeadStore.builder(pool).cachedLeads(0).cachedLeads(1));
    assertEquals("cached leads was already set to 0", cached.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JdbcLeadStore.builder(pool).cachedLeads(-1));
  }

  @Test
  void builder_timerBatch_isCheckedSetOnceAndAskedForByTheTick() {
    assertEquals(
        JdbcLeadStore.DEFAULT_TIMER_BATCH, JdbcLeadStore.builder(pool).build().timerBatch());
    assertEquals(7, JdbcLeadStore.builder(pool).timerBatch(7).build().timerBatch());
    assertThrows(IllegalArgumentException.class, () -> JdbcLeadStore.builder(pool).timerBatch(0));
    IllegalStateException twice =
        assertThrows(
            IllegalStateException.class,
            () -> JdbcLeadStore.builder(pool).timerBatch(8).timerBatch(9));
    assertEquals("timer batch was already set to 8", twice.getMessage());
  }
}
