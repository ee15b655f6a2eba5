package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.funnel.Dispatch;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contact pressure counted from the gate's decisions ({@link Dispatch}, as {@code
 * FunnelListener.dispatched} hears them), as a {@link Report} gives it ({@link Report#contacts()}):
 * per messaging channel, how many messages were handed over, held until quiet hours ended, skipped
 * and suppressed, and how many were withheld for each reason. A held message is decided again when
 * it falls due the second time, so it counts once as held and once more as whatever came of it.
 * Immutable and thread-safe.
 *
 * @param channels the figures per channel, by channel name
 * @param reasons how many decisions withheld a message (held, skipped or suppressed), per reason
 */
public record ContactFigures(
    ImmutableMap<String, Channel> channels, ImmutableMap<Dispatch.Reason, Long> reasons) {

  /**
   * The decisions about the messages of one channel.
   *
   * @param channel the messaging channel
   * @param sent how many were handed over
   * @param held how many were held until quiet hours ended
   * @param skipped how many were skipped in quiet hours
   * @param suppressed how many were suppressed: no consent, a holdout, or a cap
   */
  public record Channel(String channel, long sent, long held, long skipped, long suppressed) {
    /**
     * Creates the figures of a channel.
     *
     * @param channel the channel
     * @param sent handed over
     * @param held held
     * @param skipped skipped
     * @param suppressed suppressed
     */
    public Channel {
      requireNonNull(channel, "channel");
    }

    /**
     * Returns how many messages were withheld: held, skipped or suppressed.
     *
     * @return held plus skipped plus suppressed
     */
    public long withheld() {
      return held + skipped + suppressed;
    }

    private Channel plus(Channel o) {
      return new Channel(
          channel, sent + o.sent, held + o.held, skipped + o.skipped, suppressed + o.suppressed);
    }
  }

  /**
   * Creates the figures.
   *
   * @param channels per channel
   * @param reasons per reason
   */
  public ContactFigures {
    channels = ImmutableSortedMap.copyOf(channels);
    reasons = ImmutableMap.copyOf(reasons);
  }

  /** No decision at all. */
  static final ContactFigures NONE = new ContactFigures(ImmutableMap.of(), ImmutableMap.of());

  /** Returns the figures of these decisions and another's. */
  ContactFigures plus(ContactFigures o) {
    Map<String, Channel> all = new TreeMap<>(channels);
    o.channels.forEach((id, c) -> all.merge(id, c, Channel::plus));
    Map<Dispatch.Reason, Long> why = new EnumMap<>(Dispatch.Reason.class);
    why.putAll(reasons);
    o.reasons.forEach((r, n) -> why.merge(r, n, Long::sum));
    return new ContactFigures(ImmutableSortedMap.copyOf(all), ImmutableMap.copyOf(why));
  }

  /**
   * Returns the figures of every channel added up, under the channel name {@code "*"}.
   *
   * @return the figures of all channels added up
   */
  public Channel total() {
    Channel t = new Channel("*", 0, 0, 0, 0);
    for (Channel c : channels.values()) {
      t =
          new Channel(
              "*",
              t.sent + c.sent,
              t.held + c.held,
              t.skipped + c.skipped,
              t.suppressed + c.suppressed);
    }
    return t;
  }

  /**
   * Returns the figures of one channel.
   *
   * @param channel the channel
   * @return its figures, all zero if no decision was about it
   */
  public Channel channel(String channel) {
    Channel c = channels.get(requireNonNull(channel, "channel"));
    return c == null ? new Channel(channel, 0, 0, 0, 0) : c;
  }

  /**
   * Returns how many decisions withheld a message for a reason.
   *
   * @param reason the reason
   * @return how many
   */
  public long withheld(Dispatch.Reason reason) {
    return reasons.getOrDefault(requireNonNull(reason, "reason"), 0L);
  }
}
