package dev.funnel.testing;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Funnel;
import dev.funnel.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a new lead brings when it enters a funnel: its id, channel, entry stage, owner, attributes
 * and segments, and when it enters. Immutable and thread-safe.
 *
 * @param leadId the lead's id
 * @param channel the acquisition channel
 * @param stage the entry stage's id
 * @param owner the owner, or {@code null} for none
 * @param attributes the attributes it enters with
 * @param segments the segments it enters in
 * @param at when it enters
 */
public record Arrival(
    String leadId,
    String channel,
    String stage,
    @Nullable String owner,
    ImmutableMap<String, Object> attributes,
    ImmutableSet<String> segments,
    Instant at) {

  /**
   * Enters the lead into the funnel.
   *
   * @param funnel the funnel; {@link #stage} must be one of its entry stages
   * @return the entry outcome
   */
  public Outcome enter(Funnel funnel) {
    Funnel.Entry entry = funnel.newLead(leadId, channel).stage(stage).attributes(attributes);
    segments.forEach(entry::segment);
    if (owner != null) {
      entry.owner(owner);
    }
    return entry.enter(at);
  }
}
