package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds every problem in a funnel definition at once. */
final class Validator {
  private final List<Stage> stages;
  private final List<Transition> transitions;
  private final List<Transition> unsourced;
  private final List<Timer> timers;
  private final List<Offer> offers;
  private final Map<String, Stage> stageById = new LinkedHashMap<>();
  private final Set<String> offerIds = new HashSet<>();
  private final List<Problem> problems = new ArrayList<>();

  private Validator(
      List<Stage> stages,
      List<Transition> transitions,
      List<Transition> unsourced,
      List<Timer> timers,
      List<Offer> offers) {
    this.stages = stages;
    this.transitions = transitions;
    this.unsourced = unsourced;
    this.timers = timers;
    this.offers = offers;
  }

  /**
   * Returns every error and warning, errors first, each group in a stable order. {@code unsourced}
   * are transitions lacking a source stage, already reported: only their target, guard and actions
   * are checked.
   */
  static ImmutableList<Problem> validate(
      List<Stage> stages,
      List<Transition> transitions,
      List<Transition> unsourced,
      List<Timer> timers,
      List<Offer> offers) {
    Validator v = new Validator(stages, transitions, unsourced, timers, offers);
    v.run();
    return ImmutableList.sortedCopyOf(
        Comparator.comparing((Problem p) -> p.code().isWarning()), v.problems);
  }

  private void add(Problem.Code code, List<String> ids, String message, String hint) {
    problems.add(new Problem(code, ImmutableList.copyOf(ids), message, hint));
  }

  private void run() {
    checkIds();
    checkEntries();
    checkTransitions();
    checkTimers();
    checkOffers();
    checkReachability();
    checkWaysOut();
    checkDispatch();
  }

  private void checkIds() {
    for (Stage s : stages) {
      if (stageById.putIfAbsent(s.id(), s) != null) {
        add(
            Problem.Code.DUPLICATE_ID,
            List.of(s.id()),
            "stage '" + s.id() + "' is declared more than once",
            "give each stage a unique id");
      }
    }
    for (Offer o : offers) {
      if (!offerIds.add(o.id())) {
        add(
            Problem.Code.DUPLICATE_ID,
            List.of(o.id()),
            "offer '" + o.id() + "' is declared more than once",
            "give each offer a unique id");
      }
    }
    Set<Timer> seen = new HashSet<>();
    for (Timer t : timers) {
      if (!seen.add(t)) {
        add(
            Problem.Code.DUPLICATE_ID,
            List.of(t.stage(), t.event()),
            "timer firing '"
                + t.event()
                + "' after "
                + t.after()
                + " in stage '"
                + t.stage()
                + "' is declared more than once",
            "remove the repeated timer");
      }
    }
  }

  private void checkEntries() {
    boolean any = false;
    for (Stage s : stageById.values()) {
      if (s.entry()) {
        any = true;
        if (s.isTerminal()) {
          add(
              Problem.Code.TERMINAL_ENTRY,
              List.of(s.id()),
              "entry stage '" + s.id() + "' is terminal",
              "make it active or choose another entry stage");
        }
      }
    }
    if (!any) {
      add(
          Problem.Code.NO_ENTRY_STAGE,
          List.of(),
          "no stage is marked as an entry",
          "mark the first stage with .entry()");
    }
  }

  private void checkTransitions() {
    for (Transition t : transitions) {
      for (String from : t.from()) {
        Stage s = stageById.get(from);
        if (s == null) {
          unknownStage(from, "transition '" + t.describe() + "'");
        } else if (s.isTerminal()) {
          add(
              Problem.Code.TRANSITION_FROM_TERMINAL,
              List.of(from, t.event()),
              "transition '" + t.describe() + "' leaves terminal stage '" + from + "'",
              "terminal stages absorb every event; remove the transition or make '"
                  + from
                  + "' active");
        }
      }
      checkTargetGuardAndActions(t);
    }
    for (Transition t : unsourced) {
      checkTargetGuardAndActions(t);
    }
  }

  private void checkTargetGuardAndActions(Transition t) {
    String to = t.to();
    if (to != null && !stageById.containsKey(to)) {
      unknownStage(to, "transition '" + t.describe() + "'");
    }
    checkCondition(t.guard(), t);
    for (Action a : t.actions()) {
      checkAction(a, t);
    }
  }

  private void unknownStage(String stage, String where) {
    add(
        Problem.Code.UNKNOWN_STAGE,
        List.of(stage),
        where + " names unknown stage '" + stage + "'",
        "declare the stage with .stage(\"" + stage + "\") or fix the name");
  }

  private void checkCondition(Condition c, Transition t) {
    if (c instanceof Condition.Bought bought) {
      unknownOffer(bought.offer(), t);
    } else if (c instanceof Condition.OfferIs offerIs) {
      unknownOffer(offerIs.offer(), t);
    } else if (c instanceof Condition.All all) {
      all.conditions().forEach(each -> checkCondition(each, t));
    } else if (c instanceof Condition.Any any) {
      any.conditions().forEach(each -> checkCondition(each, t));
    } else if (c instanceof Condition.Not not) {
      checkCondition(not.condition(), t);
    }
  }

  private void unknownOffer(String offer, Transition t) {
    if (!offerIds.contains(offer)) {
      add(
          Problem.Code.UNKNOWN_OFFER,
          List.of(offer, t.event()),
          "transition '" + t.describe() + "' names unknown offer '" + offer + "'",
          "declare the offer with .offer(...) or fix the name");
    }
  }

  private void checkAction(Action a, Transition t) {
    List<String> required;
    switch (a.name()) {
      case Actions.SEND -> required = List.of("template");
      case Actions.ASSIGN ->
          required = a.params().containsKey("pool") ? List.of("pool") : List.of("owner");
      case Actions.SET -> required = List.of("attribute", "value");
      case Actions.REMOVE -> required = List.of("attribute");
      case Actions.SEGMENT -> required = List.of("segment");
      case Actions.PRESENT -> required = List.of("offer");
      case Actions.HAND_OFF -> required = List.of("funnel", "stage");
      default -> {
        return;
      }
    }
    for (String key : required) {
      if (!a.params().containsKey(key)) {
        add(
            Problem.Code.INVALID_ACTION,
            List.of(a.name(), t.event()),
            "action '" + a.name() + "' of transition '" + t.describe() + "' lacks '" + key + "'",
            "build it with Actions." + a.name() + "(...)");
      }
    }
    if (a.name().equals(Actions.PRESENT) && a.params().containsKey("offer")) {
      unknownOffer(String.valueOf(a.params().get("offer")), t);
    }
  }

  private void checkTimers() {
    for (Timer t : timers) {
      Stage s = stageById.get(t.stage());
      if (s == null) {
        unknownStage(t.stage(), "timer firing '" + t.event() + "'");
      } else if (s.isTerminal()) {
        add(
            Problem.Code.TIMER_ON_TERMINAL,
            List.of(t.stage(), t.event()),
            "timer firing '" + t.event() + "' is declared on terminal stage '" + t.stage() + "'",
            "terminal stages absorb every event; remove the timer");
      } else if (!handles(s.id(), t.event())) {
        add(
            Problem.Code.UNHANDLED_EVENT,
            List.of(t.stage(), t.event()),
            "timer event '" + t.event() + "' has no transition in stage '" + t.stage() + "'",
            "add .on(\"" + t.event() + "\").from(\"" + t.stage() + "\") or remove the timer");
      }
    }
  }

  private boolean handles(String stage, String event) {
    for (Transition t : transitions) {
      if (t.event().equals(event) && (t.isFromAny() || t.from().contains(stage))) {
        return true;
      }
    }
    return false;
  }

  private void checkOffers() {
    for (Offer o : offers) {
      if (o.tier() == Offer.Tier.LEAD_MAGNET && !o.isFree()) {
        add(
            Problem.Code.INVALID_OFFER,
            List.of(o.id()),
            "lead magnet '" + o.id() + "' has a price",
            "a lead magnet is free; make it a tripwire or drop the price");
      }
      if (o.tier() == Offer.Tier.TRIPWIRE) {
        Money price = o.price();
        for (Offer core : offers) {
          Money corePrice = core.price();
          if (core.tier() == Offer.Tier.CORE_PRODUCT
              && price != null
              && corePrice != null
              && price.isSameCurrency(corePrice)
              && price.compareTo(corePrice) >= 0) {
            add(
                Problem.Code.INVALID_OFFER,
                List.of(o.id(), core.id()),
                "tripwire '" + o.id() + "' costs no less than core product '" + core.id() + "'",
                "price the tripwire well below the core product");
          }
        }
      }
    }
  }

  /** Source stages a transition applies to: its own, or every active stage for "any". */
  private List<Stage> sources(Transition t) {
    List<Stage> out = new ArrayList<>();
    if (t.isFromAny()) {
      for (Stage s : stageById.values()) {
        if (!s.isTerminal()) {
          out.add(s);
        }
      }
    } else {
      for (String id : t.from()) {
        Stage s = stageById.get(id);
        if (s != null && !s.isTerminal()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private void checkReachability() {
    Map<String, Set<String>> edges = new HashMap<>();
    for (Transition t : transitions) {
      String to = t.to();
      if (to == null || !stageById.containsKey(to)) {
        continue;
      }
      for (Stage s : sources(t)) {
        edges.computeIfAbsent(s.id(), k -> new HashSet<>()).add(to);
      }
    }
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (Stage s : stageById.values()) {
      if (s.entry() && reached.add(s.id())) {
        todo.add(s.id());
      }
    }
    while (!todo.isEmpty()) {
      for (String next : edges.getOrDefault(todo.poll(), Set.of())) {
        if (reached.add(next)) {
          todo.add(next);
        }
      }
    }
    if (reached.isEmpty()) {
      return; // already reported as NO_ENTRY_STAGE
    }
    for (Stage s : stageById.values()) {
      if (!reached.contains(s.id())) {
        add(
            Problem.Code.UNREACHABLE_STAGE,
            List.of(s.id()),
            "stage '" + s.id() + "' cannot be reached from any entry stage",
            "add a transition into it or remove it");
      }
    }
  }

  private void checkWaysOut() {
    Set<String> withTimer = new HashSet<>();
    timers.forEach(t -> withTimer.add(t.stage()));
    for (Stage s : stageById.values()) {
      if (s.isTerminal() || withTimer.contains(s.id())) {
        continue;
      }
      boolean out = false;
      for (Transition t : transitions) {
        if (t.to() != null
            && !s.id().equals(t.to())
            && (t.isFromAny() || t.from().contains(s.id()))) {
          out = true;
          break;
        }
      }
      if (!out) {
        add(
            Problem.Code.NO_WAY_OUT,
            List.of(s.id()),
            "stage '" + s.id() + "' has no way out",
            "add a transition to another stage or a timer, or mark it terminal");
      }
    }
  }

  /** Ambiguous and shadowed transitions, per source stage and event. */
  private void checkDispatch() {
    Map<String, Map<String, List<Transition>>> byStageAndEvent = new LinkedHashMap<>();
    for (Transition t : transitions) {
      for (Stage s : sources(t)) {
        byStageAndEvent
            .computeIfAbsent(s.id(), k -> new LinkedHashMap<>())
            .computeIfAbsent(t.event(), k -> new ArrayList<>())
            .add(t);
      }
    }
    Set<Set<Transition>> reported = new HashSet<>();
    for (Map.Entry<String, Map<String, List<Transition>>> byStage : byStageAndEvent.entrySet()) {
      for (List<Transition> candidates : byStage.getValue().values()) {
        List<Transition> ordered = Funnel.order(candidates);
        Transition winner = null;
        for (int i = 0; i < ordered.size(); i++) {
          Transition t = ordered.get(i);
          if (winner != null) {
            if (winner.priority() == t.priority() && !t.isGuarded()) {
              if (reported.add(ImmutableSet.of(winner, t))) {
                add(
                    Problem.Code.AMBIGUOUS_TRANSITIONS,
                    List.of(byStage.getKey(), t.event()),
                    "transitions '"
                        + winner.describe()
                        + "' and '"
                        + t.describe()
                        + "' cannot be told apart in stage '"
                        + byStage.getKey()
                        + "'",
                    "guard one of them or give them different priorities");
              }
            } else if (reported.add(ImmutableSet.of(t))) {
              add(
                  Problem.Code.SHADOWED_TRANSITION,
                  List.of(byStage.getKey(), t.event()),
                  "transition '"
                      + t.describe()
                      + "' never fires in stage '"
                      + byStage.getKey()
                      + "': '"
                      + winner.describe()
                      + "' always wins",
                  "guard the earlier transition or lower its priority");
            }
          } else if (!t.isGuarded()) {
            winner = t;
          }
        }
      }
    }
  }
}
