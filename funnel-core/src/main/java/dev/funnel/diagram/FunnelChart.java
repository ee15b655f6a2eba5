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

/**
 * A report drawn as a funnel chart in SVG: one horizontal bar per stage, top to bottom, centred,
 * its width proportional to the number of entries into the stage (the widest bar is the largest
 * count). Each bar is labelled with its count, its step conversion from the bar above (this count
 * against the one above) and the drop-off from the bar above (the one above minus this, and its
 * share of the one above); beside the bar, the stage's id, whether it is manual or won, and its
 * count as a share of the top bar (the end-to-end conversion down to it). The SVG is a standalone
 * document that a browser opens as is; all text is XML-escaped. Stateless and thread-safe.
 */
public final class FunnelChart {
  private static final int WIDTH = 900;
  private static final int LABEL_RIGHT = 196;
  private static final int CHART_LEFT = 212;
  private static final int CHART_WIDTH = 664;
  private static final int TOP = 92;
  private static final int BAR_HEIGHT = 56;
  private static final int GAP = 14;
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
    List<String> stages = new ArrayList<>();
    for (Stage s : report.funnel().stages()) {
      if (s.kind() == Stage.Kind.ACTIVE || s.kind() == Stage.Kind.WON) {
        stages.add(s.id());
      }
    }
    return svg(report, stages);
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
    requireNonNull(report, "report");
    checkArgument(!stages.isEmpty(), "a funnel chart needs at least one stage");
    List<StageFigures> bars = new ArrayList<>();
    long max = 0;
    for (String id : stages) {
      StageFigures f = report.stage(id);
      bars.add(f);
      max = Math.max(max, f.entered());
    }
    int height = TOP + bars.size() * (BAR_HEIGHT + GAP) + 40;
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH);
    b.append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ');
    b.append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
    String title = "Funnel " + report.funnel().id();
    b.append("  <title>").append(xml(title)).append("</title>\n");
    b.append("  <style>\n");
    b.append("    .on-bar { fill: #1b1f24; stroke: #ffffff; stroke-width: 3px; ");
    b.append("stroke-linejoin: round; paint-order: stroke; }\n");
    b.append("  </style>\n");
    b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(b, 24, 38, "start", "font-size=\"22\" font-weight=\"bold\" fill=\"#1b1f24\"", title);
    text(b, 24, 62, "start", "font-size=\"13\" fill=\"#555555\"", subtitle(report));

    double cx = CHART_LEFT + CHART_WIDTH / 2.0;
    for (int i = 0; i < bars.size(); i++) {
      StageFigures f = bars.get(i);
      double w = max == 0 ? 0 : (double) CHART_WIDTH * f.entered() / max;
      int y = TOP + i * (BAR_HEIGHT + GAP);
      double mid = y + BAR_HEIGHT / 2.0;
      String fill =
          f.stage().kind() == Stage.Kind.WON ? "#a1d99b" : BLUES[Math.min(i, BLUES.length - 1)];
      b.append("  <rect class=\"bar\" data-stage=\"").append(xml(f.id()));
      b.append("\" data-count=\"").append(f.entered()).append("\" x=\"").append(num(cx - w / 2));
      b.append("\" y=\"").append(y).append("\" width=\"").append(num(w));
      b.append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"4\" fill=\"").append(fill);
      b.append("\" stroke=\"#4e79a7\" stroke-width=\"1\"/>\n");
      text(
          b,
          LABEL_RIGHT,
          mid - 2,
          "end",
          "font-size=\"15\" font-weight=\"bold\" fill=\"#1b1f24\"",
          f.id());
      String under = kind(f.stage());
      if (i > 0) {
        String ofTop = Text.percent(Ratio.of(f.entered(), bars.get(0).entered())) + " of top";
        under = under.isEmpty() ? ofTop : under + " · " + ofTop;
      }
      if (!under.isEmpty()) {
        text(b, LABEL_RIGHT, mid + 15, "end", "font-size=\"11\" fill=\"#777777\"", under);
      }
      text(
          b,
          cx,
          mid - 4,
          "middle",
          "class=\"on-bar\" font-size=\"17\" font-weight=\"bold\"",
          String.format(Locale.ROOT, "%,d", f.entered()));
      String detail = i == 0 ? "top of the funnel" : step(bars.get(i - 1).entered(), f.entered());
      text(b, cx, mid + 15, "middle", "class=\"on-bar\" font-size=\"12\"", detail);
    }
    int foot = TOP + bars.size() * (BAR_HEIGHT + GAP) + 14;
    text(
        b,
        24,
        foot,
        "start",
        "font-size=\"11\" fill=\"#777777\"",
        "Bar width is proportional to the number of entries into the stage. Conversion and"
            + " drop-off are measured against the bar above.");
    b.append("</svg>\n");
    return b.toString();
  }

  private static String subtitle(Report report) {
    StringBuilder s = new StringBuilder();
    TimeRange r = report.range();
    if (!r.equals(TimeRange.ALL)) {
      s.append(r.start()).append(" to ").append(r.end()).append(" · ");
    }
    s.append(String.format(Locale.ROOT, "%,d", report.entries())).append(" leads entered · ");
    s.append(String.format(Locale.ROOT, "%,d", report.converted())).append(" converted (");
    s.append(Text.percent(report.endToEnd())).append(')');
    if (!report.currency().getCurrencyCode().equals("XXX")) {
      s.append(" · revenue ").append(report.revenue());
    }
    return s.toString();
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
      return conversion + " · " + String.format(Locale.ROOT, "%,d", count - previous) + " more";
    }
    long drop = previous - count;
    return conversion
        + " · drop-off "
        + String.format(Locale.ROOT, "%,d", drop)
        + " ("
        + Text.percent(Ratio.of(drop, previous))
        + ")";
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
