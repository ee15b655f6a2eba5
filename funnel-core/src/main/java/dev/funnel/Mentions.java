package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * What a condition tree names, each in the order the tree lists it: the offers (of {@link
 * Condition.Bought} and {@link Condition.OfferIs}) and the custom guards, and the custom guards and
 * actions a whole definition names. Validation and {@link Funnel#customGuards} read these.
 */
record Mentions(ImmutableList<String> offers, ImmutableList<String> customGuards) {

  /** Returns what the condition names, walking all of it. */
  static Mentions of(Condition c) {
    Collector collector = new Collector();
    c.accept(collector);
    return new Mentions(collector.offers.build(), collector.customGuards.build());
  }

  /**
   * Returns the custom guards a definition names, in the order {@link Funnel#customGuards} lists
   * them.
   */
  static ImmutableSet<String> customGuards(
      ImmutableList<Transition> transitions, Controls controls) {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (Transition t : transitions) {
      names.addAll(of(t.guard()).customGuards());
    }
    for (Goal g : controls.goals) {
      names.addAll(of(g.condition()).customGuards());
    }
    for (Exit x : controls.exits) {
      names.addAll(of(x.condition()).customGuards());
    }
    for (Scoring.Rule r : controls.scoring.rules()) {
      names.addAll(of(r.condition()).customGuards());
    }
    return names.build();
  }

  /** Returns the custom (not built-in) actions the transitions name. */
  static ImmutableSet<String> customActions(ImmutableList<Transition> transitions) {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (Transition t : transitions) {
      for (Action a : t.actions()) {
        if (!a.isBuiltIn()) {
          names.add(a.name());
        }
      }
    }
    return names.build();
  }

  /** Collects as it walks; each method returns true once its part of the tree is collected. */
  private static final class Collector implements Condition.Visitor<Boolean> {
    final ImmutableList.Builder<String> offers = ImmutableList.builder();
    final ImmutableList.Builder<String> customGuards = ImmutableList.builder();

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
      offers.add(c.offer());
      return true;
    }

    @Override
    public Boolean offerIs(Condition.OfferIs c) {
      offers.add(c.offer());
      return true;
    }

    @Override
    public Boolean timeInStage(Condition.TimeInStage c) {
      return true;
    }

    @Override
    public Boolean all(Condition.All c) {
      c.conditions().forEach(each -> each.accept(this));
      return true;
    }

    @Override
    public Boolean any(Condition.Any c) {
      c.conditions().forEach(each -> each.accept(this));
      return true;
    }

    @Override
    public Boolean not(Condition.Not c) {
      return c.condition().accept(this);
    }

    @Override
    public Boolean custom(Condition.Custom c) {
      customGuards.add(c.name());
      return true;
    }
  }
}
