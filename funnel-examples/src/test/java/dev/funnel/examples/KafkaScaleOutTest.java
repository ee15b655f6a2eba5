package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.kafka.FunnelRecords;
import dev.funnel.kafka.FunnelTopology;
import dev.funnel.runtime.OutboxEntry;
import dev.funnel.runtime.OwnerPool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
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

  /** The README's snippet, compiled here; the recipe runs the same calls. */
  @SuppressWarnings("FutureReturnValueIgnored") // as a README shows a send; the recipe checks them
  static Optional<Lead> readmeSnippet(
      Funnel webinar,
      Funnel course,
      KafkaProducer<byte[], byte[]> producer,
      KafkaStreams streams,
      Instant now) {
    // spotless:off
    // README:BEGIN
    FunnelTopology funnels = FunnelTopology.builder(Catalog.of(webinar, course))
        .pool(OwnerPool.byRule("managers", lead -> "anna"))   // as with FunnelRuntime
        .build();
    StreamsBuilder builder = new StreamsBuilder();
    funnels.addTo(builder);                                    // beside your own streams

    producer.send(FunnelRecords.entry("webinar", "ada", "newsletter", now).record("funnel-events"));
    producer.send(FunnelRecords.fire("funnel-events", "webinar", "ada", Event.of("w-1", "attended", now)));
    Optional<Lead> ada = funnels.lead(streams, "course", "ada");   // interactive query
    // README:END
    // spotless:on
    return ada;
  }

  @Test
  void readme_kafkaJavaBlock_isTheCodeCompiledHere() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Scaling out on Kafka Streams"));
    String block =
        section.substring(section.indexOf("```java\n") + 8, section.indexOf("```\n\n**"));
    String source =
        Files.readString(Path.of("src/test/java/dev/funnel/examples/KafkaScaleOutTest.java"));
    String compiled =
        source.substring(source.indexOf("// README:BEGIN"), source.indexOf("// README:END"));
    List<String> missing = new ArrayList<>();
    for (String line : block.lines().toList()) {
      String code = line.replaceAll("//.*", "").strip();
      if (!code.isEmpty() && !compiled.contains(code)) {
        missing.add(code);
      }
    }
    assertEquals(List.of(), missing, "README lines not compiled by this test");
  }
}
