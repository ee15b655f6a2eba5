package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.Comparator;

/**
 * Restores a {@link Lead} from the values a {@link Lead.Builder} collected from storage: checks
 * them against each other (a stage and a channel given, times in order, every timer for the stage)
 * and makes the snapshot, its profile and its recent-id memory.
 */
final class Restore {
  private static final Comparator<ScheduledTimer> BY_DUE =
      Comparator.comparing(ScheduledTimer::due);

  private Restore() {}

  static Lead lead(Lead.Builder b) {
    String s = b.stage;
    Instant entered = b.enteredAt;
    String ch = b.channel;
    if (s == null || entered == null) {
      throw new IllegalStateException("lead '" + b.id + "' needs a stage");
    }
    if (ch == null) {
      throw new IllegalStateException("lead '" + b.id + "' needs a channel");
    }
    Instant updated = b.updatedAt == null ? entered : b.updatedAt;
    Bounds.check(entered, "lead's stage entry time");
    Bounds.check(updated, "lead's update time");
    checkArgument(
        !updated.isBefore(entered), "lead '%s' was updated before it entered stage '%s'", b.id, s);
    for (ScheduledTimer t : b.timers) {
      checkArgument(
          t.stage().equals(s),
          "lead '%s' has a timer for stage '%s' but is in stage '%s'",
          b.id,
          t.stage(),
          s);
    }
    RecentIds.Memory ids = RecentIds.restore(b.recentEventIds, b.version);
    Profile profile =
        new Profile(
            b.funnelId,
            b.funnelVersion,
            ch,
            b.owner,
            b.attributes.build(),
            b.segments.build(),
            ImmutableList.copyOf(b.purchases));
    if (!b.entries.isEmpty() || b.points != 0 || !b.goals.isEmpty()) {
      profile =
          profile.withJourney(
              new Journey(
                  ImmutableList.copyOf(b.entries),
                  b.points,
                  b.points == 0 ? null : b.scoreSince,
                  ImmutableSet.copyOf(b.goals)));
    }
    return new Lead(
        b.id,
        profile,
        StageNode.detached(s),
        entered,
        updated,
        ImmutableList.sortedCopyOf(BY_DUE, b.timers),
        ids,
        ids == null ? 0 : ids.made,
        b.version);
  }
}
