package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides, when a message falls due, whether it goes out: the pure check of contact pressure and
 * consent. It reads the funnel's {@link ContactPolicy} and {@link Experiment}s, the lead, the
 * instant the message fell due and the person's {@link ContactRecord}; it reads no clock and keeps
 * nothing. Checks, in order:
 *
 * <ol>
 *   <li>consent: a message whose channel and purpose the person withdrew is suppressed ({@link
 *       Dispatch.Reason#NO_CONSENT}); a transactional message passes every other check;
 *   <li>holdout: a marketing message to a lead in a holdout arm is suppressed ({@link
 *       Dispatch.Reason#HOLDOUT});
 *   <li>quiet hours, in the lead's zone: a marketing message due inside them is held until they end
 *       or skipped ({@link Dispatch.Reason#QUIET_HOURS}); a held message is checked again, in full,
 *       when it falls due the second time;
 *   <li>frequency caps on the message's channel: a marketing message that would put more than a
 *       cap's {@code max} messages into one calendar day, one window of the cap's length (any
 *       half-open interval of that length, whatever order messages were recorded in) or the journey
 *       (the messages of the funnel since the lead's latest entry) is suppressed ({@link
 *       Dispatch.Reason#CAP}).
 * </ol>
 *
 * A message without a {@code channel} parameter counts under {@value #DEFAULT_CHANNEL}.
 * Thread-safe.
 */
public final class ContactGate {
  /** The channel a message without a {@code channel} parameter is counted and consented under. */
  public static final String DEFAULT_CHANNEL = "default";

  private ContactGate() {}

  /**
   * Decides about a message of a lead's funnel.
   *
   * @param funnel the lead's funnel, with its policy and experiments
   * @param lead the lead
   * @param send the {@code send} action
   * @param due when the message fell due
   * @param record what is known about contacting the person
   * @return the decision
   * @throws IllegalArgumentException if the action is no {@code send}
   */
  public static Dispatch decide(
      Funnel funnel, Lead lead, Action send, Instant due, ContactRecord record) {
    return decide(funnel.contactPolicy(), funnel.experiments(), lead, send, due, record);
  }

  /**
   * Decides about a message under a policy and experiments.
   *
   * @param policy the quiet hours and caps
   * @param experiments the funnel's experiments, for holdouts
   * @param lead the lead
   * @param send the {@code send} action
   * @param due when the message fell due
   * @param record what is known about contacting the person
   * @return the decision
   * @throws IllegalArgumentException if the action is no {@code send}
   */
  public static Dispatch decide(
      ContactPolicy policy,
      ImmutableList<Experiment> experiments,
      Lead lead,
      Action send,
      Instant due,
      ContactRecord record) {
    requireNonNull(policy, "policy");
    requireNonNull(experiments, "experiments");
    requireNonNull(lead, "lead");
    requireNonNull(due, "due");
    requireNonNull(record, "record");
    checkArgument(send.name().equals(Actions.SEND), "action '%s' is not a message", send.name());
    String channel = channelOf(send);
    Purpose purpose = Purpose.of(send);
    Verdicts v = new Verdicts(lead, send.param("template").orElse(""), channel, purpose, due);
    if (!record.allows(channel, purpose, due)) {
      return v.withheld(Dispatch.Verdict.SUPPRESS, Dispatch.Reason.NO_CONSENT);
    }
    if (purpose == Purpose.TRANSACTIONAL) {
      return v.sent();
    }
    for (Experiment e : experiments) {
      if (e.holdsOut(lead.id())) {
        return v.withheld(Dispatch.Verdict.SUPPRESS, Dispatch.Reason.HOLDOUT);
      }
    }
    ZoneId zone = policy.zoneOf(lead);
    QuietHours quiet = policy.quietHours();
    if (quiet != null) {
      Optional<Instant> end = quiet.endAfter(due, zone);
      if (end.isPresent()) {
        return quiet.mode() == QuietHours.Mode.HOLD
            ? v.held(end.get())
            : v.withheld(Dispatch.Verdict.SKIP, Dispatch.Reason.QUIET_HOURS);
      }
    }
    for (FrequencyCap cap : policy.caps()) {
      if (cap.channel().equals(channel) && exceeds(cap, lead, zone, due, record)) {
        return v.withheld(Dispatch.Verdict.SUPPRESS, Dispatch.Reason.CAP);
      }
    }
    return v.sent();
  }

  /**
   * Returns the channel a message counts under: its {@code channel} parameter, or {@value
   * #DEFAULT_CHANNEL}.
   *
   * @param send a {@code send} action
   * @return its channel
   */
  public static String channelOf(Action send) {
    return send.param("channel").orElse(DEFAULT_CHANNEL);
  }

  /** Returns whether one more message on the cap's channel at {@code due} would break the cap. */
  private static boolean exceeds(
      FrequencyCap cap, Lead lead, ZoneId zone, Instant due, ContactRecord record) {
    return switch (cap.per()) {
      case JOURNEY -> {
        // The journey began at the lead's latest entry; a lead of a funnel that records no
        // entries has entered once, so every message of the funnel is of this journey.
        String funnelId = lead.funnelId();
        List<Instant> entries = lead.entries();
        Instant began = entries.isEmpty() ? Instant.MIN : entries.get(entries.size() - 1);
        yield count(cap, record, s -> s.funnelId().equals(funnelId) && !s.at().isBefore(began))
            >= cap.max();
      }
      case DAY -> {
        LocalDate day = LocalDate.ofInstant(due, zone);
        yield count(cap, record, s -> LocalDate.ofInstant(s.at(), zone).equals(day)) >= cap.max();
      }
      case WINDOW -> exceedsWindow(cap, requireNonNull(cap.window(), "window"), due, record);
    };
  }

  private static int count(
      FrequencyCap cap, ContactRecord record, Predicate<ContactRecord.Sent> counted) {
    int n = 0;
    for (ContactRecord.Sent s : record.sent()) {
      if (s.channel().equals(cap.channel()) && counted.test(s)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Returns whether some half-open window of the cap's length holding {@code due} would hold more
   * than {@code max} messages with this one: the messages near {@code due}, sorted, swept once.
   */
  private static boolean exceedsWindow(
      FrequencyCap cap, Duration window, Instant due, ContactRecord record) {
    List<Instant> near = new ArrayList<>();
    Instant from = due.minus(window);
    Instant to = due.plus(window);
    for (ContactRecord.Sent s : record.sent()) {
      if (s.channel().equals(cap.channel()) && s.at().isAfter(from) && s.at().isBefore(to)) {
        near.add(s.at());
      }
    }
    if (near.size() < cap.max()) {
      return false;
    }
    near.add(due);
    Collections.sort(near);
    int start = 0;
    for (int end = 0; end < near.size(); end++) {
      while (!near.get(start).plus(window).isAfter(near.get(end))) {
        start++;
      }
      if (end - start + 1 > cap.max()) {
        return true;
      }
    }
    return false;
  }

  /** Makes the decisions about one message. */
  private static final class Verdicts {
    private final Lead lead;
    private final String template;
    private final String channel;
    private final Purpose purpose;
    private final Instant due;

    Verdicts(Lead lead, String template, String channel, Purpose purpose, Instant due) {
      this.lead = lead;
      this.template = template;
      this.channel = channel;
      this.purpose = purpose;
      this.due = due;
    }

    Dispatch sent() {
      return make(Dispatch.Verdict.SEND, null, null);
    }

    Dispatch held(Instant until) {
      return make(Dispatch.Verdict.HOLD, until, Dispatch.Reason.QUIET_HOURS);
    }

    Dispatch withheld(Dispatch.Verdict verdict, Dispatch.Reason reason) {
      return make(verdict, null, reason);
    }

    private Dispatch make(
        Dispatch.Verdict verdict, @Nullable Instant until, Dispatch.@Nullable Reason reason) {
      return new Dispatch(
          lead.funnelId(), lead.id(), template, channel, purpose, due, verdict, until, reason);
    }
  }
}
