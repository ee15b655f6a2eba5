package dev.funnel.examples;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.test.Coverage;
import dev.funnel.test.FunnelPath;
import dev.funnel.test.Journey;
import dev.funnel.test.Paths;
import dev.funnel.test.Scenario;
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

    assertThat(leads.get("lead-anna")).isInStage("repeat-customer").hasSegment("loyal");
    assertEquals(2, leads.get("lead-anna").purchases().size());
    assertThat(leads.get("lead-ben")).isInStage("lost");
    assertThat(leads.get("lead-carla")).isInStage("buyer").hasBought("mini-set");
    assertEquals(Money.of("9.90", "EUR"), leads.get("lead-carla").purchases().get(0).amount());
    assertThat(leads.get("lead-dan")).isInStage("lost");

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

    assertThat(report)
        .hasEntries(4)
        .entered("cold-lead", 3)
        .entered("hot-lead", 3)
        .entered("buyer", 2)
        .entered("repeat-customer", 1)
        .entered("lost", 2)
        .hasRevenue(Money.of("70.90", "EUR"))
        .hasBuyers(2);
    assertEquals(1, report.channel("instagram").orElseThrow().leads());
    assertEquals(Money.of("61.00", "EUR"), report.channel("google-ads").orElseThrow().revenue());
  }

  @Test
  void everyTransitionOfTheShop_isReachableOnTheCoreAndOnTheRuntime() {
    Funnel shop = OnlineShop.funnel();
    Paths paths = Paths.of(shop).event("paid", e -> e.payload("total", 25));
    Coverage coverage = Coverage.of(shop);

    for (FunnelPath path : paths.throughEveryTransition()) {
      Scenario scenario = paths.scenario(path, "lead-1");
      Journey journey = scenario.run();
      assertThat(journey).isInStage(path.stage());
      assertThat(scenario.runOn(new InMemoryLeadStore())).isInStage(path.stage());
      coverage.record(journey);
    }

    assertTrue(coverage.isComplete(), coverage::report);
  }

  @Test
  void main_printsTheFiguresAndWritesTheChartAndTheDiagram(@TempDir Path dir) throws IOException {
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
    assertTrue(Files.readString(dir.resolve("online-shop-demo.mmd")).contains("stateDiagram-v2"));
  }

  @Test
  void funnel_readsFromYamlWithoutWarnings() {
    assertEquals(List.of(), OnlineShop.funnel().warnings());
  }
}
