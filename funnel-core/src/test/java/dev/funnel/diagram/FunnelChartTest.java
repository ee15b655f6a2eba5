package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.ReportBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
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
    assertTrue(texts.contains("25.00% of previous"), texts::toString);
    assertTrue(texts.contains("drop-off 600 (75.00%)"), texts::toString);
    assertTrue(texts.contains("drop-off 150 (75.00%)"), texts::toString);
    assertTrue(texts.contains("won · 6.25% of top"), texts::toString);
    assertTrue(texts.contains("800 leads entered · 50 converted (6.25%)"), texts::toString);
  }

  @Test
  void svg_stageIdsWithMarkup_areEscaped() throws Exception {
    // Ids hold no control characters (Ids), so markup is what is left to escape.
    String odd = "<b>&\"'";
    Funnel f =
        Funnel.builder("f <x>")
            .stage(odd)
            .entry()
            .stage("done")
            .won()
            .on("go")
            .from(odd)
            .to("done")
            .build();
    Report r = Report.of(f, f.enter("l", "ads", DiagramTest.T0).steps());

    Document doc = parse(FunnelChart.svg(r));

    assertEquals("<b>&\"'", bars(doc).get(0).stage());
    assertTrue(texts(doc).contains("Funnel f <x>"));
    assertEquals(0.0, bars(doc).get(1).width(), 0.0);
    assertTrue(texts(doc).contains("0.00% of previous"), texts(doc)::toString);
    assertTrue(texts(doc).contains("drop-off 1 (100.00%)"), texts(doc)::toString);
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

  /**
   * The shop's first steps: 10,000 visitors, 1,999 leave a contact, 499 go straight to the cart.
   */
  static Report skipping() {
    Funnel f =
        Funnel.builder("skip")
            .stage("visitor")
            .entry()
            .stage("lead")
            .stage("cart")
            .stage("sale")
            .won()
            .offer(dev.funnel.Offer.coreProduct("kit", dev.funnel.Money.of("2204.34", "EUR")))
            .on("contact")
            .from("visitor")
            .to("lead")
            .on("add")
            .from("visitor", "lead")
            .to("cart")
            .on("pay")
            .from("cart")
            .to("sale")
            .build();
    ReportBuilder b = Report.builder(f);
    for (int i = 0; i < 10_000; i++) {
      String id = "v" + i;
      b.add(step(f, id, null, "visitor", 0, null));
      if (i < 1_999) {
        b.add(step(f, id, "visitor", "lead", 1, null));
      } else if (i < 2_498) {
        b.add(step(f, id, "visitor", "cart", 1, null));
      }
      if (i >= 1_999 && i < 2_009) {
        b.add(step(f, id, "cart", "sale", 2, dev.funnel.Money.of("2204.34", "EUR")));
      }
    }
    return b.build();
  }

  private static Step step(
      Funnel f,
      String lead,
      @Nullable String from,
      String to,
      long version,
      dev.funnel.@Nullable Money paid) {
    return new Step(
        f.id(),
        lead,
        from,
        to,
        from == null ? null : "e" + version,
        from == null ? null : "go",
        DiagramTest.T0.plusSeconds(version),
        "ads",
        null,
        paid == null ? null : "kit",
        paid,
        null,
        null,
        version);
  }

  @Test
  void svg_leadsSkippingAStage_dropOffIsTheStagesOwnAsInTheTables() throws Exception {
    Report r = skipping();

    List<String> texts = texts(parse(FunnelChart.svg(r)));

    assertEquals(7_502, r.stage("visitor").dropOff());
    assertTrue(texts.contains("drop-off 7,502 (75.02%)"), texts::toString);
    assertTrue(texts.contains("19.99% of previous"), texts::toString);
    assertTrue(texts.stream().noneMatch(t -> t.contains("8,001")), texts::toString);
  }

  @Test
  void svg_smallStage_hasTheMinimumWidthAndItsLabelsBeside() throws Exception {
    Document doc = parse(FunnelChart.svg(skipping()));
    List<Bar> bars = bars(doc);

    Bar sale = bars.get(3);
    assertEquals(10, sale.count());
    assertEquals(FunnelChart.MIN_BAR_WIDTH, sale.width(), 0.001);
    NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    boolean beside = false;
    for (int i = 0; i < nodes.getLength(); i++) {
      Element t = (Element) nodes.item(i);
      if (t.getTextContent().equals("2.00% of previous")) {
        beside =
            t.getAttribute("class").equals("beside")
                && Double.parseDouble(t.getAttribute("x")) >= sale.x() + sale.width();
      }
    }
    assertTrue(beside, "the small stage's conversion stands beside its bar");
  }

  @Test
  void svg_countsAndMoneyAreGroupedAndPercentagesHaveTwoDecimals() throws Exception {
    List<String> texts = texts(parse(FunnelChart.svg(skipping())));

    assertTrue(texts.contains("10,000"), texts::toString);
    assertTrue(texts.contains("1,999"), texts::toString);
    assertTrue(
        texts.contains("10,000 leads entered · 10 converted (0.10%) · revenue 22,043.40 EUR"),
        texts::toString);
    for (String t : texts) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(\\.\\d+)?)%").matcher(t);
      while (m.find()) {
        assertTrue(m.group(1).matches("\\d+\\.\\d\\d"), () -> "percent " + m.group() + " in " + t);
      }
    }
  }

  @Test
  void svg_wonStage_standsOut() throws Exception {
    String svg = FunnelChart.svg(DiagramTest.seedReport());

    assertTrue(svg.contains("data-kind=\"won\" data-stage=\"sale\""), svg);
    assertTrue(svg.contains("fill=\"#74c476\" stroke=\"#238b45\" stroke-width=\"2.5\""), svg);
    assertTrue(svg.contains("data-kind=\"active\" data-stage=\"cart\""), svg);
  }

  @Test
  void svg_purchasesInTwoCurrencies_showsBothRevenues() throws Exception {
    Funnel f =
        Funnel.builder("two")
            .stage("in")
            .entry()
            .stage("paid")
            .won()
            .offer(dev.funnel.Offer.coreProduct("kit", dev.funnel.Money.of("10.00", "EUR")))
            .on("pay")
            .from("in")
            .to("paid")
            .build();
    Report r =
        Report.of(
            f,
            List.of(
                step(f, "a", null, "in", 0, null),
                step(f, "b", null, "in", 0, null),
                step(f, "a", "in", "paid", 1, dev.funnel.Money.of("1250.00", "EUR")),
                step(f, "b", "in", "paid", 1, dev.funnel.Money.of("99.00", "USD"))));

    List<String> texts = texts(parse(FunnelChart.svg(r)));

    assertTrue(
        texts.stream().anyMatch(t -> t.endsWith("revenue 1,250.00 EUR + 99.00 USD")),
        texts::toString);
  }

  @Test
  void svg_movesIntoLostOrJunk_areShownUnderTheDropOff() throws Exception {
    Funnel f = DiagramTest.shop();
    ReportBuilder b = Report.builder(f);
    for (int i = 0; i < 3; i++) {
      dev.funnel.Outcome o = f.enter("l" + i, "ads", DiagramTest.T0);
      b.addAll(o.steps());
      o = f.fire(o.lead(), dev.funnel.Event.of("c" + i, "contact-left", DiagramTest.T0));
      b.addAll(o.steps());
      if (i < 2) {
        b.addAll(
            f.fire(o.lead(), dev.funnel.Event.of("u" + i, "unsubscribed", DiagramTest.T0)).steps());
      }
    }

    List<String> texts = texts(parse(FunnelChart.svg(b.build())));

    assertTrue(texts.contains("drop-off 1 (33.33%)"), texts::toString);
    assertTrue(texts.contains("2 to lost"), texts::toString);
  }
}
