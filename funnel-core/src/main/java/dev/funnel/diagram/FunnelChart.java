package dev.funnel.diagram;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.funnel.Stage;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.StageFigures;
import dev.funnel.analytics.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A report drawn as a funnel chart in SVG: one horizontal bar per stage, top to bottom, centred,
 * its width proportional to the number of entries into the stage (the widest bar is the largest
 * count), but never narrower than a minimum for a stage that has entries, so a small stage stays
 * visible. Each bar is labelled with its count and its step conversion from the bar above (this
 * count against the one above); a label that does not fit on its bar is written beside it. Beside
 * the bar, the stage's id, whether it is manual or won (won stages are drawn in green with a
 * heavier border), and its count as a share of the top bar (the end-to-end conversion down to it).
 * A column on the right gives each stage's drop-off.
 *
 * <p><b>Drop-off</b> means what {@link StageFigures#dropOff()} means, here as in the tables: the
 * entries into a stage that moved on to no other stage (they stopped there, or are still in it),
 * and its share of the stage's entries. Leads that move on past the next bar (from a visitor
 * straight to a cart, skipping the lead stage) have not dropped off. Terminal stages have none.
 *
 * <p>Counts and money have their digits grouped ({@code 10,000}, {@code 22,043.40 EUR}) and every
 * percentage has two decimals. The SVG is a standalone document that a browser opens as is; all
 * text is XML-escaped. Stateless and thread-safe.
 */
public final class FunnelChart {
  static final int WIDTH = 1080;
  private static final int LABEL_RIGHT = 196;
  private static final int CHART_LEFT = 212;
  private static final int CHART_WIDTH = 664;
  private static final int CHART_RIGHT = CHART_LEFT + CHART_WIDTH + 24;
  private static final int DROP_LEFT = CHART_RIGHT + 12;
  private static final int TOP = 92;
  private static final int BAR_HEIGHT = 56;
  private static final int GAP = 14;

  /** The narrowest a bar of a stage with entries is drawn, in pixels. */
  static final double MIN_BAR_WIDTH = 32;

  private static final int COUNT_SIZE = 17;
  private static final int DETAIL_SIZE = 12;
  private static final String WON_FILL = "#74c476";
  private static final String WON_STROKE = "#238b45";
  private static final String[] BLUES = {
    "#9ecae1", "#a8d0e6", "#b3d6ea", "#bddcee", "#c6e1f1", "#cfe6f4", "#d8ebf7"
  };

  private FunnelChart() {}

  /**
   * Returns the funnel chart of a report over its funnel's stages in declaration order, leaving out
   * lost and junk stages (leads that dropped out, not steps of the funnel).
   *
   * @param report the report
   * @return an SVG document
   */
  public static String svg(Report report) {
    return svg(report, defaultStages(report));
  }

  /** Returns the funnel's active and won stages, in declaration order. */
  static List<String> defaultStages(Report report) {
    List<String> stages = new ArrayList<>();
    for (Stage s : report.funnel().stages()) {
      if (s.kind() == Stage.Kind.ACTIVE || s.kind() == Stage.Kind.WON) {
        stages.add(s.id());
      }
    }
    return stages;
  }

  /**
   * Returns the funnel chart of a report over the given stages, in that order.
   *
   * @param report the report
   * @param stages the stages drawn as bars, top to bottom
   * @return an SVG document
   * @throws IllegalArgumentException if no stage is given or a stage is unknown to the report
   */
  public static String svg(Report report, List<String> stages) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    element(b, report, stages);
    return b.toString();
  }

  /** Appends the chart's {@code <svg>} element, as a document or inside an HTML page. */
  static void element(StringBuilder b, Report report, List<String> stages) {
    requireNonNull(report, "report");
    checkArgument(!stages.isEmpty(), "a funnel chart needs at least one stage");
    List<StageFigures> bars = new ArrayList<>();
    long max = 0;
    for (String id : stages) {
      StageFigures f = report.stage(id);
      bars.add(f);
      max = Math.max(max, f.entered());
    }
    int height = TOP + bars.size() * (BAR_HEIGHT + GAP) + 52;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH);
    b.append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ');
    b.append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
    String title = "Funnel " + report.funnel().id();
    b.append("  <title>").append(xml(title)).append("</title>\n");
    b.append("  <style>\n");
    b.append("    .on-bar { fill: #1b1f24; stroke: #ffffff; stroke-width: 3px; ");
    b.append("stroke-linejoin: round; paint-order: stroke; }\n");
    b.append("    .beside { fill: #1b1f24; }\n");
    b.append("  </style>\n");
    b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(b, 24, 38, "start", "font-size=\"22\" font-weight=\"bold\" fill=\"#1b1f24\"", title);
    text(b, 24, 62, "start", "font-size=\"13\" fill=\"#555555\"", subtitle(report));
    text(
        b,
        DROP_LEFT,
        TOP - 8,
        "start",
        "font-size=\"12\" font-weight=\"bold\" fill=\"#555555\"",
        "drop-off");

    double cx = CHART_LEFT + CHART_WIDTH / 2.0;
    for (int i = 0; i < bars.size(); i++) {
      StageFigures f = bars.get(i);
      double w = barWidth(f.entered(), max);
      int y = TOP + i * (BAR_HEIGHT + GAP);
      double mid = y + BAR_HEIGHT / 2.0;
      boolean won = f.stage().kind() == Stage.Kind.WON;
      String fill = won ? WON_FILL : BLUES[Math.min(i, BLUES.length - 1)];
      b.append("  <rect class=\"bar\" data-kind=\"");
      b.append(f.stage().kind().name().toLowerCase(Locale.ROOT)).append("\" data-stage=\"");
      b.append(xml(f.id())).append("\" data-count=\"").append(f.entered()).append("\" x=\"");
      b.append(num(cx - w / 2)).append("\" y=\"").append(y).append("\" width=\"").append(num(w));
      b.append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"4\" fill=\"").append(fill);
      b.append("\" stroke=\"").append(won ? WON_STROKE : "#4e79a7");
      b.append("\" stroke-width=\"").append(won ? "2.5" : "1").append("\"/>\n");
      String labelFill = won ? WON_STROKE : "#1b1f24";
      text(
          b,
          LABEL_RIGHT,
          mid - 2,
          "end",
          "font-size=\"15\" font-weight=\"bold\" fill=\"" + labelFill + "\"",
          f.id());
      String under = kind(f.stage());
      if (i > 0) {
        String ofTop = Text.percent(Ratio.of(f.entered(), bars.get(0).entered())) + " of top";
        under = under.isEmpty() ? ofTop : under + " · " + ofTop;
      }
      if (!under.isEmpty()) {
        String attributes =
            won
                ? "font-size=\"11\" font-weight=\"bold\" fill=\"" + WON_STROKE + "\""
                : "font-size=\"11\" fill=\"#777777\"";
        text(b, LABEL_RIGHT, mid + 15, "end", attributes, under);
      }
      label(b, cx, w, mid - 4, COUNT_SIZE, "font-weight=\"bold\"", Text.count(f.entered()));
      String detail = i == 0 ? "top of the funnel" : step(bars.get(i - 1).entered(), f.entered());
      label(b, cx, w, mid + 15, DETAIL_SIZE, "", detail);
      if (!f.stage().isTerminal()) {
        text(
            b,
            DROP_LEFT,
            mid + 4,
            "start",
            "class=\"drop-off\" font-size=\"12\" fill=\"#a94442\"",
            dropOff(f));
        String ended = ended(report, f);
        if (!ended.isEmpty()) {
          text(
              b,
              DROP_LEFT,
              mid + 20,
              "start",
              "class=\"ended\" font-size=\"11\" fill=\"#777777\"",
              ended);
        }
      }
    }
    int foot = TOP + bars.size() * (BAR_HEIGHT + GAP) + 14;
    String note = "font-size=\"11\" fill=\"#777777\"";
    text(
        b,
        24,
        foot,
        "start",
        note,
        "Bar width is proportional to the number of entries into the stage (small stages are drawn"
            + " at a minimum width). Conversion is measured against the bar above.");
    text(
        b,
        24,
        foot + 15,
        "start",
        note,
        "Drop-off: entries that moved on to no other stage (they stopped there or are still in"
            + " it); moves to lost and junk stages are shown under it.");
    b.append("</svg>\n");
  }

  /** Returns a bar's width: proportional to its count, at least the minimum if it has entries. */
  static double barWidth(long count, long max) {
    if (count <= 0 || max <= 0) {
      return 0;
    }
    return Math.max(MIN_BAR_WIDTH, (double) CHART_WIDTH * count / max);
  }

  /** Returns a stage's drop-off as the chart and the tables write it, such as {@code 7,502}. */
  static String dropOff(StageFigures f) {
    return "drop-off " + Text.count(f.dropOff()) + " (" + Text.percent(f.dropOffRate()) + ")";
  }

  /** Returns the moves from a stage into lost and junk stages, such as {@code 1,434 to lost}. */
  private static String ended(Report report, StageFigures f) {
    StringJoiner j = new StringJoiner(", ");
    f.movedOn()
        .forEach(
            (to, n) ->
                report
                    .funnel()
                    .stage(to)
                    .filter(s -> s.kind() == Stage.Kind.LOST || s.kind() == Stage.Kind.JUNK)
                    .ifPresent(s -> j.add(Text.count(n) + " to " + to)));
    return j.toString();
  }

  /**
   * Returns about how wide a line of text is drawn, in pixels: a Helvetica glyph averages a little
   * over half the font size, bold a little more. An estimate, kept on the generous side.
   */
  static double textWidth(String text, int fontSize, boolean bold) {
    return text.codePointCount(0, text.length()) * fontSize * (bold ? 0.64 : 0.58);
  }

  /** Writes a label centred on its bar if it fits there with some room, else beside the bar. */
  private static void label(
      StringBuilder b, double cx, double w, double y, int size, String extra, String text) {
    boolean bold = !extra.isEmpty();
    String font = "font-size=\"" + size + "\"" + (extra.isEmpty() ? "" : " " + extra);
    if (textWidth(text, size, bold) + 16 <= w) {
      text(b, cx, y, "middle", "class=\"on-bar\" " + font, text);
    } else {
      text(b, cx + w / 2 + 8, y, "start", "class=\"beside\" " + font, text);
    }
  }

  private static String subtitle(Report report) {
    StringBuilder s = new StringBuilder();
    TimeRange r = report.range();
    if (!r.equals(TimeRange.ALL)) {
      s.append(r.start()).append(" to ").append(r.end()).append(" · ");
    }
    s.append(Text.count(report.entries())).append(" leads entered · ");
    s.append(Text.count(report.converted())).append(" converted (");
    s.append(Text.percent(report.endToEnd())).append(')');
    String revenue = revenue(report);
    if (!revenue.isEmpty()) {
      s.append(" · revenue ").append(revenue);
    }
    return s.toString();
  }

  /**
   * Returns the revenue in every currency, such as {@code 22,043.40 EUR + 99.00 USD}; empty if the
   * funnel prices nothing and nothing was bought.
   */
  static String revenue(Report report) {
    StringJoiner j = new StringJoiner(" + ");
    report
        .revenueByCurrency()
        .forEach(
            (c, m) -> {
              boolean own = c.equals(report.currency());
              if ((own && !c.getCurrencyCode().equals("XXX")) || (!own && !m.isZero())) {
                j.add(Text.money(m));
              }
            });
    return j.toString();
  }

  private static String kind(Stage s) {
    if (s.isTerminal()) {
      return s.kind().name().toLowerCase(Locale.ROOT) + (s.manual() ? ", manual" : "");
    }
    return s.manual() ? "manual" : "";
  }

  private static String step(long previous, long count) {
    if (previous == 0) {
      return "no entries in the bar above";
    }
    String conversion = Text.percent(Ratio.of(count, previous)) + " of previous";
    if (count > previous) {
      return conversion + " · " + Text.count(count - previous) + " more";
    }
    return conversion;
  }

  private static void text(
      StringBuilder b, double x, double y, String anchor, String attributes, String text) {
    b.append("  <text x=\"").append(num(x)).append("\" y=\"").append(num(y));
    b.append("\" text-anchor=\"").append(anchor).append("\" ").append(attributes).append('>');
    b.append(xml(text)).append("</text>\n");
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * Escapes text for XML content and attribute values; characters XML 1.0 does not allow are
   * replaced by U+FFFD.
   */
  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                  boolean allowed =
                      cp == 0x9
                          || cp == 0xA
                          || cp == 0xD
                          || (cp >= 0x20 && cp <= 0xD7FF)
                          || (cp >= 0xE000 && cp <= 0xFFFD)
                          || cp >= 0x10000;
                  b.appendCodePoint(allowed ? cp : 0xFFFD);
                }
              }
            });
    return b.toString();
  }
}
