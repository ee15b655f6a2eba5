package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableMap;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a record the processors cannot use to the dead-letter topic with its code, pointer and
 * reason ({@link DeadLetters}), and counts it in the stream thread's sensor of that code, which
 * every processor of the thread shares. Not thread-safe: one per processor.
 */
final class DeadLetterSink {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterSink.class);
  private static final byte[] EMPTY = new byte[0];

  private final ProcessorContext<Routed, byte[]> context;
  private final Map<DeadLetters.Code, Sensor> sensors = new EnumMap<>(DeadLetters.Code.class);

  DeadLetterSink(ProcessorContext<Routed, byte[]> ctx) {
    this.context = ctx;
    String thread = Thread.currentThread().getName();
    for (DeadLetters.Code code : DeadLetters.Code.values()) {
      // A sensor and metric of a name the thread already has are the ones it has.
      Sensor s =
          ctx.metrics()
              .addSensor(
                  "funnel-dead-letters-" + code.words() + "-" + thread, Sensor.RecordingLevel.INFO);
      s.add(
          new MetricName(
              DeadLetters.METRIC_NAME,
              DeadLetters.METRIC_GROUP,
              "records sent to the dead-letter topic",
              ImmutableMap.of(DeadLetters.CODE_TAG, code.name(), "thread-id", thread)),
          new CumulativeCount());
      sensors.put(code, s);
    }
  }

  void send(Record<byte[], byte[]> r, DeadLetters.Code code, String pointer, String reason) {
    Headers headers = new RecordHeaders(r.headers().toArray());
    headers.add(DeadLetters.CODE_HEADER, code.name().getBytes(UTF_8));
    headers.add(DeadLetters.POINTER_HEADER, pointer.getBytes(UTF_8));
    headers.add(DeadLetters.REASON_HEADER, reason.getBytes(UTF_8));
    byte[] key = r.key();
    context.forward(
        new Record<>(
            new Routed(Routed.Route.DEAD_LETTERS, key == null ? EMPTY : key),
            r.value(),
            r.timestamp(),
            headers));
    Sensor s = sensors.get(code);
    if (s != null) {
      s.record();
    }
    if (log.isDebugEnabled()) {
      log.debug("record sent to the dead-letter topic: {} at '{}'", code, pointer);
    }
  }
}
