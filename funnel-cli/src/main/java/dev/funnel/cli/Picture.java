package dev.funnel.cli;

import dev.funnel.Funnel;
import dev.funnel.analytics.Report;
import dev.funnel.diagram.Diagram;
import dev.funnel.diagram.FunnelChart;
import dev.funnel.diagram.HtmlReport;

/** What a command can draw a definition or its figures as. */
enum Picture {
  /** Plain-text tables of the figures. */
  TEXT,
  /** The funnel chart, in SVG. */
  SVG,
  /** A Mermaid state diagram. */
  MERMAID,
  /** A Graphviz DOT state diagram. */
  DOT,
  /** A self-contained HTML page: the chart, the stage, channel and owner tables, the diagram. */
  HTML;

  /** Draws a definition alone; {@link #TEXT} and {@link #SVG} need figures. */
  String draw(Funnel funnel) {
    return switch (this) {
      case MERMAID -> Diagram.mermaid(funnel);
      case DOT -> Diagram.dot(funnel);
      case TEXT, SVG, HTML ->
          throw new IllegalArgumentException(
              "drawing as "
                  + name().toLowerCase(java.util.Locale.ROOT)
                  + " needs figures: pass --steps");
    };
  }

  /** Draws a report's figures. */
  String draw(Report report) {
    return switch (this) {
      case TEXT -> Tables.of(report);
      case SVG -> FunnelChart.svg(report);
      case MERMAID -> Diagram.mermaid(report);
      case DOT -> Diagram.dot(report);
      case HTML -> HtmlReport.of(report);
    };
  }
}
