package dev.funnel;

import com.google.common.collect.ImmutableList;
import dev.funnel.Draft.TimerDraft;
import dev.funnel.Draft.TransitionDraft;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A wait in a stage for the first of several events, each with its own next stage, or a timeout;
 * optionally the timeout restarts whenever a given event repeats (an abandoned cart: each new cart
 * event restarts the reminder). It compiles into one transition per awaited event, a timer firing
 * {@code "<stage>/timeout"} and its transition, and for the reset a transition that re-enters the
 * stage, which restarts its timers. Made by {@link FunnelBuilder#waitIn}. Not thread-safe.
 */
final class WaitUntil implements Draft.Expansion {
  final String stage;
  final Map<String, String> until = new LinkedHashMap<>();
  @Nullable Duration timeout;
  @Nullable String timeoutTo;
  @Nullable String resetOn;

  WaitUntil(String stage) {
    this.stage = stage;
  }

  /** Returns the event type the timeout of a wait in this stage fires. */
  static String timeoutEvent(String stage) {
    return stage + "/timeout";
  }

  @Override
  public void expand(
      List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems) {
    String where = "the wait in stage '" + stage + "'";
    if (until.isEmpty() && timeout == null) {
      problems.add(
          new Problem(
              Problem.Code.INVALID_WAIT,
              ImmutableList.of(stage),
              where + " waits for nothing",
              "add .until(\"event\", \"stage\") or .timeout(delay, \"stage\")"));
      return;
    }
    String reset = resetOn;
    if (reset != null && timeout == null) {
      problems.add(
          new Problem(
              Problem.Code.INVALID_WAIT,
              ImmutableList.of(stage, reset),
              where + " resets on '" + reset + "' but has no timeout to reset",
              "add .timeout(delay, \"stage\") or remove .resetOn"));
    }
    until.forEach(
        (event, to) -> {
          TransitionDraft t = new TransitionDraft(event);
          t.from.add(stage);
          t.to = to;
          transitions.add(t);
        });
    Duration after = timeout;
    String to = timeoutTo;
    if (after != null && to != null) {
      String event = timeoutEvent(stage);
      TimerDraft timer = new TimerDraft(after);
      timer.stage = stage;
      timer.event = event;
      timers.add(timer);
      TransitionDraft t = new TransitionDraft(event);
      t.from.add(stage);
      t.to = to;
      transitions.add(t);
      if (reset != null) {
        TransitionDraft again = new TransitionDraft(reset);
        again.from.add(stage);
        again.to = stage;
        transitions.add(again);
      }
    }
  }
}
