package dev.funnel.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What the topology writes to its dead-letter topic. A record it cannot use (a key or value that
 * does not parse, an event for a funnel the catalog lacks or a lead the store lacks, a refused
 * event) goes there unchanged, with its original headers and three more: {@value #CODE_HEADER},
 * {@value #POINTER_HEADER} (the JSON Pointer of the offending part of the key or value, empty for
 * the whole) and {@value #REASON_HEADER} (a lower-case phrase or the refusal or format code; never
 * a value from the record). Each is counted in the metric {@value #METRIC_NAME} of the group
 * {@value #METRIC_GROUP}, tagged with the code. None stops the stream thread.
 *
 * <p>Static members only; thread-safe.
 */
public final class DeadLetters {
  /** The header holding the {@link Code}'s name, such as {@code BAD_VALUE}. */
  public static final String CODE_HEADER = "funnel-dead-letter-code";

  /** The header holding the JSON Pointer of what is wrong, relative to the key or value. */
  public static final String POINTER_HEADER = "funnel-dead-letter-pointer";

  /** The header holding why: a phrase, a refusal such as {@code duplicate}, or a format code. */
  public static final String REASON_HEADER = "funnel-dead-letter-reason";

  /** The group of the dead-letter metric. */
  public static final String METRIC_GROUP = "funnel-kafka";

  /** The name of the dead-letter metric: how many records went to the dead-letter topic. */
  public static final String METRIC_NAME = "dead-letter-total";

  /** The tag of the dead-letter metric holding the code's name. */
  public static final String CODE_TAG = "code";

  private DeadLetters() {}

  /** Why a record went to the dead-letter topic. */
  public enum Code {
    /**
     * The key is not a lead's key in compact form ({@link FunnelRecords#key}), or on the contacts
     * topic not a person id ({@link FunnelRecords#personKey}).
     */
    BAD_KEY,
    /** The value (or a command header) does not parse; the pointer says where. */
    BAD_VALUE,
    /** The key names a funnel the catalog lacks, or a lead's version the catalog lacks. */
    UNKNOWN_FUNNEL,
    /** An event or assignment for a lead that has not entered the funnel. */
    NO_LEAD,
    /** The funnel refused the event; the reason is the refusal, such as {@code duplicate}. */
    REFUSED;

    /**
     * Returns the code in the lower-case words used in reasons and tags' descriptions.
     *
     * @return the code as words, such as {@code bad-value}
     */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Returns how many records went to the dead-letter topic with a code, summed over the stream
   * threads, from the metrics of a {@code KafkaStreams} or a {@code TopologyTestDriver}.
   *
   * @param metrics the metrics
   * @param code the code
   * @return the count
   */
  public static long count(Map<MetricName, ? extends Metric> metrics, Code code) {
    requireNonNull(code, "code");
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName n = e.getKey();
      if (n.group().equals(METRIC_GROUP)
          && n.name().equals(METRIC_NAME)
          && code.name().equals(n.tags().get(CODE_TAG))) {
        sum += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return (long) sum;
  }
}
