package dev.funnel.test;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Effect;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one lead went through in a {@link Scenario}: each move (entering, an event, time passing)
 * with what came of it, the steps stored, the effects produced, and the lead at the end. The same
 * scenario gives the same journey on the pure core and on a runtime over any store.
 *
 * <p>The effects of each move are listed as the timers it cancelled, then the actions it produced
 * in order, then the timers it scheduled; timers are read from the lead before and after the move,
 * so a journey on a runtime, whose timers live in the store's due index, lists them too.
 *
 * <p>{@link #toString()} tells the journey with ids, stages, event types, refusals, actions and
 * timers only: never an attribute or payload value. Assertions show it when they fail. Immutable
 * and thread-safe.
 */
public final class Journey {

  /** One move of a journey and what came of it. */
  record Move(
      Instant at,
      String what,
      String result,
      @Nullable String stage,
      ImmutableList<Step> steps,
      ImmutableList<Effect> effects) {}

  private final String funnelId;
  private final String leadId;
  private final @Nullable Lead lead;
  private final ImmutableList<Move> moves;

  Journey(String funnelId, String leadId, @Nullable Lead lead, List<Move> moves) {
    this.funnelId = requireNonNull(funnelId, "funnelId");
    this.leadId = requireNonNull(leadId, "leadId");
    this.lead = lead;
    this.moves = ImmutableList.copyOf(moves);
  }

  /** Returns the journey told by one outcome alone: the lead as it is, and what just happened. */
  static Journey of(Outcome outcome) {
    Lead lead = outcome.lead();
    Move move =
        new Move(
            lead.updatedAt(),
            "the outcome under test",
            result(outcome.status(), outcome.refusal().orElse(null), lead.stage()),
            lead.stage(),
            outcome.steps(),
            outcome.effects());
    return new Journey(lead.funnelId(), lead.id(), lead, List.of(move));
  }

  /** Returns the journey told by a lead's snapshot alone. */
  static Journey of(Lead lead) {
    return new Journey(lead.funnelId(), lead.id(), lead, List.of());
  }

  /**
   * Returns the lead at the end of the journey.
   *
   * @return the lead as it was after the last move
   * @throws IllegalStateException if the lead never entered the funnel
   */
  public Lead lead() {
    if (lead == null) {
      throw new IllegalStateException(
          "lead '" + leadId + "' never entered funnel '" + funnelId + "'");
    }
    return lead;
  }

  /**
   * Returns every step stored on the journey, oldest first: the entry, moves and stays.
   *
   * @return the journal records of the journey, oldest first
   */
  public ImmutableList<Step> steps() {
    ImmutableList.Builder<Step> out = ImmutableList.builder();
    for (Move m : moves) {
      out.addAll(m.steps());
    }
    return out.build();
  }

  /**
   * Returns every effect of the journey, move by move: for each move the timers it cancelled, the
   * actions it produced, then the timers it scheduled.
   *
   * @return the effects, in order
   */
  public ImmutableList<Effect> effects() {
    ImmutableList.Builder<Effect> out = ImmutableList.builder();
    for (Move m : moves) {
      out.addAll(m.effects());
    }
    return out.build();
  }

  /**
   * Returns the actions of the journey, in the order they were produced.
   *
   * @return the actions, in order
   */
  public ImmutableList<Action> actions() {
    ImmutableList.Builder<Action> out = ImmutableList.builder();
    for (Effect e : effects()) {
      if (e instanceof Action a) {
        out.add(a);
      }
    }
    return out.build();
  }

  /**
   * Returns the stages the lead was in, in order, each once per visit: where it entered, then every
   * stage it moved to.
   *
   * @return the stages visited, in order
   */
  public ImmutableList<String> stages() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (Step s : steps()) {
      if (s.isEntry() || s.isMove()) {
        out.add(s.to());
      }
    }
    return out.build();
  }

  boolean hasLead() {
    return lead != null;
  }

  ImmutableList<Move> moves() {
    return moves;
  }

  String funnelId() {
    return funnelId;
  }

  String leadId() {
    return leadId;
  }

  /**
   * Tells the journey, one line per move, with ids, stages, event types, refusals, actions and
   * timers only.
   *
   * @return the journey as text
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append("journey of lead '").append(leadId);
    b.append("' in funnel '").append(funnelId).append("':");
    for (Move m : moves) {
      b.append("\n  ").append(m.at()).append("  ").append(m.what()).append(": ").append(m.result());
      List<String> effects = new ArrayList<>();
      for (Effect e : m.effects()) {
        effects.add(describe(e));
      }
      if (!effects.isEmpty()) {
        b.append("; ").append(String.join(", ", effects));
      }
    }
    if (lead != null) {
      b.append("\n  now: ").append(describe(lead));
    } else {
      b.append("\n  now: not in the funnel");
    }
    return b.toString();
  }

  static String result(Outcome.Status status, Outcome.@Nullable Refusal refusal, String stage) {
    return switch (status) {
      case ENTERED -> "entered '" + stage + "'";
      case MOVED -> "moved to '" + stage + "'";
      case STAYED -> "stayed in '" + stage + "'";
      case IDLE -> "nothing due, in '" + stage + "'";
      case REFUSED -> "refused (" + refusal + ") in '" + stage + "'";
    };
  }

  /** Describes an effect without personal data: a set action's value is left out. */
  static String describe(Effect e) {
    if (e instanceof Action a) {
      if (a.name().equals(Actions.SET)) {
        return Actions.SET + "{attribute=" + a.param("attribute").orElse("?") + "}";
      }
      return a.toString();
    }
    if (e instanceof Effect.TimerScheduled s) {
      return "scheduled " + timer(s.timer());
    }
    if (e instanceof Effect.TimerCancelled c) {
      return "cancelled " + timer(c.timer());
    }
    throw new IllegalArgumentException("unknown kind of effect: " + e.getClass().getName());
  }

  static String timer(ScheduledTimer t) {
    return "'" + t.event() + "' at " + t.due();
  }

  /** Describes a lead by ids, stage, version, offers, segments and timers: no attribute values. */
  static String describe(Lead lead) {
    StringBuilder b = new StringBuilder();
    b.append("in '").append(lead.stage()).append("' since ").append(lead.enteredAt());
    b.append(", version ").append(lead.version());
    lead.owner().ifPresent(o -> b.append(", owned by '").append(o).append("'"));
    if (!lead.purchases().isEmpty()) {
      List<String> offers = new ArrayList<>();
      lead.purchases().forEach(p -> offers.add(p.offer()));
      b.append(", bought ").append(offers);
    }
    if (!lead.segments().isEmpty()) {
      b.append(", segments ").append(lead.segments());
    }
    if (!lead.timers().isEmpty()) {
      List<String> timers = new ArrayList<>();
      lead.timers().forEach(t -> timers.add(timer(t)));
      b.append(", timers ").append(timers);
    }
    if (!lead.attributes().isEmpty()) {
      b.append(", attributes ").append(lead.attributes().keySet());
    }
    if (!lead.recentEventIds().isEmpty()) {
      b.append(", recent events ").append(lead.recentEventIds());
    }
    return b.toString();
  }

  /** The timers a move scheduled and cancelled, read from the lead before and after it. */
  static ImmutableList<Effect> withTimers(
      @Nullable Lead before, Lead after, Instant now, List<? extends Effect> actions) {
    ImmutableList.Builder<Effect> out = ImmutableList.builder();
    List<ScheduledTimer> old = before == null ? List.of() : before.timers();
    for (ScheduledTimer t : old) {
      // A timer gone that was due by now fired; one gone before it was due was cancelled.
      if (!after.timers().contains(t) && t.due().isAfter(now)) {
        out.add(new Effect.TimerCancelled(t));
      }
    }
    for (Effect e : actions) {
      if (e instanceof Action) {
        out.add(e);
      }
    }
    for (ScheduledTimer t : after.timers()) {
      if (!old.contains(t)) {
        out.add(new Effect.TimerScheduled(t));
      }
    }
    return out.build();
  }
}
