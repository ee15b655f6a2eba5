package dev.funnel.runtime;

import dev.funnel.Action;
import dev.funnel.Catalog;
import dev.funnel.ContactGate;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks the {@link ContactGate} about a message when it falls due, with the person's record from the
 * {@link ContactBook}, and counts a message handed over in that record with compare-and-set,
 * starting again on a conflict. Each change also drops the messages no later decision can count
 * under the catalog's caps, so a person's record stays bounded however long they are contacted.
 * Thread-safe.
 */
final class ContactDesk {
  /**
   * How far behind this one another process's clock may be and still decide as if nothing had been
   * pruned from a record ({@link ContactRecord#prunedAt}).
   */
  static final Duration CLOCK_SLACK = Duration.ofHours(1);

  private final Catalog catalog;
  private final ContactBook book;

  ContactDesk(Catalog catalog, ContactBook book) {
    this.catalog = catalog;
    this.book = book;
  }

  /** Decides about a message due now for a lead, and counts it if it goes. */
  Dispatch decide(Lead lead, Action send, Instant now) {
    Funnel funnel =
        catalog
            .funnelOf(lead)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "lead '" + lead.id() + "' is in a funnel the catalog lacks"));
    while (true) {
      ContactRecord record = book.load(lead.id());
      Dispatch d = ContactGate.decide(funnel, lead, send, now, record);
      ContactRecord next = record.after(d).prunedAt(now.minus(CLOCK_SLACK), catalog);
      if (next.version() == record.version() || book.commit(lead.id(), record.version(), next)) {
        return d;
      }
    }
  }

  ContactBook book() {
    return book;
  }
}
