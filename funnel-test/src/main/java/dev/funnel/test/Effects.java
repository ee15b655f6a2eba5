package dev.funnel.test;

import dev.funnel.Action;
import dev.funnel.Effect;
import dev.funnel.ScheduledTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The checks on a list of effects that outcome and journey assertions share; null means passed. */
final class Effects {
  private Effects() {}

  static List<Action> actions(List<Effect> effects) {
    List<Action> out = new ArrayList<>();
    for (Effect e : effects) {
      if (e instanceof Action a) {
        out.add(a);
      }
    }
    return out;
  }

  static String list(List<? extends Effect> effects) {
    List<String> out = new ArrayList<>();
    for (Effect e : effects) {
      out.add(Journey.describe(e));
    }
    return out.toString();
  }

  static @Nullable String emittedNamed(List<Effect> effects, String name) {
    for (Action a : actions(effects)) {
      if (a.name().equals(name)) {
        return null;
      }
    }
    return "to emit an action named '" + name + "', but the actions were " + list(actions(effects));
  }

  static @Nullable String notEmittedNamed(List<Effect> effects, String name) {
    for (Action a : actions(effects)) {
      if (a.name().equals(name)) {
        return "not to emit an action named '"
            + name
            + "', but the actions were "
            + list(actions(effects));
      }
    }
    return null;
  }

  static @Nullable String emittedAll(List<Effect> effects, List<Action> expected) {
    List<Action> actual = actions(effects);
    List<Action> missing = new ArrayList<>();
    for (Action a : expected) {
      if (!actual.contains(a)) {
        missing.add(a);
      }
    }
    return missing.isEmpty()
        ? null
        : "to emit "
            + list(expected)
            + ", but "
            + list(missing)
            + " were not among "
            + list(actual);
  }

  static @Nullable String emittedInOrder(List<Effect> effects, List<Action> expected) {
    List<Action> actual = actions(effects);
    int i = 0;
    for (Action a : actual) {
      if (i < expected.size() && a.equals(expected.get(i))) {
        i++;
      }
    }
    return i == expected.size()
        ? null
        : "to emit "
            + list(expected)
            + " in this order, but the actions were "
            + list(actual)
            + " and "
            + Journey.describe(expected.get(i))
            + " did not follow in order";
  }

  static @Nullable String emittedExactly(List<Effect> effects, List<Action> expected) {
    List<Action> actual = actions(effects);
    return actual.equals(expected)
        ? null
        : "to emit exactly " + list(expected) + ", but the actions were " + list(actual);
  }

  static @Nullable String timer(
      List<Effect> effects, boolean scheduled, String event, @Nullable Instant due) {
    List<ScheduledTimer> timers = new ArrayList<>();
    for (Effect e : effects) {
      if (scheduled && e instanceof Effect.TimerScheduled s) {
        timers.add(s.timer());
      } else if (!scheduled && e instanceof Effect.TimerCancelled c) {
        timers.add(c.timer());
      }
    }
    for (ScheduledTimer t : timers) {
      if (t.event().equals(event) && (due == null || t.due().equals(due))) {
        return null;
      }
    }
    List<String> seen = new ArrayList<>();
    timers.forEach(t -> seen.add(Journey.timer(t)));
    return "to "
        + (scheduled ? "schedule" : "cancel")
        + " a timer '"
        + event
        + "'"
        + (due == null ? "" : " at " + due)
        + ", but the timers "
        + (scheduled ? "scheduled" : "cancelled")
        + " were "
        + seen;
  }
}
