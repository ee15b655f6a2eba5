package dev.funnel.diagram;

import dev.funnel.Dispatch;
import dev.funnel.analytics.ContactFigures;
import dev.funnel.analytics.ExperimentFigures;
import dev.funnel.analytics.JourneyFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a report's journey controls on its {@link HtmlReport} page: goal conversions and
 * exits per reason, each experiment's arms with the lift over the holdout and its interval, and the
 * contact gate's decisions per channel and reason. A section the funnel has nothing for is left
 * out. Stateless and thread-safe.
 */
final class ControlTables {
  private ControlTables() {}

  /** Appends the sections of the report's journey controls. */
  static void append(StringBuilder b, Report report) {
    JourneyFigures journey = report.journey();
    if (!journey.goalConversions().isEmpty() || !journey.exits().isEmpty()) {
      journey(b, journey);
    }
    for (ExperimentFigures e : report.experiments()) {
      experiment(b, e);
    }
    ContactFigures contacts = report.contacts();
    if (!contacts.channels().isEmpty() || !report.funnel().contactPolicy().isEmpty()) {
      contacts(b, contacts);
    }
  }

  private static void journey(StringBuilder b, JourneyFigures f) {
    b.append("<h2>Goals and exits</h2>\n<table class=\"goals\">\n");
    b.append("<tr><th>goal</th><th>reached</th><th>of journeys</th></tr>\n");
    for (Map.Entry<String, Long> g : f.goalConversions().entrySet()) {
      b.append("<tr>");
      cell(b, g.getKey());
      number(b, Text.count(g.getValue()));
      number(b, Text.percent(f.goalConversion(g.getKey())));
      b.append("</tr>\n");
    }
    b.append("</table>\n<table class=\"exits\">\n");
    b.append("<tr><th>exit reason</th><th>exits</th><th>of journeys</th></tr>\n");
    for (Map.Entry<String, Long> x : f.exits().entrySet()) {
      b.append("<tr>");
      cell(b, x.getKey());
      number(b, Text.count(x.getValue()));
      number(b, Text.percent(Ratio.of(x.getValue(), f.journeys())));
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"summary\">");
    b.append(Text.count(f.journeys())).append(" journeys started, re-entries included.</p>\n");
  }

  private static void experiment(StringBuilder b, ExperimentFigures e) {
    b.append("<h2>Experiment ").append(HtmlReport.html(e.experimentId())).append("</h2>\n");
    b.append("<table class=\"experiment\">\n<tr><th>arm</th><th>journeys</th>");
    b.append("<th>converted</th><th>conversion</th></tr>\n");
    for (ExperimentFigures.Arm a : e.arms()) {
      b.append("<tr>");
      cell(b, a.name() + (a.holdout() ? " (holdout)" : ""));
      number(b, Text.count(a.leads()));
      number(b, Text.count(a.converted()));
      number(b, Text.percent(a.conversion()));
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"summary\">");
    Optional<ExperimentFigures.Lift> lift = e.lift();
    if (lift.isPresent()) {
      ExperimentFigures.Lift l = lift.get();
      b.append("Lift of treated over holdout: ").append(points(l.difference()));
      b.append(" (").append(level(l.level())).append(" interval ");
      b.append(points(l.low())).append(" to ").append(points(l.high())).append(")");
    } else {
      b.append("No lift yet: the treated or the holdout arms have no journey");
    }
    b.append(".</p>\n");
  }

  private static void contacts(StringBuilder b, ContactFigures f) {
    b.append("<h2>Contact pressure</h2>\n<table class=\"contacts\">\n<tr><th>channel</th>");
    b.append("<th>sent</th><th>held</th><th>skipped</th><th>suppressed</th></tr>\n");
    for (ContactFigures.Channel c : f.channels().values()) {
      b.append("<tr>");
      cell(b, c.channel());
      number(b, Text.count(c.sent()));
      number(b, Text.count(c.held()));
      number(b, Text.count(c.skipped()));
      number(b, Text.count(c.suppressed()));
      b.append("</tr>\n");
    }
    b.append("</table>\n<table class=\"reasons\">\n");
    b.append("<tr><th>withheld for</th><th>messages</th></tr>\n");
    for (Dispatch.Reason r : Dispatch.Reason.values()) {
      b.append("<tr>");
      cell(b, r.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      number(b, Text.count(f.withheld(r)));
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"summary\">A held message is decided again when quiet hours");
    b.append(" end, so it counts once as held and once more as what came of it.</p>\n");
  }

  /** Returns a difference of rates in percentage points, signed, two decimals half to even. */
  static String points(double fraction) {
    BigDecimal p = new BigDecimal(fraction * 100).setScale(2, RoundingMode.HALF_EVEN);
    return (p.signum() > 0 ? "+" : "") + p.toPlainString() + " pp";
  }

  private static String level(double level) {
    return new BigDecimal(level * 100).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(HtmlReport.html(text)).append("</td>");
  }

  private static void number(StringBuilder b, String text) {
    b.append("<td class=\"n\">").append(HtmlReport.html(text)).append("</td>");
  }
}
