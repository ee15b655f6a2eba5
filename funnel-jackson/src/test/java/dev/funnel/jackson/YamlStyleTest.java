package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

final class YamlStyleTest {
  private static void assertSameContent(String before, String after) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    assertEquals(yaml.readTree(before), yaml.readTree(after), after);
  }

  @Test
  void restyle_shortCollectionsBelowTheSections_areWrittenOnOneLine() throws IOException {
    String block =
        """
        id: shop
        stages:
          - id: visitor
            entry: true
          - id: buyer
        transitions:
          - event: paid
            from:
              - visitor
            to: buyer
            guard:
              payload: total
              gt: 0
        """;

    String flow = YamlStyle.restyle(block);

    assertEquals(
        """
        id: shop
        stages:
          - {id: visitor, entry: true}
          - {id: buyer}
        transitions:
          - {event: paid, from: [visitor], to: buyer, guard: {payload: total, gt: 0}}
        """,
        flow);
    assertSameContent(block, flow);
  }

  @Test
  void restyle_documentAndSections_stayBlockHoweverShort() {
    String block = "a:\n  b: c\nlist:\n  - x\n  - y\n";

    assertEquals(block, YamlStyle.restyle(block));
  }

  @Test
  void restyle_collectionPastTheWidth_staysBlockAndItsShortPartsAreFlow() throws IOException {
    String block =
        """
        transitions:
          - event: contact-left
            from:
              - visitor
            to: cold-lead
            actions:
              - send:
                  template: welcome-1
                  channel: email
              - present:
                  offer: coupon-10
        """;

    String flow = YamlStyle.restyle(block);

    assertEquals(
        """
        transitions:
          - event: contact-left
            from: [visitor]
            to: cold-lead
            actions:
              - {send: {template: welcome-1, channel: email}}
              - {present: {offer: coupon-10}}
        """,
        flow);
    assertSameContent(block, flow);
    flow.lines().forEach(l -> assertEquals(true, l.length() <= YamlStyle.WIDTH, l));
  }

  @Test
  void restyle_plainTextFlowStyleWouldQuote_keepsItPlainInBlockStyle() throws IOException {
    String block =
        """
        timers:
          - stage: cold-lead
            due: 2026-03-04T09:01:00Z
          - stage: hot-lead
            note: a, b and [c]
        """;

    String flow = YamlStyle.restyle(block);

    assertEquals(block, flow);
  }

  @Test
  void restyle_textWithLineBreaks_staysALiteralBlock() throws IOException {
    String block =
        """
        offers:
          - id: o
            name: |-
              first line
              second line
        """;

    String flow = YamlStyle.restyle(block);

    assertEquals(block, flow);
    assertSameContent(block, flow);
  }

  @Test
  void restyle_quotedScalars_keepTheirQuotesAndValues() throws IOException {
    String block =
        """
        offers:
          - id: o
            price:
              amount: "9.90"
              empty: ""
              flag: "true"
              escaped: "tab\\there"
        """;

    String flow = YamlStyle.restyle(block);

    assertEquals(
        """
        offers:
          - id: o
            price: {amount: "9.90", empty: "", flag: "true", escaped: "tab\\there"}
        """,
        flow);
    assertSameContent(block, flow);
  }
}
