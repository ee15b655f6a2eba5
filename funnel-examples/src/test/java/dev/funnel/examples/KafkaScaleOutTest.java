package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.runtime.OutboxEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class KafkaScaleOutTest {

  @Test
  void run_handsOffThroughTheEventsTopicAndQueriesTheLeads() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    KafkaScaleOut.Result r =
        KafkaScaleOut.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertEquals(8, r.steps().size());
    assertEquals(2, r.steps().stream().filter(s -> s.funnelId().equals("course")).count());
    assertEquals("warm", r.leads().get("ada").stage());
    assertEquals("warm", r.leads().get("cy").stage());
    Set<String> keys = new HashSet<>();
    for (OutboxEntry e : r.effects()) {
      assertTrue(keys.add(e.key().toString()), "effect " + e.key() + " once");
    }
    assertEquals(5, keys.size(), "two thanks, two hand-offs, one recording; the re-sent refused");
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("query   course/ada"));
  }
}
