package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class GoldenFilesTest {
  private final Funnel shop = Shop.funnel();

  @Test
  void readDefinition_shopYaml_equalsShopBuiltInJava() throws IOException {
    try (InputStream in = Resources.stream("online-shop.yaml")) {
      assertEquals(shop, FunnelFormat.readDefinition(in, Syntax.YAML));
    }
  }

  @Test
  void readDefinition_shopJson_equalsShopBuiltInJava() throws IOException {
    try (Reader in =
        new InputStreamReader(Resources.stream("online-shop.json"), StandardCharsets.UTF_8)) {
      assertEquals(shop, FunnelFormat.readDefinition(in, Syntax.JSON));
    }
  }

  @Test
  void readDefinition_shopWrittenByHand_equalsShopBuiltInJava() {
    assertEquals(
        shop, FunnelFormat.readDefinition(Resources.text("online-shop-by-hand.yaml"), Syntax.YAML));
  }

  @Test
  void writeDefinition_shop_givesGoldenFilesExactly() {
    assertEquals(
        Resources.text("online-shop.yaml"), FunnelFormat.writeDefinition(shop, Syntax.YAML));
    assertEquals(
        Resources.text("online-shop.json"), FunnelFormat.writeDefinition(shop, Syntax.JSON));
  }

  @Test
  void readLead_goldenFiles_equalLeadMovedByTheShop() {
    Lead lead = Shop.lead42(shop);

    assertEquals(lead, FunnelFormat.readLead(Resources.text("lead-42.yaml"), Syntax.YAML));
    assertEquals(lead, FunnelFormat.readLead(Resources.text("lead-42.json"), Syntax.JSON));
  }

  @Test
  void writeLead_lead42_givesGoldenFilesExactly() {
    Lead lead = Shop.lead42(shop);

    assertEquals(Resources.text("lead-42.yaml"), FunnelFormat.writeLead(lead, Syntax.YAML));
    assertEquals(Resources.text("lead-42.json"), FunnelFormat.writeLead(lead, Syntax.JSON) + "\n");
  }

  @Test
  void readLead_goldenLead_continuesExactlyWhereTheOriginalWas() {
    Lead original = Shop.lead42(shop);
    Lead restored = FunnelFormat.readLead(Resources.text("lead-42.json"), Syntax.JSON);

    Outcome fromOriginal = shop.advance(original, Shop.START.plus(Duration.ofDays(8)));
    Outcome fromRestored = shop.advance(restored, Shop.START.plus(Duration.ofDays(8)));
    Event again = Event.of("evt-2", "added-to-cart", Shop.START.plus(Duration.ofDays(1)));

    assertEquals(fromOriginal.lead(), fromRestored.lead());
    assertEquals(fromOriginal.effects(), fromRestored.effects());
    assertEquals(fromOriginal.steps(), fromRestored.steps());
    assertEquals(Outcome.Refusal.DUPLICATE, shop.fire(restored, again).refusal().orElseThrow());
  }
}
