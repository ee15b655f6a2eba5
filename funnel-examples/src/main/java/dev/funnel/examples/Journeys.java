package dev.funnel.examples;

import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives leads through a funnel with the pure core, as a runtime would: before each event the
 * timers that fell due fire first. Prints each step with its effects and keeps the journal of step
 * records for the figures. Not thread-safe.
 */
final class Journeys {
  private final Funnel funnel;
  private final PrintStream out;
  private final List<Step> journal = new ArrayList<>();

  Journeys(Funnel funnel, PrintStream out) {
    this.funnel = funnel;
    this.out = out;
  }

  /**
   * Enters a lead, fires its events in order, lets its timers run until {@code end} and prints
   * where it ended.
   */
  Lead run(String leadId, String channel, Instant at, List<Event> events, Instant end) {
    return run(funnel.enter(leadId, channel, at), events, end);
  }

  /** Drives a lead already entered (with attributes, an owner...) like {@link #run}. */
  Lead run(Outcome entered, List<Event> events, Instant end) {
    Lead lead = entered.lead();
    out.printf("%n%s (from %s)%n", lead.id(), lead.channel());
    print(entered);
    for (Event event : events) {
      // Timers that fell due before this event fire first, as a runtime would do.
      Outcome fired = funnel.fire(catchUp(lead, event.at()), event);
      print(fired);
      if (fired.isRefused()) {
        out.printf(
            "  %-20s %-25s refused: %s%n", event.at(), event.type(), fired.refusal().orElseThrow());
      }
      lead = fired.lead();
    }
    lead = catchUp(lead, end);
    List<String> bought = new ArrayList<>();
    lead.purchases().forEach(p -> bought.add(p.offer() + " " + p.amount()));
    out.printf("  => %s, version %d, bought %s%n", lead.stage(), lead.version(), bought);
    return lead;
  }

  /** Returns the step records of every lead driven so far, in the order they happened per lead. */
  List<Step> journal() {
    return List.copyOf(journal);
  }

  /** Fires the lead's timers one due instant at a time, printing each step with its effects. */
  private Lead catchUp(Lead lead, Instant until) {
    while (!lead.timers().isEmpty() && !lead.timers().get(0).due().isAfter(until)) {
      Outcome fired = funnel.advance(lead, lead.timers().get(0).due());
      print(fired);
      lead = fired.lead();
    }
    return lead;
  }

  private void print(Outcome outcome) {
    for (Step step : outcome.steps()) {
      journal.add(step);
      String from = step.from();
      String move =
          from == null
              ? "entered " + step.to()
              : from.equals(step.to()) ? "stayed in " + step.to() : from + " -> " + step.to();
      String type = step.eventType();
      out.printf("  %-20s %-25s %s%n", step.at(), type == null ? "" : type, move);
    }
    for (Effect effect : outcome.effects()) {
      out.printf("  %-20s %-25s   %s%n", "", "", describe(effect));
    }
  }

  /** Describes an effect in a few words. */
  static String describe(Effect effect) {
    if (effect instanceof Effect.TimerScheduled scheduled) {
      return "timer " + scheduled.timer().event() + " set for " + scheduled.timer().due();
    }
    if (effect instanceof Effect.TimerCancelled cancelled) {
      return "timer " + cancelled.timer().event() + " cancelled";
    }
    return effect.toString();
  }
}
