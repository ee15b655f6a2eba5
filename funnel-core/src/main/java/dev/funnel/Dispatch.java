package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ContactGate} decided about one message when it fell due: hand it over, hold it until
 * quiet hours end, skip it, or suppress it, with the reason. Each decision is a record of its own,
 * so a held or withheld message is never silently lost: the runtime tells its listeners, and {@code
 * ContactFigures} counts them. It holds ids, the template name and instants only, no personal data.
 * Immutable and thread-safe.
 *
 * @param funnelId the funnel whose step produced the message
 * @param leadId the lead it is for
 * @param template the message template
 * @param channel the messaging channel it counts under
 * @param purpose its purpose
 * @param due when it fell due
 * @param verdict what was decided
 * @param until when a held message is to be handed over; null unless held
 * @param reason why it was not handed over; null if it was
 */
public record Dispatch(
    String funnelId,
    String leadId,
    String template,
    String channel,
    Purpose purpose,
    Instant due,
    Verdict verdict,
    @Nullable Instant until,
    @Nullable Reason reason) {

  /** What the gate decided. */
  public enum Verdict {
    /** Hand the message over now. */
    SEND,
    /** Keep the message and hand it over when quiet hours end. */
    HOLD,
    /** Drop the message: it fell due in quiet hours that skip. */
    SKIP,
    /** Drop the message: no consent, a holdout, or over a cap. */
    SUPPRESS
  }

  /** Why a message was not handed over when it fell due. */
  public enum Reason {
    /** It fell due in the person's quiet hours. */
    QUIET_HOURS,
    /** A frequency cap on its channel was reached. */
    CAP,
    /** The person withdrew consent for its channel and purpose. */
    NO_CONSENT,
    /** The lead is in a holdout arm of an experiment. */
    HOLDOUT
  }

  /**
   * Creates a decision.
   *
   * @param funnelId the funnel
   * @param leadId the lead
   * @param template the template
   * @param channel the channel
   * @param purpose the purpose
   * @param due when it fell due
   * @param verdict what was decided
   * @param until when a held message goes; only for {@link Verdict#HOLD}
   * @param reason why it was not handed over; for every verdict but {@link Verdict#SEND}
   * @throws IllegalArgumentException if {@code until} or {@code reason} do not match the verdict
   */
  public Dispatch {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    requireNonNull(template, "template");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(due, "due");
    requireNonNull(verdict, "verdict");
    checkArgument(
        (verdict == Verdict.HOLD) == (until != null), "only a held message has a time to go");
    checkArgument(
        (verdict == Verdict.SEND) == (reason == null), "only a sent message has no reason");
  }

  /**
   * Returns whether the message is to be handed over now.
   *
   * @return whether the verdict is {@link Verdict#SEND}
   */
  public boolean isSent() {
    return verdict == Verdict.SEND;
  }
}
