package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.analytics.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OnlineShopTest {

  @Test
  void run_drivesEachLeadToTheExpectedStage() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, Lead> leads =
        OnlineShop.run(new PrintStream(bytes, true, StandardCharsets.UTF_8)).leads();

    assertEquals("repeat-customer", leads.get("lead-anna").stage());
    assertEquals(2, leads.get("lead-anna").purchases().size());
    assertTrue(leads.get("lead-anna").segments().contains("loyal"));
    assertEquals("lost", leads.get("lead-ben").stage());
    assertEquals("buyer", leads.get("lead-carla").stage());
    assertEquals(Money.of("9.90", "EUR"), leads.get("lead-carla").purchases().get(0).amount());
    assertEquals("lost", leads.get("lead-dan").stage());

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("refused: NO_TRANSITION"), printed);
    assertTrue(printed.contains("refused: DUPLICATE"), printed);
    assertTrue(printed.contains("send{template=welcome-2, channel=email}"), printed);
  }

  @Test
  void run_reportAddsUpTheJourneys() {
    Report report =
        OnlineShop.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .report();

    assertEquals(4, report.entries());
    assertEquals(3, report.entered("cold-lead"));
    assertEquals(3, report.entered("hot-lead"));
    assertEquals(2, report.entered("buyer"));
    assertEquals(1, report.entered("repeat-customer"));
    assertEquals(2, report.entered("lost"));
    assertEquals(Money.of("70.90", "EUR"), report.revenue());
    assertEquals(2, report.buyers());
    assertEquals(1, report.channel("instagram").orElseThrow().leads());
    assertEquals(Money.of("61.00", "EUR"), report.channel("google-ads").orElseThrow().revenue());
  }

  @Test
  void main_printsTheFiguresAndWritesTheChartAndTheDiagram(@TempDir Path dir)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      OnlineShop.main(new String[] {dir.toString()});
    } finally {
      System.setOut(saved);
    }

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Figures of these 4 leads"), printed);
    assertTrue(printed.contains(dir.resolve("online-shop-demo.svg").toString()), printed);
    assertTrue(Files.readString(dir.resolve("online-shop-demo.svg")).startsWith("<?xml"));
    assertTrue(
        Files.readString(dir.resolve("online-shop-demo.mmd")).contains("stateDiagram-v2"));
  }

  @Test
  void funnel_readsFromYamlWithoutWarnings() {
    assertEquals(List.of(), OnlineShop.funnel().warnings());
  }
}
