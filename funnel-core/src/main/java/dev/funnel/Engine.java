package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.StageNode.Route;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The pure transition function of one built funnel: entering a lead, firing an event at it (screen,
 * choose a route by its guards, take it, make the next snapshot), reassigning it and advancing its
 * timers. It reads the stage table {@link StageNode#compile} made and the host application's custom
 * guards; it holds nothing that changes. Immutable and thread-safe.
 */
final class Engine {
  private static final Comparator<ScheduledTimer> BY_DUE =
      Comparator.comparing(ScheduledTimer::due);

  private final String funnelId;
  private final ImmutableMap<String, Integer> stageIndex;
  private final StageNode[] nodes;
  private final ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> guards;
  private final Purchases purchases;
  private final Controls controls;

  Engine(
      String funnelId,
      ImmutableMap<String, Integer> stageIndex,
      StageNode[] nodes,
      ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> guards,
      Purchases purchases,
      Controls controls) {
    this.funnelId = funnelId;
    this.stageIndex = stageIndex;
    this.nodes = nodes;
    this.guards = guards;
    this.purchases = purchases;
    this.controls = controls;
  }

  /** Returns this engine deciding custom guards with these predicates. */
  Engine withGuards(ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
    return new Engine(funnelId, stageIndex, nodes, custom, purchases, controls);
  }

  /**
   * Enters a new lead with this profile into an entry stage: the stage's on-enter actions, then its
   * timers scheduled.
   */
  Outcome enter(String leadId, Profile profile, String entryStage, Instant at) {
    StageNode node = nodes[indexOf(entryStage)];
    ImmutableList<Effect> effects = ImmutableList.of();
    ImmutableList<ScheduledTimer> pending = ImmutableList.of();
    if (!node.timers.isEmpty() || !node.onEnter.isEmpty()) {
      ImmutableList.Builder<Effect> all = ImmutableList.builder();
      all.addAll(node.onEnter);
      pending = schedule(node, at, all);
      effects = all.build();
    }
    Profile p = Profiles.entered(profile, node.onEnter);
    p =
        controls.isActive() && p.journey.entries().isEmpty()
            ? p.withJourney(Journey.entered(at))
            : p;
    Lead lead = new Lead(leadId, p, node, at, at, pending, null, 0, 0);
    return Outcome.entered(lead, effects);
  }

  /** Fires an event at a lead; see {@link Funnel#fire}. */
  Outcome fire(Lead lead, Event event) {
    return fire(lead, event, true);
  }

  /** Fires an event; {@code score} is false for the events score thresholds fire. */
  Outcome fire(Lead lead, Event event, boolean score) {
    int idHash = RecentIds.hash(requireNonNull(event, "event").id());
    StageNode node = nodeOf(lead);
    Outcome.Refusal early = screen(lead, node, event, idHash, purchases);
    if (early != null) {
      return Outcome.refused(lead, early);
    }
    Route[] candidates = node.routes(event.type());
    if (controls.isActive()) {
      Route chosen = candidates == null ? null : choose(candidates, lead, event);
      Outcome.Refusal why =
          candidates == null ? Outcome.Refusal.NO_TRANSITION : Outcome.Refusal.GUARD_REJECTED;
      return controls.fire(this, lead, node, chosen, why, event, idHash, score);
    }
    if (candidates == null) {
      return Outcome.refused(lead, Outcome.Refusal.NO_TRANSITION);
    }
    Route route = choose(candidates, lead, event);
    if (route == null) {
      return Outcome.refused(lead, Outcome.Refusal.GUARD_REJECTED);
    }
    return take(lead, node, route, event, idHash, lead.timers());
  }

  /** Returns why an event is refused before any transition is looked at, or null. */
  private static Outcome.@Nullable Refusal screen(
      Lead lead, StageNode node, Event event, int idHash, Purchases purchases) {
    if (lead.hasApplied(event.id(), idHash)) {
      return Outcome.Refusal.DUPLICATE;
    }
    if (node.terminal) {
      return Outcome.Refusal.TERMINAL;
    }
    if (event.at().isBefore(lead.updatedAt())) {
      return Outcome.Refusal.STALE;
    }
    return purchases.screen(event);
  }

  /** Returns whether a condition holds for the lead and the event. */
  boolean holds(Condition condition, Lead lead, Event event) {
    return condition instanceof Condition.Always || Guards.test(condition, lead, event, guards);
  }

  /** Enters a lead again; see {@link Funnel#reenter}. */
  Outcome reenter(Lead lead, Event event, String entryStage) {
    requireNonNull(event, "event");
    return controls.reenter(this, lead, nodeOf(lead), nodes[indexOf(entryStage)], event);
  }

  /** Returns the first route whose guard holds, in the order the stage table lists them. */
  private @Nullable Route choose(Route[] candidates, Lead lead, Event event) {
    for (Route r : candidates) {
      Condition guard = r.guard;
      if (guard == null || Guards.test(guard, lead, event, guards)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Applies a chosen route. {@code idHash} is the event id's ({@link RecentIds#hash}); {@code
   * remaining} are the lead's timers still pending.
   */
  Outcome take(
      Lead lead,
      StageNode from,
      Route r,
      Event event,
      int idHash,
      ImmutableList<ScheduledTimer> remaining) {
    Profile profile =
        r.changesProfile || event.hasAmount()
            ? Profiles.apply(lead.profile(), r.actions, event)
            : lead.profile();
    Instant at = event.at();
    if (r.target < 0) {
      Lead next = lead.next(profile, from, lead.enteredAt(), at, remaining, event.id(), idHash);
      return Outcome.fired(Outcome.Status.STAYED, lead, next, event, r.effects);
    }
    StageNode to = nodes[r.target];
    if (!remaining.isEmpty() || !to.timers.isEmpty()) {
      return moveWithTimers(lead, from, to, profile, r, event, idHash, remaining);
    }
    Lead next = lead.next(profile, to, at, at, ImmutableList.of(), event.id(), idHash);
    return Outcome.fired(status(from, to), lead, next, event, r.effects);
  }

  /** A move to the same stage re-enters it, but the lead stayed. */
  private static Outcome.Status status(StageNode from, StageNode to) {
    return from == to ? Outcome.Status.STAYED : Outcome.Status.MOVED;
  }

  /** A move that cancels the old stage's timers or schedules the new stage's. */
  private Outcome moveWithTimers(
      Lead lead,
      StageNode from,
      StageNode to,
      Profile profile,
      Route r,
      Event event,
      int idHash,
      ImmutableList<ScheduledTimer> remaining) {
    Instant at = event.at();
    ImmutableList.Builder<Effect> all = ImmutableList.builder();
    for (ScheduledTimer t : remaining) {
      all.add(new Effect.TimerCancelled(t));
    }
    all.addAll(r.effects);
    ImmutableList<ScheduledTimer> pending = schedule(to, at, all);
    Lead next = lead.next(profile, to, at, at, pending, event.id(), idHash);
    return Outcome.fired(status(from, to), lead, next, event, all.build());
  }

  /** Schedules a stage's timers from {@code at}, earliest first, adding an effect for each. */
  static ImmutableList<ScheduledTimer> schedule(
      StageNode stage, Instant at, ImmutableList.Builder<Effect> effects) {
    ImmutableList<Timer> declared = stage.timers;
    if (declared.isEmpty()) {
      return ImmutableList.of();
    }
    ScheduledTimer[] pending = new ScheduledTimer[declared.size()];
    for (int i = 0; i < pending.length; i++) {
      Timer t = declared.get(i);
      pending[i] = new ScheduledTimer(t.stage(), t.event(), at.plus(t.after()));
    }
    Arrays.sort(pending, BY_DUE); // stable
    for (ScheduledTimer t : pending) {
      effects.add(new Effect.TimerScheduled(t));
    }
    return ImmutableList.copyOf(pending);
  }

  /** Assigns a lead to an owner; see {@link Funnel#reassign}. */
  Outcome reassign(Lead lead, String owner, Event event) {
    int idHash = RecentIds.hash(requireNonNull(event, "event").id());
    StageNode node = nodeOf(lead);
    Outcome.Refusal early = screen(lead, node, event, idHash, purchases);
    if (early != null) {
      return Outcome.refused(lead, early);
    }
    Event recorded =
        event.type().equals(Funnel.REASSIGNED)
            ? event
            : event.toBuilder().type(Funnel.REASSIGNED).build();
    Profile p = lead.profile();
    Profile profile = p.with(owner, p.attributes, p.segments, p.purchases);
    if (recorded.hasAmount()) {
      profile = Profiles.apply(profile, ImmutableList.of(), recorded);
    }
    Lead next =
        lead.next(profile, node, lead.enteredAt(), event.at(), lead.timers(), event.id(), idHash);
    return Outcome.fired(
        Outcome.Status.STAYED, lead, next, recorded, ImmutableList.of(Actions.assign(owner)));
  }

  /** Erases the person's data from a lead; see {@link Funnel#erase}. */
  Outcome erase(Lead lead, Event event) {
    return Erasure.erase(lead, nodeOf(lead), requireNonNull(event, "event"));
  }

  /** Fires every timer of the lead due at {@code now}; see {@link Funnel#advance}. */
  Outcome advance(Lead lead, Instant now) {
    // Timers due after the latest instant never fire, so that every lead stays within bounds.
    Instant until = now.isAfter(Bounds.LATEST) ? Bounds.LATEST : now;
    StageNode start = nodeOf(lead);
    if (!hasDue(lead, until)) {
      return Outcome.of(Outcome.Status.IDLE, lead, ImmutableList.of(), ImmutableList.of());
    }
    Outcome step = fireEarliest(lead, start);
    Lead current = step.lead();
    if (!hasDue(current, until)) {
      // One timer due, the common case: its step's lists are the outcome's, with no builders to
      // copy them into (TimerBenchmark fires one a lead; -prof gc, see BENCHMARKS.md).
      return Outcome.of(status(start, current.node()), current, step.effects(), step.steps());
    }
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    effects.addAll(step.effects());
    steps.addAll(step.steps());
    while (hasDue(current, until)) {
      step = fireEarliest(current, current.node());
      effects.addAll(step.effects());
      steps.addAll(step.steps());
      current = step.lead();
    }
    return Outcome.of(status(start, current.node()), current, effects.build(), steps.build());
  }

  private static boolean hasDue(Lead lead, Instant until) {
    return !lead.timers().isEmpty() && !lead.timers().get(0).due().isAfter(until);
  }

  /** Fires the lead's earliest timer, which is due; {@code node} is the lead's stage. */
  private Outcome fireEarliest(Lead current, StageNode node) {
    ImmutableList<ScheduledTimer> pending = current.timers();
    ScheduledTimer due = pending.get(0);
    ImmutableList<ScheduledTimer> rest = pending.subList(1, pending.size());
    Instant at = due.due().isBefore(current.updatedAt()) ? current.updatedAt() : due.due();
    Event event = Event.of(due.eventId(), due.event(), at);
    int idHash = RecentIds.hash(event.id());
    Route[] candidates = node.routes(event.type());
    Route route = candidates == null ? null : choose(candidates, current, event);
    if (route == null) {
      // No transition takes the timer's event: the timer is spent and the lead stays.
      Lead spent =
          current.next(current.profile(), node, current.enteredAt(), at, rest, event.id(), idHash);
      return Outcome.fired(Outcome.Status.STAYED, current, spent, event, ImmutableList.of());
    }
    return take(current, node, route, event, idHash, rest);
  }

  /** Returns the node of the lead's stage: the lead's own if it is of this funnel's build. */
  private StageNode nodeOf(Lead lead) {
    StageNode node = lead.node();
    return node.family == nodes ? node : lookUp(lead);
  }

  /** Looks the lead's stage up by id, for a lead restored from storage or made by another build. */
  private StageNode lookUp(Lead lead) {
    checkArgument(
        lead.funnelId().equals(funnelId),
        "lead '%s' is in funnel '%s', not '%s'",
        lead.id(),
        lead.funnelId(),
        funnelId);
    Integer i = stageIndex.get(lead.stage());
    checkArgument(
        i != null,
        "lead '%s' is in stage '%s', which funnel '%s' lacks",
        lead.id(),
        lead.stage(),
        funnelId);
    return nodes[i];
  }

  private int indexOf(String stageId) {
    return requireNonNull(stageIndex.get(stageId), stageId);
  }
}
