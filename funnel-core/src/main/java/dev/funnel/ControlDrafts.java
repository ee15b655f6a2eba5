package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The journey controls of a funnel while it is being built (goals, exits, the re-entry policy and
 * the scoring) and their check against the rest of the definition, which reports every problem. Not
 * thread-safe.
 */
final class ControlDrafts {
  final List<GoalDraft> goals = new ArrayList<>();
  final List<ExitDraft> exits = new ArrayList<>();
  @Nullable ReEntry reEntry;
  @Nullable Scoring scoring;

  /** Copies a built funnel's controls, nothing of them counted as set. */
  void copy(Funnel f) {
    for (Goal g : f.goals()) {
      GoalDraft d = new GoalDraft(g.id());
      d.event = g.event();
      d.condition = g.condition();
      d.within = g.within();
      d.to = g.to();
      goals.add(d);
    }
    for (Exit x : f.exits()) {
      ExitDraft d = new ExitDraft(x.reason());
      d.event = x.event();
      d.condition = x.condition();
      d.to = x.to();
      exits.add(d);
    }
    reEntry = f.reEntry().orElse(null);
    scoring = f.scoring().isEmpty() ? null : f.scoring();
  }

  /** A goal being declared. */
  static final class GoalDraft {
    final String id;
    @Nullable String event;
    Condition condition = Condition.ALWAYS;
    boolean conditionSet;
    @Nullable Duration within;
    @Nullable String to;

    GoalDraft(String id) {
      this.id = id;
    }
  }

  /** An exit being declared. */
  static final class ExitDraft {
    final String reason;
    @Nullable String event;
    Condition condition = Condition.ALWAYS;
    boolean conditionSet;
    @Nullable String to;

    ExitDraft(String reason) {
      this.reason = reason;
    }
  }

  /**
   * Checks the controls against the completed stages, transitions and offers, adding every problem
   * found, and returns the controls that are complete.
   */
  Controls check(
      List<Stage> stages,
      List<Transition> transitions,
      List<Offer> offers,
      List<Problem> problems) {
    Map<String, Stage> byId = new HashMap<>();
    for (Stage s : stages) {
      byId.putIfAbsent(s.id(), s);
    }
    Set<String> offerIds = new HashSet<>();
    for (Offer o : offers) {
      offerIds.add(o.id());
    }
    ImmutableList.Builder<Goal> goalParts = ImmutableList.builder();
    Set<String> seen = new HashSet<>();
    for (GoalDraft g : goals) {
      String where = "goal '" + g.id + "'";
      if (!seen.add(g.id)) {
        problems.add(
            problem(
                Problem.Code.DUPLICATE_ID,
                g.id,
                "goal id '" + g.id + "' is declared twice",
                "give each goal its own id"));
        continue;
      }
      boolean complete = stage(where, g.id, g.to, byId, false, Problem.Code.INVALID_GOAL, problems);
      if (g.event == null && !g.conditionSet) {
        problems.add(
            problem(
                Problem.Code.INVALID_GOAL,
                g.id,
                where + " has neither an event nor a condition",
                "add .onEvent(\"event\") or .when(condition)"));
        complete = false;
      }
      complete &= offers(where, g.id, g.condition, offerIds, problems);
      if (complete) {
        goalParts.add(new Goal(g.id, g.event, g.condition, g.within, requireTo(g.to)));
      }
    }
    ImmutableList.Builder<Exit> exitParts = ImmutableList.builder();
    seen.clear();
    for (ExitDraft x : exits) {
      String where = "exit '" + x.reason + "'";
      if (!seen.add(x.reason)) {
        problems.add(
            problem(
                Problem.Code.DUPLICATE_ID,
                x.reason,
                "exit reason '" + x.reason + "' is declared twice",
                "give each exit its own reason"));
        continue;
      }
      boolean complete =
          stage(where, x.reason, x.to, byId, true, Problem.Code.INVALID_EXIT, problems);
      if (x.event == null && !x.conditionSet) {
        problems.add(
            problem(
                Problem.Code.INVALID_EXIT,
                x.reason,
                where + " has neither an event nor a condition",
                "add .onEvent(\"event\") or .when(condition)"));
        complete = false;
      }
      complete &= offers(where, x.reason, x.condition, offerIds, problems);
      if (complete) {
        exitParts.add(new Exit(x.reason, x.event, x.condition, requireTo(x.to)));
      }
    }
    Scoring s = scoring == null ? Scoring.NONE : scoring;
    if (s.isEmpty() && !s.thresholds().isEmpty()) {
      problems.add(
          new Problem(
              Problem.Code.INVALID_SCORING,
              ImmutableList.of(),
              "score thresholds are declared but no rule gives points",
              "add .points(\"event\", n) to the scoring"));
    }
    boolean rulesKnown = true;
    for (Scoring.Rule r : s.rules()) {
      rulesKnown &=
          offers(
              "the scoring rule for '" + r.event() + "'",
              r.event(),
              r.condition(),
              offerIds,
              problems);
    }
    if (!rulesKnown) {
      s = Scoring.NONE;
    }
    Set<String> taken = new HashSet<>();
    for (Transition t : transitions) {
      taken.add(t.event());
    }
    for (GoalDraft g : goals) {
      if (g.event != null) {
        taken.add(g.event);
      }
    }
    for (ExitDraft x : exits) {
      if (x.event != null) {
        taken.add(x.event);
      }
    }
    for (Scoring.Threshold t : s.thresholds()) {
      if (!taken.contains(t.fire())) {
        problems.add(
            problem(
                Problem.Code.UNHANDLED_EVENT,
                t.fire(),
                "the score threshold at "
                    + t.points()
                    + " fires '"
                    + t.fire()
                    + "', which no transition, goal or exit takes",
                "add a transition on '" + t.fire() + "', or remove the threshold"));
      }
    }
    return Controls.of(goalParts.build(), exitParts.build(), reEntry, s);
  }

  private static String requireTo(@Nullable String to) {
    if (to == null) {
      throw new IllegalStateException("a checked control names no stage");
    }
    return to;
  }

  /** Checks a control's stage: named, known and, for an exit, terminal. */
  private static boolean stage(
      String where,
      String id,
      @Nullable String to,
      Map<String, Stage> byId,
      boolean terminal,
      Problem.Code code,
      List<Problem> problems) {
    if (to == null) {
      problems.add(problem(code, id, where + " names no stage", "add .to(\"stage\")"));
      return false;
    }
    Stage s = byId.get(to);
    if (s == null) {
      problems.add(
          new Problem(
              Problem.Code.UNKNOWN_STAGE,
              ImmutableList.of(id, to),
              where + " goes to stage '" + to + "', which the funnel lacks",
              "declare stage '" + to + "' or name another"));
      return false;
    }
    if (terminal && !s.isTerminal()) {
      problems.add(
          new Problem(
              code,
              ImmutableList.of(id, to),
              where + " goes to stage '" + to + "', which is not terminal",
              "an exit takes the lead out of the funnel: mark '" + to + "' lost or junk"));
      return false;
    }
    return true;
  }

  private static boolean offers(
      String where, String id, Condition c, Set<String> offerIds, List<Problem> problems) {
    boolean known = true;
    for (String offer : Mentions.of(c).offers()) {
      if (!offerIds.contains(offer)) {
        problems.add(
            new Problem(
                Problem.Code.UNKNOWN_OFFER,
                ImmutableList.of(id, offer),
                where + " names offer '" + offer + "', which the funnel lacks",
                "declare offer '" + offer + "' or name another"));
        known = false;
      }
    }
    return known;
  }

  private static Problem problem(Problem.Code code, String id, String message, String hint) {
    return new Problem(code, ImmutableList.of(id), message, hint);
  }
}
