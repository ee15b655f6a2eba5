package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;

/** Checks on the ids that name stages, events, offers and leads. */
final class Ids {
  private Ids() {}

  /** Returns whether {@link #check} accepts the id: non-blank, without surrounding whitespace. */
  static boolean isValid(String id) {
    return !id.isBlank() && id.strip().equals(id);
  }

  /** Returns the id if it is non-blank and has no surrounding whitespace. */
  @CanIgnoreReturnValue
  static String check(String id, String what) {
    requireNonNull(id, what);
    checkArgument(!id.isBlank(), "%s is blank", what);
    checkArgument(id.strip().equals(id), "%s '%s' has surrounding whitespace", what, id);
    return id;
  }
}
