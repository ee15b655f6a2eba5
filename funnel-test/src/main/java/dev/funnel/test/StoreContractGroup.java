package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What every group of the lead store contract shares: the store of the running test, which {@link
 * LeadStoreContract} makes and releases, and the fixtures the tests build leads, commits and outbox
 * entries with. Not thread-safe, except where the concurrent tests share the store.
 */
abstract class StoreContractGroup {
  static final String SHOP = "shop";
  static final String SAAS = "saas";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Instant T0 = LeadStoreContract.T0;
  static final Instant LEASE = LeadStoreContract.LEASE;

  private final LeadStoreContract contract;

  StoreContractGroup(LeadStoreContract contract) {
    this.contract = contract;
  }

  /**
   * Returns the store of the running test.
   *
   * @return the store {@link LeadStoreContract#newStore()} made for this test
   * @throws IllegalStateException if no test is running
   */
  protected final LeadStore store() {
    return contract.store();
  }

  /**
   * Returns a lead in the stage {@code cold-lead} since {@link #T0}, channel {@code ads}, with
   * {@code nudge} timers due at the given instants.
   *
   * @param funnelId the funnel's id
   * @param id the lead's id
   * @param version the lead's version
   * @param owner the owner, or null for none
   * @param timers when its timers fall due
   * @return the lead
   */
  static Lead lead(
      String funnelId, String id, long version, @Nullable String owner, Instant... timers) {
    Lead.Builder b =
        Lead.builder(id, funnelId)
            .stage("cold-lead", T0)
            .channel("ads")
            .owner(owner)
            .version(version);
    for (Instant t : timers) {
      b.timer(new ScheduledTimer("cold-lead", "nudge", t));
    }
    return b.build();
  }

  static Lead counter(long version, long count) {
    return Lead.builder("counter", SHOP)
        .stage("cold-lead", T0)
        .channel("ads")
        .attribute("count", count)
        .version(version)
        .build();
  }

  /**
   * Returns an outbox entry of a lead of the funnel {@code shop}: a {@code send} action produced at
   * {@link #T0}.
   *
   * @param leadId the lead's id
   * @param eventId the event's id
   * @param index the effect's index
   * @return the entry
   */
  static OutboxEntry entry(String leadId, String eventId, int index) {
    Action send = Actions.send("welcome-" + (index + 1));
    return new OutboxEntry(new EffectKey(SHOP, leadId, eventId, index), send, T0);
  }

  static LeadStore.Commit insert(Lead lead, OutboxEntry... outbox) {
    return new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.copyOf(outbox), LEASE);
  }

  static LeadStore.Commit update(long expected, Lead lead) {
    return new LeadStore.Commit(expected, lead, true, ImmutableList.of(), LEASE);
  }

  static LeadStore.Commit accepting(long expected, Lead lead, Instant at, String... eventIds) {
    return new LeadStore.Commit(
        expected, lead, true, ImmutableList.of(), LEASE, ImmutableList.copyOf(eventIds), at);
  }

  static LeadKey key(String funnelId, String leadId) {
    return new LeadKey(funnelId, leadId);
  }

  static LeadStore.Due due(Instant at, String funnelId, String leadId) {
    return new LeadStore.Due(at, key(funnelId, leadId));
  }

  /** An instant well after anything the tests schedule. */
  static Instant far() {
    return T0.plus(Duration.ofDays(3650));
  }

  /** Starts the tasks together on threads of their own and returns their results in order. */
  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("threads started").isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
