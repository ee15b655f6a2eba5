package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import dev.funnel.ContactPolicy;
import dev.funnel.Experiment;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.QuietHours;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a definition's journey controls of contact pressure and experiments: the {@code
 * contact} object (time zone, quiet hours, caps) and the {@code experiments} array.
 */
final class ControlsFormat {
  private ControlsFormat() {}

  private static final Pattern LOCAL_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  /** The contact section as read: each part, or null if absent. */
  static final class Contact {
    @Nullable ZoneId zone;
    @Nullable QuietHours quietHours;
    final List<FrequencyCap> caps = new ArrayList<>();
  }

  static void write(JsonGenerator g, Funnel f) throws IOException {
    ContactPolicy p = f.contactPolicy();
    if (!p.equals(ContactPolicy.NONE)) {
      g.writeObjectFieldStart("contact");
      if (!p.fallbackZone().equals(ZoneOffset.UTC)) {
        g.writeStringField("timeZone", p.fallbackZone().getId());
      }
      QuietHours q = p.quietHours();
      if (q != null) {
        g.writeObjectFieldStart("quietHours");
        g.writeStringField("start", q.start().toString());
        g.writeStringField("end", q.end().toString());
        if (q.mode() != QuietHours.Mode.HOLD) {
          g.writeStringField("mode", EnumNames.of(q.mode()));
        }
        g.writeEndObject();
      }
      if (!p.caps().isEmpty()) {
        g.writeArrayFieldStart("caps");
        for (FrequencyCap c : p.caps()) {
          g.writeStartObject();
          g.writeStringField("channel", c.channel());
          g.writeNumberField("max", c.max());
          g.writeStringField("per", EnumNames.of(c.per()));
          Duration w = c.window();
          if (w != null) {
            g.writeStringField("window", w.toString());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    if (!f.experiments().isEmpty()) {
      g.writeArrayFieldStart("experiments");
      for (Experiment e : f.experiments()) {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("salt", e.salt());
        g.writeArrayFieldStart("arms");
        for (Experiment.Arm a : e.arms()) {
          g.writeStartObject();
          g.writeStringField("name", a.name());
          g.writeNumberField("weight", a.weight());
          if (a.holdout()) {
            g.writeBooleanField("holdout", true);
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  static Contact contact(Input in) throws IOException {
    Input.Fields f = in.readObject();
    Contact c = new Contact();
    while (f.next()) {
      switch (f.name()) {
        case "timeZone" -> {
          String id = in.readText();
          try {
            c.zone = ZoneId.of(id);
          } catch (DateTimeException e) {
            throw in.error(
                Code.INVALID_VALUE, "unknown time zone; use a region id such as Europe/Berlin");
          }
        }
        case "quietHours" -> c.quietHours = quietHours(in);
        case "caps" -> {
          in.next();
          in.array();
          while (in.element()) {
            c.caps.add(cap(in));
          }
        }
        default -> throw f.unknown();
      }
    }
    return c;
  }

  private static QuietHours quietHours(Input in) throws IOException {
    Input.Fields f = in.readObject();
    LocalTime start = null;
    LocalTime end = null;
    QuietHours.Mode mode = QuietHours.Mode.HOLD;
    while (f.next()) {
      switch (f.name()) {
        case "start" -> start = time(in);
        case "end" -> end = time(in);
        case "mode" -> mode = in.readConstant(QuietHours.Mode.class);
        default -> throw f.unknown();
      }
    }
    start = f.required(start, "start");
    end = f.required(end, "end");
    if (start.equals(end)) {
      throw f.invalid("quiet hours must not start when they end");
    }
    return new QuietHours(start, end, mode);
  }

  private static LocalTime time(Input in) throws IOException {
    String s = in.readText();
    if (!LOCAL_TIME.matcher(s).matches()) {
      throw in.error(Code.INVALID_VALUE, "expected a local time such as \"22:00\"");
    }
    try {
      return LocalTime.parse(s);
    } catch (DateTimeParseException e) {
      throw in.error(Code.INVALID_VALUE, "expected a local time such as \"22:00\"");
    }
  }

  private static FrequencyCap cap(Input in) throws IOException {
    Input.Fields f = in.object();
    String channel = null;
    Integer max = null;
    FrequencyCap.Per per = null;
    Duration window = null;
    while (f.next()) {
      switch (f.name()) {
        case "channel" -> channel = in.readId();
        case "max" -> {
          max = in.readInt();
          if (max < 1) {
            throw in.error(Code.INVALID_VALUE, "a cap must allow at least one message");
          }
        }
        case "per" -> per = in.readConstant(FrequencyCap.Per.class);
        case "window" -> {
          window = in.readDuration();
          if (window.isZero() || window.isNegative()) {
            throw in.error(Code.INVALID_VALUE, "a cap's window must be positive");
          }
        }
        default -> throw f.unknown();
      }
    }
    channel = f.required(channel, "channel");
    max = f.required(max, "max");
    per = f.required(per, "per");
    if (per == FrequencyCap.Per.WINDOW && window == null) {
      throw f.missing("window");
    }
    if (per != FrequencyCap.Per.WINDOW && window != null) {
      throw f.invalid("only a cap per window has a window");
    }
    return new FrequencyCap(channel, max, per, window);
  }

  static Experiment experiment(Input in) throws IOException {
    Input.Fields f = in.object();
    String id = null;
    String salt = null;
    List<Experiment.Arm> arms = new ArrayList<>();
    boolean hasArms = false;
    while (f.next()) {
      switch (f.name()) {
        case "id" -> id = in.readId();
        case "salt" -> salt = in.readId();
        case "arms" -> {
          hasArms = true;
          in.next();
          in.array();
          while (in.element()) {
            arms.add(arm(in));
          }
        }
        default -> throw f.unknown();
      }
    }
    id = f.required(id, "id");
    salt = f.required(salt, "salt");
    if (!hasArms) {
      throw f.missing("arms");
    }
    long total = 0;
    for (Experiment.Arm a : arms) {
      total += a.weight();
    }
    if (total > Integer.MAX_VALUE) {
      throw f.invalid("the arms' weights add up to more than " + Integer.MAX_VALUE);
    }
    return new Experiment(id, salt, ImmutableList.copyOf(arms));
  }

  private static Experiment.Arm arm(Input in) throws IOException {
    Input.Fields f = in.object();
    String name = null;
    Integer weight = null;
    boolean holdout = false;
    while (f.next()) {
      switch (f.name()) {
        case "name" -> name = in.readId();
        case "weight" -> {
          weight = in.readInt();
          if (weight < 1) {
            throw in.error(Code.INVALID_VALUE, "an arm's weight must be positive");
          }
        }
        case "holdout" -> holdout = in.readBool();
        default -> throw f.unknown();
      }
    }
    return new Experiment.Arm(f.required(name, "name"), f.required(weight, "weight"), holdout);
  }

  /** Adds the pointer of every experiment of this id, in document order. */
  static void experimentPointers(List<Experiment> experiments, String id, List<String> out) {
    for (int i = 0; i < experiments.size(); i++) {
      if (experiments.get(i).id().equals(id)) {
        out.add("/experiments/" + i);
      }
    }
  }

  /** Adds the pointer of every cap of this channel but the first, in document order. */
  static void capPointers(List<FrequencyCap> caps, String channel, List<String> out) {
    List<FrequencyCap> seen = new ArrayList<>();
    for (int i = 0; i < caps.size(); i++) {
      FrequencyCap c = caps.get(i);
      if (c.channel().equals(channel)) {
        if (seen.contains(c)) {
          out.add("/contact/caps/" + i);
        }
        seen.add(c);
      }
    }
  }
}
