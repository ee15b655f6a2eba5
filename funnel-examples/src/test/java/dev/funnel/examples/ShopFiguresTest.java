package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Money;
import dev.funnel.analytics.ChannelFigures;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.StageFigures;
import dev.funnel.simulation.WhatIf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ShopFiguresTest {
  @TempDir static Path dir;
  private static ShopFigures.Result result;
  private static String printed;

  @BeforeAll
  static void runOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    result = ShopFigures.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void forecast_followsTheSimulatedChannelsAndSteps() {
    Report forecast = result.forecast();

    assertEquals(10_000, forecast.entries());
    assertEquals(6_000, forecast.channel("google-ads").orElseThrow().leads());
    double cr1 = forecast.cr1("visitor", "cold-lead").doubleValue();
    assertTrue(cr1 > 0.18 && cr1 < 0.22, "CR1 near the simulated 20%: " + cr1);
    assertTrue(forecast.converted() > 0);
    assertEquals(forecast.converted(), forecast.entered("buyer"));
  }

  @Test
  void forecast_isTheSameOnEveryRun() {
    Report again = ShopFigures.simulation(OnlineShop.funnel()).run();

    assertEquals(result.forecast(), again);
  }

  @Test
  void channels_returnOnSpendAgreesWithRevenue() {
    ChannelFigures ads = result.forecast().channel("google-ads").orElseThrow();
    Money spend = ShopFigures.SPEND.get("google-ads");

    assertEquals(
        ads.revenue().amount().divide(spend.amount(), 4, java.math.RoundingMode.HALF_EVEN),
        ads.roas(spend).value(4));
  }

  @Test
  void whatIfs_improvementsAreBestFirstAndMoreBudgetBringsMoreSales() {
    WhatIf best = result.whatIfs().get(0);
    WhatIf budget = result.whatIfs().get(result.whatIfs().size() - 1);

    assertTrue(best.revenueDelta().amount().signum() > 0, best::toString);
    assertTrue(budget.change().startsWith("budget of google-ads"), budget::toString);
    assertTrue(budget.salesDelta() > 0, budget::toString);
  }

  @Test
  void run_writesTheChartAndTheDiagram() throws IOException {
    assertEquals(dir.resolve("online-shop.svg"), result.files().get(0));
    String svg = Files.readString(dir.resolve("online-shop.svg"));
    String mmd = Files.readString(dir.resolve("online-shop.mmd"));

    assertTrue(svg.startsWith("<?xml") && svg.contains("10,000"), svg);
    assertTrue(mmd.startsWith("stateDiagram-v2") && mmd.contains("10,000 entered"), mmd);
    assertTrue(printed.contains(dir.resolve("online-shop.svg").toString()), printed);
  }

  @Test
  void readable_roundsTheProbabilityOfAWhatIf() {
    assertEquals(
        "paid in buyer at 0.33", ShopFigures.readable("paid in buyer at 0.33000000000000002"));
    assertEquals("budget of ads at 10.00 EUR", ShopFigures.readable("budget of ads at 10.00 EUR"));
  }

  @Test
  void dropOff_theTableTheChartAndTheHtmlReportGiveTheSameFigure() throws IOException {
    StageFigures visitor = result.forecast().stage("visitor");
    String rate = Figures.percent(visitor.dropOffRate());
    String grouped = String.format(Locale.ROOT, "%,d", visitor.dropOff());
    String svg = Files.readString(dir.resolve("online-shop.svg"));
    String html = Files.readString(dir.resolve("online-shop.html"));

    assertTrue(visitor.left() > result.forecast().entered("cold-lead"), "some leads skip a stage");
    assertTrue(printed.contains(" " + visitor.dropOff() + " (" + rate + ")"), printed);
    assertTrue(svg.contains("drop-off " + grouped + " (" + rate + ")"), svg);
    assertTrue(html.contains("<td class=\"n\">" + grouped + "</td><td class=\"n\">" + rate), html);
  }
}
