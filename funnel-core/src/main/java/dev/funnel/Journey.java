package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a lead remembers of its journeys through a funnel with journey controls: when it entered
 * (each entry and re-entry, oldest first), its score and since when that score decays, and the
 * goals reached since its last entry. Funnels without journey controls leave it empty, so that
 * their leads share profiles. Immutable.
 */
record Journey(
    ImmutableList<Instant> entries,
    int points,
    @Nullable Instant scoreSince,
    ImmutableSet<String> goals) {

  static final Journey NONE = new Journey(ImmutableList.of(), 0, null, ImmutableSet.of());

  static Journey entered(Instant at) {
    return new Journey(ImmutableList.of(at), 0, null, ImmutableSet.of());
  }

  /** Returns when the current journey started: the last entry, or null if none is recorded. */
  @Nullable Instant start() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1);
  }

  /** Returns this journey entered again at {@code at}: the entry added, no goal reached yet. */
  Journey reentered(Instant at) {
    return new Journey(
        ImmutableList.<Instant>builder().addAll(entries).add(at).build(),
        points,
        scoreSince,
        ImmutableSet.of());
  }

  Journey scored(int points, @Nullable Instant since) {
    return new Journey(entries, points, since, goals);
  }

  Journey reached(String goal) {
    return new Journey(
        entries,
        points,
        scoreSince,
        ImmutableSet.<String>builder().addAll(goals).add(goal).build());
  }
}
