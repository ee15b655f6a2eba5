package dev.funnel;

import com.google.common.collect.ImmutableMap;
import java.util.function.BiPredicate;

/** Evaluates guard conditions. */
final class Guards {
  private Guards() {}

  /**
   * Decides a guard. Kept small, with the common attribute comparison first, so the JIT inlines it
   * into the transition path.
   */
  static boolean test(
      Condition c,
      Lead lead,
      Event event,
      ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
    if (c instanceof Condition.Attribute) {
      return attribute((Condition.Attribute) c, lead, event);
    }
    return other(c, lead, event, custom);
  }

  private static boolean other(
      Condition c,
      Lead lead,
      Event event,
      ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> custom) {
    if (c instanceof Condition.All) {
      for (Condition each : ((Condition.All) c).conditions()) {
        if (!test(each, lead, event, custom)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof Condition.Any) {
      for (Condition each : ((Condition.Any) c).conditions()) {
        if (test(each, lead, event, custom)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.Not) {
      return !test(((Condition.Not) c).condition(), lead, event, custom);
    }
    if (c instanceof Condition.ChannelIs) {
      return ((Condition.ChannelIs) c).channels().contains(lead.channel());
    }
    if (c instanceof Condition.OwnerIs) {
      return ((Condition.OwnerIs) c).owner().equals(lead.profile().owner);
    }
    if (c instanceof Condition.InSegment) {
      return lead.segments().contains(((Condition.InSegment) c).segment());
    }
    if (c instanceof Condition.Bought) {
      return lead.hasBought(((Condition.Bought) c).offer());
    }
    if (c instanceof Condition.OfferIs) {
      return ((Condition.OfferIs) c).offer().equals(event.offerOrNull());
    }
    if (c instanceof Condition.TimeInStage) {
      return lead.timeInStage(event.at()).compareTo(((Condition.TimeInStage) c).atLeast()) >= 0;
    }
    if (c instanceof Condition.Custom) {
      String name = ((Condition.Custom) c).name();
      BiPredicate<? super Lead, ? super Event> p = custom.get(name);
      if (p == null) {
        throw new IllegalStateException(
            "custom guard '" + name + "' is not bound; bind it with Funnel.withGuards");
      }
      return p.test(lead, event);
    }
    return true; // Condition.Always
  }

  private static boolean attribute(Condition.Attribute a, Lead lead, Event event) {
    Object value =
        a.scope() == Condition.Scope.LEAD
            ? lead.attributes().get(a.name())
            : event.payload().get(a.name());
    switch (a.op()) {
      case EXISTS:
        return value != null;
      case EQ:
        return Values.same(value, a.operands().get(0));
      case IN:
        for (Object o : a.operands()) {
          if (Values.same(value, o)) {
            return true;
          }
        }
        return false;
      default:
        return order(a.op(), Values.compare(value, a.operands().get(0)));
    }
  }

  private static boolean order(Condition.Op op, int sign) {
    if (sign == Values.INCOMPARABLE) {
      return false;
    }
    switch (op) {
      case GT:
        return sign > 0;
      case GE:
        return sign >= 0;
      case LT:
        return sign < 0;
      default:
        return sign <= 0;
    }
  }
}
