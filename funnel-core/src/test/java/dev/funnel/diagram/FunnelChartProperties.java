package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.StageBuilder;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.ReportBuilder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

final class FunnelChartProperties {

  /** A linear funnel of n stages, s0 to s(n-1). */
  private static Funnel linear(int n) {
    FunnelBuilder b = Funnel.builder("linear");
    for (int i = 0; i < n; i++) {
      StageBuilder s = b.stage("s" + i);
      if (i == 0) {
        s.entry();
      }
      if (i == n - 1) {
        s.won();
      }
      b = s;
    }
    for (int i = 0; i + 1 < n; i++) {
      b = b.on("e" + i).from("s" + i).to("s" + (i + 1));
    }
    return b.build();
  }

  @Property(tries = 150)
  void svg_anyCounts_parsesAndBarWidthsFollowTheCounts(
      @ForAll @NotEmpty @Size(max = 8) List<@IntRange(min = 0, max = 300) Integer> counts)
      throws Exception {
    Funnel f = linear(Math.max(counts.size(), 2));
    ReportBuilder r = Report.builder(f);
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      stages.add("s" + i);
      for (int c = 0; c < counts.get(i); c++) {
        r.add(
            new Step(
                "linear",
                "l" + i + "-" + c,
                null,
                "s" + i,
                null,
                null,
                DiagramTest.T0,
                "ads",
                null,
                null,
                null,
                null,
                null,
                0));
      }
    }

    List<FunnelChartTest.Bar> bars =
        FunnelChartTest.bars(FunnelChartTest.parse(FunnelChart.svg(r.build(), stages)));

    int max = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertEquals(counts.size(), bars.size());
    for (int i = 0; i < counts.size(); i++) {
      // Proportional, but a stage with entries is never drawn narrower than the minimum.
      double expected =
          max == 0 || counts.get(i) == 0
              ? 0
              : Math.max(FunnelChart.MIN_BAR_WIDTH, 664.0 * counts.get(i) / max);
      assertEquals(counts.get(i).longValue(), bars.get(i).count());
      assertEquals(expected, bars.get(i).width(), 0.006);
    }
  }

  @Property(tries = 150)
  void svg_anyCounts_everyLabelFitsOnItsBarOrStandsBesideIt(
      @ForAll @NotEmpty @Size(max = 8) List<@IntRange(min = 0, max = 100_000) Integer> counts)
      throws Exception {
    Funnel f = linear(Math.max(counts.size(), 2));
    ReportBuilder r = Report.builder(f);
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      stages.add("s" + i);
      for (int c = 0; c < counts.get(i); c += 997) {
        r.add(
            new Step(
                "linear",
                "l" + i + "-" + c,
                null,
                "s" + i,
                null,
                null,
                DiagramTest.T0,
                "ads",
                null,
                null,
                null,
                null,
                null,
                0));
      }
    }
    Document doc = FunnelChartTest.parse(FunnelChart.svg(r.build(), stages));
    List<FunnelChartTest.Bar> bars = FunnelChartTest.bars(doc);
    NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");

    int labels = 0;
    for (int t = 0; t < texts.getLength(); t++) {
      Element e = (Element) texts.item(t);
      String css = e.getAttribute("class");
      if (!css.equals("on-bar") && !css.equals("beside")) {
        continue;
      }
      labels++;
      double x = Double.parseDouble(e.getAttribute("x"));
      double y = Double.parseDouble(e.getAttribute("y"));
      FunnelChartTest.Bar bar = bars.get((int) ((y - 92) / 70));
      int size = Integer.parseInt(e.getAttribute("font-size"));
      double width = FunnelChart.textWidth(e.getTextContent(), size, e.hasAttribute("font-weight"));
      if (css.equals("on-bar")) {
        assertTrue(x - width / 2 >= bar.x() && x + width / 2 <= bar.x() + bar.width(), e::toString);
      } else {
        assertTrue(x >= bar.x() + bar.width(), e::getTextContent);
        assertTrue(x + width <= 900, () -> "beside label runs into the drop-off column: " + x);
      }
    }
    assertEquals(2 * counts.size(), labels);
  }
}
