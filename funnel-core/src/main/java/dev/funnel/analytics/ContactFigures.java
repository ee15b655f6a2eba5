package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Dispatch;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contact pressure counted from the gate's decisions ({@link Dispatch}, as {@code
 * FunnelListener.dispatched} hears them): per messaging channel, how many messages were handed
 * over, held until quiet hours ended, skipped and suppressed, and how many were withheld for each
 * reason. A held message is decided again when it falls due the second time, so it counts once as
 * held and once more as whatever came of it. Immutable and thread-safe.
 *
 * @param channels the figures per channel, in the order channels first appear
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

    private Channel plus(Dispatch.Verdict v) {
      return switch (v) {
        case SEND -> new Channel(channel, sent + 1, held, skipped, suppressed);
        case HOLD -> new Channel(channel, sent, held + 1, skipped, suppressed);
        case SKIP -> new Channel(channel, sent, held, skipped + 1, suppressed);
        case SUPPRESS -> new Channel(channel, sent, held, skipped, suppressed + 1);
      };
    }
  }

  /**
   * Creates the figures.
   *
   * @param channels per channel
   * @param reasons per reason
   */
  public ContactFigures {
    channels = ImmutableMap.copyOf(channels);
    reasons = ImmutableMap.copyOf(reasons);
  }

  /**
   * Counts decisions.
   *
   * @param decisions the gate's decisions, in any order
   * @return the figures
   */
  public static ContactFigures of(Iterable<Dispatch> decisions) {
    Map<String, Channel> channels = new LinkedHashMap<>();
    Map<Dispatch.Reason, Long> reasons = new EnumMap<>(Dispatch.Reason.class);
    for (Dispatch d : decisions) {
      channels.merge(
          d.channel(),
          new Channel(d.channel(), 0, 0, 0, 0).plus(d.verdict()),
          (a, b) -> a.plus(d.verdict()));
      Dispatch.Reason r = d.reason();
      if (r != null) {
        reasons.merge(r, 1L, Long::sum);
      }
    }
    return new ContactFigures(ImmutableMap.copyOf(channels), ImmutableMap.copyOf(reasons));
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
