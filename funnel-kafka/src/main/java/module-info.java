/**
 * The funnel runtime as a Kafka Streams topology: leads partitioned by key, their snapshots in
 * keyed state stores that fail over, due timers fired by a punctuator, effects and steps on topics.
 *
 * <p>Start at {@link dev.funnel.kafka.FunnelTopology#builder(dev.funnel.Catalog)}.
 */
module dev.funnel.kafka {
  requires transitive dev.funnel.core;
  requires transitive dev.funnel.jackson;
  requires transitive kafka.streams;
  requires transitive kafka.clients;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;

  exports dev.funnel.kafka;
}
