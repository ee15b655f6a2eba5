package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import dev.funnel.ContactRecord;
import dev.funnel.Purpose;
import java.time.Instant;

/** Changes a person's consent in a contact book, with compare-and-set. */
final class Consent {
  private Consent() {}

  static void withdraw(
      ContactBook book, String personId, String channel, Purpose purpose, Instant at) {
    requireNonNull(personId, "personId");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(at, "at");
    while (true) {
      ContactRecord r = book.load(personId);
      ContactRecord next = r.withdraw(channel, purpose, at);
      if (next.version() == r.version() || book.commit(personId, r.version(), next)) {
        return;
      }
    }
  }

  static void restore(ContactBook book, String personId, String channel, Purpose purpose) {
    requireNonNull(personId, "personId");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    while (true) {
      ContactRecord r = book.load(personId);
      if (book.commit(personId, r.version(), r.restore(channel, purpose))) {
        return;
      }
    }
  }
}
