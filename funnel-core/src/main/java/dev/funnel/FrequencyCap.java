package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * At most {@code max} marketing messages to one person on one messaging channel: per calendar day
 * in the person's time zone, per rolling window of a given length, or per journey (in this funnel,
 * since the lead's latest entry: a person who enters again starts a new journey). Transactional
 * messages are exempt and not counted. Caps count the messages a person was sent by every funnel
 * sharing the runtime's contact book, except a journey cap, which counts this funnel's only. A
 * message over a cap is suppressed and recorded as such. Immutable and thread-safe.
 *
 * @param channel the messaging channel, such as {@code "email"}
 * @param max how many messages at most; positive
 * @param per what the cap counts over
 * @param window the length of the rolling window, for {@link Per#WINDOW} only, otherwise null
 */
public record FrequencyCap(String channel, int max, Per per, @Nullable Duration window) {

  /** What a frequency cap counts over. */
  public enum Per {
    /** The calendar day in the person's time zone. */
    DAY,
    /** A rolling window ending when the message falls due. */
    WINDOW,
    /** The person's whole journey in this funnel. */
    JOURNEY
  }

  /**
   * Creates a cap.
   *
   * @param channel the messaging channel
   * @param max how many messages at most; positive
   * @param per what the cap counts over
   * @param window the rolling window's length, for {@link Per#WINDOW} only
   * @throws IllegalArgumentException if {@code max} is not positive, or the window is missing, not
   *     positive, or given for another kind of cap
   */
  public FrequencyCap {
    Ids.check(channel, "message channel");
    requireNonNull(per, "per");
    checkArgument(max > 0, "frequency cap on '%s' must allow at least one message", channel);
    if (per == Per.WINDOW) {
      checkArgument(
          window != null && !window.isNegative() && !window.isZero(),
          "frequency cap on '%s' needs a positive window",
          channel);
      Bounds.check(window, "frequency cap window");
    } else {
      checkArgument(window == null, "frequency cap on '%s' per %s takes no window", channel, per);
    }
  }

  /**
   * Returns a cap per calendar day in the person's time zone.
   *
   * @param channel the messaging channel
   * @param max how many messages at most a day
   * @return the cap
   */
  public static FrequencyCap perDay(String channel, int max) {
    return new FrequencyCap(channel, max, Per.DAY, null);
  }

  /**
   * Returns a cap per rolling window.
   *
   * @param channel the messaging channel
   * @param max how many messages at most in any window of that length
   * @param window the window's length, such as seven days
   * @return the cap
   */
  public static FrequencyCap per(String channel, int max, Duration window) {
    return new FrequencyCap(channel, max, Per.WINDOW, requireNonNull(window, "window"));
  }

  /**
   * Returns a cap per journey in the funnel.
   *
   * @param channel the messaging channel
   * @param max how many messages at most in the whole journey
   * @return the cap
   */
  public static FrequencyCap perJourney(String channel, int max) {
    return new FrequencyCap(channel, max, Per.JOURNEY, null);
  }
}
