package dev.funnel.testing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.time.Instant;

/**
 * A lead's life in a funnel, as inputs: how it enters, the events that arrive, before which of them
 * time is advanced to the event's instant, and a last instant to advance to. {@link #play} runs it.
 * Immutable and thread-safe.
 *
 * @param funnel the funnel
 * @param arrival how the lead enters
 * @param events the events, in arrival order
 * @param advanceFirst for each event, whether to advance time to it before firing it
 * @param end the instant to advance to after the last event
 */
public record Scenario(
    Funnel funnel,
    Arrival arrival,
    ImmutableList<Event> events,
    ImmutableList<Boolean> advanceFirst,
    Instant end) {

  /**
   * Creates a scenario.
   *
   * @throws IllegalArgumentException if {@code advanceFirst} and {@code events} differ in size
   */
  public Scenario {
    events = ImmutableList.copyOf(events);
    advanceFirst = ImmutableList.copyOf(advanceFirst);
    checkArgument(events.size() == advanceFirst.size(), "one advance flag is needed per event");
  }

  /**
   * Plays the scenario in its own funnel.
   *
   * @return every call made, in order: the entry, then per event an optional advance and the fire,
   *     then the final advance
   */
  public ImmutableList<Move> play() {
    return play(funnel);
  }

  /**
   * Plays the scenario's inputs in another funnel, such as a rebuilt copy of its own.
   *
   * @param in the funnel to play in
   * @return every call made, in order
   */
  public ImmutableList<Move> play(Funnel in) {
    ImmutableList.Builder<Move> moves = ImmutableList.builder();
    Outcome entered = arrival.enter(in);
    moves.add(new Move(Move.Kind.ENTER, null, null, arrival.at(), entered));
    Lead lead = entered.lead();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (advanceFirst.get(i)) {
        Outcome advanced = in.advance(lead, e.at());
        moves.add(new Move(Move.Kind.ADVANCE, lead, null, e.at(), advanced));
        lead = advanced.lead();
      }
      Outcome fired = in.fire(lead, e);
      moves.add(new Move(Move.Kind.FIRE, lead, e, e.at(), fired));
      lead = fired.lead();
    }
    moves.add(new Move(Move.Kind.ADVANCE, lead, null, end, in.advance(lead, end)));
    return moves.build();
  }

  /** Returns the lead at the end of the scenario. */
  public Lead finalLead() {
    ImmutableList<Move> moves = play();
    return moves.get(moves.size() - 1).after();
  }
}
