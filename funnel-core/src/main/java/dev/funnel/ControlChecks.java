package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the problems of a definition's contact policy, experiments and message purposes, adding
 * each to the errors, all at once.
 */
final class ControlChecks {
  private ControlChecks() {}

  static void check(
      List<FrequencyCap> caps,
      List<Experiment> experiments,
      List<Transition> transitions,
      List<Stage> stages,
      List<Problem> errors) {
    Set<FrequencyCap> seenCaps = new HashSet<>();
    for (FrequencyCap c : caps) {
      if (!seenCaps.add(c)) {
        errors.add(
            new Problem(
                Problem.Code.INVALID_CONTACT_POLICY,
                ImmutableList.of(c.channel()),
                "frequency cap on '" + c.channel() + "' per " + per(c) + " is declared twice",
                "keep one of them"));
      }
    }
    Set<String> ids = new HashSet<>();
    for (Experiment e : experiments) {
      if (!ids.add(e.id())) {
        errors.add(
            problem(e, "experiment '" + e.id() + "' is declared twice", "give each its own id"));
      }
      if (e.arms().size() < 2) {
        errors.add(
            problem(
                e,
                "experiment '" + e.id() + "' has " + e.arms().size() + " arms",
                "give it at least two arms, such as a treated arm and a holdout"));
      }
      if (e.attribute().length() > Lead.MAX_ATTRIBUTE_NAME_LENGTH) {
        errors.add(
            problem(
                e,
                "experiment '"
                    + e.id()
                    + "' gives its arm in an attribute longer than "
                    + Lead.MAX_ATTRIBUTE_NAME_LENGTH
                    + " characters",
                "shorten the experiment's id"));
      }
      Set<String> arms = new HashSet<>();
      for (Experiment.Arm a : e.arms()) {
        if (!arms.add(a.name())) {
          errors.add(
              problem(
                  e,
                  "experiment '" + e.id() + "' has two arms named '" + a.name() + "'",
                  "give each arm its own name"));
        }
      }
    }
    for (Transition t : transitions) {
      for (Action a : t.actions()) {
        purpose(a, t.event(), "transition '" + t.describe() + "'", errors);
      }
    }
    for (Stage s : stages) {
      for (Action a : s.onEnter()) {
        purpose(a, s.id(), "entering stage '" + s.id() + "'", errors);
      }
    }
  }

  /** Reports a message whose purpose is neither of the two; {@code id} is its event or stage. */
  private static void purpose(Action a, String id, String where, List<Problem> errors) {
    if (!a.name().equals(Actions.SEND)) {
      return;
    }
    Object purpose = a.params().get(Purpose.PARAM);
    if (purpose != null && !(purpose instanceof String s && Purpose.named(s).isPresent())) {
      errors.add(
          new Problem(
              Problem.Code.INVALID_ACTION,
              ImmutableList.of(a.name(), id),
              "action 'send' of "
                  + where
                  + " has a purpose that is neither 'marketing' nor 'transactional'",
              "use Actions.send(template, channel, Purpose.TRANSACTIONAL)"));
    }
  }

  private static String per(FrequencyCap c) {
    return c.per() == FrequencyCap.Per.WINDOW ? String.valueOf(c.window()) : c.per().name();
  }

  private static Problem problem(Experiment e, String message, String hint) {
    return new Problem(Problem.Code.INVALID_EXPERIMENT, ImmutableList.of(e.id()), message, hint);
  }
}
