package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Draft.TimerDraft;
import dev.funnel.Draft.TransitionDraft;
import java.time.Duration;

/** Adds messages to an auto-message series. Not thread-safe. */
public final class SeriesBuilder extends FunnelBuilder {
  private final String stage;
  private final String channel;

  SeriesBuilder(Draft draft, String stage, String channel) {
    super(draft);
    this.stage = stage;
    this.channel = channel;
  }

  /**
   * Sends a message this long after the lead entered the stage. A message at {@link Duration#ZERO}
   * goes on the transition into the stage itself, as one of the stage's {@linkplain
   * StageBuilder#onEnter on-enter actions}, with no timer; a later one is a timer and a transition
   * that keeps the lead in the stage.
   *
   * <pre>{@code
   * .series("cold-lead", "email").send(Duration.ZERO, "welcome-1").send(Duration.ofDays(2), "tips")
   * }</pre>
   *
   * @param after the delay from entering the stage; zero or positive
   * @param template the message template's id
   * @return this builder
   * @throws IllegalArgumentException if the delay is negative or longer than {@link Bounds#LONGEST}
   */
  @CanIgnoreReturnValue
  public SeriesBuilder send(Duration after, String template) {
    requireNonNull(after, "after");
    requireNonNull(template, "template");
    checkArgument(!after.isNegative(), "series delay must not be negative");
    Bounds.check(after, "series delay");
    if (after.isZero()) {
      draft.onEnter.put(stage, Actions.send(Ids.check(template, "template"), channel));
      return this;
    }
    String event = stage + "/" + Ids.check(template, "template");
    TimerDraft timer = new TimerDraft(after);
    timer.stage = stage;
    timer.event = event;
    draft.timers.add(timer);
    TransitionDraft t = new TransitionDraft(event);
    t.from.add(stage);
    t.actions.add(Actions.send(template, channel));
    draft.transitions.add(t);
    return this;
  }

  /**
   * Sends the messages one after another, {@code spacing} apart, the first {@code spacing} after
   * the lead entered the stage. To send the first on entering the stage, add it with {@code
   * send(Duration.ZERO, template)} first.
   *
   * @param spacing the time between messages; positive
   * @param templates the message templates' ids, in order
   * @return this builder
   */
  @CanIgnoreReturnValue
  public SeriesBuilder every(Duration spacing, String... templates) {
    Bounds.check(spacing, "series spacing");
    for (int i = 0; i < templates.length; i++) {
      send(spacing.multipliedBy(i + 1L), templates[i]);
    }
    return this;
  }
}
