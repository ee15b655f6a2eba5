package dev.funnel.diagram;

import dev.funnel.ContactPolicy;
import dev.funnel.Experiment;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.QuietHours;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The lines that show a funnel's contact pressure and experiments in a note of its diagram. */
final class ControlNotes {
  private ControlNotes() {}

  static List<String> of(Funnel funnel) {
    List<String> lines = new ArrayList<>();
    ContactPolicy p = funnel.contactPolicy();
    QuietHours q = p.quietHours();
    if (q != null) {
      lines.add(
          "quiet hours "
              + q.start()
              + "-"
              + q.end()
              + (q.mode() == QuietHours.Mode.HOLD ? ", held" : ", skipped"));
    }
    if (!p.fallbackZone().equals(ZoneOffset.UTC) || q != null) {
      lines.add("time zone if unknown: " + p.fallbackZone().getId());
    }
    for (FrequencyCap c : p.caps()) {
      Duration w = c.window();
      String per =
          switch (c.per()) {
            case DAY -> "a day";
            case JOURNEY -> "a journey";
            case WINDOW -> "in " + Text.duration(w == null ? Duration.ZERO : w);
          };
      lines.add("cap " + c.channel() + ": " + c.max() + " " + per);
    }
    for (Experiment e : funnel.experiments()) {
      StringJoiner arms = new StringJoiner(", ");
      for (Experiment.Arm a : e.arms()) {
        arms.add(a.name() + " " + a.weight() + (a.holdout() ? " (holdout)" : ""));
      }
      lines.add("experiment " + e.id() + ": " + arms);
    }
    return lines;
  }
}
