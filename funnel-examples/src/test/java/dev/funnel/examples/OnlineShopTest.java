package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Lead;
import dev.funnel.Money;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OnlineShopTest {

  @Test
  void run_drivesEachLeadToTheExpectedStage() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, Lead> leads =
        OnlineShop.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

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
  void funnel_buildsWithoutWarnings() {
    assertEquals(0, OnlineShop.funnel().warnings().size(), OnlineShop.funnel().warnings()::toString);
  }
}
