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
   * Sends a message this long after the lead entered the stage.
   *
   * @param after the delay from entering the stage; positive
   * @param template the message template's id
   * @return this builder
   */
  @CanIgnoreReturnValue
  public SeriesBuilder send(Duration after, String template) {
    requireNonNull(after, "after");
    checkArgument(!after.isNegative() && !after.isZero(), "series delay must be positive");
    Bounds.check(after, "series delay");
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
   * the lead entered the stage.
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
