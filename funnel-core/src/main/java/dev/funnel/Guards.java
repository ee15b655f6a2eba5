package dev.funnel;

import com.google.common.collect.ImmutableMap;
import java.util.function.BiPredicate;

/** Evaluates guard conditions. */
final class Guards {
  private Guards() {}

  /**
   * Decides a guard. Kept small, with the common attribute comparison first, so the JIT inlines it
   * into the transition path (TransitionBenchmark's guard is one); every other kind is decided by a
   * {@link Condition.Visitor}, so no kind can go undecided.
   */
  static boolean test(
      Condition c,
      Lead lead,
      Event event,
      ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
    if (c instanceof Condition.Attribute attribute) {
      return attribute(attribute, lead, event);
    }
    return other(c, lead, event, custom);
  }

  private static boolean other(
      Condition c,
      Lead lead,
      Event event,
      ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
    return c.accept(new Decision(lead, event, custom));
  }

  /** Decides every kind of condition for one lead and event. */
  private static final class Decision implements Condition.Visitor<Boolean> {
    private final Lead lead;
    private final Event event;
    private final ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom;

    Decision(
        Lead lead,
        Event event,
        ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
      this.lead = lead;
      this.event = event;
      this.custom = custom;
    }

    @Override
    public Boolean always(Condition.Always c) {
      return true;
    }

    @Override
    public Boolean attribute(Condition.Attribute c) {
      return Guards.attribute(c, lead, event);
    }

    @Override
    public Boolean channelIs(Condition.ChannelIs c) {
      return c.channels().contains(lead.channel());
    }

    @Override
    public Boolean ownerIs(Condition.OwnerIs c) {
      return c.owner().equals(lead.profile().owner);
    }

    @Override
    public Boolean inSegment(Condition.InSegment c) {
      return lead.segments().contains(c.segment());
    }

    @Override
    public Boolean bought(Condition.Bought c) {
      return lead.hasBought(c.offer());
    }

    @Override
    public Boolean offerIs(Condition.OfferIs c) {
      return c.offer().equals(event.offerOrNull());
    }

    @Override
    public Boolean timeInStage(Condition.TimeInStage c) {
      return lead.timeInStage(event.at()).compareTo(c.atLeast()) >= 0;
    }

    @Override
    public Boolean all(Condition.All c) {
      for (Condition each : c.conditions()) {
        if (!each.accept(this)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Boolean any(Condition.Any c) {
      for (Condition each : c.conditions()) {
        if (each.accept(this)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Boolean not(Condition.Not c) {
      return !c.condition().accept(this);
    }

    @Override
    public Boolean custom(Condition.Custom c) {
      String name = c.name();
      BiPredicate<? super Lead, ? super Event> p = custom.get(name);
      if (p == null) {
        throw new IllegalStateException(
            "custom guard '" + name + "' is not bound; bind it with Funnel.withGuards");
      }
      return p.test(lead, event);
    }
  }

  private static boolean attribute(Condition.Attribute a, Lead lead, Event event) {
    Object value =
        a.scope() == Condition.Scope.LEAD
            ? lead.attributes().get(a.name())
            : event.payload().get(a.name());
    switch (a.op()) {
      case EXISTS -> {
        return value != null;
      }
      case EQ -> {
        return Values.same(value, a.operands().get(0));
      }
      case IN -> {
        for (Object o : a.operands()) {
          if (Values.same(value, o)) {
            return true;
          }
        }
        return false;
      }
      default -> {
        return order(a.op(), Values.compare(value, a.operands().get(0)));
      }
    }
  }

  private static boolean order(Condition.Op op, int sign) {
    if (sign == Values.INCOMPARABLE) {
      return false;
    }
    return switch (op) {
      case GT -> sign > 0;
      case GE -> sign >= 0;
      case LT -> sign < 0;
      default -> sign <= 0;
    };
  }
}
