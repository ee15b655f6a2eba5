package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.ContactRecord;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ContactBook} in memory, for tests, demos and a single process; the runtime's default.
 * Thread-safe.
 */
public final class InMemoryContactBook implements ContactBook {
  private final ConcurrentMap<String, ContactRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty book. */
  public InMemoryContactBook() {}

  @Override
  public ContactRecord load(String personId) {
    return records.getOrDefault(requireNonNull(personId, "personId"), ContactRecord.EMPTY);
  }

  @Override
  public boolean commit(String personId, long expectedVersion, ContactRecord next) {
    requireNonNull(personId, "personId");
    requireNonNull(next, "next");
    boolean[] stored = {false};
    records.compute(
        personId,
        (id, old) -> {
          long version = old == null ? ContactRecord.EMPTY.version() : old.version();
          if (version != expectedVersion) {
            return old;
          }
          stored[0] = true;
          return next;
        });
    return stored[0];
  }

  @Override
  @CanIgnoreReturnValue
  public boolean erase(String personId) {
    return records.remove(requireNonNull(personId, "personId")) != null;
  }

  @Override
  public String toString() {
    return "InMemoryContactBook{people=" + records.size() + "}";
  }
}
