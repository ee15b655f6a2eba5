package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.MultimapBuilder;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A funnel definition while it is being built: what the builders have been told so far, mutable,
 * and the one check of it, {@link #check}, that both {@link FunnelBuilder#problems} and {@link
 * FunnelBuilder#build} make. Not thread-safe.
 */
final class Draft {
  final String id;
  int version = 1;
  boolean versionSet;
  final List<StageDraft> stages = new ArrayList<>();
  final List<TransitionDraft> transitions = new ArrayList<>();
  final List<TimerDraft> timers = new ArrayList<>();
  // The actions run on entering a stage, in declaration order, by the stage's id.
  final ListMultimap<String, Action> onEnter =
      MultimapBuilder.linkedHashKeys().arrayListValues().build();
  final List<Offer> offers = new ArrayList<>();
  final Set<Currency> currencies = new LinkedHashSet<>();
  final List<Expansion> expansions = new ArrayList<>();
  @Nullable QuietHours quietHours;
  boolean quietHoursSet;
  @Nullable ZoneId zone;
  boolean zoneSet;
  final List<FrequencyCap> caps = new ArrayList<>();
  final List<Experiment> experiments = new ArrayList<>();
  final ControlDrafts controls = new ControlDrafts();

  Draft(String id) {
    this.id = id;
  }

  /** Returns a draft holding a built funnel's definition, nothing of it counted as set twice. */
  static Draft of(Funnel f) {
    Draft d = new Draft(f.id());
    d.version = f.version();
    for (Stage s : f.stages()) {
      d.stages.add(new StageDraft(s));
      d.onEnter.putAll(s.id(), s.onEnter());
    }
    for (Transition t : f.transitions()) {
      d.transitions.add(new TransitionDraft(t));
    }
    for (Timer t : f.timers()) {
      d.timers.add(new TimerDraft(t));
    }
    d.offers.addAll(f.offers());
    d.quietHours = f.contactPolicy().quietHours();
    d.zone = f.contactPolicy().fallbackZone();
    d.caps.addAll(f.contactPolicy().caps());
    d.experiments.addAll(f.experiments());
    d.currencies.addAll(f.currencies());
    d.controls.copy(f);
    return d;
  }

  /**
   * Expands the builder sugar, completes the parts and validates them: every error (incomplete
   * parts first, then what validation found) and every warning.
   */
  Checked check() {
    List<Problem> errors = new ArrayList<>();
    Parts parts = parts(errors);
    List<Problem> controlProblems = new ArrayList<>();
    Controls checkedControls =
        controls.check(parts.stages, parts.transitions, offers, controlProblems);
    // Goals and exits lead from every active stage, so reachability and ways out count them.
    ImmutableList<Problem> found =
        Validator.validate(
            parts.stages,
            checkedControls.withJumps(parts.transitions),
            parts.unsourced,
            parts.timers,
            offers);
    ControlChecks.check(caps, experiments, parts.transitions, parts.stages, errors);
    List<Problem> warnings = new ArrayList<>();
    for (Problem p : found) {
      (p.code().isWarning() ? warnings : errors).add(p);
    }
    checkPrices(errors);
    for (Problem p : controlProblems) {
      (p.code().isWarning() ? warnings : errors).add(p);
    }
    return new Checked(
        parts.stages,
        parts.transitions,
        parts.timers,
        ImmutableList.copyOf(offers),
        ImmutableList.copyOf(errors),
        ImmutableList.copyOf(warnings),
        checkedControls);
  }

  /** Returns the contact policy declared so far. */
  ContactPolicy contactPolicy() {
    ZoneId z = zone;
    return new ContactPolicy(
        quietHours, z == null ? ZoneOffset.UTC : z, ImmutableList.copyOf(caps));
  }

  /** Reports each priced offer whose currency the funnel does not state, if it states any. */
  private void checkPrices(List<Problem> errors) {
    if (currencies.isEmpty()) {
      return;
    }
    for (Offer o : offers) {
      Money price = o.price();
      if (price != null && !currencies.contains(price.currency())) {
        errors.add(
            new Problem(
                Problem.Code.INVALID_OFFER,
                ImmutableList.of(o.id()),
                "offer '"
                    + o.id()
                    + "' is priced in "
                    + price.currency()
                    + ", a currency the funnel does not state",
                "state it with .currency(\""
                    + price.currency()
                    + "\") or price the offer in "
                    + currencies.iterator().next()));
      }
    }
  }

  /** A checked draft: its parts, and its errors and warnings, each in a stable order. */
  record Checked(
      ImmutableList<Stage> stages,
      ImmutableList<Transition> transitions,
      ImmutableList<Timer> timers,
      ImmutableList<Offer> offers,
      ImmutableList<Problem> errors,
      ImmutableList<Problem> warnings,
      Controls controls) {}

  private static final class Parts {
    final ImmutableList<Stage> stages;
    final ImmutableList<Transition> transitions;
    // Transitions lacking a source: reported, and still checked for their other defects.
    final ImmutableList<Transition> unsourced;
    final ImmutableList<Timer> timers;

    Parts(
        ImmutableList<Stage> stages,
        ImmutableList<Transition> transitions,
        ImmutableList<Transition> unsourced,
        ImmutableList<Timer> timers) {
      this.stages = stages;
      this.transitions = transitions;
      this.unsourced = unsourced;
      this.timers = timers;
    }
  }

  private Parts parts(List<Problem> incomplete) {
    ImmutableList.Builder<Stage> stageParts = ImmutableList.builder();
    Set<String> declared = new LinkedHashSet<>();
    for (StageDraft s : stages) {
      stageParts.add(s.build(ImmutableList.copyOf(onEnter.get(s.id))));
      declared.add(s.id);
    }
    for (String stage : onEnter.keySet()) {
      if (!declared.contains(stage)) {
        incomplete.add(
            new Problem(
                Problem.Code.UNKNOWN_STAGE,
                ImmutableList.of(stage),
                "the actions on entering stage '" + stage + "' name a stage the funnel lacks",
                "declare the stage with .stage(\"" + stage + "\") or fix the name"));
      }
    }
    List<TransitionDraft> allTransitions = new ArrayList<>(transitions);
    List<TimerDraft> allTimers = new ArrayList<>(timers);
    for (Expansion e : expansions) {
      e.expand(allTransitions, allTimers, incomplete);
    }
    ImmutableList.Builder<Transition> sourced = ImmutableList.builder();
    ImmutableList.Builder<Transition> unsourced = ImmutableList.builder();
    for (TransitionDraft t : allTransitions) {
      if (!t.fromAny && t.from.isEmpty()) {
        incomplete.add(
            new Problem(
                Problem.Code.MISSING_SOURCE,
                ImmutableList.of(t.event),
                "a transition on '" + t.event + "' names no source stage",
                "add .from(\"stage\") or .fromAny()"));
        unsourced.add(t.build());
      } else {
        sourced.add(t.build());
      }
    }
    ImmutableList.Builder<Timer> timerParts = ImmutableList.builder();
    for (TimerDraft t : allTimers) {
      String stage = t.stage;
      String event = t.event;
      if (stage == null || event == null) {
        incomplete.add(
            new Problem(
                Problem.Code.INCOMPLETE_TIMER,
                stage == null ? ImmutableList.of() : ImmutableList.of(stage),
                "a timer after " + t.after + " lacks its " + (stage == null ? "stage" : "event"),
                "complete it: .after(delay).in(\"stage\").fire(\"event\")"));
      } else {
        timerParts.add(new Timer(stage, t.after, event));
      }
    }
    return new Parts(stageParts.build(), sourced.build(), unsourced.build(), timerParts.build());
  }

  /** Builder sugar that compiles into ordinary transitions and timers when the funnel is built. */
  interface Expansion {
    void expand(List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems);
  }

  /** A stage being declared. */
  static final class StageDraft {
    final String id;
    Stage.Kind kind = Stage.Kind.ACTIVE;
    boolean kindSet;
    boolean entry;
    boolean manual;
    boolean converts;
    @Nullable String reason;

    StageDraft(String id) {
      this.id = id;
    }

    StageDraft(Stage s) {
      this.id = s.id();
      this.kind = s.kind();
      this.entry = s.entry();
      this.manual = s.manual();
      this.reason = s.reason();
      this.converts = s.converts();
    }

    Stage build(ImmutableList<Action> onEnter) {
      return new Stage(id, kind, entry, manual, reason, converts, onEnter);
    }
  }

  /** A transition being declared. */
  static final class TransitionDraft {
    final String event;
    final Set<String> from = new LinkedHashSet<>();
    boolean fromAny;
    @Nullable String to;
    boolean targetSet;
    Condition guard = Condition.ALWAYS;
    boolean guardSet;
    final List<Action> actions = new ArrayList<>();
    int priority;
    boolean prioritySet;

    TransitionDraft(String event) {
      this.event = event;
    }

    TransitionDraft(Transition t) {
      this(t.event());
      from.addAll(t.from());
      fromAny = t.isFromAny();
      to = t.to();
      guard = t.guard();
      actions.addAll(t.actions());
      priority = t.priority();
    }

    Transition build() {
      return new Transition(
          event, ImmutableSet.copyOf(from), to, guard, ImmutableList.copyOf(actions), priority);
    }
  }

  /** A timer being declared. */
  static final class TimerDraft {
    final Duration after;
    @Nullable String stage;
    @Nullable String event;

    TimerDraft(Duration after) {
      this.after = after;
    }

    TimerDraft(Timer t) {
      this(t.after());
      stage = t.stage();
      event = t.event();
    }
  }
}
