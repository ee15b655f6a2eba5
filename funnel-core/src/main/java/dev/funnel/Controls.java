package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.StageNode.Route;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The journey controls of one built funnel, compiled for its engine: goals, exits, scoring and the
 * re-entry policy, and what they do to an event the engine fires. An event is scored first, then
 * taken by its transition (or, if none takes it but a control reacts to it, accepted as a stay),
 * then an exit or else a goal may follow as a step of its own, then the thresholds the score rose
 * to fire their events. Timer events are taken by transitions alone. Immutable and thread-safe.
 */
final class Controls {
  static final Controls NONE =
      new Controls(
          ImmutableList.of(), ImmutableList.of(), null, Scoring.NONE, new Route[0], new Route[0]);

  final ImmutableList<Goal> goals;
  final ImmutableList<Exit> exits;
  final @Nullable ReEntry reEntry;
  final Scoring scoring;
  // By goal: the route that jumps to its stage; by exit: the route to its stage.
  private final Route[] goalRoutes;
  private final Route[] exitRoutes;
  private final boolean active;

  private Controls(
      ImmutableList<Goal> goals,
      ImmutableList<Exit> exits,
      @Nullable ReEntry reEntry,
      Scoring scoring,
      Route[] goalRoutes,
      Route[] exitRoutes) {
    this.goals = goals;
    this.exits = exits;
    this.reEntry = reEntry;
    this.scoring = scoring;
    this.goalRoutes = goalRoutes;
    this.exitRoutes = exitRoutes;
    this.active = !goals.isEmpty() || !exits.isEmpty() || reEntry != null || !scoring.isEmpty();
  }

  /** Returns the controls as declared, not yet compiled: {@link #compile} makes them usable. */
  static Controls of(
      ImmutableList<Goal> goals,
      ImmutableList<Exit> exits,
      @Nullable ReEntry reEntry,
      Scoring scoring) {
    if (goals.isEmpty() && exits.isEmpty() && reEntry == null && scoring.isEmpty()) {
      return NONE;
    }
    return new Controls(goals, exits, reEntry, scoring, new Route[0], new Route[0]);
  }

  /** Compiles validated controls against the funnel's stage index. */
  Controls compile(ImmutableMap<String, Integer> index) {
    if (!active) {
      return NONE;
    }
    Route[] goalRoutes = new Route[goals.size()];
    for (int i = 0; i < goalRoutes.length; i++) {
      Goal g = goals.get(i);
      goalRoutes[i] = route(g.stepType(), g.to(), index);
    }
    Route[] exitRoutes = new Route[exits.size()];
    for (int i = 0; i < exitRoutes.length; i++) {
      Exit x = exits.get(i);
      exitRoutes[i] = route(x.stepType(), x.to(), index);
    }
    return new Controls(goals, exits, reEntry, scoring, goalRoutes, exitRoutes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o
        || (o instanceof Controls c
            && goals.equals(c.goals)
            && exits.equals(c.exits)
            && java.util.Objects.equals(reEntry, c.reEntry)
            && scoring.equals(c.scoring));
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(goals, exits, reEntry, scoring);
  }

  /** Returns the transitions followed by one from any stage for each goal and exit. */
  ImmutableList<Transition> withJumps(ImmutableList<Transition> transitions) {
    if (goals.isEmpty() && exits.isEmpty()) {
      return transitions;
    }
    ImmutableList.Builder<Transition> all = ImmutableList.<Transition>builder().addAll(transitions);
    for (Goal g : goals) {
      all.add(jump(g.stepType(), g.to()));
    }
    for (Exit x : exits) {
      all.add(jump(x.stepType(), x.to()));
    }
    return all.build();
  }

  private static Transition jump(String type, String to) {
    return new Transition(type, ImmutableSet.of(), to, Condition.ALWAYS, ImmutableList.of(), 0);
  }

  private static Route route(String type, String to, ImmutableMap<String, Integer> index) {
    return new Route(jump(type, to), requireNonNull(index.get(to), to));
  }

  /** Returns whether the funnel has any control, so that its leads remember their journeys. */
  boolean isActive() {
    return active;
  }

  /**
   * Fires an event that passed the engine's screen, with the route its transitions chose (or null,
   * and why that refuses the event if no control reacts to it either).
   */
  Outcome fire(
      Engine engine,
      Lead lead,
      StageNode node,
      @Nullable Route route,
      Outcome.Refusal refusal,
      Event event,
      int idHash,
      boolean score) {
    Instant at = event.at();
    Journey journey = lead.profile().journey;
    Lead current = lead;
    int before = 0;
    int after = 0;
    boolean scored = false;
    if (score) {
      int delta = 0;
      for (Scoring.Rule r : scoring.rules()) {
        if (r.event().equals(event.type()) && engine.holds(r.condition(), lead, event)) {
          delta += r.points();
          scored = true;
        }
      }
      if (scored) {
        Instant since = journey.scoreSince();
        before = since == null ? journey.points() : scoring.decayed(journey.points(), since, at);
        after =
            (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) before + delta));
        Instant anchor = decayAnchor(journey, before, at);
        Journey changed = journey.scored(after, after == 0 ? null : anchor);
        current = lead.withProfile(lead.profile().withJourney(changed));
      }
    }
    Outcome primary;
    if (route != null) {
      primary = engine.take(current, node, route, event, idHash, current.timers());
    } else {
      Profile profile =
          event.hasAmount()
              ? Profiles.apply(current.profile(), ImmutableList.of(), event)
              : current.profile();
      Lead stayed =
          current.next(
              profile, node, current.enteredAt(), at, current.timers(), event.id(), idHash);
      primary = Outcome.fired(Outcome.Status.STAYED, current, stayed, event, ImmutableList.of());
    }
    Outcome follow = route == null && !scored ? null : primary;
    Lead now = primary.lead();
    Outcome jump = null;
    if (!now.node().terminal) {
      jump = exit(engine, now, event);
      if (jump == null) {
        jump = goal(engine, now, event);
      }
    }
    if (follow == null && jump == null) {
      return Outcome.refused(lead, refusal);
    }
    if (jump == null && !scored) {
      return primary;
    }
    ImmutableList.Builder<Effect> effects =
        ImmutableList.<Effect>builder().addAll(primary.effects());
    ImmutableList.Builder<Step> steps = ImmutableList.<Step>builder().addAll(primary.steps());
    if (jump != null) {
      effects.addAll(jump.effects());
      steps.addAll(jump.steps());
      now = jump.lead();
    }
    boolean fired = false;
    for (Scoring.Threshold t : scoring.thresholds()) {
      if (before < t.points() && t.points() <= after) {
        Event e = Event.of(event.id() + "/" + t.fire(), t.fire(), at);
        Outcome o = engine.fire(now, e, false);
        if (o.isAccepted()) {
          effects.addAll(o.effects());
          steps.addAll(o.steps());
          now = o.lead();
          fired = true;
        }
      }
    }
    if (jump == null && !fired) {
      return primary;
    }
    Outcome.Status status =
        now.stage().equals(lead.stage()) ? Outcome.Status.STAYED : Outcome.Status.MOVED;
    return Outcome.of(status, now, effects.build(), steps.build());
  }

  /**
   * Returns the instant decay counts from after a rise: whole periods are carried over so that
   * frequent small points do not hold the decay off; a score that was zero starts afresh.
   */
  private Instant decayAnchor(Journey journey, int before, Instant at) {
    Instant since = journey.scoreSince();
    Scoring.Decay d = scoring.decay();
    if (since == null || before <= 0 || d == null || !at.isAfter(since)) {
      return since == null || before <= 0 ? at : since;
    }
    long periods = Duration.between(since, at).dividedBy(d.every());
    return since.plus(d.every().multipliedBy(periods));
  }

  /** Returns the outcome of the first exit that holds after the event, or null. */
  private @Nullable Outcome exit(Engine engine, Lead lead, Event event) {
    for (int i = 0; i < exitRoutes.length; i++) {
      Exit x = exits.get(i);
      String type = x.event();
      if ((type == null || type.equals(event.type())) && engine.holds(x.condition(), lead, event)) {
        Event step =
            Event.builder(event.id() + "/" + x.stepType(), x.stepType(), event.at())
                .reason(x.reason())
                .build();
        return engine.take(
            lead, lead.node(), exitRoutes[i], step, RecentIds.hash(step.id()), lead.timers());
      }
    }
    return null;
  }

  /** Returns the outcome of the first goal not yet reached that holds after the event, or null. */
  private @Nullable Outcome goal(Engine engine, Lead lead, Event event) {
    Journey journey = lead.profile().journey;
    for (int i = 0; i < goalRoutes.length; i++) {
      Goal g = goals.get(i);
      String type = g.event();
      if (journey.goals().contains(g.id())
          || (type != null && !type.equals(event.type()))
          || !within(g, journey, event.at())
          || !engine.holds(g.condition(), lead, event)) {
        continue;
      }
      Lead marked = lead.withProfile(lead.profile().withJourney(journey.reached(g.id())));
      Event step = Event.of(event.id() + "/" + g.stepType(), g.stepType(), event.at());
      Route r = goalRoutes[i];
      if (lead.stage().equals(g.to())) {
        // Already in the goal's stage: the goal is reached where the lead stands.
        Lead stayed =
            marked.next(
                marked.profile(),
                marked.node(),
                marked.enteredAt(),
                event.at(),
                marked.timers(),
                step.id(),
                RecentIds.hash(step.id()));
        return Outcome.fired(Outcome.Status.STAYED, marked, stayed, step, ImmutableList.of());
      }
      return engine.take(
          marked, marked.node(), r, step, RecentIds.hash(step.id()), marked.timers());
    }
    return null;
  }

  /** A goal's window counts from the last entry; a lead with no entry recorded is within it. */
  private static boolean within(Goal g, Journey journey, Instant at) {
    Duration window = g.within();
    Instant start = journey.start();
    return window == null || start == null || !at.isAfter(start.plus(window));
  }

  /** Enters a lead again; see {@link Funnel#reenter}. */
  Outcome reenter(Engine engine, Lead lead, StageNode node, StageNode entry, Event event) {
    int idHash = RecentIds.hash(event.id());
    if (lead.hasApplied(event.id(), idHash)) {
      return Outcome.refused(lead, Outcome.Refusal.DUPLICATE);
    }
    if (event.at().isBefore(lead.updatedAt())) {
      return Outcome.refused(lead, Outcome.Refusal.STALE);
    }
    ReEntry policy = reEntry == null ? ReEntry.ONCE : reEntry;
    Journey journey = lead.profile().journey;
    int count = Math.max(1, journey.entries().size());
    if (!policy.isUnlimited() && count >= policy.maxEntries()) {
      return Outcome.refused(lead, Outcome.Refusal.ENTRY_LIMIT);
    }
    Instant last = journey.start();
    Instant at = event.at();
    if (last != null && at.isBefore(last.plus(policy.minInterval()))) {
      return Outcome.refused(lead, Outcome.Refusal.TOO_SOON);
    }
    if (!node.terminal) {
      switch (policy.whileInside()) {
        case REFUSE -> {
          return Outcome.refused(lead, Outcome.Refusal.ALREADY_INSIDE);
        }
        case PARALLEL -> {
          String key = requireNonNull(policy.key(), "key");
          Object value = event.payload().get(key);
          checkArgument(
              value != null,
              "event '%s' lacks the payload '%s' that keys journeys",
              event.id(),
              key);
          Profile p = lead.profile();
          Profile fresh =
              new Profile(
                      p.funnelId,
                      p.funnelVersion,
                      p.channel,
                      p.owner,
                      p.attributes,
                      p.segments,
                      ImmutableList.of())
                  .withJourney(Journey.entered(at));
          return engine.enter(lead.id() + "/" + value, fresh, entry.id, at);
        }
        case RESTART -> {}
      }
    }
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    for (ScheduledTimer t : lead.timers()) {
      effects.add(new Effect.TimerCancelled(t));
    }
    ImmutableList<ScheduledTimer> pending = Engine.schedule(entry, at, effects);
    Profile profile = lead.profile().withJourney(journey.reentered(at));
    Lead next = lead.next(profile, entry, at, at, pending, event.id(), idHash);
    Step step =
        new Step(
            next.funnelId(),
            next.id(),
            null,
            next.stage(),
            event.id(),
            event.type(),
            at,
            next.channel(),
            next.profile().owner,
            null,
            null,
            event.actor().orElse(null),
            event.reason().orElse(null),
            next.version());
    return Outcome.of(Outcome.Status.ENTERED, next, effects.build(), ImmutableList.of(step));
  }
}
