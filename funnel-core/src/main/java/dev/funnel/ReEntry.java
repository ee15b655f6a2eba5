package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A funnel's re-entry policy: how many times a person may enter it, the minimum time between two
 * entries, and what {@link Funnel#reenter} does with an event that would enter a person who is
 * still inside (in an active stage). A person whose journey ended (a terminal stage) enters again
 * at the first entry stage if the limit and the interval allow it. Without a policy a funnel lets a
 * person in once ({@link #ONCE}).
 *
 * @param maxEntries the most entries a person may make, counting the first; 0 for no limit
 * @param minInterval the least time between one entry and the next; zero for none
 * @param whileInside what an event that would enter a person still inside does
 * @param key for {@link WhileInside#PARALLEL}, the event payload value that names the parallel
 *     journey (such as {@code "order-id"}); {@code null} otherwise
 */
public record ReEntry(
    int maxEntries, Duration minInterval, WhileInside whileInside, @Nullable String key) {

  /** One entry only: every re-entry is refused. */
  public static final ReEntry ONCE = new ReEntry(1, Duration.ZERO, WhileInside.REFUSE, null);

  /** What an event that would enter a person still inside the funnel does. */
  public enum WhileInside {
    /** The event is refused ({@link Outcome.Refusal#ALREADY_INSIDE}); the journey goes on. */
    REFUSE,
    /** The journey starts again at the first entry stage; pending timers are cancelled. */
    RESTART,
    /**
     * A second journey starts beside the first, as a lead of its own whose id is the person's id,
     * {@code "/"} and the event's {@linkplain ReEntry#key key} value.
     */
    PARALLEL
  }

  /**
   * Creates a policy.
   *
   * @throws IllegalArgumentException if the limit is negative, the interval negative or too long,
   *     or the key is missing for a parallel policy or given for another
   */
  public ReEntry {
    checkArgument(maxEntries >= 0, "the entry limit must not be negative");
    requireNonNull(minInterval, "minInterval");
    checkArgument(!minInterval.isNegative(), "the interval between entries must not be negative");
    Bounds.check(minInterval, "interval between entries");
    requireNonNull(whileInside, "whileInside");
    if (whileInside == WhileInside.PARALLEL) {
      checkArgument(key != null, "a parallel re-entry policy needs a key");
      Ids.check(key, "re-entry key");
    } else {
      checkArgument(key == null, "only a parallel re-entry policy has a key");
    }
  }

  /**
   * Returns whether there is no limit to the number of entries.
   *
   * @return whether there is no limit to the number of entries
   */
  public boolean isUnlimited() {
    return maxEntries == 0;
  }

  /**
   * Returns the key of a parallel policy.
   *
   * @return the key of a parallel policy, empty for another
   */
  public Optional<String> parallelKey() {
    return Optional.ofNullable(key);
  }

  /**
   * Starts a policy: by default unlimited entries, no interval, and {@link WhileInside#REFUSE}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReEntry}; each option is set at most once. Not thread-safe. */
  public static final class Builder {
    private @Nullable Integer maxEntries;
    private @Nullable Duration minInterval;
    private @Nullable WhileInside whileInside;
    private @Nullable String key;

    private Builder() {}

    /**
     * Sets the most entries a person may make, counting the first.
     *
     * @param max a positive number
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder maxEntries(int max) {
      checkArgument(max > 0, "the entry limit must be positive");
      checkState(maxEntries == null, "entry limit was already set to %s", maxEntries);
      maxEntries = max;
      return this;
    }

    /**
     * Sets the least time between one entry and the next.
     *
     * @param interval a duration, not negative
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder minInterval(Duration interval) {
      requireNonNull(interval, "interval");
      checkState(
          minInterval == null, "interval between entries was already set to %s", minInterval);
      minInterval = interval;
      return this;
    }

    /**
     * Refuses an event that would enter a person still inside; the default.
     *
     * @return this builder
     * @throws IllegalStateException if what happens while inside was already set
     */
    @CanIgnoreReturnValue
    public Builder refuseWhileInside() {
      return whileInside(WhileInside.REFUSE, null);
    }

    /**
     * Restarts the journey of a person still inside.
     *
     * @return this builder
     * @throws IllegalStateException if what happens while inside was already set
     */
    @CanIgnoreReturnValue
    public Builder restartWhileInside() {
      return whileInside(WhileInside.RESTART, null);
    }

    /**
     * Starts a parallel journey for a person still inside, keyed by an event payload value.
     *
     * @param key the payload name, such as {@code "order-id"}
     * @return this builder
     * @throws IllegalStateException if what happens while inside was already set
     */
    @CanIgnoreReturnValue
    public Builder parallelBy(String key) {
      return whileInside(WhileInside.PARALLEL, Ids.check(key, "re-entry key"));
    }

    private Builder whileInside(WhileInside policy, @Nullable String by) {
      checkState(whileInside == null, "re-entry while inside was already set to %s", whileInside);
      whileInside = policy;
      key = by;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return the policy
     */
    public ReEntry build() {
      return new ReEntry(
          maxEntries == null ? 0 : maxEntries,
          minInterval == null ? Duration.ZERO : minInterval,
          whileInside == null ? WhileInside.REFUSE : whileInside,
          key);
    }
  }
}
