package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class HtmlReportTest {

  @Test
  void of_skippingShop_holdsTheChartAndEveryTableWithTheChartsFigures() {
    Report r = FunnelChartTest.skipping();

    String html = HtmlReport.of(r);

    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
    assertTrue(html.endsWith("</body>\n</html>\n"), html);
    assertTrue(html.contains("<title>Funnel skip</title>"), html);
    assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), html);
    assertFalse(html.contains("<?xml"), "the chart is inline, not a second document");
    assertTrue(html.contains("<table class=\"stages\">"), html);
    assertTrue(html.contains("<table class=\"channels\">"), html);
    assertTrue(html.contains("<table class=\"owners\">") || html.contains("No record names"));
    assertTrue(html.contains("<table class=\"moves\">"), html);
    assertTrue(html.contains("<pre class=\"mermaid\">stateDiagram-v2\n"), html);
    // The stage table and the chart give one drop-off.
    assertTrue(
        html.contains(
            "<tr><td>visitor</td><td>active</td><td class=\"n\">10,000</td>"
                + "<td class=\"n\">2,498</td><td class=\"n\">7,502</td>"
                + "<td class=\"n\">75.02%</td><td class=\"n\">-</td></tr>"),
        html);
    assertTrue(html.contains("drop-off 7,502 (75.02%)"), html);
    assertTrue(html.contains("<tr class=\"won\"><td>sale</td><td>won</td>"), html);
    assertTrue(html.contains("<td class=\"n\">22,043.40 EUR</td>"), html);
    assertTrue(html.contains("10,000 leads entered · 10 converted (0.10%)"), html);
  }

  @Test
  void of_anyReport_isSelfContained() {
    String html = HtmlReport.of(FunnelChartTest.skipping());

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<link"), html);
    assertFalse(html.contains("src="), html);
    assertFalse(html.contains("url("), html);
  }

  @Test
  void of_everyPercentage_hasTwoDecimals() {
    String html = HtmlReport.of(FunnelChartTest.skipping());

    Matcher m = Pattern.compile("(\\d+(\\.\\d+)?)%").matcher(html);
    int found = 0;
    while (m.find()) {
      String p = m.group(1);
      // 100% in the page's own style sheet and chart background is a size, not a figure.
      if (!html.startsWith("width=\"", m.start() - 7) && !p.equals("100")) {
        assertTrue(p.matches("\\d+\\.\\d\\d"), () -> "percent " + p);
        found++;
      }
    }
    assertTrue(found > 10, "percentages found: " + found);
  }

  @Test
  void of_owners_showConversionOverQualifiedLeads() {
    Funnel f =
        Funnel.builder("team")
            .stage("new")
            .entry()
            .stage("won")
            .won()
            .stage("junk")
            .junk("spam")
            .on("close")
            .from("new")
            .to("won")
            .on("spam")
            .from("new")
            .to("junk")
            .build();
    Report r =
        Report.of(
            f,
            List.of(
                entry(f, "a"),
                entry(f, "b"),
                entry(f, "c"),
                move(f, "a", "won"),
                move(f, "b", "junk")));

    String html = HtmlReport.of(r);

    assertTrue(
        html.contains(
            "<tr><td>ann</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">2</td>"
                + "<td class=\"n\">1</td><td class=\"n\">33.33%</td><td class=\"n\">50.00%</td>"),
        html);
  }

  @Test
  void of_idsWithMarkup_areEscaped() {
    Funnel f =
        Funnel.builder("f <x>")
            .stage("<b>&\"'")
            .entry()
            .stage("done")
            .won()
            .on("go")
            .from("<b>&\"'")
            .to("done")
            .build();

    String html = HtmlReport.of(Report.of(f, f.enter("l", "<i>", DiagramTest.T0).steps()));

    assertTrue(html.contains("<td>&lt;b&gt;&amp;&quot;&apos;</td>"), html);
    assertTrue(html.contains("<td>&lt;i&gt;</td>"), html);
    assertFalse(html.contains("<b>&"), html);
    assertFalse(html.contains("<i>"), html);
    assertEquals(-1, html.indexOf("<x>"), html);
  }

  private static Step entry(Funnel f, String lead) {
    return new Step(
        f.id(),
        lead,
        null,
        "new",
        null,
        null,
        DiagramTest.T0,
        "ads",
        "ann",
        null,
        null,
        null,
        null,
        0);
  }

  private static Step move(Funnel f, String lead, String to) {
    return new Step(
        f.id(),
        lead,
        "new",
        to,
        "e",
        "x",
        DiagramTest.T0.plusSeconds(1),
        "ads",
        "ann",
        null,
        null,
        null,
        null,
        1);
  }
}
