package dev.funnel;

import com.google.common.collect.ImmutableList;
import dev.funnel.Draft.TimerDraft;
import dev.funnel.Draft.TransitionDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A declared segmentation point, expanded into one transition per rule when a funnel is built. */
final class Segmentation implements Draft.Expansion {
  final String event;
  final Set<String> from = new LinkedHashSet<>();
  boolean fromAny;
  @Nullable String to;
  final List<Condition> conditions = new ArrayList<>();
  final List<List<Action>> actions = new ArrayList<>();
  @Nullable List<Action> otherwise;

  Segmentation(String event) {
    this.event = event;
  }

  @Override
  public void expand(
      List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems) {
    if (!fromAny && from.isEmpty()) {
      problems.add(
          new Problem(
              Problem.Code.MISSING_SOURCE,
              ImmutableList.of(event),
              "the segmentation on '" + event + "' names no source stage",
              "add .from(\"stage\") or .fromAny()"));
      return;
    }
    List<Action> fallback = otherwise;
    int base = fallback == null ? 0 : 1;
    for (int i = 0; i < conditions.size(); i++) {
      TransitionDraft t = transition(actions.get(i));
      t.guard = conditions.get(i);
      t.priority = base + conditions.size() - i;
      transitions.add(t);
    }
    if (fallback != null) {
      transitions.add(transition(fallback));
    }
  }

  private TransitionDraft transition(List<Action> then) {
    TransitionDraft t = new TransitionDraft(event);
    t.from.addAll(from);
    t.fromAny = fromAny;
    t.to = to;
    t.actions.addAll(then);
    return t;
  }
}
