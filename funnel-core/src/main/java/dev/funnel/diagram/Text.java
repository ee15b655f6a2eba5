package dev.funnel.diagram;

import static java.util.Objects.requireNonNull;

import dev.funnel.Action;
import dev.funnel.BuiltInAction;
import dev.funnel.Condition;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Purpose;
import dev.funnel.analytics.Ratio;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Plain-text descriptions of guards, durations, offers and ratios for labels. */
final class Text {
  private Text() {}

  /** Returns a guard as a short expression, such as {@code total > 0 and bought mini}. */
  static String guard(Condition c) {
    return c.accept(GUARD);
  }

  private static final Condition.Visitor<String> GUARD =
      new Condition.Visitor<>() {
        @Override
        public String always(Condition.Always c) {
          return "";
        }

        @Override
        public String attribute(Condition.Attribute a) {
          String name = (a.scope() == Condition.Scope.EVENT ? "event." : "") + a.name();
          return switch (a.op()) {
            case EXISTS -> name + " exists";
            case IN -> name + " in " + values(a.operands());
            case EQ -> name + " = " + value(a.operands().get(0));
            case GT -> name + " > " + value(a.operands().get(0));
            case GE -> name + " >= " + value(a.operands().get(0));
            case LT -> name + " < " + value(a.operands().get(0));
            default -> name + " <= " + value(a.operands().get(0));
          };
        }

        @Override
        public String channelIs(Condition.ChannelIs c) {
          List<Object> channels = List.copyOf(c.channels());
          return channels.size() == 1
              ? "channel = " + value(channels.get(0))
              : "channel in " + values(channels);
        }

        @Override
        public String ownerIs(Condition.OwnerIs c) {
          return "owner = " + value(c.owner());
        }

        @Override
        public String inSegment(Condition.InSegment c) {
          return "in segment " + value(c.segment());
        }

        @Override
        public String bought(Condition.Bought c) {
          return "bought " + value(c.offer());
        }

        @Override
        public String offerIs(Condition.OfferIs c) {
          return "event.offer = " + value(c.offer());
        }

        @Override
        public String timeInStage(Condition.TimeInStage c) {
          return "in stage >= " + duration(c.atLeast());
        }

        @Override
        public String all(Condition.All c) {
          return join(c.conditions(), " and ", "always");
        }

        @Override
        public String any(Condition.Any c) {
          return join(c.conditions(), " or ", "never");
        }

        @Override
        public String not(Condition.Not c) {
          return "not " + nested(c.condition());
        }

        @Override
        public String custom(Condition.Custom c) {
          return c.name() + "()";
        }
      };

  private static String join(List<Condition> conditions, String with, String empty) {
    if (conditions.isEmpty()) {
      return empty;
    }
    StringJoiner j = new StringJoiner(with);
    for (Condition each : conditions) {
      j.add(nested(each));
    }
    return j.toString();
  }

  private static String nested(Condition c) {
    String s = guard(c);
    boolean compound =
        (c instanceof Condition.All all && all.conditions().size() > 1)
            || (c instanceof Condition.Any any && any.conditions().size() > 1);
    return compound ? "(" + s + ")" : s;
  }

  private static String values(List<Object> values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (Object v : values) {
      j.add(value(v));
    }
    return j.toString();
  }

  private static String value(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  /** Returns a duration as days, hours, minutes and seconds, such as {@code 2d 3h}. */
  static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long days = d.toDays();
    if (days > 0) {
      b.append(days).append('d');
    }
    append(b, d.toHoursPart(), 'h');
    append(b, d.toMinutesPart(), 'm');
    append(b, d.toSecondsPart(), 's');
    if (b.length() == 0) {
      b.append(d.toMillis()).append("ms");
    }
    return b.toString();
  }

  private static void append(StringBuilder b, long n, char unit) {
    if (n > 0) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(n).append(unit);
    }
  }

  /** Returns an offer's tier and price, such as {@code tripwire, 9.90 EUR}. */
  static String offer(Offer o) {
    String tier = o.tier().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    Money price = o.price();
    return o.id() + ": " + tier + ", " + (o.isFree() || price == null ? "free" : money(price));
  }

  /**
   * Returns what an action does, such as {@code send welcome-1 by email}, {@code segment riders} or
   * {@code hand off to club/engagement}; a custom action by its name.
   */
  static String action(Action a) {
    String name = a.name();
    BuiltInAction kind = a.builtIn().orElse(null);
    if (kind == null) {
      return name;
    }
    return switch (kind) {
      case SEND ->
          "send "
              + a.param("template").orElse("")
              + a.param("channel").map(c -> " by " + c).orElse("")
              + (Purpose.of(a) == Purpose.TRANSACTIONAL ? " (transactional)" : "");
      case ASSIGN ->
          a.param("pool")
              .map(pool -> "assign from pool " + pool)
              .orElseGet(() -> "assign " + a.param("owner").orElse(""));
      case SET ->
          "set "
              + a.param("attribute").orElse("")
              + " = "
              + value(requireNonNull(a.params().get("value"), "value"));
      case REMOVE -> "remove " + a.param("attribute").orElse("");
      case SEGMENT -> "segment " + a.param("segment").orElse("");
      case PRESENT -> "present " + a.param("offer").orElse("");
      case HAND_OFF ->
          "hand off to " + a.param("funnel").orElse("") + "/" + a.param("stage").orElse("");
    };
  }

  /** Returns the offers an action names, such as {@code present upsell}, or an empty string. */
  static String offerAction(Action a) {
    return a.param("offer").map(offer -> a.name() + " " + offer).orElse("");
  }

  /**
   * Returns a ratio as a percentage with exactly two decimals, rounded half to even, such as {@code
   * 6.25%}, {@code 25.00%} or {@code 33.33%}, or {@code "-"} if it is undefined. Every picture
   * writes percentages this way, so they line up and read alike.
   */
  static String percent(Ratio r) {
    if (!r.isDefined()) {
      return "-";
    }
    return r.percent(2).toPlainString() + "%";
  }

  /** Returns a count with digits grouped by thousands, such as {@code 10,000}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Returns money with digits grouped by thousands and the currency's code, such as {@code
   * 22,043.40 EUR}.
   */
  static String money(Money m) {
    BigDecimal amount = m.amount().scale() < 0 ? m.amount().setScale(0) : m.amount();
    return String.format(Locale.ROOT, "%,." + amount.scale() + "f", amount)
        + " "
        + m.currency().getCurrencyCode();
  }
}
