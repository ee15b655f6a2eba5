package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class ShopOnPostgresTest {

  @Test
  void run_aNewServiceOverTheSameDatabase_findsTheLeadAndFiresHerTimer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ShopOnPostgres.Result r =
        ShopOnPostgres.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertEquals("cold-lead", r.afterFirst().stage());
    assertEquals("cold-lead", r.afterRestart().stage());
    assertEquals(r.afterFirst().version() + 1, r.afterRestart().version());
    assertEquals(2, r.sent().size(), r.sent().toString());
    assertEquals("online-shop/lead-anna/a-1#0 welcome-1", r.sent().get(0));
    assertTrue(r.sent().get(1).endsWith(" welcome-2"), r.sent().get(1));
    assertTrue(
        bytes.toString(StandardCharsets.UTF_8).contains("second service: fired 1 timer(s)"),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
