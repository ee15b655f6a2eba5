package dev.funnel.cli;

import dev.funnel.Stage;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.StageFigures;
import java.util.Locale;
import java.util.Map;

/** A report's figures as plain-text tables: stages, then outcomes and money, then owners. */
final class Tables {
  private Tables() {}

  static String of(Report report) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%-24s %10s %10s %10s %8s%n",
            "stage",
            "entered",
            "moved on",
            "drop-off",
            "drop %"));
    for (StageFigures f : report.stages()) {
      String name = f.id() + (f.stage().kind() == Stage.Kind.ACTIVE ? "" : " (" + kind(f) + ")");
      s.append(
          String.format(
              Locale.ROOT,
              "%-24s %,10d %,10d %,10d %8s%n",
              name,
              f.entered(),
              f.left(),
              f.dropOff(),
              percent(f.dropOffRate())));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nentered %,d; won %,d, lost %,d, junk %,d; converted %s%n",
            report.entries(),
            report.won(),
            report.lost(),
            report.junk(),
            percent(report.endToEnd())));
    s.append("revenue ").append(report.revenue()).append('\n');
    if (!report.owners().isEmpty()) {
      s.append(
          String.format(
              Locale.ROOT, "%n%-24s %10s %10s %8s%n", "owner", "received", "converted", "conv."));
      for (Map.Entry<String, OwnerFigures> e : report.owners().entrySet()) {
        OwnerFigures o = e.getValue();
        s.append(
            String.format(
                Locale.ROOT,
                "%-24s %,10d %,10d %8s%n",
                e.getKey(),
                o.received(),
                o.converted(),
                percent(o.conversion())));
      }
    }
    return s.toString();
  }

  private static String kind(StageFigures f) {
    return f.stage().kind().name().toLowerCase(Locale.ROOT);
  }

  private static String percent(Ratio r) {
    return r.isDefined() ? r.percent(1).toPlainString() + "%" : "-";
  }
}
