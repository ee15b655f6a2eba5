package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.StageBuilder;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

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
    Report.Builder r = Report.builder(f);
    List<String> stages = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      stages.add("s" + i);
      for (int c = 0; c < counts.get(i); c++) {
        r.add(
            new Step("linear", "l" + i + "-" + c, null, "s" + i, null, null,
                DiagramTest.T0, "ads", null, null, null, null, null, 0));
      }
    }

    List<FunnelChartTest.Bar> bars =
        FunnelChartTest.bars(FunnelChartTest.parse(FunnelChart.svg(r.build(), stages)));

    int max = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertEquals(counts.size(), bars.size());
    for (int i = 0; i < counts.size(); i++) {
      double expected = max == 0 ? 0 : 664.0 * counts.get(i) / max;
      assertEquals(counts.get(i).longValue(), bars.get(i).count());
      assertEquals(expected, bars.get(i).width(), 0.006);
    }
  }
}
