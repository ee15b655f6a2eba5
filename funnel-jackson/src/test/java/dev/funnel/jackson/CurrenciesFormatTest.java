package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Problem;
import dev.funnel.jackson.FunnelFormatException.Code;
import org.junit.jupiter.api.Test;

final class CurrenciesFormatTest {
  private static final String HEAD =
      "{\"format\":1,\"id\":\"f\",\"stages\":[{\"id\":\"a\",\"entry\":true},"
          + "{\"id\":\"b\",\"kind\":\"won\"}],"
          + "\"offers\":[{\"id\":\"o\",\"tier\":\"tripwire\","
          + "\"price\":{\"amount\":\"9.90\",\"currency\":\"EUR\"}}],"
          + "\"transitions\":[{\"event\":\"paid\",\"from\":[\"a\"],\"to\":\"b\"}]";

  private static Funnel funnel(String... codes) {
    FunnelBuilder b =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .offer(Offer.tripwire("o", Money.of("9.90", "EUR")))
            .on("paid")
            .from("a")
            .to("b");
    for (String c : codes) {
      b = b.currency(c);
    }
    return b.build();
  }

  @Test
  void write_statedCurrencies_readBackEqualInBothSyntaxes() {
    Funnel f = funnel("EUR", "USD");
    for (Syntax s : Syntax.values()) {
      String text = FunnelFormat.writeDefinition(f, s);
      assertTrue(text.contains("currencies"), text);
      assertEquals(f, FunnelFormat.readDefinition(text, s));
    }
  }

  @Test
  void write_noCurrencyStated_writesNone() {
    String text = FunnelFormat.writeDefinition(funnel(), Syntax.JSON);
    assertFalse(text.contains("currencies"), text);
  }

  @Test
  void read_currencies_areStatedInOrder() {
    Funnel f =
        FunnelFormat.readDefinition(HEAD + ",\"currencies\":[\"USD\",\"EUR\"]}", Syntax.JSON);
    assertEquals(funnel("USD", "EUR"), f);
  }

  @Test
  void read_badCurrencies_areRefusedWhereTheyAre() {
    assertRefused("[]", Code.INVALID_VALUE, "/currencies");
    assertRefused("[\"EUR\",\"EUR\"]", Code.INVALID_VALUE, "/currencies/1");
    assertRefused("[\"eur\"]", Code.INVALID_VALUE, "/currencies/0");
    assertRefused("[\"XXY\"]", Code.INVALID_VALUE, "/currencies/0");
    assertRefused("[1]", Code.WRONG_TYPE, "/currencies/0");
    assertRefused("\"EUR\"", Code.WRONG_TYPE, "/currencies");
  }

  private static void assertRefused(String currencies, Code code, String pointer) {
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    HEAD + ",\"currencies\":" + currencies + "}", Syntax.JSON));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(pointer, e.pointer(), e.getMessage());
  }

  @Test
  void read_offerPricedInAnUnstatedCurrency_isLocatedAtTheOffer() {
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readDefinition(HEAD + ",\"currencies\":[\"USD\"]}", Syntax.JSON));
    assertEquals(Code.INVALID_DEFINITION, e.code());
    FunnelFormatException.Located p = e.problems().get(0);
    assertEquals(Problem.Code.INVALID_OFFER, p.problem().code());
    assertEquals("/offers/0", p.pointer());
  }
}
