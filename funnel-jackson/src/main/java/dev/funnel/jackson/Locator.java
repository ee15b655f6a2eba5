package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Condition;
import dev.funnel.FunnelDefinitionException;
import dev.funnel.Problem;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.FunnelFormatException.Located;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps the problems validation found back to the parts of the document they concern. A problem
 * names ids (a stage, an event type, an offer); the same ids may occur several times, and
 * validation reports one problem per occurrence in document order, so the n-th problem with the
 * same code and ids is placed at the n-th matching occurrence.
 */
final class Locator {
  private Locator() {}

  /** How many problems the message names; problems() has every one. */
  private static final int MESSAGE_PROBLEMS = 20;

  /** Where values start, by JSON Pointer, as far as known. */
  interface Locations {
    @Nullable JsonLocation at(String pointer);
  }

  static FunnelFormatException invalid(
      FunnelDefinitionException e, ModelReader.Parts parts, Locations locations) {
    Set<String> named = new HashSet<>();
    for (Problem p : e.problems()) {
      named.addAll(p.ids());
    }
    Index index = new Index(parts, named);
    Map<String, Integer> seen = new HashMap<>();
    ImmutableList.Builder<Located> located = ImmutableList.builder();
    for (Problem p : e.problems()) {
      List<String> candidates = candidates(p, index);
      int n = seen.merge(p.code() + "\u0000" + String.join("\u0000", p.ids()), 1, Integer::sum);
      String pointer =
          candidates.isEmpty() ? "" : candidates.get(Math.min(n, candidates.size()) - 1);
      located.add(new Located(p, pointer, -1, -1));
    }
    return locate(located.build(), locations);
  }

  /** Returns the exception for these problems, each placed where its value starts. */
  static FunnelFormatException locate(List<Located> problems, Locations locations) {
    ImmutableList.Builder<Located> located = ImmutableList.builder();
    StringBuilder summary = new StringBuilder();
    int n = 0;
    for (Located l : problems) {
      JsonLocation at = nearest(locations, l.pointer());
      located.add(
          new Located(
              l.problem(),
              l.pointer(),
              at == null ? -1 : at.getLineNr(),
              at == null ? -1 : at.getColumnNr()));
      if (n++ < MESSAGE_PROBLEMS) {
        summary
            .append(summary.length() == 0 ? "" : "; ")
            .append(l.problem().code())
            .append(" at ")
            .append(l.pointer().isEmpty() ? "the root" : l.pointer());
      }
    }
    if (n > MESSAGE_PROBLEMS) {
      summary.append("; and ").append(n - MESSAGE_PROBLEMS).append(" more");
    }
    ImmutableList<Located> all = located.build();
    Located first = all.get(0);
    int count = all.size();
    return new FunnelFormatException(
        Code.INVALID_DEFINITION,
        "the definition has "
            + count
            + (count == 1 ? " problem (" : " problems (")
            + summary
            + "); the first is",
        first.pointer(),
        first.line(),
        first.column(),
        all);
  }

  /** Returns the pointers whose locations {@link #locate} may ask for: each and its ancestors. */
  static Set<String> wanted(List<Located> problems) {
    Set<String> out = new HashSet<>();
    for (Located l : problems) {
      String p = l.pointer();
      while (out.add(p) && !p.isEmpty()) {
        p = p.substring(0, p.lastIndexOf('/'));
      }
    }
    return out;
  }

  private static @Nullable JsonLocation nearest(Locations locations, String pointer) {
    String p = pointer;
    while (true) {
      JsonLocation l = locations.at(p);
      if (l != null || p.isEmpty()) {
        return l;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /**
   * The parts of a definition by id, worked out once for all problems, so that placing them takes
   * time linear in the definition and the number of problems. Only the ids the problems name are
   * kept: a definition of tens of thousands of stages with a few problems indexes a few
   * (WideReadBenchmark: indexing every part took a fifth of refusing a 1 MiB definition).
   */
  static final class Index {
    final ModelReader.Parts parts;
    final Map<String, List<Integer>> stages = new HashMap<>();
    final Map<String, List<Integer>> offers = new HashMap<>();
    final Map<String, List<Integer>> transitionsByEvent = new HashMap<>();
    final Map<String, List<Integer>> timersByStage = new HashMap<>();

    Index(ModelReader.Parts parts, Set<String> named) {
      this.parts = parts;
      for (int i = 0; i < parts.stages.size(); i++) {
        add(stages, parts.stages.get(i).id(), i, named);
      }
      for (int i = 0; i < parts.offers.size(); i++) {
        add(offers, parts.offers.get(i).id(), i, named);
      }
      for (int i = 0; i < parts.transitions.size(); i++) {
        add(transitionsByEvent, parts.transitions.get(i).event(), i, named);
      }
      for (int i = 0; i < parts.timers.size(); i++) {
        add(timersByStage, parts.timers.get(i).stage(), i, named);
      }
    }

    private static void add(
        Map<String, List<Integer>> map, String id, int index, Set<String> named) {
      if (named.contains(id)) {
        map.computeIfAbsent(id, k -> new ArrayList<>(1)).add(index);
      }
    }

    /** Returns the indices of the parts with this id, in document order. */
    List<Integer> of(Map<String, List<Integer>> map, String id) {
      List<Integer> l = map.get(id);
      return l == null ? List.of() : l;
    }

    // Stages a transition names, by stage id: built on first use, only for unknown stages.
    private @Nullable Map<String, List<String>> stageMentions;

    List<String> stageMentions(String stage) {
      Map<String, List<String>> m = stageMentions;
      if (m == null) {
        m = new HashMap<>();
        List<Transition> transitions = parts.transitions;
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          int j = 0;
          for (String from : t.from()) {
            m.computeIfAbsent(from, k -> new ArrayList<>(1))
                .add("/transitions/" + i + "/from/" + j);
            j++;
          }
          String to = t.to();
          if (to != null) {
            m.computeIfAbsent(to, k -> new ArrayList<>(1)).add("/transitions/" + i + "/to");
          }
        }
        for (int i = 0; i < parts.timers.size(); i++) {
          m.computeIfAbsent(parts.timers.get(i).stage(), k -> new ArrayList<>(1))
              .add("/timers/" + i + "/stage");
        }
        stageMentions = m;
      }
      List<String> l = m.get(stage);
      return l == null ? List.of() : l;
    }
  }

  static List<String> candidates(Problem p, Index index) {
    ModelReader.Parts parts = index.parts;
    List<String> ids = p.ids();
    String a = ids.isEmpty() ? "" : ids.get(0);
    String b = ids.size() > 1 ? ids.get(1) : "";
    List<String> out = new ArrayList<>();
    List<Transition> transitions = parts.transitions;
    List<Timer> timers = parts.timers;
    switch (p.code()) {
      case DUPLICATE_ID -> {
        if (ids.size() == 1) {
          repeats(index.of(index.stages, a), "/stages/", out);
          if (out.isEmpty()) {
            repeats(index.of(index.offers, a), "/offers/", out);
          }
        } else {
          Set<Timer> seen = new HashSet<>();
          for (int i : index.of(index.timersByStage, a)) {
            Timer t = timers.get(i);
            if (t.event().equals(b) && !seen.add(t)) {
              out.add("/timers/" + i);
            }
          }
        }
      }
      case UNKNOWN_STAGE -> out.addAll(index.stageMentions(a));
      case UNKNOWN_OFFER -> {
        for (int i : index.of(index.transitionsByEvent, b)) {
          Transition t = transitions.get(i);
          bought(t.guard(), "/transitions/" + i + "/guard", a, out);
          for (int j = 0; j < t.actions().size(); j++) {
            Action action = t.actions().get(j);
            if (action.name().equals(Actions.PRESENT)
                && a.equals(String.valueOf(action.params().get("offer")))) {
              out.add("/transitions/" + i + "/actions/" + j);
            }
          }
        }
        for (int i : index.of(index.stages, b)) {
          List<Action> onEnter = parts.stages.get(i).onEnter();
          for (int j = 0; j < onEnter.size(); j++) {
            Action action = onEnter.get(j);
            if (action.name().equals(Actions.PRESENT)
                && a.equals(String.valueOf(action.params().get("offer")))) {
              out.add("/stages/" + i + "/onEnter/" + j);
            }
          }
        }
      }
      case NO_ENTRY_STAGE -> out.add("/stages");
      case TRANSITION_FROM_TERMINAL -> {
        for (int i : index.of(index.transitionsByEvent, b)) {
          int j = transitions.get(i).from().asList().indexOf(a);
          if (j >= 0) {
            out.add("/transitions/" + i + "/from/" + j);
          }
        }
      }
      case AMBIGUOUS_TRANSITIONS, SHADOWED_TRANSITION -> {
        List<Integer> applying = new ArrayList<>();
        for (int i : index.of(index.transitionsByEvent, b)) {
          Transition t = transitions.get(i);
          if (t.isFromAny() || t.from().contains(a)) {
            applying.add(i);
          }
        }
        applying.sort(Comparator.comparingInt((Integer i) -> -transitions.get(i).priority()));
        for (int k = 1; k < applying.size(); k++) {
          out.add("/transitions/" + applying.get(k));
        }
      }
      case TIMER_ON_TERMINAL, UNHANDLED_EVENT -> {
        for (int i : index.of(index.timersByStage, a)) {
          if (timers.get(i).event().equals(b)) {
            out.add("/timers/" + i);
          }
        }
      }
      case MISSING_SOURCE -> {
        for (int i : index.of(index.transitionsByEvent, a)) {
          out.add("/transitions/" + i);
        }
      }
      case INVALID_ACTION -> {
        for (int i : index.of(index.transitionsByEvent, b)) {
          Transition t = transitions.get(i);
          for (int j = 0; j < t.actions().size(); j++) {
            if (t.actions().get(j).name().equals(a)) {
              out.add("/transitions/" + i + "/actions/" + j);
            }
          }
        }
        for (int i : index.of(index.stages, b)) {
          List<Action> onEnter = parts.stages.get(i).onEnter();
          for (int j = 0; j < onEnter.size(); j++) {
            if (onEnter.get(j).name().equals(a)) {
              out.add("/stages/" + i + "/onEnter/" + j);
            }
          }
        }
      }
      case INVALID_OFFER -> first(index.of(index.offers, a), "/offers/", out);
      case INVALID_EXPERIMENT -> ControlsFormat.experimentPointers(parts.experiments, a, out);
      case INVALID_CONTACT_POLICY -> ControlsFormat.capPointers(parts.contact.caps, a, out);
      case INVALID_GOAL, INVALID_EXIT, INVALID_SCORING, INVALID_WAIT ->
          JourneyFormat.pointers(p, parts, out);
      default -> {
        // TERMINAL_ENTRY, UNREACHABLE_STAGE, NO_WAY_OUT and codes added later
        first(index.of(index.stages, a), "/stages/", out);
        if (out.isEmpty()) {
          first(index.of(index.offers, a), "/offers/", out);
        }
      }
    }
    return out;
  }

  private static void first(List<Integer> at, String prefix, List<String> out) {
    if (!at.isEmpty()) {
      out.add(prefix + at.get(0));
    }
  }

  private static void repeats(List<Integer> at, String prefix, List<String> out) {
    for (int k = 1; k < at.size(); k++) {
      out.add(prefix + at.get(k));
    }
  }

  private static void bought(Condition c, String pointer, String offer, List<String> out) {
    c.accept(new OfferPointers(pointer, offer, out));
  }

  /** Adds the pointer of every part of a guard that names the offer, walking all of it. */
  private static final class OfferPointers implements Condition.Visitor<Boolean> {
    private final String pointer;
    private final String offer;
    private final List<String> out;

    OfferPointers(String pointer, String offer, List<String> out) {
      this.pointer = pointer;
      this.offer = offer;
      this.out = out;
    }

    private Boolean names(String named) {
      if (named.equals(offer)) {
        out.add(pointer);
      }
      return true;
    }

    private Boolean each(List<Condition> parts, String kind) {
      for (int k = 0; k < parts.size(); k++) {
        parts.get(k).accept(new OfferPointers(pointer + "/" + kind + "/" + k, offer, out));
      }
      return true;
    }

    @Override
    public Boolean always(Condition.Always c) {
      return true;
    }

    @Override
    public Boolean attribute(Condition.Attribute c) {
      return true;
    }

    @Override
    public Boolean channelIs(Condition.ChannelIs c) {
      return true;
    }

    @Override
    public Boolean ownerIs(Condition.OwnerIs c) {
      return true;
    }

    @Override
    public Boolean inSegment(Condition.InSegment c) {
      return true;
    }

    @Override
    public Boolean bought(Condition.Bought c) {
      return names(c.offer());
    }

    @Override
    public Boolean offerIs(Condition.OfferIs c) {
      return names(c.offer());
    }

    @Override
    public Boolean timeInStage(Condition.TimeInStage c) {
      return true;
    }

    @Override
    public Boolean all(Condition.All c) {
      return each(c.conditions(), "all");
    }

    @Override
    public Boolean any(Condition.Any c) {
      return each(c.conditions(), "any");
    }

    @Override
    public Boolean not(Condition.Not c) {
      return c.condition().accept(new OfferPointers(pointer + "/not", offer, out));
    }

    @Override
    public Boolean custom(Condition.Custom c) {
      return true;
    }
  }
}
