package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.ContactRecord;
import dev.funnel.Purpose;
import dev.funnel.runtime.ContactBook;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of {@link ContactBook}, as tests every implementation runs. Extend it in your
 * book's tests and say how to make a fresh, empty book:
 *
 * <pre>{@code
 * final class JdbcContactBookContractTest extends ContactBookContract {
 *   @Override
 *   protected ContactBook newBook() {
 *     return JdbcContactBook.builder(freshDatabase()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a book of its own from {@link #newBook()}, which must know nobody, and hands it
 * to {@link #close} afterwards. The tests read no clock and never sleep: every instant is passed
 * in, from {@link #T0} on, to the nanosecond, so a book that keeps records in a database must keep
 * them exactly. The concurrent tests race real threads on one book and wait for them with a
 * timeout.
 *
 * <p>What is proved: a person nobody wrote about reads as {@link ContactRecord#EMPTY}; a record is
 * read back as it was written, withdrawals and messages sent in their order; consent is withdrawn
 * and given again per channel and purpose; compare-and-set on the record's version (the first write
 * from the empty record's version, a stale version refused and writing nothing); records are per
 * person; erasure forgets a person and nobody else; and concurrent writers to one person lose no
 * change. Instances are not shared between threads except by the concurrent tests themselves.
 */
public abstract class ContactBookContract {

  /** The first instant the tests use; the others are offsets from it. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");

  private static final Duration WAIT = Duration.ofSeconds(60);

  private @Nullable ContactBook book;

  /** Creates the contract; subclasses say how to make a book. */
  protected ContactBookContract() {}

  /**
   * Returns a new, empty book for one test.
   *
   * @return a book that knows nobody
   * @throws Exception if the book cannot be made
   */
  protected abstract ContactBook newBook() throws Exception;

  /**
   * Releases a book after its test; does nothing unless overridden.
   *
   * @param book the book {@link #newBook()} made for the test
   * @throws Exception if the book cannot be released
   */
  protected void close(ContactBook book) throws Exception {}

  /**
   * Makes the book for the next test.
   *
   * @throws Exception if {@link #newBook()} fails
   */
  @BeforeEach
  public final void openBook() throws Exception {
    book = newBook();
  }

  /**
   * Releases the book of the last test.
   *
   * @throws Exception if {@link #close} fails
   */
  @AfterEach
  public final void closeBook() throws Exception {
    ContactBook b = book;
    book = null;
    if (b != null) {
      close(b);
    }
  }

  /**
   * Returns the book of the running test.
   *
   * @return the book {@link #newBook()} made for this test
   * @throws IllegalStateException if no test is running
   */
  protected final ContactBook book() {
    ContactBook b = book;
    if (b == null) {
      throw new IllegalStateException("no book: the contract's book exists only during a test");
    }
    return b;
  }

  // ---------------------------------------------------------------- records

  /** A person nobody wrote about reads as the empty record. */
  @Test
  public void load_unknownPerson_isTheEmptyRecord() {
    assertThat(book().load("nobody")).isEqualTo(ContactRecord.EMPTY);
  }

  /** A record is read back exactly as written: its withdrawals, its messages, its version. */
  @Test
  public void commit_fromTheEmptyVersion_storesTheRecordExactly() {
    ContactRecord r =
        ContactRecord.EMPTY
            .withSent("shop", "email", T0)
            .withdraw("sms", Purpose.MARKETING, T0.plusNanos(1))
            .withSent("webinar", "push", T0.minusSeconds(3600))
            .withSent("shop", "email", T0.plus(Duration.ofDays(400)));

    assertThat(book().commit("p-1", ContactRecord.EMPTY.version(), r)).isTrue();

    assertThat(book().load("p-1")).isEqualTo(r);
    assertThat(book().load("p-1").version()).isEqualTo(4);
  }

  /** Many messages sent are kept, in the order they were recorded. */
  @Test
  public void commit_manyMessages_keepsThemInOrder() {
    ContactRecord r = ContactRecord.EMPTY;
    for (int i = 0; i < 500; i++) {
      r = r.withSent(i % 2 == 0 ? "shop" : "webinar", "email", T0.plusSeconds(1_000 - i));
    }

    assertThat(book().commit("p-1", 0, r)).isTrue();

    assertThat(book().load("p-1").sent()).isEqualTo(r.sent());
  }

  /** Records belong to one person each. */
  @Test
  public void commit_onePerson_leavesOthersAlone() {
    ContactRecord anna = ContactRecord.EMPTY.withSent("shop", "email", T0);
    ContactRecord ben = ContactRecord.EMPTY.withdraw("email", Purpose.MARKETING, T0);

    assertThat(book().commit("anna", 0, anna)).isTrue();
    assertThat(book().commit("ben", 0, ben)).isTrue();

    assertThat(book().load("anna")).isEqualTo(anna);
    assertThat(book().load("ben")).isEqualTo(ben);
    assertThat(book().load("carl")).isEqualTo(ContactRecord.EMPTY);
  }

  // ---------------------------------------------------------------- consent

  /** A withdrawal holds for its channel and purpose, from its time on, and nothing else. */
  @Test
  public void withdraw_holdsForItsChannelAndPurposeFromItsTime() {
    ContactRecord withdrawn = ContactRecord.EMPTY.withdraw("email", Purpose.MARKETING, T0);
    assertThat(book().commit("p-1", 0, withdrawn)).isTrue();

    ContactRecord r = book().load("p-1");
    assertThat(r.allows("email", Purpose.MARKETING, T0)).isFalse();
    assertThat(r.allows("email", Purpose.MARKETING, T0.plusSeconds(86_400))).isFalse();
    assertThat(r.allows("email", Purpose.MARKETING, T0.minusNanos(1))).isTrue();
    assertThat(r.allows("email", Purpose.TRANSACTIONAL, T0)).isTrue();
    assertThat(r.allows("sms", Purpose.MARKETING, T0)).isTrue();
  }

  /** Consent given again on one channel and purpose leaves the other withdrawals in place. */
  @Test
  public void restore_givesBackOneChannelAndPurposeOnly() {
    ContactRecord withdrawn =
        ContactRecord.EMPTY
            .withdraw("email", Purpose.MARKETING, T0)
            .withdraw("email", Purpose.TRANSACTIONAL, T0)
            .withdraw("sms", Purpose.MARKETING, T0);
    assertThat(book().commit("p-1", 0, withdrawn)).isTrue();

    ContactRecord loaded = book().load("p-1");
    ContactRecord restored = loaded.restore("email", Purpose.MARKETING);
    assertThat(book().commit("p-1", loaded.version(), restored)).isTrue();

    ContactRecord r = book().load("p-1");
    assertThat(r).isEqualTo(restored);
    assertThat(r.allows("email", Purpose.MARKETING, T0)).isTrue();
    assertThat(r.allows("email", Purpose.TRANSACTIONAL, T0)).isFalse();
    assertThat(r.allows("sms", Purpose.MARKETING, T0)).isFalse();
    assertThat(r.withdrawals()).hasSize(2);
  }

  /** Withdrawn, given again and withdrawn later: the later withdrawal is the one kept. */
  @Test
  public void withdrawAgain_afterRestoring_holdsFromTheLaterTime() {
    ContactRecord r = ContactRecord.EMPTY.withdraw("email", Purpose.MARKETING, T0);
    assertThat(book().commit("p-1", 0, r)).isTrue();
    ContactRecord restored = book().load("p-1").restore("email", Purpose.MARKETING);
    assertThat(book().commit("p-1", r.version(), restored)).isTrue();
    Instant later = T0.plusSeconds(3600);
    ContactRecord again = book().load("p-1").withdraw("email", Purpose.MARKETING, later);
    assertThat(book().commit("p-1", restored.version(), again)).isTrue();

    ContactRecord loaded = book().load("p-1");
    assertThat(loaded.allows("email", Purpose.MARKETING, T0.plusSeconds(60))).isTrue();
    assertThat(loaded.allows("email", Purpose.MARKETING, later)).isFalse();
    assertThat(loaded.version()).isEqualTo(3);
  }

  // ---------------------------------------------------------------- compare-and-set

  /** A commit from a version other than the stored one is refused and writes nothing. */
  @Test
  public void commit_staleVersion_isRefusedAndWritesNothing() {
    ContactRecord first = ContactRecord.EMPTY.withSent("shop", "email", T0);
    assertThat(book().commit("p-1", 0, first)).isTrue();

    ContactRecord fromStale = ContactRecord.EMPTY.withdraw("email", Purpose.MARKETING, T0);
    assertThat(book().commit("p-1", 0, fromStale)).as("from the empty version").isFalse();
    assertThat(book().commit("p-1", 7, first.withSent("shop", "email", T0)))
        .as("from a version never stored")
        .isFalse();

    assertThat(book().load("p-1")).isEqualTo(first);
  }

  /** A commit from any version but the empty record's, for a person nobody wrote about, fails. */
  @Test
  public void commit_unknownPersonFromALaterVersion_isRefused() {
    ContactRecord r = ContactRecord.EMPTY.withSent("shop", "email", T0).withSent("s", "e", T0);

    assertThat(book().commit("p-1", 1, r)).isFalse();

    assertThat(book().load("p-1")).isEqualTo(ContactRecord.EMPTY);
  }

  /**
   * Two writers from one version: exactly one of them is stored.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_twoWritersFromOneVersion_exactlyOneWins() throws Exception {
    ContactRecord base = ContactRecord.EMPTY.withSent("shop", "email", T0);
    assertThat(book().commit("p-1", 0, base)).isTrue();
    List<Callable<Boolean>> writers = new ArrayList<>();
    List<ContactRecord> offered = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ContactRecord next = base.withSent("shop", "email", T0.plusSeconds(i + 1));
      offered.add(next);
      writers.add(() -> book().commit("p-1", base.version(), next));
    }

    List<Boolean> won = race(writers);

    assertThat(won.stream().filter(b -> b).count()).isEqualTo(1);
    assertThat(book().load("p-1")).isEqualTo(offered.get(won.indexOf(true)));
  }

  /**
   * Concurrent writers to one person, each reading, changing and committing again on a conflict,
   * lose no change: every message each recorded is in the record.
   *
   * @throws Exception if a writer fails
   */
  @Test
  public void commit_concurrentWritersRetryingOnConflict_loseNoChange() throws Exception {
    int writers = 4;
    int each = 25;
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String funnel = "funnel-" + w;
      tasks.add(
          () -> {
            int conflicts = 0;
            for (int i = 0; i < each; i++) {
              while (true) {
                ContactRecord r = book().load("p-1");
                if (book().commit("p-1", r.version(), r.withSent(funnel, "email", T0))) {
                  break;
                }
                conflicts++;
              }
            }
            return conflicts;
          });
    }

    List<Integer> conflicts = race(tasks);

    assertThat(conflicts).hasSize(writers);
    ContactRecord r = book().load("p-1");
    assertThat(r.version()).isEqualTo((long) writers * each);
    assertThat(r.sent()).hasSize(writers * each);
    for (int w = 0; w < writers; w++) {
      String funnel = "funnel-" + w;
      assertThat(r.sent().stream().filter(s -> s.funnelId().equals(funnel)).count())
          .isEqualTo(each);
    }
  }

  // ---------------------------------------------------------------- erasure

  /** Erasing a person forgets their record, and only theirs; a second erasure finds nothing. */
  @Test
  public void erase_forgetsThePersonAndNobodyElse() {
    ContactRecord anna =
        ContactRecord.EMPTY.withSent("shop", "email", T0).withdraw("sms", Purpose.MARKETING, T0);
    ContactRecord ben = ContactRecord.EMPTY.withSent("shop", "email", T0);
    assertThat(book().commit("anna", 0, anna)).isTrue();
    assertThat(book().commit("ben", 0, ben)).isTrue();

    assertThat(book().erase("anna")).isTrue();

    assertThat(book().load("anna")).isEqualTo(ContactRecord.EMPTY);
    assertThat(book().load("ben")).isEqualTo(ben);
    assertThat(book().erase("anna")).as("erased twice").isFalse();
    assertThat(book().erase("nobody")).as("never known").isFalse();
  }

  /** After an erasure the person starts again from the empty record, and the old version fails. */
  @Test
  public void erase_thenCommit_startsFromTheEmptyRecord() {
    ContactRecord anna = ContactRecord.EMPTY.withSent("shop", "email", T0).withSent("s", "e", T0);
    assertThat(book().commit("anna", 0, anna)).isTrue();
    assertThat(book().erase("anna")).isTrue();

    assertThat(book().commit("anna", anna.version(), anna.withSent("shop", "email", T0)))
        .as("from the erased record's version")
        .isFalse();
    ContactRecord fresh = ContactRecord.EMPTY.withdraw("email", Purpose.MARKETING, T0);
    assertThat(book().commit("anna", 0, fresh)).isTrue();

    assertThat(book().load("anna")).isEqualTo(fresh);
  }

  // ---------------------------------------------------------------- helpers

  /** Starts the tasks together on threads of their own and returns their results in order. */
  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
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
      return ImmutableList.copyOf(results);
    } finally {
      pool.shutdownNow();
    }
  }
}
