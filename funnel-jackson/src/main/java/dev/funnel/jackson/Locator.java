package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Condition;
import dev.funnel.FunnelDefinitionException;
import dev.funnel.Offer;
import dev.funnel.Problem;
import dev.funnel.Stage;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.FunnelFormatException.Located;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps the problems validation found back to the parts of the document they concern. A problem
 * names ids (a stage, an event type, an offer); the same ids may occur several times, and
 * validation reports one problem per occurrence in document order, so the n-th problem with the
 * same code and ids is placed at the n-th matching occurrence.
 */
final class Locator {
  private Locator() {}

  static FunnelFormatException invalid(
      FunnelDefinitionException e, ModelReader.Parts parts, Input in) {
    Map<String, Integer> seen = new HashMap<>();
    ImmutableList.Builder<Located> located = ImmutableList.builder();
    StringBuilder summary = new StringBuilder();
    for (Problem p : e.problems()) {
      List<String> candidates = candidates(p, parts);
      int n = seen.merge(p.code() + "\u0000" + String.join("\u0000", p.ids()), 1, Integer::sum);
      String pointer =
          candidates.isEmpty() ? "" : candidates.get(Math.min(n, candidates.size()) - 1);
      JsonLocation at = nearest(in, pointer);
      located.add(
          new Located(
              p, pointer, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr()));
      summary
          .append(summary.length() == 0 ? "" : "; ")
          .append(p.code())
          .append(" at ")
          .append(pointer.isEmpty() ? "the root" : pointer);
    }
    ImmutableList<Located> problems = located.build();
    Located first = problems.get(0);
    int count = problems.size();
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
        problems);
  }

  private static @Nullable JsonLocation nearest(Input in, String pointer) {
    String p = pointer;
    while (true) {
      JsonLocation l = in.location(p);
      if (l != null || p.isEmpty()) {
        return l;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  static List<String> candidates(Problem p, ModelReader.Parts parts) {
    List<String> ids = p.ids();
    String a = ids.isEmpty() ? "" : ids.get(0);
    String b = ids.size() > 1 ? ids.get(1) : "";
    List<String> out = new ArrayList<>();
    List<Stage> stages = parts.stages;
    List<Transition> transitions = parts.transitions;
    List<Timer> timers = parts.timers;
    switch (p.code()) {
      case DUPLICATE_ID -> {
        if (ids.size() == 1) {
          repeats(stages.stream().map(Stage::id).toList(), a, "/stages/", out);
          if (out.isEmpty()) {
            repeats(parts.offers.stream().map(Offer::id).toList(), a, "/offers/", out);
          }
        } else {
          for (int i = 0; i < timers.size(); i++) {
            Timer t = timers.get(i);
            if (t.stage().equals(a) && t.event().equals(b) && timers.subList(0, i).contains(t)) {
              out.add("/timers/" + i);
            }
          }
        }
      }
      case UNKNOWN_STAGE -> {
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          int j = 0;
          for (String from : t.from()) {
            if (from.equals(a)) {
              out.add("/transitions/" + i + "/from/" + j);
            }
            j++;
          }
          if (a.equals(t.to())) {
            out.add("/transitions/" + i + "/to");
          }
        }
        for (int i = 0; i < timers.size(); i++) {
          if (timers.get(i).stage().equals(a)) {
            out.add("/timers/" + i + "/stage");
          }
        }
      }
      case UNKNOWN_OFFER -> {
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          if (t.event().equals(b)) {
            bought(t.guard(), "/transitions/" + i + "/guard", a, out);
            for (int j = 0; j < t.actions().size(); j++) {
              Action action = t.actions().get(j);
              if (action.name().equals(Actions.PRESENT)
                  && a.equals(String.valueOf(action.params().get("offer")))) {
                out.add("/transitions/" + i + "/actions/" + j);
              }
            }
          }
        }
      }
      case NO_ENTRY_STAGE -> out.add("/stages");
      case TRANSITION_FROM_TERMINAL -> {
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          int j = t.from().asList().indexOf(a);
          if (t.event().equals(b) && j >= 0) {
            out.add("/transitions/" + i + "/from/" + j);
          }
        }
      }
      case AMBIGUOUS_TRANSITIONS, SHADOWED_TRANSITION -> {
        List<Integer> applying = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          if (t.event().equals(b) && (t.isFromAny() || t.from().contains(a))) {
            applying.add(i);
          }
        }
        applying.sort(Comparator.comparingInt((Integer i) -> -transitions.get(i).priority()));
        for (int k = 1; k < applying.size(); k++) {
          out.add("/transitions/" + applying.get(k));
        }
      }
      case TIMER_ON_TERMINAL, UNHANDLED_EVENT -> {
        for (int i = 0; i < timers.size(); i++) {
          if (timers.get(i).stage().equals(a) && timers.get(i).event().equals(b)) {
            out.add("/timers/" + i);
          }
        }
      }
      case MISSING_SOURCE -> {
        for (int i = 0; i < transitions.size(); i++) {
          if (transitions.get(i).event().equals(a)) {
            out.add("/transitions/" + i);
          }
        }
      }
      case INVALID_ACTION -> {
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          for (int j = 0; j < t.actions().size(); j++) {
            if (t.event().equals(b) && t.actions().get(j).name().equals(a)) {
              out.add("/transitions/" + i + "/actions/" + j);
            }
          }
        }
      }
      case INVALID_OFFER ->
          first(parts.offers.stream().map(Offer::id).toList(), a, "/offers/", out);
      default -> {
        // TERMINAL_ENTRY, UNREACHABLE_STAGE, NO_WAY_OUT and codes added later
        first(stages.stream().map(Stage::id).toList(), a, "/stages/", out);
        if (out.isEmpty()) {
          first(parts.offers.stream().map(Offer::id).toList(), a, "/offers/", out);
        }
      }
    }
    return out;
  }

  private static void first(List<String> ids, String id, String prefix, List<String> out) {
    int i = ids.indexOf(id);
    if (i >= 0) {
      out.add(prefix + i);
    }
  }

  private static void repeats(List<String> ids, String id, String prefix, List<String> out) {
    boolean seen = false;
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).equals(id)) {
        if (seen) {
          out.add(prefix + i);
        }
        seen = true;
      }
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
