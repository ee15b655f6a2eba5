package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

final class FunnelChartTest {

  /** A bar as drawn: its stage, count, x and width. */
  record Bar(String stage, long count, double x, double width) {}

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Bar> bars(Document doc) {
    List<Bar> bars = new ArrayList<>();
    NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.getAttribute("class").equals("bar")) {
        bars.add(
            new Bar(
                r.getAttribute("data-stage"),
                Long.parseLong(r.getAttribute("data-count")),
                Double.parseDouble(r.getAttribute("x")),
                Double.parseDouble(r.getAttribute("width"))));
      }
    }
    return bars;
  }

  static List<String> texts(Document doc) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  @Test
  void svg_seedNumbers_isWellFormedWithBarsFollowingTheCounts() throws Exception {
    Document doc = parse(FunnelChart.svg(DiagramTest.seedReport()));

    assertEquals("svg", doc.getDocumentElement().getLocalName());
    List<Bar> bars = bars(doc);
    assertEquals(List.of("visitor", "cart", "sale"), bars.stream().map(Bar::stage).toList());
    assertEquals(List.of(800L, 200L, 50L), bars.stream().map(Bar::count).toList());
    assertEquals(664.0, bars.get(0).width(), 0.01);
    assertEquals(166.0, bars.get(1).width(), 0.01);
    assertEquals(41.5, bars.get(2).width(), 0.01);
    for (Bar b : bars) {
      assertEquals(544.0, b.x() + b.width() / 2, 0.01); // centred
    }
    List<String> texts = texts(doc);
    assertTrue(texts.contains("800"), texts::toString);
    assertTrue(texts.contains("top of the funnel"), texts::toString);
    assertTrue(texts.contains("25% of previous · drop-off 600 (75%)"), texts::toString);
    assertTrue(texts.contains("25% of previous · drop-off 150 (75%)"), texts::toString);
    assertTrue(texts.contains("won · 6.25% of top"), texts::toString);
    assertTrue(texts.contains("800 leads entered · 50 converted (6.25%)"), texts::toString);
  }

  @Test
  void svg_stageIdsWithMarkup_areEscaped() throws Exception {
    // Ids hold no control characters (Ids), so markup is what is left to escape.
    String odd = "<b>&\"'";
    Funnel f =
        Funnel.builder("f <x>")
            .stage(odd).entry()
            .stage("done").won()
            .on("go").from(odd).to("done")
            .build();
    Report r = Report.of(f, f.enter("l", "ads", DiagramTest.T0).steps());

    Document doc = parse(FunnelChart.svg(r));

    assertEquals("<b>&\"'", bars(doc).get(0).stage());
    assertTrue(texts(doc).contains("Funnel f <x>"));
    assertEquals(0.0, bars(doc).get(1).width(), 0.0);
    assertTrue(texts(doc).contains("0% of previous · drop-off 1 (100%)"), texts(doc)::toString);
  }

  @Test
  void svg_chosenStages_areDrawnInThatOrder() throws Exception {
    Document doc = parse(FunnelChart.svg(DiagramTest.seedReport(), List.of("cart", "sale")));

    assertEquals(List.of("cart", "sale"), bars(doc).stream().map(Bar::stage).toList());
    assertEquals(664.0, bars(doc).get(0).width(), 0.01);
    assertEquals(166.0, bars(doc).get(1).width(), 0.01);
  }

  @Test
  void svg_noOrUnknownStages_isRefused() {
    Report r = DiagramTest.seedReport();

    assertThrows(IllegalArgumentException.class, () -> FunnelChart.svg(r, List.of()));
    assertThrows(IllegalArgumentException.class, () -> FunnelChart.svg(r, List.of("nowhere")));
  }

  @Test
  void svg_emptyReport_drawsZeroWidthBars() throws Exception {
    Report r = Report.of(DiagramTest.shop(), List.<Step>of());

    List<Bar> bars = bars(parse(FunnelChart.svg(r)));

    assertEquals(5, bars.size());
    assertTrue(bars.stream().allMatch(b -> b.width() == 0));
  }
}
