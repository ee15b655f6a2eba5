package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Condition;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.Timer;
import dev.funnel.Transition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the model in the format's stable field order, leaving out defaults: an unguarded
 * transition has no guard, priority 0 is not written, nor are empty lists and absent values.
 */
final class ModelWriter {
  private ModelWriter() {}

  static final String TIMER_SCHEDULED = "timerScheduled";
  static final String TIMER_CANCELLED = "timerCancelled";

  // ---------------------------------------------------------------------------------------------
  // Definitions

  static void funnel(JsonGenerator g, Funnel f) throws IOException {
    g.writeStartObject();
    g.writeNumberField("format", FunnelFormat.FORMAT_VERSION);
    g.writeStringField("id", f.id());
    g.writeNumberField("version", f.version());
    g.writeArrayFieldStart("stages");
    for (Stage s : f.stages()) {
      stage(g, s);
    }
    g.writeEndArray();
    if (!f.offers().isEmpty()) {
      g.writeArrayFieldStart("offers");
      for (Offer o : f.offers()) {
        offer(g, o);
      }
      g.writeEndArray();
    }
    if (!f.currencies().isEmpty()) {
      g.writeArrayFieldStart("currencies");
      for (Currency c : f.currencies()) {
        g.writeString(c.getCurrencyCode());
      }
      g.writeEndArray();
    }
    if (!f.transitions().isEmpty()) {
      g.writeArrayFieldStart("transitions");
      for (Transition t : f.transitions()) {
        transition(g, t);
      }
      g.writeEndArray();
    }
    if (!f.timers().isEmpty()) {
      g.writeArrayFieldStart("timers");
      for (Timer t : f.timers()) {
        timer(g, t);
      }
      g.writeEndArray();
    }
    ControlsFormat.write(g, f);
    JourneyFormat.write(g, f);
    g.writeEndObject();
  }

  static void stage(JsonGenerator g, Stage s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    if (s.kind() != Stage.Kind.ACTIVE) {
      g.writeStringField("kind", EnumNames.of(s.kind()));
    }
    if (s.entry()) {
      g.writeBooleanField("entry", true);
    }
    if (s.manual()) {
      g.writeBooleanField("manual", true);
    }
    if (s.converts()) {
      g.writeBooleanField("converts", true);
    }
    optional(g, "reason", s.reason());
    if (!s.onEnter().isEmpty()) {
      g.writeArrayFieldStart("onEnter");
      for (Action a : s.onEnter()) {
        action(g, a);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  static void offer(JsonGenerator g, Offer o) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", o.id());
    g.writeStringField("tier", EnumNames.of(o.tier()));
    if (!o.name().equals(o.id())) {
      g.writeStringField("name", o.name());
    }
    Money price = o.price();
    if (price != null) {
      g.writeFieldName("price");
      money(g, price);
    }
    g.writeEndObject();
  }

  static void money(JsonGenerator g, Money m) throws IOException {
    g.writeStartObject();
    g.writeStringField("amount", m.amount().toPlainString());
    g.writeStringField("currency", m.currency().getCurrencyCode());
    g.writeEndObject();
  }

  static void transition(JsonGenerator g, Transition t) throws IOException {
    g.writeStartObject();
    g.writeStringField("event", t.event());
    if (t.isFromAny()) {
      g.writeBooleanField("fromAny", true);
    } else {
      g.writeArrayFieldStart("from");
      for (String s : t.from()) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
    optional(g, "to", t.to());
    if (t.isGuarded()) {
      g.writeFieldName("guard");
      condition(g, t.guard());
    }
    if (!t.actions().isEmpty()) {
      g.writeArrayFieldStart("actions");
      for (Action a : t.actions()) {
        action(g, a);
      }
      g.writeEndArray();
    }
    if (t.priority() != 0) {
      g.writeNumberField("priority", t.priority());
    }
    g.writeEndObject();
  }

  static void timer(JsonGenerator g, Timer t) throws IOException {
    g.writeStartObject();
    g.writeStringField("stage", t.stage());
    g.writeStringField("after", duration(t.after()));
    g.writeStringField("event", t.event());
    g.writeEndObject();
  }

  /** Returns an ISO-8601 duration with whole days as days: {@code P2D}, not {@code PT48H}. */
  static String duration(Duration d) {
    long days = d.toDays();
    if (days == 0 || d.isNegative()) {
      return d.toString();
    }
    Duration rest = d.minusDays(days);
    return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
  }

  static void condition(JsonGenerator g, Condition c) throws IOException {
    try {
      c.accept(new ConditionWriter(g));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A JSON write that may fail. */
  private interface Write {
    void run() throws IOException;
  }

  /**
   * Writes each kind of condition as a one-property object (two for an attribute comparison). The
   * visitor cannot throw {@link IOException}, so a failed write travels out as an {@link
   * UncheckedIOException} that {@link #condition} unwraps.
   */
  private static final class ConditionWriter implements Condition.Visitor<Boolean> {
    private final JsonGenerator g;

    ConditionWriter(JsonGenerator g) {
      this.g = g;
    }

    private Boolean object(Write fields) {
      try {
        g.writeStartObject();
        fields.run();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }

    private void conditions(String kind, ImmutableList<Condition> all) throws IOException {
      g.writeArrayFieldStart(kind);
      for (Condition each : all) {
        each.accept(this);
      }
      g.writeEndArray();
    }

    @Override
    public Boolean always(Condition.Always c) {
      return object(() -> g.writeBooleanField("always", true));
    }

    @Override
    public Boolean attribute(Condition.Attribute a) {
      return object(
          () -> {
            g.writeStringField(a.scope() == Condition.Scope.LEAD ? "attr" : "payload", a.name());
            g.writeFieldName(EnumNames.of(a.op()));
            switch (a.op()) {
              case EXISTS -> g.writeBoolean(true);
              case IN -> {
                g.writeStartArray();
                for (Object o : a.operands()) {
                  scalar(g, o);
                }
                g.writeEndArray();
              }
              default -> scalar(g, a.operands().get(0));
            }
          });
    }

    @Override
    public Boolean channelIs(Condition.ChannelIs c) {
      return object(
          () -> {
            g.writeArrayFieldStart("channel");
            for (String s : c.channels()) {
              g.writeString(s);
            }
            g.writeEndArray();
          });
    }

    @Override
    public Boolean ownerIs(Condition.OwnerIs c) {
      return object(() -> g.writeStringField("owner", c.owner()));
    }

    @Override
    public Boolean inSegment(Condition.InSegment c) {
      return object(() -> g.writeStringField("segment", c.segment()));
    }

    @Override
    public Boolean bought(Condition.Bought c) {
      return object(() -> g.writeStringField("bought", c.offer()));
    }

    @Override
    public Boolean offerIs(Condition.OfferIs c) {
      return object(() -> g.writeStringField("offer", c.offer()));
    }

    @Override
    public Boolean timeInStage(Condition.TimeInStage c) {
      return object(() -> g.writeStringField("timeInStage", duration(c.atLeast())));
    }

    @Override
    public Boolean all(Condition.All c) {
      return object(() -> conditions("all", c.conditions()));
    }

    @Override
    public Boolean any(Condition.Any c) {
      return object(() -> conditions("any", c.conditions()));
    }

    @Override
    public Boolean not(Condition.Not c) {
      return object(
          () -> {
            g.writeFieldName("not");
            c.condition().accept(this);
          });
    }

    @Override
    public Boolean custom(Condition.Custom c) {
      return object(() -> g.writeStringField("custom", c.name()));
    }
  }

  static void scalar(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String string) {
      g.writeString(string);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof BigDecimal bigDecimal) {
      g.writeNumber(bigDecimal);
    } else {
      throw new IllegalArgumentException(
          "value of type " + value.getClass().getSimpleName() + " has no form in the format");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Actions and effects

  /**
   * Writes an action as a one-property object named after its kind.
   *
   * @throws IllegalArgumentException if a built-in action has a parameter its kind does not take,
   *     or an id parameter that is not a string
   */
  static void action(JsonGenerator g, Action a) throws IOException {
    ImmutableList<String> allowed = BuiltIns.PARAMS.get(a.name());
    g.writeStartObject();
    if (allowed != null) {
      for (Map.Entry<String, Object> p : a.params().entrySet()) {
        if (!allowed.contains(p.getKey())
            || (!BuiltIns.isScalar(a.name(), p.getKey()) && !(p.getValue() instanceof String))) {
          throw new IllegalArgumentException(
              "action '"
                  + a.name()
                  + "' has a parameter the format does not define for it; use a custom action");
        }
      }
      g.writeObjectFieldStart(a.name());
      for (String key : allowed) {
        Object value = a.params().get(key);
        if (value != null) {
          g.writeFieldName(key);
          scalar(g, value);
        }
      }
      g.writeEndObject();
    } else if (a.isBuiltIn()) {
      throw new IllegalArgumentException(
          "built-in action '"
              + a.name()
              + "' has no form in format "
              + FunnelFormat.FORMAT_VERSION);
    } else {
      g.writeObjectFieldStart(BuiltIns.CUSTOM);
      g.writeStringField("name", a.name());
      if (!a.params().isEmpty()) {
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, Object> p : a.params().entrySet()) {
          g.writeFieldName(p.getKey());
          scalar(g, p.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  static void effect(JsonGenerator g, Effect e) throws IOException {
    if (e instanceof Action action) {
      action(g, action);
    } else if (e instanceof Effect.TimerScheduled timerScheduled) {
      g.writeStartObject();
      g.writeFieldName(TIMER_SCHEDULED);
      scheduledTimer(g, timerScheduled.timer());
      g.writeEndObject();
    } else if (e instanceof Effect.TimerCancelled timerCancelled) {
      g.writeStartObject();
      g.writeFieldName(TIMER_CANCELLED);
      scheduledTimer(g, timerCancelled.timer());
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException(
          "effect "
              + e.getClass().getSimpleName()
              + " has no form in format "
              + FunnelFormat.FORMAT_VERSION);
    }
  }

  static void scheduledTimer(JsonGenerator g, ScheduledTimer t) throws IOException {
    g.writeStartObject();
    g.writeStringField("stage", t.stage());
    g.writeStringField("event", t.event());
    g.writeStringField("due", t.due().toString());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------------------------------------
  // Leads, events, steps and outcomes

  static void lead(JsonGenerator g, Lead l) throws IOException {
    g.writeStartObject();
    g.writeNumberField("format", FunnelFormat.FORMAT_VERSION);
    g.writeStringField("id", l.id());
    g.writeStringField("funnelId", l.funnelId());
    g.writeNumberField("funnelVersion", l.funnelVersion());
    g.writeStringField("stage", l.stage());
    g.writeStringField("enteredAt", l.enteredAt().toString());
    g.writeStringField("updatedAt", l.updatedAt().toString());
    g.writeNumberField("version", l.version());
    g.writeStringField("channel", l.channel());
    optional(g, "owner", l.owner().orElse(null));
    if (!l.attributes().isEmpty()) {
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, Object> a : l.attributes().entrySet()) {
        g.writeFieldName(a.getKey());
        scalar(g, a.getValue());
      }
      g.writeEndObject();
    }
    if (!l.segments().isEmpty()) {
      g.writeArrayFieldStart("segments");
      for (String s : l.segments()) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
    if (!l.purchases().isEmpty()) {
      g.writeArrayFieldStart("purchases");
      for (Purchase p : l.purchases()) {
        purchase(g, p);
      }
      g.writeEndArray();
    }
    if (!l.timers().isEmpty()) {
      g.writeArrayFieldStart("timers");
      for (ScheduledTimer t : l.timers()) {
        scheduledTimer(g, t);
      }
      g.writeEndArray();
    }
    ImmutableList<String> recent = l.recentEventIds();
    if (!recent.isEmpty()) {
      g.writeArrayFieldStart("recentEventIds");
      for (String id : recent) {
        g.writeString(id);
      }
      g.writeEndArray();
    }
    JourneyFormat.writeJourney(g, l);
    g.writeEndObject();
  }

  static void purchase(JsonGenerator g, Purchase p) throws IOException {
    g.writeStartObject();
    g.writeStringField("offer", p.offer());
    g.writeFieldName("amount");
    money(g, p.amount());
    g.writeStringField("at", p.at().toString());
    g.writeStringField("eventId", p.eventId());
    g.writeEndObject();
  }

  static void event(JsonGenerator g, Event e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("type", e.type());
    g.writeStringField("at", e.at().toString());
    if (!e.payload().isEmpty()) {
      g.writeObjectFieldStart("payload");
      for (Map.Entry<String, Object> p : e.payload().entrySet()) {
        g.writeFieldName(p.getKey());
        scalar(g, p.getValue());
      }
      g.writeEndObject();
    }
    optional(g, "offer", e.offer().orElse(null));
    Money amount = e.amount().orElse(null);
    if (amount != null) {
      g.writeFieldName("amount");
      money(g, amount);
    }
    optional(g, "actor", e.actor().orElse(null));
    optional(g, "reason", e.reason().orElse(null));
    g.writeEndObject();
  }

  static void step(JsonGenerator g, Step s) throws IOException {
    g.writeStartObject();
    g.writeStringField("funnelId", s.funnelId());
    g.writeStringField("leadId", s.leadId());
    optional(g, "from", s.from());
    g.writeStringField("to", s.to());
    optional(g, "eventId", s.eventId());
    optional(g, "eventType", s.eventType());
    g.writeStringField("at", s.at().toString());
    g.writeStringField("channel", s.channel());
    optional(g, "owner", s.owner());
    optional(g, "offer", s.offer());
    Money amount = s.amount();
    if (amount != null) {
      g.writeFieldName("amount");
      money(g, amount);
    }
    optional(g, "actor", s.actor());
    optional(g, "reason", s.reason());
    g.writeNumberField("version", s.version());
    g.writeEndObject();
  }

  static void outcome(JsonGenerator g, Outcome o) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", EnumNames.of(o.status()));
    Outcome.Refusal refusal = o.refusal().orElse(null);
    if (refusal != null) {
      g.writeStringField("refusal", EnumNames.of(refusal));
    }
    g.writeFieldName("lead");
    lead(g, o.lead());
    if (!o.effects().isEmpty()) {
      g.writeArrayFieldStart("effects");
      for (Effect e : o.effects()) {
        effect(g, e);
      }
      g.writeEndArray();
    }
    if (!o.steps().isEmpty()) {
      g.writeArrayFieldStart("steps");
      for (Step s : o.steps()) {
        step(g, s);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
