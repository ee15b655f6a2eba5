package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** The contract fails stores that break its guarantees, each test the guarantee it is about. */
final class LeadStoreContractTest {

  private static Set<String> failures(Class<? extends LeadStoreContract> contract) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
            listener);
    assertThat(listener.getSummary().getTestsStartedCount()).isEqualTo(42);
    return listener.getSummary().getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName())
        .collect(Collectors.toSet());
  }

  @Test
  void storeIgnoringTheVersion_failsCompareAndSet() {
    assertThat(failures(IgnoresVersion.class))
        .contains(
            "commit_insertWithAbsent_storesTheLeadOnce()",
            "commit_expectedVersion_mustMatchTheStoredOne()",
            "commit_refused_writesNoOutboxEntry()",
            "commit_concurrentInsertsOfOneLead_exactlyOneIsWritten()",
            "commitAll_eachCommitIsItsOwnCompareAndSet()")
        .doesNotContain("claimPending_handsOutEntriesOldestFirst()");
  }

  @Test
  void storeIgnoringLeases_failsClaims() {
    assertThat(failures(IgnoresLeases.class))
        .contains(
            "commit_outboxEntries_areHeldByTheWriterUntilTheLease()",
            "claimPending_holdsEntriesUntilTheLeaseRunsOut()",
            "claimPending_concurrentClaimers_neverShareAnEntry()")
        .doesNotContain("commit_expectedVersion_mustMatchTheStoredOne()");
  }

  @Test
  void storeForgettingEventIds_failsRetention() {
    assertThat(failures(ForgetsEventIds.class))
        .containsExactlyInAnyOrder(
            "isAccepted_remembersEventIdsOfCommitsUntilPurged()",
            "isAccepted_oldEventId_isRememberedAfterManyLaterCommits()",
            "commit_concurrentWritersOnOneLead_oneWinsEachVersionAndNoUpdateIsLost()");
  }

  @Test
  void theInMemoryStore_passesEveryTest() {
    assertThat(failures(InMemoryLeadStoreContractTest.class)).isEmpty();
  }

  /** Writes every commit, whatever version it expects. */
  static final class IgnoresVersion extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new Forwarding() {
        @Override
        public boolean commit(Commit c) {
          long stored = load(c.key()).map(Lead::version).orElse(ABSENT);
          return super.commit(
              new Commit(
                  stored,
                  c.lead(),
                  c.active(),
                  c.outbox(),
                  c.leaseUntil(),
                  c.eventIds(),
                  c.committedAt()));
        }
      };
    }
  }

  /** Hands out entries under a claim, as if every lease had run out. */
  static final class IgnoresLeases extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new Forwarding() {
        @Override
        public ImmutableList<OutboxEntry> claimPending(Instant now, Instant until, int limit) {
          return super.claimPending(Instant.MAX, until, limit).stream()
              .filter(e -> !e.nextAttempt().isAfter(now))
              .collect(ImmutableList.toImmutableList());
        }
      };
    }
  }

  /** Answers from the ids the lead's snapshot keeps, not from the ids its commits accepted. */
  static final class ForgetsEventIds extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new Forwarding() {
        @Override
        public boolean isAccepted(LeadKey key, String eventId) {
          return load(key).filter(l -> l.recentEventIds().contains(eventId)).isPresent();
        }
      };
    }
  }

  /** An in-memory store to break one method at a time. */
  private static class Forwarding implements LeadStore {
    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    public Optional<Lead> load(LeadKey key) {
      return store.load(key);
    }

    @Override
    public boolean commit(Commit commit) {
      return store.commit(commit);
    }

    @Override
    public Optional<Due> firstDue() {
      return store.firstDue();
    }

    @Override
    public ImmutableList<Due> dueBy(Instant now, int limit) {
      return store.dueBy(now, limit);
    }

    @Override
    public ImmutableList<OutboxEntry> claimPending(Instant now, Instant leaseUntil, int limit) {
      return store.claimPending(now, leaseUntil, limit);
    }

    @Override
    public boolean delivered(EffectKey key) {
      return store.delivered(key);
    }

    @Override
    public boolean retryAt(EffectKey key, Instant nextAttempt) {
      return store.retryAt(key, nextAttempt);
    }

    @Override
    public boolean park(EffectKey key) {
      return store.park(key);
    }

    @Override
    public ImmutableList<OutboxEntry> pending(int limit) {
      return store.pending(limit);
    }

    @Override
    public ImmutableList<OutboxEntry> parked(int limit) {
      return store.parked(limit);
    }

    @Override
    public boolean requeue(EffectKey key, Instant now) {
      return store.requeue(key, now);
    }

    @Override
    public boolean discard(EffectKey key) {
      return store.discard(key);
    }

    @Override
    public boolean isAccepted(LeadKey key, String eventId) {
      return store.isAccepted(key, eventId);
    }

    @Override
    public int purgeAcceptedBefore(Instant cutoff) {
      return store.purgeAcceptedBefore(cutoff);
    }

    @Override
    public int activeLeadsOwnedBy(String owner) {
      return store.activeLeadsOwnedBy(owner);
    }
  }
}
