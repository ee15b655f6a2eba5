package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is known about contacting one person, across every funnel: the consents they withdrew, by
 * messaging channel and purpose, and the marketing messages they were sent, for the frequency caps.
 * It belongs to the person, not to a lead of one funnel, so that an unsubscribe in one funnel holds
 * in all of them: the runtime keeps one per person id in its {@code ContactBook}, and the pure
 * {@link ContactGate} takes it as an input, like the time. It holds channel names, funnel ids and
 * instants only, no personal data. Immutable and thread-safe.
 *
 * @param withdrawals the consents withdrawn, oldest first
 * @param sent the marketing messages sent, in the order they were recorded
 * @param version how many changes the record has seen, for compare-and-set in a contact book
 */
public record ContactRecord(
    ImmutableList<Withdrawal> withdrawals, ImmutableList<Sent> sent, long version) {

  /** A person nothing is known about: every consent given, nothing sent. */
  public static final ContactRecord EMPTY =
      new ContactRecord(ImmutableList.of(), ImmutableList.of(), 0);

  /**
   * A consent withdrawn: from {@code at} on, no message of that purpose goes out on that channel.
   *
   * @param channel the messaging channel
   * @param purpose the purpose withdrawn
   * @param at when it was withdrawn
   */
  public record Withdrawal(String channel, Purpose purpose, Instant at) {
    /**
     * Creates a withdrawal.
     *
     * @param channel the messaging channel
     * @param purpose the purpose withdrawn
     * @param at when
     */
    public Withdrawal {
      Ids.check(channel, "message channel");
      requireNonNull(purpose, "purpose");
      requireNonNull(at, "at");
    }
  }

  /**
   * A marketing message sent.
   *
   * @param funnelId the funnel that sent it
   * @param channel the messaging channel
   * @param at when it was handed over
   */
  public record Sent(String funnelId, String channel, Instant at) {
    /**
     * Creates a record of a message sent.
     *
     * @param funnelId the funnel that sent it
     * @param channel the messaging channel
     * @param at when
     */
    public Sent {
      Ids.check(funnelId, "funnel id");
      Ids.check(channel, "message channel");
      requireNonNull(at, "at");
    }
  }

  /**
   * Creates a record.
   *
   * @param withdrawals the consents withdrawn
   * @param sent the marketing messages sent
   * @param version how many changes it has seen; not negative
   */
  public ContactRecord {
    withdrawals = ImmutableList.copyOf(withdrawals);
    sent = ImmutableList.copyOf(sent);
    checkArgument(version >= 0, "contact record version is negative");
  }

  /**
   * Returns whether a message of this purpose may go out on this channel at this time.
   *
   * @param channel the messaging channel
   * @param purpose the message's purpose
   * @param at when it would go
   * @return false if that consent was withdrawn at or before {@code at}
   */
  public boolean allows(String channel, Purpose purpose, Instant at) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(at, "at");
    for (Withdrawal w : withdrawals) {
      if (w.purpose() == purpose && w.channel().equals(channel) && !w.at().isAfter(at)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns this record with a consent withdrawn; the earliest withdrawal of a channel and purpose
   * is kept.
   *
   * @param channel the messaging channel
   * @param purpose the purpose withdrawn
   * @param at when
   * @return the changed record, its version one higher, or this one if it was already withdrawn by
   *     then
   */
  public ContactRecord withdraw(String channel, Purpose purpose, Instant at) {
    Withdrawal w = new Withdrawal(channel, purpose, at);
    if (!allows(channel, purpose, at)) {
      return this;
    }
    ImmutableList.Builder<Withdrawal> kept = ImmutableList.builder();
    for (Withdrawal old : withdrawals) {
      if (old.purpose() != purpose || !old.channel().equals(channel)) {
        kept.add(old);
      }
    }
    return new ContactRecord(kept.add(w).build(), sent, version + 1);
  }

  /**
   * Returns this record with a consent given again.
   *
   * @param channel the messaging channel
   * @param purpose the purpose given again
   * @return the changed record, its version one higher
   */
  public ContactRecord restore(String channel, Purpose purpose) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    ImmutableList.Builder<Withdrawal> kept = ImmutableList.builder();
    for (Withdrawal old : withdrawals) {
      if (old.purpose() != purpose || !old.channel().equals(channel)) {
        kept.add(old);
      }
    }
    return new ContactRecord(kept.build(), sent, version + 1);
  }

  /**
   * Returns this record with a marketing message recorded as sent.
   *
   * @param funnelId the funnel that sent it
   * @param channel the messaging channel
   * @param at when it was handed over
   * @return the changed record, its version one higher
   */
  public ContactRecord withSent(String funnelId, String channel, Instant at) {
    Sent s = new Sent(funnelId, channel, at);
    return new ContactRecord(
        withdrawals, ImmutableList.<Sent>builder().addAll(sent).add(s).build(), version + 1);
  }

  /**
   * Returns this record without the messages sent that no decision of the {@link ContactGate} at or
   * after {@code now} can count under the caps of the catalog's funnels, so that a record stays
   * small however long the person is contacted. Kept are, on each channel:
   *
   * <ul>
   *   <li>for a rolling-window cap, the messages sent after {@code now} minus the longest window;
   *   <li>for a cap per day, the messages sent in the 60 hours before {@code now}: a calendar day
   *       is 24 hours, and a zone's offset lies within ±18 hours, so a message sent earlier is on
   *       another day than {@code now} or later in every zone, daylight saving or not;
   *   <li>for a cap per journey, the latest {@code max} messages of that funnel (the highest {@code
   *       max} of its versions): the gate only asks whether there are that many since the lead's
   *       latest entry, and if there are, the latest {@code max} are all among them.
   * </ul>
   *
   * A message on a channel no cap counts is dropped. So a gate decision about a message due at or
   * after {@code now}, with any lead and zone, is the same with the pruned record as with this one.
   * Consent withdrawals are all kept.
   *
   * @param now the earliest time a later decision is made at
   * @param catalog the funnels whose caps count the messages
   * @return the pruned record, its version one higher, or this one if nothing was dropped
   */
  public ContactRecord prunedAt(Instant now, Catalog catalog) {
    requireNonNull(now, "now");
    requireNonNull(catalog, "catalog");
    Map<String, Duration> horizons = new HashMap<>();
    Map<String, Integer> journeys = new HashMap<>();
    for (Funnel f : catalog.all()) {
      for (FrequencyCap cap : f.contactPolicy().caps()) {
        switch (cap.per()) {
          case DAY -> horizons.merge(cap.channel(), DAY_HORIZON, ContactRecord::longer);
          case WINDOW ->
              horizons.merge(
                  cap.channel(), requireNonNull(cap.window(), "window"), ContactRecord::longer);
          case JOURNEY -> journeys.merge(group(f.id(), cap.channel()), cap.max(), Math::max);
        }
      }
    }
    // A journey cap counts the messages since the lead's latest entry: if there are max of them,
    // the latest max messages of the funnel are all among them, so those are what is kept.
    Set<Sent> latest = new HashSet<>();
    Map<String, List<Sent>> byGroup = new HashMap<>();
    for (Sent s : sent) {
      if (journeys.containsKey(group(s.funnelId(), s.channel()))) {
        byGroup.computeIfAbsent(group(s.funnelId(), s.channel()), k -> new ArrayList<>()).add(s);
      }
    }
    for (Map.Entry<String, List<Sent>> g : byGroup.entrySet()) {
      List<Sent> messages = g.getValue();
      messages.sort(Comparator.comparing(Sent::at).reversed());
      int max = requireNonNull(journeys.get(g.getKey()), "max");
      latest.addAll(messages.subList(0, Math.min(messages.size(), max)));
    }
    ImmutableList.Builder<Sent> kept = ImmutableList.builder();
    boolean dropped = false;
    for (Sent s : sent) {
      boolean keep = latest.contains(s);
      Duration horizon = horizons.get(s.channel());
      if (horizon != null && s.at().isAfter(now.minus(horizon))) {
        keep = true;
      }
      if (keep) {
        kept.add(s);
      } else {
        dropped = true;
      }
    }
    return dropped ? new ContactRecord(withdrawals, kept.build(), version + 1) : this;
  }

  /** How far back a cap per day can count: one day and the widest swing of zone offsets. */
  private static final Duration DAY_HORIZON =
      Duration.ofDays(1)
          .plusSeconds((long) ZoneOffset.MAX.getTotalSeconds() - ZoneOffset.MIN.getTotalSeconds());

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String group(String funnelId, String channel) {
    return funnelId + '\n' + channel;
  }

  /**
   * Returns this record after a decision of the gate: a marketing message handed over is counted.
   *
   * @param dispatch what the gate decided
   * @return the changed record, or this one if nothing is to be counted
   */
  public ContactRecord after(Dispatch dispatch) {
    requireNonNull(dispatch, "dispatch");
    if (dispatch.verdict() == Dispatch.Verdict.SEND && dispatch.purpose() == Purpose.MARKETING) {
      return withSent(dispatch.funnelId(), dispatch.channel(), dispatch.due());
    }
    return this;
  }
}
