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
import java.util.Collection;
import java.util.List;
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
    assertThat(listener.getSummary().getTestsStartedCount()).isEqualTo(49);
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
  void storeErasingOnlyPendingEntries_failsErasure() {
    assertThat(failures(ForgetsParkedOnErasure.class))
        .containsExactly("erase_dropsEveryEntryOfTheLeadIdInEveryFunnel()");
  }

  @Test
  void storeListingOnlyTheFirstPage_failsPinnedVersions() {
    assertThat(failures(RestartsEveryPage.class))
        .containsExactly("pinnedTo_walksTheLeadsOfOneVersionInPagesByLeadId()");
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

  /** Erases a person's pending entries but leaves their parked ones to be requeued. */
  static final class ForgetsParkedOnErasure extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new Forwarding() {
        @Override
        public int erase(String leadId) {
          int n = 0;
          for (OutboxEntry e : pending(1_000)) {
            if (e.key().leadId().equals(leadId) && delivered(e.key())) {
              n++;
            }
          }
          return n;
        }
      };
    }
  }

  /** Starts every page of the leads pinned to a version from the first lead. */
  static final class RestartsEveryPage extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new Forwarding() {
        @Override
        public ImmutableList<LeadKey> pinnedTo(String funnelId, int v, String after, int limit) {
          return super.pinnedTo(funnelId, v, "", limit);
        }
      };
    }
  }

  /**
   * An in-memory store to break one method at a time; its batches go through the single calls, so a
   * broken one breaks them too.
   */
  private static class Forwarding extends ForwardingLeadStore {
    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    protected LeadStore delegate() {
      return store;
    }

    @Override
    public ImmutableList<Lead> loadDue(Instant now, int limit) {
      return standardLoadDue(now, limit);
    }

    @Override
    public boolean[] commitAll(List<Commit> commits) {
      return standardCommitAll(commits);
    }

    @Override
    public int deliveredAll(Collection<EffectKey> keys) {
      return standardDeliveredAll(keys);
    }
  }
}
