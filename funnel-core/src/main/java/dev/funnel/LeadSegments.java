package dev.funnel;

import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A lead builder's segments, in the order the lead joined them. A set given whole to a builder
 * without segments, or copied from a lead, is kept as it is until another is added: a reader's
 * 100,000 segments were held in a {@code LinkedHashSet}'s nodes and copied (ReadCost, see
 * BENCHMARKS.md). Not thread-safe.
 */
final class LeadSegments {
  private final Set<String> added = new LinkedHashSet<>();
  private @Nullable ImmutableSet<String> whole;

  /** Copies a lead's segments into a builder that has none. */
  void copy(ImmutableSet<String> ids) {
    whole = ids.isEmpty() ? null : ids;
  }

  /** Adds a segment whose id was checked; one already there keeps its place. */
  void add(String checked) {
    spill();
    added.add(checked);
  }

  /**
   * Keeps a set as it is if there are no segments yet and its ids are valid; returns whether it
   * did.
   */
  boolean keep(ImmutableSet<String> ids) {
    if (!added.isEmpty() || whole != null) {
      return false;
    }
    for (String id : ids) {
      if (!Ids.isValid(id)) {
        return false;
      }
    }
    whole = ids.isEmpty() ? null : ids;
    return true;
  }

  /** Moves segments kept as they were given into the set, before another is added. */
  private void spill() {
    ImmutableSet<String> w = whole;
    if (w != null) {
      whole = null;
      added.addAll(w);
    }
  }

  /** Returns the segments, whose ids were checked as they were given. */
  ImmutableSet<String> build() {
    ImmutableSet<String> w = whole;
    return w != null ? w : ImmutableSet.copyOf(added);
  }
}
