package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A plain, slow reading of the transition rules, written from the documentation and independent of
 * the compiled tables and guard evaluation in main code, to check {@link Funnel#fire} against.
 */
final class ReferenceModel {
  private ReferenceModel() {}

  /** What firing an event should do: a refusal, or the transition to take. */
  record Expected(Optional<Outcome.Refusal> refusal, @Nullable Transition transition) {}

  static Expected expect(
      Funnel funnel, Lead lead, Event event, Map<String, BiPredicate<Lead, Event>> custom) {
    if (lead.hasApplied(event.id())) {
      return refused(Outcome.Refusal.DUPLICATE);
    }
    Stage stage = funnel.stage(lead.stage()).orElseThrow();
    if (stage.isTerminal()) {
      return refused(Outcome.Refusal.TERMINAL);
    }
    if (event.at().isBefore(lead.updatedAt())) {
      return refused(Outcome.Refusal.STALE);
    }
    Optional<String> offer = event.offer();
    if (offer.isPresent()) {
      if (funnel.offers().stream().noneMatch(o -> o.id().equals(offer.get()))) {
        return refused(Outcome.Refusal.UNKNOWN_OFFER);
      }
      Optional<Money> amount = event.amount();
      if (amount.isPresent()
          && !funnel.currencies().isEmpty()
          && !funnel.currencies().contains(amount.get().currency())) {
        return refused(Outcome.Refusal.FOREIGN_CURRENCY);
      }
    }
    List<Transition> candidates = new ArrayList<>();
    for (Transition t : funnel.transitions()) {
      if (t.event().equals(event.type()) && (t.isFromAny() || t.from().contains(stage.id()))) {
        candidates.add(t);
      }
    }
    if (candidates.isEmpty()) {
      return refused(Outcome.Refusal.NO_TRANSITION);
    }
    candidates.sort(Comparator.comparingInt(Transition::priority).reversed());
    for (Transition t : candidates) {
      if (holds(t.guard(), lead, event, custom)) {
        return new Expected(Optional.empty(), t);
      }
    }
    return refused(Outcome.Refusal.GUARD_REJECTED);
  }

  private static Expected refused(Outcome.Refusal refusal) {
    return new Expected(Optional.of(refusal), null);
  }

  static boolean holds(
      Condition c, Lead lead, Event event, Map<String, BiPredicate<Lead, Event>> custom) {
    if (c instanceof Condition.Always) {
      return true;
    }
    if (c instanceof Condition.All all) {
      return all.conditions().stream().allMatch(each -> holds(each, lead, event, custom));
    }
    if (c instanceof Condition.Any any) {
      return any.conditions().stream().anyMatch(each -> holds(each, lead, event, custom));
    }
    if (c instanceof Condition.Not not) {
      return !holds(not.condition(), lead, event, custom);
    }
    if (c instanceof Condition.ChannelIs channel) {
      return channel.channels().contains(lead.channel());
    }
    if (c instanceof Condition.OwnerIs owner) {
      return lead.owner().equals(Optional.of(owner.owner()));
    }
    if (c instanceof Condition.InSegment segment) {
      return lead.segments().contains(segment.segment());
    }
    if (c instanceof Condition.Bought bought) {
      return lead.purchases().stream().anyMatch(p -> p.offer().equals(bought.offer()));
    }
    if (c instanceof Condition.OfferIs offer) {
      return event.offer().equals(Optional.of(offer.offer()));
    }
    if (c instanceof Condition.TimeInStage time) {
      Duration in = Duration.between(lead.enteredAt(), event.at());
      return (in.isNegative() ? Duration.ZERO : in).compareTo(time.atLeast()) >= 0;
    }
    if (c instanceof Condition.Custom named) {
      return requireNonNull(custom.get(named.name()), named.name()).test(lead, event);
    }
    Condition.Attribute a = (Condition.Attribute) c;
    Object value =
        a.scope() == Condition.Scope.LEAD
            ? lead.attributes().get(a.name())
            : event.payload().get(a.name());
    if (value == null) {
      return false;
    }
    Object operand = a.operands().isEmpty() ? "" : a.operands().get(0);
    boolean numbers = value instanceof Number && operand instanceof Number;
    return switch (a.op()) {
      case EXISTS -> true;
      case EQ -> same(value, operand);
      case IN -> a.operands().stream().anyMatch(o -> same(value, o));
      case GT -> numbers && decimal(value).compareTo(decimal(operand)) > 0;
      case GE -> numbers && decimal(value).compareTo(decimal(operand)) >= 0;
      case LT -> numbers && decimal(value).compareTo(decimal(operand)) < 0;
      case LE -> numbers && decimal(value).compareTo(decimal(operand)) <= 0;
    };
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    return a.equals(b);
  }

  private static BigDecimal decimal(Object n) {
    return new BigDecimal(n.toString());
  }

  /** The attributes after the transition's built-in actions, applied in order. */
  static Map<String, Object> attributesAfter(Lead lead, Transition t) {
    Map<String, Object> attributes = new LinkedHashMap<>(lead.attributes());
    for (Action a : t.actions()) {
      if (a.name().equals(Actions.SET)) {
        attributes.put(a.param("attribute").orElseThrow(), a.params().get("value"));
      } else if (a.name().equals(Actions.REMOVE)) {
        attributes.remove(a.param("attribute").orElseThrow());
      }
    }
    return attributes;
  }

  /** The segments after the transition's segment actions, in the order the lead joined them. */
  static ImmutableList<String> segmentsAfter(Lead lead, Transition t) {
    Set<String> segments = new LinkedHashSet<>(lead.segments());
    for (Action a : t.actions()) {
      if (a.name().equals(Actions.SEGMENT)) {
        segments.add(a.param("segment").orElseThrow());
      }
    }
    return ImmutableList.copyOf(segments);
  }

  /** The owner after the transition's assign actions; assigning from a pool changes nothing. */
  static Optional<String> ownerAfter(Lead lead, Transition t) {
    Optional<String> owner = lead.owner();
    for (Action a : t.actions()) {
      if (a.name().equals(Actions.ASSIGN) && a.params().containsKey("owner")) {
        owner = a.param("owner");
      }
    }
    return owner;
  }

  /** The timers of a stage entered at a time, earliest first, declaration order among equals. */
  static ImmutableList<ScheduledTimer> timersOnEntering(Funnel funnel, String stage, Event e) {
    List<ScheduledTimer> timers = new ArrayList<>();
    for (Timer t : funnel.timers()) {
      if (t.stage().equals(stage)) {
        timers.add(new ScheduledTimer(stage, t.event(), e.at().plus(t.after())));
      }
    }
    timers.sort(Comparator.comparing(ScheduledTimer::due));
    return ImmutableList.copyOf(timers);
  }
}
