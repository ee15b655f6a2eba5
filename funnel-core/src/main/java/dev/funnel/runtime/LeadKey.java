package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.funnel.Lead;

/**
 * Names one lead in one funnel. A person in several funnels at once is several leads with the same
 * lead id and different funnel ids. Immutable and thread-safe.
 *
 * @param funnelId the funnel's id
 * @param leadId the lead's id, unique within its funnel
 */
public record LeadKey(String funnelId, String leadId) {

  /**
   * Creates a key.
   *
   * @param funnelId the funnel's id
   * @param leadId the lead's id, unique within its funnel
   * @throws IllegalArgumentException if an id is blank
   */
  public LeadKey {
    requireNonNull(funnelId, "funnelId");
    requireNonNull(leadId, "leadId");
    checkArgument(!funnelId.isBlank(), "funnel id is blank");
    checkArgument(!leadId.isBlank(), "lead id is blank");
  }

  /**
   * Returns the key of a lead.
   *
   * @param lead the lead
   * @return its funnel id and lead id
   */
  public static LeadKey of(Lead lead) {
    return new LeadKey(lead.funnelId(), lead.id());
  }

  /**
   * Returns {@code funnelId/leadId}.
   *
   * @return {@code funnelId/leadId}
   */
  @Override
  public String toString() {
    return funnelId + "/" + leadId;
  }
}
