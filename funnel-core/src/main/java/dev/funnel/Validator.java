package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Finds every problem in a funnel definition at once. */
final class Validator {
  private final List<Stage> stages;
  private final List<Transition> transitions;
  private final List<Transition> unsourced;
  private final List<Timer> timers;
  private final List<Offer> offers;
  // The first stage declared with each id, in declaration order, and its index there by id.
  private final List<Stage> distinct = new ArrayList<>();
  private final Map<String, Integer> stageIndex = new HashMap<>();
  private final Set<String> offerIds = new HashSet<>();
  private final List<Problem> problems = new ArrayList<>();
  // By transition, as its checks find them: the index of each source stage (-1 if unknown) and of
  // its target (-1 if it stays or the target is unknown); by timer, the index of its stage.
  private int[][] fromIndex = new int[0][];
  private int[] toIndex = new int[0];
  private int[] timerStage = new int[0];
  // Worked out once when first needed, by transition: the indices of the known active stages it
  // applies in, and the index of its event type among the distinct ones.
  private int @Nullable [][] sources;
  private @Nullable Map<Currency, List<Integer>> coresByPrice;
  private int @Nullable [] eventOf;
  private int events;
  private @Nullable Map<String, Integer> eventIndex;
  // The transitions grouped by event type: those of event e are byEvent[byEventStart[e]] up to
  // byEvent[byEventStart[e + 1]], in declaration order.
  private int @Nullable [] byEventStart;
  private int @Nullable [] byEvent;

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
   * Returns every error and warning in a stable order, the order the checks find them; the caller
   * parts errors from warnings. {@code unsourced} are transitions lacking a source stage, already
   * reported: only their target, guard and actions are checked.
   */
  static ImmutableList<Problem> validate(
      List<Stage> stages,
      List<Transition> transitions,
      List<Transition> unsourced,
      List<Timer> timers,
      List<Offer> offers) {
    Validator v = new Validator(stages, transitions, unsourced, timers, offers);
    v.run();
    return ImmutableList.copyOf(v.problems);
  }

  /**
   * How many errors, and how many warnings, are kept: a generated definition with a hundred
   * thousand broken stages is reported in bounded memory, and still cannot build.
   */
  static final int MAX_PROBLEMS = 1_000;

  private int errors;
  private int warnings;

  private void add(Problem.Code code, List<String> ids, String message, String hint) {
    int seen = code.isWarning() ? warnings++ : errors++;
    if (seen < MAX_PROBLEMS) {
      problems.add(new Problem(code, ImmutableList.copyOf(ids), message, hint));
    }
  }

  private void run() {
    checkIds();
    checkEntries();
    checkTransitions();
    checkOnEnter();
    checkTimers();
    checkOffers();
    checkReachability();
    checkWaysOut();
    checkDispatch();
  }

  private void checkIds() {
    for (Stage s : stages) {
      if (stageIndex.putIfAbsent(s.id(), distinct.size()) == null) {
        distinct.add(s);
      } else {
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
      if (timers.size() > 1 && !seen.add(t)) {
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

  /** Returns the index of the first stage declared with the id, or -1. */
  private int index(String id) {
    Integer i = stageIndex.get(id);
    return i == null ? -1 : i;
  }

  private void checkEntries() {
    boolean any = false;
    for (Stage s : distinct) {
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
    fromIndex = new int[transitions.size()][];
    toIndex = new int[transitions.size()];
    for (int k = 0; k < fromIndex.length; k++) {
      Transition t = transitions.get(k);
      int[] sourceIndex = new int[t.from().size()];
      int j = 0;
      for (String from : t.from()) {
        int i = index(from);
        sourceIndex[j++] = i;
        if (i < 0) {
          unknownStage(from, "transition '" + t.describe() + "'");
        } else if (distinct.get(i).isTerminal()) {
          add(
              Problem.Code.TRANSITION_FROM_TERMINAL,
              List.of(from, t.event()),
              "transition '" + t.describe() + "' leaves terminal stage '" + from + "'",
              "terminal stages absorb every event; remove the transition or make '"
                  + from
                  + "' active");
        }
      }
      fromIndex[k] = sourceIndex;
      String to = t.to();
      toIndex[k] = to == null ? -1 : index(to);
      checkTargetGuardAndActions(t, to == null || toIndex[k] >= 0);
    }
    for (Transition t : unsourced) {
      String to = t.to();
      checkTargetGuardAndActions(t, to == null || stageIndex.containsKey(to));
    }
  }

  private void checkTargetGuardAndActions(Transition t, boolean knownTarget) {
    String to = t.to();
    if (to != null && !knownTarget) {
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
    for (String offer : Mentions.of(c).offers()) {
      unknownOffer(offer, t.event(), "transition '" + t.describe() + "'");
    }
  }

  /** Reports an unknown offer named by {@code where}, whose id (an event or a stage) is given. */
  private void unknownOffer(String offer, String id, String where) {
    if (!offerIds.contains(offer)) {
      add(
          Problem.Code.UNKNOWN_OFFER,
          List.of(offer, id),
          where + " names unknown offer '" + offer + "'",
          "declare the offer with .offer(...) or fix the name");
    }
  }

  private void checkAction(Action a, Transition t) {
    checkAction(a, t.event(), "transition '" + t.describe() + "'");
  }

  /** Checks the actions a stage runs on entry, as those of a transition are checked. */
  private void checkOnEnter() {
    for (Stage s : distinct) {
      for (Action a : s.onEnter()) {
        checkAction(a, s.id(), "entering stage '" + s.id() + "'");
      }
    }
  }

  private void checkAction(Action a, String id, String where) {
    BuiltInAction kind = BuiltInAction.named(a.name()).orElse(null);
    if (kind == null) {
      return;
    }
    List<String> required = kind.required(a);
    for (String key : required) {
      if (!a.params().containsKey(key)) {
        add(
            Problem.Code.INVALID_ACTION,
            List.of(a.name(), id),
            "action '" + a.name() + "' of " + where + " lacks '" + key + "'",
            "build it with Actions." + a.name() + "(...)");
      }
    }
    if ((kind == BuiltInAction.SET || kind == BuiltInAction.REMOVE)
        && String.valueOf(a.params().get("attribute")).length() > Lead.MAX_ATTRIBUTE_NAME_LENGTH) {
      add(
          Problem.Code.INVALID_ACTION,
          List.of(a.name(), id),
          "action '"
              + a.name()
              + "' of "
              + where
              + " names an attribute longer than "
              + Lead.MAX_ATTRIBUTE_NAME_LENGTH
              + " characters",
          "shorten the attribute's name");
    }
    if (kind == BuiltInAction.PRESENT && a.params().containsKey("offer")) {
      unknownOffer(String.valueOf(a.params().get("offer")), id, where);
    }
  }

  private void checkTimers() {
    timerStage = new int[timers.size()];
    for (int k = 0; k < timerStage.length; k++) {
      Timer t = timers.get(k);
      int i = index(t.stage());
      timerStage[k] = i;
      if (i < 0) {
        unknownStage(t.stage(), "timer firing '" + t.event() + "'");
      } else if (distinct.get(i).isTerminal()) {
        add(
            Problem.Code.TIMER_ON_TERMINAL,
            List.of(t.stage(), t.event()),
            "timer firing '" + t.event() + "' is declared on terminal stage '" + t.stage() + "'",
            "terminal stages absorb every event; remove the timer");
      } else if (!handles(i, t.event())) {
        add(
            Problem.Code.UNHANDLED_EVENT,
            List.of(t.stage(), t.event()),
            "timer event '" + t.event() + "' has no transition in stage '" + t.stage() + "'",
            "add .on(\"" + t.event() + "\").from(\"" + t.stage() + "\") or remove the timer");
      }
    }
  }

  /** Returns whether a transition on the event applies in the stage of this index. */
  private boolean handles(int stage, String event) {
    int[] start = byEventStart;
    int[] order = byEvent;
    if (start == null || order == null) {
      int[] of = eventOf();
      start = new int[events + 1];
      for (int e : of) {
        start[e + 1]++;
      }
      for (int e = 0; e < events; e++) {
        start[e + 1] += start[e];
      }
      order = new int[of.length];
      int[] next = Arrays.copyOf(start, events);
      for (int k = 0; k < of.length; k++) {
        order[next[of[k]]++] = k;
      }
      byEventStart = start;
      byEvent = order;
    }
    Integer e = requireNonNull(eventIndex).get(event);
    if (e == null) {
      return false;
    }
    for (int i = start[e]; i < start[e + 1]; i++) {
      int k = order[i];
      if (transitions.get(k).isFromAny()) {
        return true;
      }
      for (int source : fromIndex[k]) {
        if (source == stage) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the index of each transition's event type among the distinct ones. */
  private int[] eventOf() {
    int[] of = eventOf;
    if (of == null) {
      Map<String, Integer> index = new HashMap<>();
      of = new int[transitions.size()];
      for (int k = 0; k < of.length; k++) {
        Integer e = index.putIfAbsent(transitions.get(k).event(), index.size());
        of[k] = e == null ? index.size() - 1 : e;
      }
      events = index.size();
      eventIndex = index;
      eventOf = of;
    }
    return of;
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
      Money price = o.price();
      if (o.tier() == Offer.Tier.TRIPWIRE && price != null && errors < MAX_PROBLEMS) {
        // Only the core products it costs no less than are looked at, cheapest first, so the work
        // is bounded by the problems found; they are reported in declaration order.
        List<Integer> cheaper = new ArrayList<>();
        for (int i : coresByPrice().getOrDefault(price.currency(), List.of())) {
          Money corePrice = offers.get(i).price();
          if (corePrice == null || price.compareTo(corePrice) < 0) {
            break;
          }
          cheaper.add(i);
        }
        cheaper.sort(null);
        for (int i : cheaper) {
          Offer core = offers.get(i);
          add(
              Problem.Code.INVALID_OFFER,
              List.of(o.id(), core.id()),
              "tripwire '" + o.id() + "' costs no less than core product '" + core.id() + "'",
              "price the tripwire well below the core product");
        }
      }
    }
  }

  /** Returns, by currency, the indices of the priced core products, cheapest first. */
  private Map<Currency, List<Integer>> coresByPrice() {
    Map<Currency, List<Integer>> out = coresByPrice;
    if (out == null) {
      out = new HashMap<>();
      for (int i = 0; i < offers.size(); i++) {
        Offer o = offers.get(i);
        Money price = o.price();
        if (o.tier() == Offer.Tier.CORE_PRODUCT && price != null) {
          out.computeIfAbsent(price.currency(), c -> new ArrayList<>()).add(i);
        }
      }
      for (List<Integer> cores : out.values()) {
        cores.sort(Comparator.comparing(i -> requirePrice(offers.get(i))));
      }
      coresByPrice = out;
    }
    return out;
  }

  private static Money requirePrice(Offer o) {
    Money price = o.price();
    if (price == null) {
      throw new IllegalStateException("offer '" + o.id() + "' has no price");
    }
    return price;
  }

  /**
   * Returns, by transition, the indices of the known active stages it applies to: its own sources,
   * or every active stage for "any".
   */
  private int[][] sources() {
    int[][] out = sources;
    if (out == null) {
      int[] active = null;
      out = new int[transitions.size()][];
      for (int k = 0; k < out.length; k++) {
        Transition t = transitions.get(k);
        if (t.isFromAny()) {
          if (active == null) {
            active = activeStages();
          }
          out[k] = active;
        } else {
          int[] own = fromIndex[k];
          int n = 0;
          for (int i : own) {
            if (i >= 0 && !distinct.get(i).isTerminal()) {
              n++;
            }
          }
          if (n < own.length) {
            int[] known = new int[n];
            n = 0;
            for (int i : own) {
              if (i >= 0 && !distinct.get(i).isTerminal()) {
                known[n++] = i;
              }
            }
            own = known;
          }
          out[k] = own;
        }
      }
      sources = out;
    }
    return out;
  }

  private int[] activeStages() {
    int[] active = new int[distinct.size()];
    int n = 0;
    for (int i = 0; i < active.length; i++) {
      if (!distinct.get(i).isTerminal()) {
        active[n++] = i;
      }
    }
    return Arrays.copyOf(active, n);
  }

  private void checkReachability() {
    int stageCount = distinct.size();
    int[][] from = sources();
    int[] target = toIndex;
    // The edges by source stage: edgeStart[s] to edgeStart[s + 1] in edges.
    int[] edgeStart = new int[stageCount + 1];
    for (int k = 0; k < target.length; k++) {
      if (target[k] >= 0) {
        for (int s : from[k]) {
          edgeStart[s + 1]++;
        }
      }
    }
    for (int s = 0; s < stageCount; s++) {
      edgeStart[s + 1] += edgeStart[s];
    }
    int[] edges = new int[edgeStart[stageCount]];
    int[] next = Arrays.copyOf(edgeStart, stageCount);
    for (int k = 0; k < target.length; k++) {
      if (target[k] >= 0) {
        for (int s : from[k]) {
          edges[next[s]++] = target[k];
        }
      }
    }
    boolean[] reached = new boolean[stageCount];
    int[] todo = new int[stageCount];
    int queued = 0;
    for (int s = 0; s < stageCount; s++) {
      if (distinct.get(s).entry()) {
        reached[s] = true;
        todo[queued++] = s;
      }
    }
    if (queued == 0) {
      return; // already reported as NO_ENTRY_STAGE
    }
    for (int head = 0; head < queued; head++) {
      int s = todo[head];
      for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        if (!reached[edges[e]]) {
          reached[edges[e]] = true;
          todo[queued++] = edges[e];
        }
      }
    }
    // No message is made once no more errors are kept (WideReadBenchmark: tens of thousands of
    // unreachable stages made that the larger part of refusing their definition).
    for (int s = 0; s < stageCount && errors < MAX_PROBLEMS; s++) {
      if (!reached[s]) {
        String id = distinct.get(s).id();
        add(
            Problem.Code.UNREACHABLE_STAGE,
            List.of(id),
            "stage '" + id + "' cannot be reached from any entry stage",
            "add a transition into it or remove it");
      }
    }
  }

  private void checkWaysOut() {
    int stageCount = distinct.size();
    boolean[] closed = new boolean[stageCount]; // terminal, timed, or with a transition elsewhere
    for (int i : timerStage) {
      if (i >= 0) {
        closed[i] = true;
      }
    }
    // Transitions from any stage lead out of every stage but their target.
    String anyTarget = null;
    boolean anyTargets = false;
    for (int k = 0; k < toIndex.length; k++) {
      Transition t = transitions.get(k);
      String to = t.to();
      if (to == null) {
        continue;
      }
      if (t.isFromAny()) {
        if (anyTarget == null) {
          anyTarget = to;
        } else if (!anyTarget.equals(to)) {
          anyTargets = true;
        }
      } else {
        for (int i : fromIndex[k]) {
          // Distinct ids have distinct indices; an unknown target has none.
          if (i >= 0 && i != toIndex[k]) {
            closed[i] = true;
          }
        }
      }
    }
    for (int i = 0; i < stageCount && errors < MAX_PROBLEMS; i++) {
      Stage s = distinct.get(i);
      if (closed[i]
          || s.isTerminal()
          || (anyTarget != null && (anyTargets || !anyTarget.equals(s.id())))) {
        continue;
      }
      add(
          Problem.Code.NO_WAY_OUT,
          List.of(s.id()),
          "stage '" + s.id() + "' has no way out",
          "add a transition to another stage or a timer, or mark it terminal");
    }
  }

  /**
   * Ambiguous and shadowed transitions, per source stage and event: stages in the order transitions
   * first apply to them, and in each stage events in the order of their first transition there.
   * Only a stage and event with more than one transition can have a problem.
   */
  private void checkDispatch() {
    int stageCount = distinct.size();
    int[][] from = sources();
    // The transitions by stage in declaration order: byStageStart[s] to byStageStart[s + 1].
    int[] byStageStart = new int[stageCount + 1];
    int[] stageOrder = new int[stageCount];
    int ordered = 0;
    for (int[] sources : from) {
      for (int s : sources) {
        if (byStageStart[s + 1]++ == 0) {
          stageOrder[ordered++] = s;
        }
      }
    }
    for (int s = 0; s < stageCount; s++) {
      byStageStart[s + 1] += byStageStart[s];
    }
    int[] byStage = new int[byStageStart[stageCount]];
    int[] next = Arrays.copyOf(byStageStart, stageCount);
    for (int k = 0; k < from.length; k++) {
      for (int s : from[k]) {
        byStage[next[s]++] = k;
      }
    }
    int[] event = eventOf();
    int[] count = new int[events];
    int[] counted = new int[events]; // the stage (plus one) whose transitions count[e] counts
    int[] done = new int[events]; // the stage (plus one) whose group of event e was checked
    Set<Set<Transition>> reported = new HashSet<>();
    for (int o = 0; o < ordered; o++) {
      int s = stageOrder[o];
      int first = byStageStart[s];
      int last = byStageStart[s + 1];
      if (last - first < 2) {
        continue;
      }
      for (int i = first; i < last; i++) {
        int e = event[byStage[i]];
        if (counted[e] != s + 1) {
          counted[e] = s + 1;
          count[e] = 0;
        }
        count[e]++;
      }
      for (int i = first; i < last; i++) {
        int e = event[byStage[i]];
        if (count[e] < 2 || done[e] == s + 1) {
          continue;
        }
        done[e] = s + 1;
        List<Transition> candidates = new ArrayList<>(count[e]);
        for (int j = i; j < last; j++) {
          if (event[byStage[j]] == e) {
            candidates.add(transitions.get(byStage[j]));
          }
        }
        checkDispatch(distinct.get(s).id(), candidates, reported);
      }
    }
  }

  private void checkDispatch(
      String stage, List<Transition> candidates, Set<Set<Transition>> reported) {
    List<Transition> ordered = Transition.order(candidates);
    Transition winner = null;
    for (int i = 0; i < ordered.size(); i++) {
      Transition t = ordered.get(i);
      if (winner != null) {
        if (winner.priority() == t.priority() && !t.isGuarded()) {
          if (reported.add(ImmutableSet.of(winner, t))) {
            add(
                Problem.Code.AMBIGUOUS_TRANSITIONS,
                List.of(stage, t.event()),
                "transitions '"
                    + winner.describe()
                    + "' and '"
                    + t.describe()
                    + "' cannot be told apart in stage '"
                    + stage
                    + "'",
                "guard one of them or give them different priorities");
          }
        } else if (reported.add(ImmutableSet.of(t))) {
          add(
              Problem.Code.SHADOWED_TRANSITION,
              List.of(stage, t.event()),
              "transition '"
                  + t.describe()
                  + "' never fires in stage '"
                  + stage
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
