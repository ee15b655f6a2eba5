package dev.funnel.testing;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.StageBuilder;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.TransitionBuilder;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The parts of a funnel definition as plain lists, to inspect a generated definition or to derive a
 * changed one (for instance with a defect injected) and declare it again through the public
 * builder. Immutable and thread-safe.
 *
 * @param id the funnel's id
 * @param version the definition's version
 * @param stages the stages in declaration order
 * @param transitions the transitions in declaration order
 * @param timers the timers in declaration order
 * @param offers the offers in declaration order
 * @param currencies the ISO 4217 codes of the currencies the funnel states, in order; empty if it
 *     takes every currency
 */
public record FunnelParts(
    String id,
    int version,
    ImmutableList<Stage> stages,
    ImmutableList<Transition> transitions,
    ImmutableList<Timer> timers,
    ImmutableList<Offer> offers,
    ImmutableList<String> currencies) {

  /** Creates the parts, copying the lists. */
  public FunnelParts {
    stages = ImmutableList.copyOf(stages);
    transitions = ImmutableList.copyOf(transitions);
    timers = ImmutableList.copyOf(timers);
    offers = ImmutableList.copyOf(offers);
    currencies = ImmutableList.copyOf(currencies);
  }

  /**
   * Creates the parts of a funnel that states no currency.
   *
   * @param id the funnel's id
   * @param version the definition's version
   * @param stages the stages in declaration order
   * @param transitions the transitions in declaration order
   * @param timers the timers in declaration order
   * @param offers the offers in declaration order
   */
  public FunnelParts(
      String id,
      int version,
      ImmutableList<Stage> stages,
      ImmutableList<Transition> transitions,
      ImmutableList<Timer> timers,
      ImmutableList<Offer> offers) {
    this(id, version, stages, transitions, timers, offers, ImmutableList.of());
  }

  /**
   * Returns the parts of a built funnel.
   *
   * @param funnel the funnel
   * @return its parts
   */
  public static FunnelParts of(Funnel funnel) {
    return new FunnelParts(
        funnel.id(),
        funnel.version(),
        funnel.stages(),
        funnel.transitions(),
        funnel.timers(),
        funnel.offers(),
        funnel.currencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(ImmutableList.toImmutableList()));
  }

  /**
   * Returns a builder with every part declared through the public builder API, in order.
   *
   * @return a builder holding this definition; {@link FunnelBuilder#build} validates it
   */
  public FunnelBuilder builder() {
    FunnelBuilder b = Funnel.builder(id).version(version);
    for (Stage s : stages) {
      StageBuilder sb = b.stage(s.id());
      if (s.entry()) {
        sb.entry();
      }
      if (s.manual()) {
        sb.manual();
      }
      switch (s.kind()) {
        case WON -> sb.won();
        case LOST -> sb.lost();
        case JUNK -> sb.junk(String.valueOf(s.reason()));
        case ACTIVE -> {}
      }
      b = sb;
    }
    for (Transition t : transitions) {
      TransitionBuilder tb = b.on(t.event());
      if (t.isFromAny()) {
        tb.fromAny();
      } else {
        List<String> from = t.from().asList();
        tb.from(from.get(0), from.subList(1, from.size()).toArray(new String[0]));
      }
      String to = t.to();
      if (to != null) {
        tb.to(to);
      }
      tb.when(t.guard()).then(t.actions().toArray(new Action[0])).priority(t.priority());
      b = tb;
    }
    for (Timer t : timers) {
      b = b.after(t.after()).in(t.stage()).fire(t.event());
    }
    for (Offer o : offers) {
      b = b.offer(o);
    }
    for (String code : currencies) {
      b = b.currency(code);
    }
    return b;
  }

  /**
   * Builds the funnel.
   *
   * @return the validated funnel
   * @throws dev.funnel.FunnelDefinitionException if the parts do not make a valid funnel
   */
  public Funnel build() {
    return builder().build();
  }

  /** Returns the ids of the active (non-terminal) stages, in declaration order. */
  public ImmutableList<String> activeStageIds() {
    return stages.stream()
        .filter(s -> !s.isTerminal())
        .map(Stage::id)
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns the ids of the terminal stages, in declaration order. */
  public ImmutableList<String> terminalStageIds() {
    return stages.stream()
        .filter(Stage::isTerminal)
        .map(Stage::id)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns a copy with other stages.
   *
   * @param stages the stages
   * @return the changed parts
   */
  public FunnelParts withStages(List<Stage> stages) {
    return new FunnelParts(
        id, version, ImmutableList.copyOf(stages), transitions, timers, offers, currencies);
  }

  /**
   * Returns a copy with other transitions.
   *
   * @param transitions the transitions
   * @return the changed parts
   */
  public FunnelParts withTransitions(List<Transition> transitions) {
    return new FunnelParts(
        id, version, stages, ImmutableList.copyOf(transitions), timers, offers, currencies);
  }

  /**
   * Returns a copy with other timers.
   *
   * @param timers the timers
   * @return the changed parts
   */
  public FunnelParts withTimers(List<Timer> timers) {
    return new FunnelParts(
        id, version, stages, transitions, ImmutableList.copyOf(timers), offers, currencies);
  }

  /**
   * Returns a copy with other offers.
   *
   * @param offers the offers
   * @return the changed parts
   */
  public FunnelParts withOffers(List<Offer> offers) {
    return new FunnelParts(
        id, version, stages, transitions, timers, ImmutableList.copyOf(offers), currencies);
  }

  /**
   * Returns a copy stating other currencies.
   *
   * @param currencies the ISO 4217 codes, in order; empty to take every currency
   * @return the changed parts
   */
  public FunnelParts withCurrencies(List<String> currencies) {
    return new FunnelParts(
        id, version, stages, transitions, timers, offers, ImmutableList.copyOf(currencies));
  }

  /**
   * Returns a copy with one more stage, declared last.
   *
   * @param stage the stage
   * @return the changed parts
   */
  public FunnelParts plus(Stage stage) {
    List<Stage> more = new ArrayList<>(stages);
    more.add(stage);
    return withStages(more);
  }

  /**
   * Returns a copy with one more transition, declared last.
   *
   * @param transition the transition
   * @return the changed parts
   */
  public FunnelParts plus(Transition transition) {
    List<Transition> more = new ArrayList<>(transitions);
    more.add(transition);
    return withTransitions(more);
  }

  /**
   * Returns a copy with one more timer, declared last.
   *
   * @param timer the timer
   * @return the changed parts
   */
  public FunnelParts plus(Timer timer) {
    List<Timer> more = new ArrayList<>(timers);
    more.add(timer);
    return withTimers(more);
  }

  /**
   * Returns a copy with one more offer, declared last.
   *
   * @param offer the offer
   * @return the changed parts
   */
  public FunnelParts plus(Offer offer) {
    List<Offer> more = new ArrayList<>(offers);
    more.add(offer);
    return withOffers(more);
  }
}
