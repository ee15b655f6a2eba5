package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. Concurrent writers and claimers racing real
 * threads on one store, waited for with a timeout. Run through {@link LeadStoreContract}, whose
 * store each test uses.
 */
public abstract class ConcurrencyContract extends StoreContractGroup {

  ConcurrencyContract(LeadStoreContract contract) {
    super(contract);
  }

  /**
   * Threads racing compare-and-set on one lead: exactly one commit wins each version, and every
   * thread's increments are in the final lead, so no update is lost; only the winners' outbox
   * entries and event ids are written.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentWritersOnOneLead_oneWinsEachVersionAndNoUpdateIsLost()
      throws Exception {
    int threads = 8;
    int perThread = 50;
    store().commit(insert(counter(0, 0)));

    List<Callable<List<Long>>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String writer = "w" + t;
      writers.add(
          () -> {
            List<Long> won = new ArrayList<>();
            while (won.size() < perThread) {
              Lead current = store().load(key(SHOP, "counter")).orElseThrow();
              long version = current.version() + 1;
              long count = ((Number) current.attribute("count").orElseThrow()).longValue() + 1;
              String eventId = writer + "-" + won.size();
              LeadStore.Commit commit =
                  new LeadStore.Commit(
                      current.version(),
                      counter(version, count),
                      true,
                      ImmutableList.of(entry("counter", eventId, 0)),
                      LEASE,
                      ImmutableList.of(eventId),
                      T0.plusSeconds(version));
              if (store().commit(commit)) {
                won.add(version);
              }
            }
            return won;
          });
    }
    List<List<Long>> won = race(writers);

    int total = threads * perThread;
    List<Long> versions = new ArrayList<>();
    won.forEach(versions::addAll);
    List<Long> expected = new ArrayList<>();
    for (long v = 1; v <= total; v++) {
      expected.add(v);
    }
    assertThat(versions)
        .as("versions won")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    Lead last = store().load(key(SHOP, "counter")).orElseThrow();
    assertThat(last.version()).isEqualTo(total);
    assertThat(last.attribute("count")).as("increments").contains((long) total);
    assertThat(store().pending(total + threads)).hasSize(total);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(store().isAccepted(key(SHOP, "counter"), "w" + t + "-" + i)).isTrue();
      }
    }
    assertThat(store().purgeAcceptedBefore(far())).isEqualTo(total);
  }

  /**
   * Threads racing the same insert: exactly one is written.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentInsertsOfOneLead_exactlyOneIsWritten() throws Exception {
    int threads = 8;
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String owner = "owner-" + t;
      writers.add(() -> store().commit(insert(lead(SHOP, "a", 0, owner), entry("a", owner, 0))));
    }
    List<Boolean> written = race(writers);

    assertThat(written).filteredOn(w -> w).hasSize(1);
    String owner = store().load(key(SHOP, "a")).orElseThrow().owner().orElseThrow();
    assertThat(store().pending(100)).extracting(e -> e.key().eventId()).containsExactly(owner);
    assertThat(store().activeLeadsOwnedBy(owner)).isEqualTo(1);
  }

  /**
   * Threads claiming at once: no entry is handed to two claimers within a lease, and every entry is
   * handed out.
   *
   * @throws Exception if a claimer fails
   */
  @Test
  public void claimPending_concurrentClaimers_neverShareAnEntry() throws Exception {
    int leads = 100;
    Set<EffectKey> all = new HashSet<>();
    for (int i = 0; i < leads; i++) {
      OutboxEntry first = entry("lead-" + i, "e" + i, 0);
      OutboxEntry second = entry("lead-" + i, "e" + i, 1);
      store().commit(insert(lead(SHOP, "lead-" + i, 0, "anna"), first, second));
      all.add(first.key());
      all.add(second.key());
    }

    List<Callable<List<EffectKey>>> claimers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      claimers.add(
          () -> {
            List<EffectKey> mine = new ArrayList<>();
            // A claimer handed more entries than there are has seen one twice: stop and report.
            while (mine.size() <= all.size()) {
              ImmutableList<OutboxEntry> batch =
                  store().claimPending(LEASE, LEASE.plusSeconds(60), 7);
              if (batch.isEmpty()) {
                return mine;
              }
              for (OutboxEntry e : batch) {
                mine.add(e.key());
              }
            }
            return mine;
          });
    }
    List<List<EffectKey>> claimed = race(claimers);

    List<EffectKey> together = new ArrayList<>();
    claimed.forEach(together::addAll);
    assertThat(together).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
  }

  /**
   * Threads writing different leads at once: every insert and update is written, and the due index
   * and owners' load agree with the leads.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentWritersOnDifferentLeads_allAreWritten() throws Exception {
    int threads = 8;
    int perThread = 40;
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          () -> {
            int written = 0;
            for (int i = 0; i < perThread; i++) {
              String id = "lead-" + thread + "-" + i;
              Instant at = T0.plusSeconds(1 + thread * perThread + i);
              written += store().commit(insert(lead(SHOP, id, 0, "anna", at))) ? 1 : 0;
              written += store().commit(update(0, lead(SHOP, id, 1, "boris", at))) ? 1 : 0;
            }
            return written;
          });
    }
    List<Integer> written = race(writers);

    int total = threads * perThread;
    assertThat(written).allSatisfy(w -> assertThat(w).isEqualTo(2 * perThread));
    assertThat(store().activeLeadsOwnedBy("anna")).isZero();
    assertThat(store().activeLeadsOwnedBy("boris")).isEqualTo(total);
    ImmutableList<LeadStore.Due> due = store().dueBy(far(), 2 * total);
    assertThat(due).hasSize(total).isSorted();
    assertThat(store().firstDue()).contains(due(T0.plusSeconds(1), SHOP, "lead-0-0"));
  }
}
