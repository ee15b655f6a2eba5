package dev.funnel.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purchase;
import dev.funnel.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Re-runs a {@link Journal} against a definition, or against a candidate and its migration, and
 * reports what would differ from the run against the baseline, per lead and per figure ({@link
 * ReplayDiff}): the check a team runs before publishing a change.
 *
 * <pre>{@code
 * ReplayDiff diff = Replay.of(journal)
 *     .cr1("visitor", "cold-lead")
 *     .cr2("cold-lead", "buyer")
 *     .compare(migration, Instant.parse("2026-03-04T00:00:00Z"));
 * String text = diff.render(); // per lead, then per figure: before, after, difference
 * }</pre>
 *
 * <p>Each lead enters as it arrived, time is advanced to each event before it is fired (firing the
 * timers the definition schedules), and last to the journal's end. With a migration, the leads play
 * on the old version until the migration instant, are migrated then, and play on; leads that arrive
 * later enter the new version. Pure: no I/O, no clock. Not thread-safe while being set up; {@link
 * #run} and {@link #compare} may be called from any thread once it is.
 */
public final class Replay {
  private final Journal journal;
  private @Nullable String visitors;
  private @Nullable String leads;
  private @Nullable String sales;

  private Replay(Journal journal) {
    this.journal = journal;
  }

  /**
   * Starts a replay of a journal.
   *
   * @param journal the recorded leads and events
   * @return a replay
   */
  public static Replay of(Journal journal) {
    return new Replay(requireNonNull(journal, "journal"));
  }

  /**
   * Names the stages CR1 is counted between; the first entry stage and the stage after it in
   * declaration order by default.
   *
   * @param visitors the stage visitors enter at
   * @param leads the stage a visitor reaches by leaving a contact
   * @return this replay
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public Replay cr1(String visitors, String leads) {
    requireNonNull(visitors, "visitors");
    requireNonNull(leads, "leads");
    checkState(
        this.visitors == null, "cr1 was already set to '%s' -> '%s'", this.visitors, this.leads);
    checkState(this.leads == null || this.leads.equals(leads), "cr2 starts at '%s'", this.leads);
    this.visitors = visitors;
    this.leads = leads;
    return this;
  }

  /**
   * Names the stages CR2 is counted between; the lead stage of CR1 and the first won stage, or the
   * stage after it, by default.
   *
   * @param leads the lead stage
   * @param sales the stage reached by a sale
   * @return this replay
   * @throws IllegalStateException if it was already set, or CR1 names another lead stage
   */
  @CanIgnoreReturnValue
  public Replay cr2(String leads, String sales) {
    requireNonNull(leads, "leads");
    requireNonNull(sales, "sales");
    checkState(this.sales == null, "cr2 was already set to '%s' -> '%s'", this.leads, this.sales);
    checkState(
        this.leads == null || this.leads.equals(leads),
        "cr1 counts leads at '%s', not '%s'",
        this.leads,
        leads);
    this.leads = leads;
    this.sales = sales;
    return this;
  }

  /**
   * Replays the journal against a definition.
   *
   * @param funnel the definition
   * @return where each lead ended, what it was sent and bought, and every step
   */
  public Run run(Funnel funnel) {
    requireNonNull(funnel, "funnel");
    return play(funnel, null, null);
  }

  /**
   * Replays the journal against a migration's old version until an instant, migrates every lead
   * then, and plays on against the new version.
   *
   * @param migration the migration
   * @param at when the leads are migrated
   * @return where each lead ended, what it was sent and bought, and every step
   */
  public Run run(Migration migration, Instant at) {
    requireNonNull(migration, "migration");
    requireNonNull(at, "at");
    return play(migration.from(), migration, at);
  }

  /**
   * Compares the journal replayed against a baseline and against a candidate definition, each from
   * the start.
   *
   * @param baseline the definition the leads ran on
   * @param candidate the changed definition
   * @return the differences, empty if none
   * @throws IllegalArgumentException if the two are definitions of different funnels
   */
  public ReplayDiff compare(Funnel baseline, Funnel candidate) {
    checkArgument(
        baseline.id().equals(candidate.id()),
        "funnels '%s' and '%s' are different funnels",
        baseline.id(),
        candidate.id());
    return ReplayDiff.of(
        figureStages(baseline),
        run(baseline),
        run(candidate),
        "replay of funnel '"
            + baseline.id()
            + "': version "
            + baseline.version()
            + " against version "
            + candidate.version());
  }

  /**
   * Compares the journal replayed against a migration's old version and against the migration
   * applied at an instant.
   *
   * @param migration the migration
   * @param at when the leads are migrated
   * @return the differences, empty if none
   */
  public ReplayDiff compare(Migration migration, Instant at) {
    Funnel from = migration.from();
    return ReplayDiff.of(
        figureStages(from),
        run(from),
        run(migration, at),
        "replay of funnel '"
            + from.id()
            + "': version "
            + from.version()
            + " against version "
            + migration.to().version()
            + " migrated at "
            + at);
  }

  private ImmutableList<String> figureStages(Funnel f) {
    String v = visitors;
    String l = leads;
    String s = sales;
    if (v == null) {
      v = f.entryStages().isEmpty() ? f.stages().get(0).id() : f.entryStages().get(0).id();
    }
    if (l == null) {
      l = after(f, v);
    }
    if (s == null) {
      s =
          f.stages().stream()
              .filter(st -> st.isTerminal() && st.kind() == dev.funnel.Stage.Kind.WON)
              .map(dev.funnel.Stage::id)
              .findFirst()
              .orElse(after(f, l));
    }
    return ImmutableList.of(v, l, s);
  }

  private static String after(Funnel f, String stage) {
    for (int i = 0; i < f.stages().size() - 1; i++) {
      if (f.stages().get(i).id().equals(stage)) {
        return f.stages().get(i + 1).id();
      }
    }
    return stage;
  }

  private Run play(Funnel first, @Nullable Migration migration, @Nullable Instant at) {
    Funnel last = migration == null ? first : migration.to();
    Map<String, Journey> journeys = new LinkedHashMap<>();
    List<Step> steps = new ArrayList<>();
    for (Journal.Arrival a : journal.arrivals()) {
      boolean late = at != null && a.at().isAfter(at);
      Funnel f = late ? last : first;
      Player p = new Player(f, migration, at, steps);
      p.enter(a);
      for (Event e : journal.events(a.leadId())) {
        p.fire(e);
      }
      p.advance(journal.end());
      journeys.put(a.leadId(), p.journey());
    }
    return new Run(last, ImmutableMap.copyOf(journeys), ImmutableList.copyOf(steps));
  }

  /** One lead played through, migrated once its time comes. */
  private static final class Player {
    private Funnel funnel;
    private final @Nullable Migration migration;
    private final @Nullable Instant at;
    private final List<Step> steps;
    private final List<String> sent = new ArrayList<>();
    private final List<String> offered = new ArrayList<>();
    private @Nullable Lead lead;

    Player(Funnel funnel, @Nullable Migration migration, @Nullable Instant at, List<Step> steps) {
      this.funnel = funnel;
      this.migration = migration;
      this.at = at;
      this.steps = steps;
    }

    void enter(Journal.Arrival a) {
      Funnel.Entry entry = funnel.newLead(a.leadId(), a.channel());
      if (a.owner() != null) {
        entry.owner(a.owner());
      }
      if (a.stage() != null) {
        entry.stage(a.stage());
      }
      entry.attributes(a.attributes());
      take(entry.enter(a.at()));
    }

    void fire(Event e) {
      advance(e.at());
      take(funnel.fire(current(), e));
    }

    void advance(Instant until) {
      Migration m = migration;
      Instant when = at;
      if (m != null && when != null && !until.isBefore(when) && m.appliesTo(current())) {
        take(funnel.advance(current(), when));
        take(m.migrate(current(), when));
        funnel = m.to();
      }
      take(funnel.advance(current(), until));
    }

    private Lead current() {
      return requireNonNull(lead, "lead");
    }

    private void take(Outcome o) {
      lead = o.lead();
      if (!o.isAccepted()) {
        return;
      }
      steps.addAll(o.steps());
      for (Effect e : o.effects()) {
        if (e instanceof Action a && a.name().equals(Actions.SEND)) {
          sent.add(a.param("template").orElse(""));
        } else if (e instanceof Action a && a.name().equals(Actions.PRESENT)) {
          offered.add(a.param("offer").orElse(""));
        }
      }
    }

    Journey journey() {
      Lead l = current();
      ImmutableList.Builder<String> bought = ImmutableList.builder();
      for (Purchase p : l.purchases()) {
        bought.add(p.offer());
      }
      return new Journey(
          l, ImmutableList.copyOf(sent), ImmutableList.copyOf(offered), bought.build());
    }
  }

  /**
   * Where one replayed lead ended. Immutable and thread-safe.
   *
   * @param lead the lead at the end of the journal
   * @param sent the templates of the messages it was sent, in order
   * @param offered the offers presented to it, in order
   * @param bought the offers it bought, in order
   */
  public record Journey(
      Lead lead,
      ImmutableList<String> sent,
      ImmutableList<String> offered,
      ImmutableList<String> bought) {
    /**
     * Creates a journey.
     *
     * @param lead the lead at the end of the journal
     * @param sent the templates of the messages it was sent, in order
     * @param offered the offers presented to it, in order
     * @param bought the offers it bought, in order
     */
    public Journey {
      requireNonNull(lead, "lead");
      sent = ImmutableList.copyOf(sent);
      offered = ImmutableList.copyOf(offered);
      bought = ImmutableList.copyOf(bought);
    }
  }

  /**
   * A journal replayed against one definition. Immutable and thread-safe.
   *
   * @param funnel the definition the leads ended on
   * @param journeys each lead's journey, in arrival order
   * @param steps every accepted step, in the order they were taken
   */
  public record Run(
      Funnel funnel, ImmutableMap<String, Journey> journeys, ImmutableList<Step> steps) {
    /**
     * Creates a run.
     *
     * @param funnel the definition the leads ended on
     * @param journeys each lead's journey, in arrival order
     * @param steps every accepted step, in the order they were taken
     */
    public Run {
      requireNonNull(funnel, "funnel");
      journeys = ImmutableMap.copyOf(journeys);
      steps = ImmutableList.copyOf(steps);
    }
  }
}
