package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.funnel.ContactRecord;
import dev.funnel.runtime.ContactBook;
import dev.funnel.runtime.InMemoryContactBook;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** The contract fails books that break its guarantees, each test the guarantee it is about. */
final class ContactBookContractTest {

  private static Set<String> failures(Class<? extends ContactBookContract> contract) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
            listener);
    assertThat(listener.getSummary().getTestsStartedCount()).isEqualTo(13);
    return listener.getSummary().getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName())
        .collect(Collectors.toSet());
  }

  @Test
  void bookIgnoringTheVersion_failsCompareAndSet() {
    assertThat(failures(IgnoresVersion.class))
        .contains(
            "commit_staleVersion_isRefusedAndWritesNothing()",
            "commit_unknownPersonFromALaterVersion_isRefused()",
            "commit_twoWritersFromOneVersion_exactlyOneWins()",
            "erase_thenCommit_startsFromTheEmptyRecord()")
        .doesNotContain("restore_givesBackOneChannelAndPurposeOnly()");
  }

  @Test
  void bookKeepingOnlyTheLatestWithdrawal_failsConsent() {
    assertThat(failures(KeepsOneWithdrawal.class))
        .contains("restore_givesBackOneChannelAndPurposeOnly()")
        .doesNotContain("commit_staleVersion_isRefusedAndWritesNothing()");
  }

  @Test
  void bookThatForgetsNothing_failsErasure() {
    assertThat(failures(ForgetsNothing.class))
        .containsExactlyInAnyOrder(
            "erase_forgetsThePersonAndNobodyElse()", "erase_thenCommit_startsFromTheEmptyRecord()");
  }

  @Test
  void theInMemoryBook_passesEveryTest() {
    assertThat(failures(InMemoryContactBookContractTest.class)).isEmpty();
  }

  /** Stores every commit, whatever version it expects. */
  static final class IgnoresVersion extends ContactBookContract {
    @Override
    protected ContactBook newBook() {
      return new Forwarding() {
        @Override
        public boolean commit(String personId, long expectedVersion, ContactRecord next) {
          return super.commit(personId, load(personId).version(), next);
        }
      };
    }
  }

  /** Keeps only the last withdrawal of a record it stores. */
  static final class KeepsOneWithdrawal extends ContactBookContract {
    @Override
    protected ContactBook newBook() {
      return new Forwarding() {
        @Override
        public boolean commit(String personId, long expectedVersion, ContactRecord next) {
          int n = next.withdrawals().size();
          return super.commit(
              personId,
              expectedVersion,
              new ContactRecord(
                  n == 0 ? next.withdrawals() : next.withdrawals().subList(n - 1, n),
                  next.sent(),
                  next.version()));
        }
      };
    }
  }

  /** Answers an erasure truthfully but keeps the record. */
  static final class ForgetsNothing extends ContactBookContract {
    @Override
    protected ContactBook newBook() {
      return new Forwarding() {
        @Override
        public boolean erase(String personId) {
          return !load(personId).equals(ContactRecord.EMPTY);
        }
      };
    }
  }

  /** An in-memory book to break one method at a time. */
  private static class Forwarding implements ContactBook {
    private final InMemoryContactBook book = new InMemoryContactBook();

    @Override
    public ContactRecord load(String personId) {
      return book.load(personId);
    }

    @Override
    public boolean commit(String personId, long expectedVersion, ContactRecord next) {
      return book.commit(personId, expectedVersion, next);
    }

    @Override
    public boolean erase(String personId) {
      return book.erase(personId);
    }
  }
}
