package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.ContactRecord;
import dev.funnel.Purpose;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Consent changes are compare-and-set on the contact book: one that loses a race to another writer
 * is made again on the fresh record, and neither is lost.
 */
final class ContactBookRaceTest {
  /** A book that, once, lets another writer commit between a load and the commit that follows. */
  private static final class RacingBook implements ContactBook {
    final InMemoryContactBook delegate = new InMemoryContactBook();
    @Nullable Runnable race;

    @Override
    public ContactRecord load(String personId) {
      return delegate.load(personId);
    }

    @Override
    public boolean commit(String personId, long expectedVersion, ContactRecord next) {
      Runnable r = race;
      race = null;
      if (r != null) {
        r.run();
      }
      return delegate.commit(personId, expectedVersion, next);
    }

    @Override
    public boolean erase(String personId) {
      return delegate.erase(personId);
    }
  }

  private final RacingBook book = new RacingBook();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
          .contacts(book)
          .handler("send", d -> {})
          .handler("present", d -> {})
          .build();

  @Test
  void withdrawal_racingAnotherWithdrawal_keepsBoth() {
    book.race = () -> Consent.withdraw(book.delegate, "p1", "sms", Purpose.MARKETING, T0);

    rt.withdrawConsent("p1", "email", Purpose.MARKETING, T0);

    ContactRecord r = rt.contactRecord("p1");
    assertFalse(r.allows("email", Purpose.MARKETING, T0.plusSeconds(1)));
    assertFalse(r.allows("sms", Purpose.MARKETING, T0.plusSeconds(1)));
  }

  @Test
  void restore_racingAWithdrawal_keepsTheWithdrawalAndRestoresTheOther() {
    rt.withdrawConsent("p1", "email", Purpose.MARKETING, T0);
    book.race = () -> Consent.withdraw(book.delegate, "p1", "sms", Purpose.MARKETING, T0);

    rt.restoreConsent("p1", "email", Purpose.MARKETING);

    ContactRecord r = rt.contactRecord("p1");
    assertTrue(r.allows("email", Purpose.MARKETING, T0.plusSeconds(1)));
    assertFalse(r.allows("sms", Purpose.MARKETING, T0.plusSeconds(1)));
  }

  @Test
  void inMemoryBook_commitsOnlyOverTheVersionItHolds() {
    InMemoryContactBook memory = new InMemoryContactBook();
    ContactRecord empty = memory.load("p1");
    ContactRecord withdrawn = empty.withdraw("email", Purpose.MARKETING, T0);

    assertFalse(memory.commit("p1", empty.version() + 1, withdrawn));
    assertEquals(ContactRecord.EMPTY, memory.load("p1"));
    assertTrue(memory.commit("p1", empty.version(), withdrawn));
    assertFalse(
        memory.commit("p1", empty.version(), withdrawn.withdraw("sms", Purpose.MARKETING, T0)));
    assertEquals(withdrawn, memory.load("p1"));
  }
}
