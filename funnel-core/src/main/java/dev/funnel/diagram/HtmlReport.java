package dev.funnel.diagram;

import static java.util.Objects.requireNonNull;

import dev.funnel.Money;
import dev.funnel.Stage;
import dev.funnel.analytics.ChannelFigures;
import dev.funnel.analytics.FlowFigures;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.StageFigures;
import dev.funnel.analytics.TimeRange;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A report as one self-contained HTML page that a marketer opens in any browser: the headline
 * figures, the {@linkplain FunnelChart funnel chart} inline, a table of stages (entries, moves on,
 * drop-off, step conversion), of channels and of owners (with conversion over all and over
 * qualified leads), the revenue in every currency, the journey controls (goal conversions, exits
 * per reason, each experiment's arms with the lift over the holdout, and the contact pressure per
 * channel and reason), and the funnel's diagram: its moves with their counts as a table, and the
 * annotated {@linkplain Diagram#mermaid(Report) Mermaid} text.
 *
 * <p>The page has no scripts and loads nothing: styles are inline, so it can be mailed or archived
 * as one file. It follows the chart's conventions: drop-off as {@link StageFigures#dropOff()}
 * defines it, counts and money with grouped digits, percentages with two decimals, won stages
 * highlighted. Every id and label is HTML-escaped. Stateless and thread-safe.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Returns the HTML page of a report.
   *
   * @param report the report
   * @return an HTML5 document, UTF-8 text starting with {@code <!DOCTYPE html>}
   */
  public static String of(Report report) {
    requireNonNull(report, "report");
    StringBuilder b = new StringBuilder(16_384);
    String title = "Funnel " + report.funnel().id();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    b.append("<title>").append(html(title)).append("</title>\n");
    b.append("<style>\n");
    b.append("body { font-family: Helvetica, Arial, sans-serif; color: #1b1f24; margin: 24px; ");
    b.append("max-width: 1100px; }\n");
    b.append("h1 { font-size: 26px; margin-bottom: 4px; }\n");
    b.append("h2 { font-size: 19px; margin-top: 32px; }\n");
    b.append(".summary { color: #555555; margin-top: 0; }\n");
    b.append("table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }\n");
    b.append("th, td { padding: 5px 12px; border-bottom: 1px solid #dddddd; }\n");
    b.append("th { text-align: left; background: #f3f6fa; }\n");
    b.append("td.n { text-align: right; font-variant-numeric: tabular-nums; }\n");
    b.append("tr.won td { background: #e5f5e0; font-weight: bold; color: #1d6b38; }\n");
    b.append("tr.ended td { color: #777777; }\n");
    b.append("tr.black-hole td { background: #f2dede; }\n");
    b.append("pre { background: #f7f7f7; padding: 12px; overflow-x: auto; font-size: 12px; }\n");
    b.append(".chart svg { max-width: 100%; height: auto; }\n");
    b.append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(html(title)).append("</h1>\n");
    b.append("<p class=\"summary\">").append(html(summary(report))).append("</p>\n");

    b.append("<h2>Funnel chart</h2>\n<div class=\"chart\">\n");
    FunnelChart.element(b, report, FunnelChart.defaultStages(report));
    b.append("</div>\n");
    stages(b, report);
    money(b, report);
    channels(b, report);
    owners(b, report);
    ControlTables.append(b, report);
    diagram(b, report);
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static String summary(Report report) {
    StringBuilder s = new StringBuilder();
    TimeRange r = report.range();
    if (!r.equals(TimeRange.ALL)) {
      s.append(r.start()).append(" to ").append(r.end()).append(" · ");
    }
    s.append(Text.count(report.entries())).append(" leads entered · ");
    s.append(Text.count(report.converted())).append(" converted (");
    s.append(Text.percent(report.endToEnd())).append(")");
    String revenue = FunnelChart.revenue(report);
    if (!revenue.isEmpty()) {
      s.append(" · revenue ").append(revenue);
    }
    return s.toString();
  }

  private static void stages(StringBuilder b, Report report) {
    b.append("<h2>Stages</h2>\n<table class=\"stages\">\n<tr><th>stage</th><th>kind</th>");
    b.append("<th>entered</th><th>moved on</th><th>drop-off</th><th>drop-off rate</th>");
    b.append("<th>step conversion</th></tr>\n");
    @Nullable StageFigures above = null;
    for (StageFigures s : report.stages()) {
      Stage.Kind kind = s.stage().kind();
      boolean ended = kind == Stage.Kind.LOST || kind == Stage.Kind.JUNK;
      String css = kind == Stage.Kind.WON ? "won" : ended ? "ended" : "";
      b.append(css.isEmpty() ? "<tr>" : "<tr class=\"" + css + "\">");
      cell(b, s.id());
      cell(b, kind.name().toLowerCase(Locale.ROOT) + (s.stage().manual() ? ", manual" : ""));
      number(b, Text.count(s.entered()));
      number(b, Text.count(s.left()));
      number(b, s.stage().isTerminal() ? "-" : Text.count(s.dropOff()));
      number(b, s.stage().isTerminal() ? "-" : Text.percent(s.dropOffRate()));
      String step =
          ended || above == null ? "-" : Text.percent(report.conversion(above.id(), s.id()));
      number(b, step);
      b.append("</tr>\n");
      if (!ended) {
        above = s;
      }
    }
    b.append("</table>\n");
    b.append("<p class=\"summary\">Drop-off: entries into a stage that moved on to no other stage");
    b.append(" (they stopped there or are still in it). Step conversion: entries against those");
    b.append(" of the stage above.</p>\n");
  }

  private static void money(StringBuilder b, Report report) {
    b.append("<h2>Revenue</h2>\n<table class=\"revenue\">\n");
    b.append("<tr><th>currency</th><th>revenue</th></tr>\n");
    for (Map.Entry<Currency, Money> e : report.revenueByCurrency().entrySet()) {
      b.append("<tr>");
      cell(b, e.getKey().getCurrencyCode());
      number(b, Text.money(e.getValue()));
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"summary\">");
    b.append(Text.count(report.purchases())).append(" purchases by ");
    b.append(Text.count(report.buyers())).append(" buyers in ");
    b.append(html(report.currency().getCurrencyCode()));
    b.append("; average check ").append(html(orDash(report.averageCheck())));
    b.append(", LTV ").append(html(orDash(report.ltv())));
    if (report.foreignPurchases() > 0) {
      b.append("; ").append(Text.count(report.foreignPurchases()));
      b.append(" purchases in other currencies, shown apart");
    }
    b.append("</p>\n");
  }

  private static void channels(StringBuilder b, Report report) {
    b.append("<h2>Channels</h2>\n<table class=\"channels\">\n<tr><th>channel</th><th>leads</th>");
    b.append("<th>converted</th><th>conversion</th><th>junk</th><th>purchases</th>");
    b.append("<th>revenue</th></tr>\n");
    for (ChannelFigures c : report.channels().values()) {
      b.append("<tr>");
      cell(b, c.channel());
      number(b, Text.count(c.leads()));
      number(b, Text.count(c.converted()));
      number(b, Text.percent(c.conversion()));
      number(b, Text.count(c.junk()));
      number(b, Text.count(c.purchases()));
      number(b, Text.money(c.revenue()));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void owners(StringBuilder b, Report report) {
    b.append("<h2>Owners</h2>\n");
    if (report.owners().isEmpty()) {
      b.append("<p class=\"summary\">No record names an owner.</p>\n");
      return;
    }
    List<OwnerFigures> holes = report.blackHoles();
    b.append("<table class=\"owners\">\n<tr><th>owner</th><th>received</th><th>junk</th>");
    b.append("<th>qualified</th><th>converted</th><th>conversion</th>");
    b.append("<th>qualified conversion</th><th>won</th><th>lost</th><th>revenue</th></tr>\n");
    for (OwnerFigures o : report.owners().values()) {
      b.append(holes.contains(o) ? "<tr class=\"black-hole\">" : "<tr>");
      cell(b, o.owner() + (holes.contains(o) ? " (black hole)" : ""));
      number(b, Text.count(o.received()));
      number(b, Text.count(o.junk()));
      number(b, Text.count(o.qualified()));
      number(b, Text.count(o.converted()));
      number(b, Text.percent(o.conversion()));
      number(b, Text.percent(o.qualifiedConversion()));
      number(b, Text.count(o.won()));
      number(b, Text.count(o.lost()));
      number(b, Text.money(o.revenue()));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void diagram(StringBuilder b, Report report) {
    b.append("<h2>Diagram</h2>\n<table class=\"moves\">\n<tr><th>from</th><th>to</th>");
    b.append("<th>moves</th><th>share of the stage's entries</th></tr>\n");
    for (FlowFigures f : report.flows()) {
      b.append("<tr>");
      cell(b, f.from());
      cell(b, f.to());
      number(b, Text.count(f.count()));
      number(b, Text.percent(f.conversion()));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    b.append("<details><summary>Mermaid state diagram</summary>\n");
    b.append("<pre class=\"mermaid\">").append(html(Diagram.mermaid(report))).append("</pre>\n");
    b.append("</details>\n");
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(html(text)).append("</td>");
  }

  private static void number(StringBuilder b, String text) {
    b.append("<td class=\"n\">").append(html(text)).append("</td>");
  }

  private static String orDash(Optional<Money> m) {
    return m.map(Text::money).orElse("-");
  }

  /** Escapes text for HTML content and attribute values. */
  static String html(String s) {
    return FunnelChart.xml(s);
  }
}
