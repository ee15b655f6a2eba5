package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.funnel.Condition;
import dev.funnel.Exit;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.Goal;
import dev.funnel.Lead;
import dev.funnel.Problem;
import dev.funnel.ReEntry;
import dev.funnel.Scoring;
import dev.funnel.WaitBuilder;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.Input.Fields;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a definition's journey controls: {@code goals}, {@code exits}, {@code reEntry},
 * {@code scoring}, and {@code waits}, which are read into the transitions and timers they compile
 * into (and so written as those).
 */
final class JourneyFormat {
  private JourneyFormat() {}

  /** A wait as read, to declare on the builder. */
  record Wait(
      String stage,
      Map<String, String> until,
      @Nullable Duration timeout,
      @Nullable String timeoutTo,
      @Nullable String resetOn) {}

  /** What a lead remembers of its journeys, as read. */
  record LeadJourney(
      List<Instant> entries, int points, @Nullable Instant scoreSince, List<String> goals) {
    void declare(Lead.Builder b) {
      if (!entries.isEmpty()) {
        b.entries(entries);
      }
      Instant since = scoreSince;
      if (points != 0 && since != null) {
        b.score(points, since);
      }
      goals.forEach(b::goalReached);
    }
  }

  static void writeJourney(JsonGenerator g, Lead l) throws IOException {
    if (l.entries().isEmpty() && l.score() == 0 && l.goalsReached().isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("journey");
    if (!l.entries().isEmpty()) {
      g.writeArrayFieldStart("entries");
      for (Instant t : l.entries()) {
        g.writeString(t.toString());
      }
      g.writeEndArray();
    }
    Instant since = l.scoreSince().orElse(null);
    if (l.score() != 0 && since != null) {
      g.writeNumberField("score", l.score());
      g.writeStringField("scoreSince", since.toString());
    }
    if (!l.goalsReached().isEmpty()) {
      g.writeArrayFieldStart("goals");
      for (String goal : l.goalsReached()) {
        g.writeString(goal);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  static LeadJourney journey(Input in) throws IOException {
    Fields f = in.readObject();
    List<Instant> entries = new ArrayList<>();
    Integer score = null;
    Instant since = null;
    List<String> goals = new ArrayList<>();
    while (f.next()) {
      switch (f.name()) {
        case "entries" -> {
          in.readArray();
          while (in.element()) {
            Instant t = in.instant();
            if (!entries.isEmpty() && t.isBefore(entries.get(entries.size() - 1))) {
              throw in.error(Code.INVALID_VALUE, "entries must be in order, oldest first");
            }
            entries.add(t);
          }
        }
        case "score" -> score = in.readInt();
        case "scoreSince" -> since = in.readInstant();
        case "goals" -> {
          in.readArray();
          while (in.element()) {
            String goal = in.id();
            if (goals.contains(goal)) {
              throw in.error(Code.INVALID_VALUE, "goal listed twice");
            }
            goals.add(goal);
          }
        }
        default -> throw f.unknown();
      }
    }
    if (score != null && score != 0 && since == null) {
      throw f.missing("scoreSince");
    }
    if (since != null && (score == null || score == 0)) {
      throw f.invalid("scoreSince without a score");
    }
    return new LeadJourney(entries, score == null ? 0 : score, since, goals);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  static void write(JsonGenerator g, Funnel f) throws IOException {
    if (!f.goals().isEmpty()) {
      g.writeArrayFieldStart("goals");
      for (Goal goal : f.goals()) {
        g.writeStartObject();
        g.writeStringField("id", goal.id());
        String event = goal.event();
        if (event != null) {
          g.writeStringField("event", event);
        }
        condition(g, goal.condition());
        Duration within = goal.within();
        if (within != null) {
          g.writeStringField("within", ModelWriter.duration(within));
        }
        g.writeStringField("to", goal.to());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!f.exits().isEmpty()) {
      g.writeArrayFieldStart("exits");
      for (Exit x : f.exits()) {
        g.writeStartObject();
        g.writeStringField("reason", x.reason());
        String event = x.event();
        if (event != null) {
          g.writeStringField("event", event);
        }
        condition(g, x.condition());
        g.writeStringField("to", x.to());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    ReEntry r = f.reEntry().orElse(null);
    if (r != null) {
      g.writeObjectFieldStart("reEntry");
      if (!r.isUnlimited()) {
        g.writeNumberField("maxEntries", r.maxEntries());
      }
      if (!r.minInterval().isZero()) {
        g.writeStringField("minInterval", ModelWriter.duration(r.minInterval()));
      }
      g.writeStringField("whileInside", EnumNames.of(r.whileInside()));
      String key = r.key();
      if (key != null) {
        g.writeStringField("key", key);
      }
      g.writeEndObject();
    }
    Scoring s = f.scoring();
    if (!s.isEmpty()) {
      g.writeObjectFieldStart("scoring");
      g.writeArrayFieldStart("rules");
      for (Scoring.Rule rule : s.rules()) {
        g.writeStartObject();
        g.writeStringField("event", rule.event());
        g.writeNumberField("points", rule.points());
        condition(g, rule.condition());
        g.writeEndObject();
      }
      g.writeEndArray();
      Scoring.Decay d = s.decay();
      if (d != null) {
        g.writeObjectFieldStart("decay");
        g.writeNumberField("points", d.points());
        g.writeStringField("every", ModelWriter.duration(d.every()));
        g.writeEndObject();
      }
      if (!s.thresholds().isEmpty()) {
        g.writeArrayFieldStart("thresholds");
        for (Scoring.Threshold t : s.thresholds()) {
          g.writeStartObject();
          g.writeNumberField("points", t.points());
          g.writeStringField("fire", t.fire());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }

  private static void condition(JsonGenerator g, Condition c) throws IOException {
    if (!(c instanceof Condition.Always)) {
      g.writeFieldName("condition");
      ModelWriter.condition(g, c);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  static List<Goal> goals(Input in) throws IOException {
    List<Goal> out = new ArrayList<>();
    in.readArray();
    while (in.element()) {
      Fields f = in.object();
      String id = null;
      String event = null;
      Condition condition = Condition.ALWAYS;
      boolean conditional = false;
      Duration within = null;
      String to = null;
      while (f.next()) {
        switch (f.name()) {
          case "id" -> id = in.readId();
          case "event" -> event = in.readId();
          case "condition" -> {
            in.next();
            condition = ConditionReader.condition(in);
            conditional = true;
          }
          case "within" -> {
            within = in.readDuration();
            if (within.isNegative() || within.isZero()) {
              throw in.error(Code.INVALID_VALUE, "a goal's window must be positive");
            }
          }
          case "to" -> to = in.readId();
          default -> throw f.unknown();
        }
      }
      id = f.required(id, "id");
      to = f.required(to, "to");
      if (event == null && !conditional) {
        throw f.invalid("a goal needs an event or a condition");
      }
      out.add(new Goal(id, event, condition, within, to));
    }
    return out;
  }

  static List<Exit> exits(Input in) throws IOException {
    List<Exit> out = new ArrayList<>();
    in.readArray();
    while (in.element()) {
      Fields f = in.object();
      String reason = null;
      String event = null;
      Condition condition = Condition.ALWAYS;
      boolean conditional = false;
      String to = null;
      while (f.next()) {
        switch (f.name()) {
          case "reason" -> reason = in.readId();
          case "event" -> event = in.readId();
          case "condition" -> {
            in.next();
            condition = ConditionReader.condition(in);
            conditional = true;
          }
          case "to" -> to = in.readId();
          default -> throw f.unknown();
        }
      }
      reason = f.required(reason, "reason");
      to = f.required(to, "to");
      if (event == null && !conditional) {
        throw f.invalid("an exit needs an event or a condition");
      }
      out.add(new Exit(reason, event, condition, to));
    }
    return out;
  }

  static ReEntry reEntry(Input in) throws IOException {
    Fields f = in.readObject();
    ReEntry.Builder b = ReEntry.builder();
    ReEntry.WhileInside whileInside = ReEntry.WhileInside.REFUSE;
    String key = null;
    while (f.next()) {
      switch (f.name()) {
        case "maxEntries" -> {
          int max = in.readInt();
          if (max < 1) {
            throw in.error(Code.INVALID_VALUE, "the entry limit must be positive");
          }
          b.maxEntries(max);
        }
        case "minInterval" -> {
          Duration d = in.readDuration();
          if (d.isNegative()) {
            throw in.error(Code.INVALID_VALUE, "the interval between entries must not be negative");
          }
          b.minInterval(d);
        }
        case "whileInside" -> whileInside = in.readConstant(ReEntry.WhileInside.class);
        case "key" -> key = in.readId();
        default -> throw f.unknown();
      }
    }
    if (whileInside == ReEntry.WhileInside.PARALLEL) {
      b.parallelBy(f.required(key, "key"));
    } else if (key != null) {
      throw f.invalid("only a parallel re-entry policy has a key");
    } else if (whileInside == ReEntry.WhileInside.RESTART) {
      b.restartWhileInside();
    }
    return b.build();
  }

  static Scoring scoring(Input in) throws IOException {
    Fields f = in.readObject();
    Scoring.Builder b = Scoring.builder();
    boolean rules = false;
    while (f.next()) {
      switch (f.name()) {
        case "rules" -> {
          rules = true;
          in.readArray();
          while (in.element()) {
            Fields r = in.object();
            String event = null;
            Integer points = null;
            Condition condition = Condition.ALWAYS;
            while (r.next()) {
              switch (r.name()) {
                case "event" -> event = in.readId();
                case "points" -> {
                  points = in.readInt();
                  if (points == 0) {
                    throw in.error(Code.INVALID_VALUE, "a scoring rule must give points");
                  }
                }
                case "condition" -> {
                  in.next();
                  condition = ConditionReader.condition(in);
                }
                default -> throw r.unknown();
              }
            }
            b.points(r.required(event, "event"), r.required(points, "points"), condition);
          }
        }
        case "decay" -> {
          Fields d = in.readObject();
          Integer points = null;
          Duration every = null;
          while (d.next()) {
            switch (d.name()) {
              case "points" -> {
                points = in.readInt();
                if (points < 1) {
                  throw in.error(Code.INVALID_VALUE, "decay points must be positive");
                }
              }
              case "every" -> {
                every = in.readDuration();
                if (every.isNegative() || every.isZero()) {
                  throw in.error(Code.INVALID_VALUE, "a decay period must be positive");
                }
              }
              default -> throw d.unknown();
            }
          }
          b.decay(d.required(points, "points"), d.required(every, "every"));
        }
        case "thresholds" -> {
          in.readArray();
          List<Integer> seen = new ArrayList<>();
          while (in.element()) {
            Fields t = in.object();
            Integer points = null;
            String fire = null;
            while (t.next()) {
              switch (t.name()) {
                case "points" -> {
                  points = in.readInt();
                  if (points < 1) {
                    throw in.error(Code.INVALID_VALUE, "a score threshold must be positive");
                  }
                }
                case "fire" -> fire = in.readId();
                default -> throw t.unknown();
              }
            }
            int p = t.required(points, "points");
            if (seen.contains(p)) {
              throw t.invalid("a score threshold is listed twice");
            }
            seen.add(p);
            b.threshold(p, t.required(fire, "fire"));
          }
        }
        default -> throw f.unknown();
      }
    }
    if (!rules) {
      throw f.missing("rules");
    }
    return b.build();
  }

  static List<Wait> waits(Input in) throws IOException {
    List<Wait> out = new ArrayList<>();
    in.readArray();
    while (in.element()) {
      Fields f = in.object();
      String stage = null;
      Map<String, String> until = new LinkedHashMap<>();
      Duration timeout = null;
      String timeoutTo = null;
      String resetOn = null;
      while (f.next()) {
        switch (f.name()) {
          case "stage" -> stage = in.readId();
          case "until" -> {
            in.readArray();
            while (in.element()) {
              Fields u = in.object();
              String event = null;
              String to = null;
              while (u.next()) {
                switch (u.name()) {
                  case "event" -> event = in.readId();
                  case "to" -> to = in.readId();
                  default -> throw u.unknown();
                }
              }
              String e = u.required(event, "event");
              if (until.put(e, u.required(to, "to")) != null) {
                throw u.invalid("a wait awaits each event once");
              }
            }
          }
          case "timeout" -> {
            Fields t = in.readObject();
            while (t.next()) {
              switch (t.name()) {
                case "after" -> {
                  timeout = in.readDuration();
                  if (timeout.isNegative() || timeout.isZero()) {
                    throw in.error(Code.INVALID_VALUE, "a wait's timeout must be positive");
                  }
                }
                case "to" -> timeoutTo = in.readId();
                default -> throw t.unknown();
              }
            }
            timeout = t.required(timeout, "after");
            timeoutTo = t.required(timeoutTo, "to");
          }
          case "resetOn" -> resetOn = in.readId();
          default -> throw f.unknown();
        }
      }
      stage = f.required(stage, "stage");
      if (resetOn != null && until.containsKey(resetOn)) {
        throw f.invalid("a wait's reset event cannot also be awaited");
      }
      out.add(new Wait(stage, until, timeout, timeoutTo, resetOn));
    }
    return out;
  }

  /** Adds the pointers of the control a problem of a journey control names. */
  static void pointers(Problem p, ModelReader.Parts parts, List<String> out) {
    String a = p.ids().isEmpty() ? "" : p.ids().get(0);
    switch (p.code()) {
      case INVALID_GOAL -> {
        for (int i = 0; i < parts.goals.size(); i++) {
          if (parts.goals.get(i).id().equals(a)) {
            out.add("/goals/" + i);
          }
        }
      }
      case INVALID_EXIT -> {
        for (int i = 0; i < parts.exits.size(); i++) {
          if (parts.exits.get(i).reason().equals(a)) {
            out.add("/exits/" + i);
          }
        }
      }
      case INVALID_WAIT -> {
        for (int i = 0; i < parts.waits.size(); i++) {
          if (parts.waits.get(i).stage().equals(a)) {
            out.add("/waits/" + i);
          }
        }
      }
      default -> out.add("/scoring");
    }
  }

  /** Declares what was read on the builder. */
  static FunnelBuilder declare(
      FunnelBuilder builder,
      List<Goal> goals,
      List<Exit> exits,
      @Nullable ReEntry reEntry,
      @Nullable Scoring scoring,
      List<Wait> waits) {
    FunnelBuilder b = builder;
    for (Goal g : goals) {
      var gb = b.goal(g.id());
      String event = g.event();
      if (event != null) {
        gb.onEvent(event);
      }
      if (!(g.condition() instanceof Condition.Always)) {
        gb.when(g.condition());
      }
      Duration within = g.within();
      if (within != null) {
        gb.within(within);
      }
      b = gb.to(g.to());
    }
    for (Exit x : exits) {
      var xb = b.exit(x.reason());
      String event = x.event();
      if (event != null) {
        xb.onEvent(event);
      }
      if (!(x.condition() instanceof Condition.Always)) {
        xb.when(x.condition());
      }
      b = xb.to(x.to());
    }
    if (reEntry != null) {
      b = b.reEntry(reEntry);
    }
    if (scoring != null) {
      b = b.scoring(scoring);
    }
    for (Wait w : waits) {
      WaitBuilder wb = b.waitIn(w.stage());
      w.until().forEach(wb::until);
      Duration timeout = w.timeout();
      String to = w.timeoutTo();
      if (timeout != null && to != null) {
        wb.timeout(timeout, to);
      }
      String reset = w.resetOn();
      if (reset != null) {
        wb.resetOn(reset);
      }
      b = wb;
    }
    return b;
  }
}
