package dev.funnel.kafka;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The key of a record the processor forwards: which of the topology's topics it goes to, and the
 * key's bytes as they are written (so the producer partitions by them, like any other producer).
 */
// Never compared or hashed: a key on its way to the producer, so identity equality is fine.
@SuppressWarnings("ArrayRecordComponent")
record Routed(Route route, byte[] key) {

  /** The topics the processor writes to. */
  enum Route {
    EVENTS,
    EFFECTS,
    STEPS,
    DEAD_LETTERS,
    CONTACTS,
    DISPATCHES
  }

  /** Writes only the key's bytes; the route picks the topic. Never read back. */
  static final Serde<Routed> SERDE =
      Serdes.serdeFrom(
          (topic, routed) -> routed == null ? null : routed.key(),
          (topic, bytes) -> {
            throw new UnsupportedOperationException("routed keys are written, never read");
          });
}
