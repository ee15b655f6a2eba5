/**
 * The funnel runtime as a Kafka Streams topology. {@link dev.funnel.kafka.FunnelTopology} adds to a
 * {@code StreamsBuilder} a processor that keeps each lead's snapshot in a keyed state store, fires
 * the events of an events topic through the pure core, fires due timers from a wall-clock
 * punctuator, and writes effects, steps and dead letters to topics of their own. {@link
 * dev.funnel.kafka.FunnelRecords} makes the records the topology reads and reads those it writes.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.kafka;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
