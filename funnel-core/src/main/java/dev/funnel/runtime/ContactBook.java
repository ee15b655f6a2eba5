package dev.funnel.runtime;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.ContactRecord;

/**
 * Where the runtime keeps what is known about contacting each person, across every funnel of its
 * catalog: consent withdrawn by channel and purpose, and the marketing messages sent, for the
 * frequency caps ({@link ContactRecord}). It is kept per person id, which is the lead id in every
 * funnel, so an unsubscribe heard in one funnel holds in all of them. The runtime reads a record,
 * asks the pure {@link dev.funnel.ContactGate} when a message falls due, and writes the record back
 * with compare-and-set on its version, so two deliveries to one person at once cannot both slip
 * under a cap. Implementations are thread-safe.
 */
public interface ContactBook {

  /**
   * Returns a person's record.
   *
   * @param personId the person's id
   * @return the record, {@link ContactRecord#EMPTY} if nothing is known
   */
  ContactRecord load(String personId);

  /**
   * Stores a person's record if the stored one still has the expected version.
   *
   * @param personId the person's id
   * @param expectedVersion the version of the record the change was made from
   * @param next the changed record
   * @return whether it was stored; false if another change came first
   */
  boolean commit(String personId, long expectedVersion, ContactRecord next);

  /**
   * Forgets a person entirely: consent and messages sent.
   *
   * @param personId the person's id
   * @return whether anything was known about them
   */
  @CanIgnoreReturnValue
  boolean erase(String personId);
}
