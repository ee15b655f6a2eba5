package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Map;

/**
 * Erases a person from one lead snapshot (the right to be forgotten): what identifies or describes
 * them goes, what the figures need stays, and the erasure is a step of its own. See {@link
 * Funnel#erase}.
 */
final class Erasure {
  private Erasure() {}

  static Outcome erase(Lead lead, StageNode node, Event event) {
    int idHash = RecentIds.hash(event.id());
    if (lead.hasApplied(event.id(), idHash)) {
      return Outcome.refused(lead, Outcome.Refusal.DUPLICATE);
    }
    // An erasure is never refused as stale or terminal: it takes effect at the later of its own
    // time and the lead's last change, in whatever stage the lead is.
    Instant at = event.at().isBefore(lead.updatedAt()) ? lead.updatedAt() : event.at();
    Event.Builder recorded = Event.builder(event.id(), Funnel.ERASED, at);
    event.actor().ifPresent(recorded::actor);
    Profile p = lead.profile();
    Profile profile = p.with(p.owner, kept(p.attributes), p.segments, p.purchases);
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    for (ScheduledTimer t : lead.timers()) {
      effects.add(new Effect.TimerCancelled(t));
    }
    Lead next =
        lead.next(profile, node, lead.enteredAt(), at, ImmutableList.of(), event.id(), idHash);
    return Outcome.fired(Outcome.Status.STAYED, lead, next, recorded.build(), effects.build());
  }

  /** Keeps only the experiment arms, which the figures need and which say nothing of the person. */
  private static ImmutableMap<String, Object> kept(ImmutableMap<String, Object> attributes) {
    ImmutableMap.Builder<String, Object> kept = ImmutableMap.builder();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (e.getKey().startsWith(Experiment.ATTRIBUTE_PREFIX)) {
        kept.put(e);
      }
    }
    return kept.buildOrThrow();
  }
}
