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
    if (c instanceof Condition.All all) {
      for (Condition each : all.conditions()) {
        if (!test(each, lead, event, custom)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof Condition.Any any) {
      for (Condition each : any.conditions()) {
        if (test(each, lead, event, custom)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.Not not) {
      return !test(not.condition(), lead, event, custom);
    }
    if (c instanceof Condition.ChannelIs channelIs) {
      return channelIs.channels().contains(lead.channel());
    }
    if (c instanceof Condition.OwnerIs ownerIs) {
      return ownerIs.owner().equals(lead.profile().owner);
    }
    if (c instanceof Condition.InSegment inSegment) {
      return lead.segments().contains(inSegment.segment());
    }
    if (c instanceof Condition.Bought bought) {
      return lead.hasBought(bought.offer());
    }
    if (c instanceof Condition.OfferIs offerIs) {
      return offerIs.offer().equals(event.offerOrNull());
    }
    if (c instanceof Condition.TimeInStage timeInStage) {
      return lead.timeInStage(event.at()).compareTo(timeInStage.atLeast()) >= 0;
    }
    if (c instanceof Condition.Custom named) {
      String name = named.name();
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
