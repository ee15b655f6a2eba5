package dev.funnel;

import com.google.common.collect.ImmutableList;
import dev.funnel.Draft.TimerDraft;
import dev.funnel.Draft.TransitionDraft;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A declared value loop, expanded into transitions and a timer when the funnel is built. */
final class ValueLoop implements Draft.Expansion {
  final String offer;
  final Set<String> from = new LinkedHashSet<>();
  @Nullable String bought;
  @Nullable String upsell;
  @Nullable String declined;
  @Nullable String downsell;
  @Nullable Duration within;

  ValueLoop(String offer) {
    this.offer = offer;
  }

  @Override
  public void expand(
      List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems) {
    if (from.isEmpty()) {
      problems.add(
          new Problem(
              Problem.Code.MISSING_SOURCE,
              ImmutableList.of(offer),
              "the value loop of offer '" + offer + "' names no stage it is presented in",
              "add .from(\"stage\")"));
      return;
    }
    TransitionDraft buy = loopTransition(Event.PURCHASED, bought, upsell);
    buy.guard = Conditions.offer(offer);
    transitions.add(buy);
    TransitionDraft decline = loopTransition(Event.DECLINED, declined, downsell);
    decline.guard = Conditions.offer(offer);
    transitions.add(decline);
    Duration window = within;
    if (window != null) {
      String event = offer + "/no-purchase";
      for (String stage : from) {
        TimerDraft timer = new TimerDraft(window);
        timer.stage = stage;
        timer.event = event;
        timers.add(timer);
      }
      TransitionDraft timeout = loopTransition(event, declined, downsell);
      timeout.guard = Conditions.not(Conditions.bought(offer));
      transitions.add(timeout);
    }
  }

  private TransitionDraft loopTransition(
      String event, @Nullable String to, @Nullable String present) {
    TransitionDraft t = new TransitionDraft(event);
    t.from.addAll(from);
    t.to = to;
    if (present != null) {
      t.actions.add(Actions.present(present));
    }
    return t;
  }
}
