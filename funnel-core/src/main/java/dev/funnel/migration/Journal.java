package dev.funnel.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Event;
import dev.funnel.Step;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A journal of recorded leads to replay: how each lead arrived (channel, owner, attributes, entry
 * stage, time), the events that came for it in order, and the instant the record ends, up to which
 * timers are fired. Made with {@link #builder}, from a runtime's step records with {@link
 * #fromSteps}, or read from a JSON or YAML file. Timers are not recorded: a replay fires them
 * itself, as the definition it replays against schedules them. Attribute values and payloads may be
 * personal data, so {@link #toString()} shows counts only. Immutable and thread-safe.
 */
public final class Journal {
  private final ImmutableList<Arrival> arrivals;
  private final ImmutableListMultimap<String, Event> events;
  private final Instant end;

  private Journal(
      ImmutableList<Arrival> arrivals, ImmutableListMultimap<String, Event> events, Instant end) {
    this.arrivals = arrivals;
    this.events = events;
    this.end = end;
  }

  /**
   * How one lead arrived. Immutable and thread-safe.
   *
   * @param leadId the lead's id
   * @param channel the acquisition channel it came from
   * @param owner the owner it was given on entry, if any
   * @param attributes what was known about it on entry
   * @param stage the entry stage it entered, or {@code null} for the funnel's first
   * @param at when it entered
   */
  public record Arrival(
      String leadId,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      @Nullable String stage,
      Instant at) {

    /**
     * Creates an arrival.
     *
     * @param leadId the lead's id
     * @param channel the acquisition channel it came from
     * @param owner the owner it was given on entry, if any
     * @param attributes what was known about it on entry
     * @param stage the entry stage it entered, or {@code null} for the funnel's first
     * @param at when it entered
     */
    public Arrival {
      requireNonNull(leadId, "leadId");
      requireNonNull(channel, "channel");
      attributes = ImmutableMap.copyOf(attributes);
      requireNonNull(at, "at");
    }

    /**
     * Returns the arrival of a lead with nothing known but its channel.
     *
     * @param leadId the lead's id
     * @param channel the channel
     * @param at when it entered
     * @return the arrival
     */
    public static Arrival of(String leadId, String channel, Instant at) {
      return new Arrival(leadId, channel, null, ImmutableMap.of(), null, at);
    }

    /**
     * Returns attribute names, never values.
     *
     * @return ids, channel, owner, stage, time and attribute names
     */
    @Override
    public String toString() {
      return "Arrival[lead="
          + leadId
          + ", channel="
          + channel
          + (owner == null ? "" : ", owner=" + owner)
          + (attributes.isEmpty() ? "" : ", attributes=" + attributes.keySet())
          + (stage == null ? "" : ", stage=" + stage)
          + ", at="
          + at
          + "]";
    }
  }

  /**
   * Starts a journal.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the journal of a runtime's step records: each entry step is an arrival, each step of an
   * event (not of a timer, which a replay fires itself, nor of a migration) an event with its id,
   * type, time, offer, amount, actor and reason. Step records keep no payloads and no attributes,
   * so a guard on them decides as if they were absent; a journal written by the host application
   * keeps them.
   *
   * @param steps the records, oldest first
   * @param end the instant the record ends
   * @return the journal
   * @throws IllegalArgumentException if a lead's records start with anything but its entry
   */
  public static Journal fromSteps(Iterable<Step> steps, Instant end) {
    Builder b = builder().end(end);
    for (Step s : steps) {
      if (s.isEntry()) {
        b.arrive(
            new Arrival(s.leadId(), s.channel(), s.owner(), ImmutableMap.of(), s.to(), s.at()));
        continue;
      }
      String id = s.eventId();
      String type = s.eventType();
      if (id == null
          || type == null
          || id.startsWith("timer:")
          || type.equals(Migration.MIGRATED)) {
        continue;
      }
      Event.Builder e = Event.builder(id, type, s.at());
      if (s.offer() != null) {
        e.offer(s.offer());
      }
      if (s.amount() != null) {
        e.amount(s.amount());
      }
      if (s.actor() != null) {
        e.actor(s.actor());
      }
      if (s.reason() != null) {
        e.reason(s.reason());
      }
      b.event(s.leadId(), e.build());
    }
    return b.build();
  }

  /**
   * Returns how the leads arrived, in arrival order.
   *
   * @return how the leads arrived, in arrival order
   */
  public ImmutableList<Arrival> arrivals() {
    return arrivals;
  }

  /**
   * Returns the events of one lead, in the order they came.
   *
   * @param leadId the lead's id
   * @return the events, empty if none
   */
  public ImmutableList<Event> events(String leadId) {
    requireNonNull(leadId, "leadId");
    return events.get(leadId);
  }

  /**
   * Returns the events of every lead, by lead in arrival order.
   *
   * @return the events of every lead, by lead in arrival order
   */
  public ImmutableListMultimap<String, Event> events() {
    return events;
  }

  /**
   * Returns the instant the record ends.
   *
   * @return the instant the record ends
   */
  public Instant end() {
    return end;
  }

  /**
   * Returns how a lead arrived.
   *
   * @param leadId the lead's id
   * @return its arrival, or empty if the journal lacks it
   */
  public Optional<Arrival> arrival(String leadId) {
    requireNonNull(leadId, "leadId");
    for (Arrival a : arrivals) {
      if (a.leadId().equals(leadId)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Journal j
        && arrivals.equals(j.arrivals)
        && events.equals(j.events)
        && end.equals(j.end);
  }

  @Override
  public int hashCode() {
    return arrivals.hashCode() * 31 + end.hashCode();
  }

  @Override
  public String toString() {
    return "Journal[leads=" + arrivals.size() + ", events=" + events.size() + ", end=" + end + "]";
  }

  /**
   * Builds a {@link Journal}. Each lead arrives once, before its events; the end is set once, and
   * is the last event's time if not set. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Arrival> arrivals = new LinkedHashMap<>();
    private final ListMultimap<String, Event> events = LinkedListMultimap.create();
    private @Nullable Instant end;
    private @Nullable Instant last;

    private Builder() {}

    /**
     * Records a lead's arrival.
     *
     * @param arrival how it arrived
     * @return this builder
     * @throws IllegalStateException if the lead already arrived
     */
    @CanIgnoreReturnValue
    public Builder arrive(Arrival arrival) {
      requireNonNull(arrival, "arrival");
      checkState(
          !arrivals.containsKey(arrival.leadId()), "lead '%s' already arrived", arrival.leadId());
      arrivals.put(arrival.leadId(), arrival);
      later(arrival.at());
      return this;
    }

    /**
     * Records the arrival of a lead with nothing known but its channel.
     *
     * @param leadId the lead's id
     * @param channel the channel
     * @param at when it entered
     * @return this builder
     * @throws IllegalStateException if the lead already arrived
     */
    @CanIgnoreReturnValue
    public Builder arrive(String leadId, String channel, Instant at) {
      return arrive(Arrival.of(leadId, channel, at));
    }

    /**
     * Records an event for a lead that arrived.
     *
     * @param leadId the lead's id
     * @param event the event
     * @return this builder
     * @throws IllegalArgumentException if the lead has not arrived
     */
    @CanIgnoreReturnValue
    public Builder event(String leadId, Event event) {
      requireNonNull(leadId, "leadId");
      requireNonNull(event, "event");
      checkArgument(
          arrivals.containsKey(leadId),
          "event '%s' is for lead '%s', which has not arrived",
          event.id(),
          leadId);
      events.put(leadId, event);
      later(event.at());
      return this;
    }

    /**
     * Sets the instant the record ends; the last arrival's or event's time by default.
     *
     * @param end the instant
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Builder end(Instant end) {
      requireNonNull(end, "end");
      checkState(this.end == null, "journal end was already set to %s", this.end);
      this.end = end;
      return this;
    }

    private void later(Instant at) {
      if (last == null || at.isAfter(last)) {
        last = at;
      }
    }

    /**
     * Returns the journal.
     *
     * @return the journal
     * @throws IllegalStateException if it holds no lead
     */
    public Journal build() {
      Instant e = end == null ? last : end;
      checkState(e != null, "a journal needs at least one lead");
      ImmutableListMultimap.Builder<String, Event> byLead = ImmutableListMultimap.builder();
      for (String lead : arrivals.keySet()) {
        byLead.putAll(lead, events.get(lead));
      }
      return new Journal(
          ImmutableList.copyOf(arrivals.values()), byLead.build(), requireNonNull(e));
    }
  }
}
