package dev.funnel.examples;

import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.analytics.BlackHoleRule;
import dev.funnel.analytics.ChannelFigures;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.StageFigures;
import dev.funnel.diagram.Diagram;
import dev.funnel.diagram.FunnelChart;
import dev.funnel.diagram.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints a {@link Report} as plain-text tables and writes its diagrams. */
final class Figures {
  private Figures() {}

  /** The directory files are written to when no argument names one. */
  static final Path DEFAULT_DIRECTORY = Path.of("target");

  /** Returns the directory named by the first argument, or {@link #DEFAULT_DIRECTORY}. */
  static Path directory(String[] args) {
    return args.length > 0 ? Path.of(args[0]) : DEFAULT_DIRECTORY;
  }

  /**
   * Prints the stages: entries, moves on, drop-off and the step conversion from the stage above
   * (active and won stages, in declaration order; lost and junk stages are counted below them).
   * Drop-off is {@link StageFigures#dropOff()}, as in the funnel chart: entries that moved on to no
   * other stage, so leads that skip the next stage are not counted as dropped.
   */
  static void stages(PrintStream out, Report report) {
    out.printf(
        "%-22s %8s %9s %16s %11s%n", "stage", "entered", "moved on", "drop-off", "step conv.");
    String above = null;
    List<String> ended = new ArrayList<>();
    for (StageFigures s : report.stages()) {
      Stage.Kind kind = s.stage().kind();
      if (kind == Stage.Kind.LOST || kind == Stage.Kind.JUNK) {
        ended.add(s.id() + " " + s.entered());
        continue;
      }
      String step = above == null ? "" : percent(report.conversion(above, s.id()));
      out.println(
          String.format(
                  "%-22s %8d %9d %16s %11s",
                  s.id() + (kind == Stage.Kind.WON ? " (won)" : ""),
                  s.entered(),
                  s.left(),
                  s.dropOff() + " (" + percent(s.dropOffRate()) + ")",
                  step)
              .stripTrailing());
      above = s.id();
    }
    if (!ended.isEmpty()) {
      out.printf("ended without a sale: %s%n", String.join(", ", ended));
    }
  }

  /** Prints CR1, CR2, the end-to-end conversion and the money figures. */
  static void money(PrintStream out, Report report, String visitors, String leads, String sales) {
    out.printf(
        "CR1 %s -> %s: %s%nCR2 %s -> %s: %s%nconverted: %s of the leads entered%n",
        visitors,
        leads,
        fraction(report.cr1(visitors, leads)),
        leads,
        sales,
        fraction(report.cr2(leads, sales)),
        fraction(report.endToEnd()));
    out.printf(
        "revenue %s from %d purchases by %d buyers; average check %s, LTV %s%n",
        report.revenue(),
        report.purchases(),
        report.buyers(),
        orDash(report.averageCheck()),
        orDash(report.ltv()));
    List<String> tiers = new ArrayList<>();
    for (Map.Entry<Offer.Tier, Money> t : report.revenueByTier().entrySet()) {
      tiers.add(t.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + t.getValue());
    }
    out.printf("revenue by tier: %s%n", tiers.isEmpty() ? "-" : String.join(", ", tiers));
  }

  /** Prints each channel's leads, sales and revenue and, with the spend, CAC, ROAS and ROI. */
  static void channels(PrintStream out, Report report, Map<String, Money> spend) {
    out.printf(
        "%-12s %7s %7s %14s %12s %10s %7s %8s%n",
        "channel", "leads", "sales", "revenue", "spend", "CAC", "ROAS", "ROI");
    for (ChannelFigures c : report.channels().values()) {
      Money spent = spend.get(c.channel());
      boolean paid = spent != null && !spent.isZero();
      out.printf(
          "%-12s %7d %7d %14s %12s %10s %7s %8s%n",
          c.channel(),
          c.leads(),
          c.converted(),
          c.revenue(),
          spent == null ? "-" : spent.toString(),
          paid ? orDash(c.cac(spent)) : "-",
          paid ? times(c.roas(spent)) : "-",
          paid ? percent(c.roi(spent)) : "-");
    }
  }

  /** Prints each owner's received leads, sales and revenue, and the black holes by the rule. */
  static void owners(PrintStream out, Report report, BlackHoleRule rule) {
    if (report.owners().isEmpty()) {
      return;
    }
    List<OwnerFigures> holes = report.blackHoles(rule);
    out.printf(
        "%-12s %9s %7s %6s %6s %11s %14s%n",
        "owner", "received", "sales", "lost", "junk", "conversion", "revenue");
    for (OwnerFigures o : report.owners().values()) {
      out.printf(
          "%-12s %9d %7d %6d %6d %11s %14s%s%n",
          o.owner(),
          o.received(),
          o.converted(),
          o.lost(),
          o.junk(),
          percent(o.conversion()),
          o.revenue(),
          holes.contains(o) ? "  <- black hole" : "");
    }
    if (holes.isEmpty()) {
      out.printf(
          "no black holes (at least %d leads and below %s of the rest's conversion)%n",
          rule.minLeads(), fraction(rule.fraction()));
    }
  }

  /**
   * Writes the report's funnel chart ({@code <name>.svg}), its annotated Mermaid diagram ({@code
   * <name>.mmd}) and its HTML page ({@code <name>.html}) into a directory, creating it if needed.
   *
   * @return the three files written
   */
  static List<Path> write(Report report, Path directory, String name) {
    try {
      Files.createDirectories(directory);
      Path svg = directory.resolve(name + ".svg");
      Path mmd = directory.resolve(name + ".mmd");
      Files.writeString(svg, FunnelChart.svg(report), StandardCharsets.UTF_8);
      Files.writeString(mmd, Diagram.mermaid(report), StandardCharsets.UTF_8);
      Path html = directory.resolve(name + ".html");
      Files.writeString(html, HtmlReport.of(report), StandardCharsets.UTF_8);
      return List.of(svg, mmd, html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a ratio as a percentage with two decimals, as the chart writes it, or a dash if it is
   * undefined.
   */
  static String percent(Ratio r) {
    return r.isDefined() ? r.percent(2).toPlainString() + "%" : "-";
  }

  /** Returns a ratio as "a/b = p%", or a dash if it is undefined. */
  static String fraction(Ratio r) {
    return r.isDefined() ? r + " = " + percent(r) : "-";
  }

  private static String times(Ratio r) {
    return r.isDefined() ? r.value(2).toPlainString() + "x" : "-";
  }

  private static String orDash(Optional<Money> m) {
    return m.map(Money::toString).orElse("-");
  }
}
