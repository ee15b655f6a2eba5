package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one person in one funnel: the stage and when it was entered, what is
 * known about them (attributes, channel, owner, segments, purchases), pending timers, a version
 * that grows by one with every accepted event, and the ids of recently applied events (at least the
 * last {@value #RECENT_EVENT_IDS}) so that a re-delivered event is recognised.
 *
 * <p>Leads are made by {@link Funnel#enter} and moved by {@link Funnel#fire} and {@link
 * Funnel#advance}; {@link #builder} restores one from storage. Attribute values may be personal
 * data (emails, phones), so {@link #toString()} shows attribute names only. Instances are
 * thread-safe.
 */
public final class Lead {
  /** How many of the most recent event ids a lead is guaranteed to remember. */
  public static final int RECENT_EVENT_IDS = 16;

  /**
   * The longest attribute name, in characters. Attribute names are the keys of a stored lead's
   * attributes, and the funnel format reads no longer property name.
   */
  public static final int MAX_ATTRIBUTE_NAME_LENGTH = 256;

  private final String id;
  private final Profile profile;
  private final StageNode stage;
  private final Instant enteredAt;
  private final Instant updatedAt;
  // The remembered event ids: those of this memory up to this end (0 without a memory).
  private final RecentIds.@Nullable Memory ids;
  private final int idsEnd;
  // With compressed references the snapshot is 48 bytes with this long as it was with an int.
  private final long version;

  @SuppressWarnings("ReferenceEquality") // Identity is the cheap test that timers are unchanged.
  Lead(
      String id,
      Profile profile,
      StageNode stage,
      Instant enteredAt,
      Instant updatedAt,
      ImmutableList<ScheduledTimer> timers,
      RecentIds.@Nullable Memory ids,
      int idsEnd,
      long version) {
    this.id = id;
    // Equal lists are usually the same list (the empty one, or the lead's own), so this is cheap.
    this.profile = profile.timers.equals(timers) ? profile : profile.withTimers(timers);
    this.stage = stage;
    this.enteredAt = enteredAt;
    this.updatedAt = updatedAt;
    this.ids = ids;
    this.idsEnd = idsEnd;
    this.version = version;
  }

  Profile profile() {
    return profile;
  }

  StageNode node() {
    return stage;
  }

  /** Returns this snapshot with another profile: nothing else changes, the version included. */
  Lead withProfile(Profile changed) {
    return new Lead(id, changed, stage, enteredAt, updatedAt, changed.timers, ids, idsEnd, version);
  }

  /**
   * Returns when the lead entered the funnel, each entry and re-entry, oldest first. Only funnels
   * with journey controls (goals, exits, scoring or a re-entry policy) record them; in other
   * funnels the list is empty.
   *
   * @return when the lead entered the funnel, oldest first
   */
  public ImmutableList<Instant> entries() {
    return profile.journey.entries();
  }

  /**
   * Returns the lead's score as it was last changed, before any decay since; {@link Funnel#score}
   * gives it at a given time.
   *
   * @return the lead's score as it was last changed
   */
  public int score() {
    return profile.journey.points();
  }

  /**
   * Returns since when the score's decay counts, if the lead has a score.
   *
   * @return since when the score's decay counts, if the lead has a score
   */
  public Optional<Instant> scoreSince() {
    return Optional.ofNullable(profile.journey.scoreSince());
  }

  /**
   * Returns the ids of the goals reached since the lead last entered the funnel.
   *
   * @return the ids of the goals reached since the lead last entered the funnel
   */
  public ImmutableSet<String> goalsReached() {
    return profile.journey.goals();
  }

  /**
   * Returns the lead's id, unique within its funnel.
   *
   * @return the lead's id, unique within its funnel
   */
  public String id() {
    return id;
  }

  /**
   * Returns the id of the funnel the lead is in.
   *
   * @return the id of the funnel the lead is in
   */
  public String funnelId() {
    return profile.funnelId;
  }

  /**
   * Returns the version of the funnel definition the lead entered.
   *
   * @return the version of the funnel definition the lead entered
   */
  public int funnelVersion() {
    return profile.funnelVersion;
  }

  /**
   * Returns the id of the stage the lead is in.
   *
   * @return the id of the stage the lead is in
   */
  public String stage() {
    return stage.id;
  }

  /**
   * Returns when the lead entered its current stage.
   *
   * @return when the lead entered its current stage
   */
  public Instant enteredAt() {
    return enteredAt;
  }

  /**
   * Returns the time of the lead's last accepted step.
   *
   * @return the time of the lead's last accepted step
   */
  public Instant updatedAt() {
    return updatedAt;
  }

  /**
   * Returns how long the lead has been in its stage at the given time.
   *
   * @param now the time to measure at
   * @return the time in stage, zero if {@code now} is before the stage was entered
   */
  public Duration timeInStage(Instant now) {
    Duration d = Duration.between(enteredAt, now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * Returns the acquisition channel the lead came from.
   *
   * @return the acquisition channel the lead came from
   */
  public String channel() {
    return profile.channel;
  }

  /**
   * Returns the owner (a sales manager) working the lead, if assigned.
   *
   * @return the owner (a sales manager) working the lead, if assigned
   */
  public Optional<String> owner() {
    return Optional.ofNullable(profile.owner);
  }

  /**
   * Returns what is known about the lead; values may be personal data.
   *
   * @return what is known about the lead; values may be personal data
   */
  public ImmutableMap<String, Object> attributes() {
    return profile.attributes;
  }

  /**
   * Returns one attribute's value.
   *
   * @param name the attribute's name
   * @return its value, or empty
   */
  public Optional<Object> attribute(String name) {
    return Optional.ofNullable(profile.attributes.get(requireNonNull(name, "name")));
  }

  /**
   * Returns the segments the lead has been put in, in the order it joined them.
   *
   * @return the segments the lead has been put in, in the order it joined them
   */
  public ImmutableSet<String> segments() {
    return profile.segments;
  }

  /**
   * Returns what the lead bought, oldest first.
   *
   * @return what the lead bought, oldest first
   */
  public ImmutableList<Purchase> purchases() {
    return profile.purchases;
  }

  /**
   * Returns whether the lead has bought the offer.
   *
   * @param offer the offer's id
   * @return whether a purchase of it is recorded
   */
  public boolean hasBought(String offer) {
    requireNonNull(offer, "offer");
    for (Purchase p : profile.purchases) {
      if (p.offer().equals(offer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the pending timers, earliest due first.
   *
   * @return the pending timers, earliest due first
   */
  public ImmutableList<ScheduledTimer> timers() {
    return profile.timers;
  }

  /**
   * Returns the number of events accepted since the lead entered the funnel.
   *
   * @return the number of events accepted since the lead entered the funnel
   */
  public long version() {
    return version;
  }

  /**
   * Returns the ids of recently applied events, newest first.
   *
   * @return the ids of recently applied events, newest first
   */
  public ImmutableList<String> recentEventIds() {
    return RecentIds.list(ids, idsEnd);
  }

  /**
   * Returns whether an event with this id was applied recently.
   *
   * @param eventId the event's id
   * @return whether it is among the remembered ids
   */
  public boolean hasApplied(String eventId) {
    return hasApplied(eventId, RecentIds.hash(eventId));
  }

  /** Returns whether an event with this id, of this {@link RecentIds#hash}, was applied lately. */
  boolean hasApplied(String eventId, int idHash) {
    return RecentIds.contains(ids, idsEnd, eventId, idHash);
  }

  /** Returns the next snapshot after an accepted step; {@code idHash} is the event id's. */
  Lead next(
      Profile profile,
      StageNode stage,
      Instant enteredAt,
      Instant at,
      ImmutableList<ScheduledTimer> timers,
      String eventId,
      int idHash) {
    int size = RecentIds.encodedSize(eventId);
    RecentIds.Memory m = RecentIds.remember(ids, idsEnd, version, eventId, size, idHash);
    // The same memory with the id appended, or a new one whose maker this snapshot is.
    int end = m == ids ? idsEnd + size : m.made;
    return new Lead(id, profile, stage, enteredAt, at, timers, m, end, version + 1);
  }

  /**
   * Starts a builder that restores a lead from stored values.
   *
   * @param id the lead's id
   * @param funnelId the funnel's id
   * @return a builder
   */
  public static Builder builder(String id, String funnelId) {
    return new Builder(id, funnelId);
  }

  /**
   * Returns a builder initialised with this lead's values.
   *
   * @return a builder initialised with this lead's values
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, profile.funnelId);
    b.funnelVersion = profile.funnelVersion;
    b.stage = stage.id;
    b.enteredAt = enteredAt;
    b.updatedAt = updatedAt;
    b.channel = profile.channel;
    b.owner = profile.owner;
    b.attributes.copy(profile.attributes);
    b.segments.copy(profile.segments);
    b.purchases.addAll(profile.purchases);
    b.timers.addAll(profile.timers);
    b.recentEventIds.addAll(recentEventIds());
    b.version = version;
    b.entries.addAll(profile.journey.entries());
    b.points = profile.journey.points();
    b.scoreSince = profile.journey.scoreSince();
    b.goals.addAll(profile.journey.goals());
    return b;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Lead l)) {
      return false;
    }

    return version == l.version
        && id.equals(l.id)
        && stage.id.equals(l.stage.id)
        && enteredAt.equals(l.enteredAt)
        && updatedAt.equals(l.updatedAt)
        && profile.equals(l.profile)
        && RecentIds.same(ids, idsEnd, l.ids, l.idsEnd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, profile, stage.id, enteredAt, updatedAt, version);
  }

  /**
   * Returns ids, stage, version and attribute names; never attribute values.
   *
   * @return ids, stage, version and attribute names; never attribute values
   */
  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Lead")
        .omitNullValues()
        .add("id", id)
        .add("funnel", profile.funnelId + "@" + profile.funnelVersion)
        .add("stage", stage.id)
        .add("version", version)
        .add("channel", profile.channel)
        .add("owner", profile.owner)
        .add("attributes", profile.attributes.isEmpty() ? null : profile.attributes.keySet())
        .add("segments", profile.segments.isEmpty() ? null : profile.segments)
        .add("purchases", profile.purchases.isEmpty() ? null : profile.purchases.size())
        .add("timers", profile.timers.isEmpty() ? null : profile.timers.size())
        .toString();
  }

  /**
   * Restores a {@link Lead} from stored values. Each single value is set at most once (the values
   * {@link Lead#toBuilder} copies may each be changed once), and each attribute name is given at
   * most once. Not thread-safe.
   */
  public static final class Builder {
    final String id;
    final String funnelId;
    int funnelVersion = 1;
    @Nullable String stage;
    @Nullable Instant enteredAt;
    @Nullable Instant updatedAt;
    @Nullable String channel;
    @Nullable String owner;
    final LeadAttributes attributes = new LeadAttributes();
    final LeadSegments segments = new LeadSegments();
    final List<Purchase> purchases = new ArrayList<>();
    final List<ScheduledTimer> timers = new ArrayList<>();
    final List<String> recentEventIds = new ArrayList<>();
    long version;
    final List<Instant> entries = new ArrayList<>();
    int points;
    @Nullable Instant scoreSince;
    final Set<String> goals = new LinkedHashSet<>();
    // The options set on this builder, as opposed to copied into it.
    private final Set<String> set = new HashSet<>();

    private Builder(String id, String funnelId) {
      this.id = Ids.check(id, "lead id");
      this.funnelId = Ids.check(funnelId, "funnel id");
    }

    /**
     * Sets the funnel version the lead entered; 1 by default.
     *
     * @param funnelVersion a positive version
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder funnelVersion(int funnelVersion) {
      checkArgument(funnelVersion > 0, "funnel version must be positive");
      once("funnel version", this.funnelVersion);
      this.funnelVersion = funnelVersion;
      return this;
    }

    /**
     * Sets the stage and when it was entered; required.
     *
     * @param stage the stage's id
     * @param enteredAt when the lead entered it
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder stage(String stage, Instant enteredAt) {
      String checked = Ids.check(stage, "stage id");
      requireNonNull(enteredAt, "enteredAt");
      once("stage", this.stage == null ? null : "'" + this.stage + "' at " + this.enteredAt);
      this.stage = checked;
      this.enteredAt = enteredAt;
      return this;
    }

    /**
     * Sets the time of the last accepted step; the stage entry time by default.
     *
     * @param updatedAt the time
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder updatedAt(Instant updatedAt) {
      requireNonNull(updatedAt, "updatedAt");
      once("time of the last step", this.updatedAt);
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Sets the acquisition channel; required.
     *
     * @param channel the channel
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder channel(String channel) {
      String checked = Ids.check(channel, "channel");
      once("channel", this.channel == null ? null : "'" + this.channel + "'");
      this.channel = checked;
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param owner the owner's id, or {@code null} for none
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder owner(@Nullable String owner) {
      String checked = owner == null ? null : Ids.check(owner, "owner");
      once("owner", this.owner == null ? null : "'" + this.owner + "'");
      this.owner = checked;
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value a string, boolean or number
     * @return this builder
     * @throws IllegalArgumentException if the name is longer than {@link
     *     #MAX_ATTRIBUTE_NAME_LENGTH} characters
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder attribute(String name, Object value) {
      attributes.set(name, Values.normalize(value, Ids.checkAttributeName(name)));
      return this;
    }

    /**
     * Sets attributes, as {@link #attribute(String, Object)} does each in turn. An {@link
     * ImmutableMap} of valid names and of strings, booleans and longs given to a builder without
     * attributes is kept as it is, not copied.
     *
     * @param values names and values
     * @return this builder
     * @throws IllegalArgumentException if a name is longer than {@link #MAX_ATTRIBUTE_NAME_LENGTH}
     *     characters
     * @throws IllegalStateException if a name was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder attributes(Map<String, ?> values) {
      requireNonNull(values, "values");
      if (!(values instanceof ImmutableMap<String, ?> map && attributes.keep(map))) {
        values.forEach(this::attribute);
      }
      return this;
    }

    /**
     * Adds a segment.
     *
     * @param segment the segment's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder segment(String segment) {
      segments.add(Ids.check(segment, "segment"));
      return this;
    }

    /**
     * Adds segments, as {@link #segment(String)} does each in turn. An {@link ImmutableSet} of
     * valid ids given to a builder without segments is kept as it is, not copied.
     *
     * @param segments the segments' ids, in the order the lead joined them
     * @return this builder
     * @throws IllegalArgumentException if an id is not valid
     */
    @CanIgnoreReturnValue
    public Builder segments(Collection<String> segments) {
      requireNonNull(segments, "segments");
      if (!(segments instanceof ImmutableSet<String> set && this.segments.keep(set))) {
        segments.forEach(this::segment);
      }
      return this;
    }

    /**
     * Adds a purchase.
     *
     * @param purchase the purchase
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder purchase(Purchase purchase) {
      purchases.add(requireNonNull(purchase, "purchase"));
      return this;
    }

    /**
     * Adds a pending timer.
     *
     * @param timer the timer
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder timer(ScheduledTimer timer) {
      timers.add(requireNonNull(timer, "timer"));
      return this;
    }

    /**
     * Sets the ids of recently applied events, newest first; at most twice {@value
     * Lead#RECENT_EVENT_IDS} are kept.
     *
     * @param ids the ids
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder recentEventIds(List<String> ids) {
      once("recent event ids", recentEventIds);
      recentEventIds.clear();
      for (String id : ids) {
        Ids.check(id, "event id");
        if (recentEventIds.size() < 2 * RECENT_EVENT_IDS) {
          recentEventIds.add(id);
        }
      }
      return this;
    }

    /**
     * Sets the lead's version.
     *
     * @param version the number of events accepted so far; not negative
     * @return this builder
     * @throws IllegalArgumentException if the version is negative
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder version(long version) {
      checkArgument(version >= 0, "lead version must not be negative");
      once("lead version", this.version);
      this.version = version;
      return this;
    }

    /**
     * Sets when the lead entered the funnel, oldest first.
     *
     * @param times each entry's time
     * @return this builder
     * @throws IllegalStateException if they were already set on this builder
     * @throws IllegalArgumentException if they are not in order
     */
    @CanIgnoreReturnValue
    public Builder entries(List<Instant> times) {
      once("entries", entries);
      entries.clear();
      for (Instant t : times) {
        Bounds.check(t, "entry time");
        checkArgument(
            entries.isEmpty() || !t.isBefore(entries.get(entries.size() - 1)),
            "lead '%s' has entries out of order",
            id);
        entries.add(t);
      }
      return this;
    }

    /**
     * Sets the score and since when its decay counts.
     *
     * @param points the score
     * @param since since when its decay counts
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder score(int points, Instant since) {
      Bounds.check(since, "score time");
      once("score", this.points);
      this.points = points;
      this.scoreSince = since;
      return this;
    }

    /**
     * Adds a goal reached since the last entry.
     *
     * @param goal the goal's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder goalReached(String goal) {
      goals.add(Ids.check(goal, "goal id"));
      return this;
    }

    private void once(String option, @Nullable Object earlier) {
      checkState(set.add(option), "%s was already set to %s", option, earlier);
    }

    /**
     * Returns the lead.
     *
     * @return the lead
     * @throws IllegalStateException if the stage or the channel is missing
     * @throws IllegalArgumentException if a timer belongs to another stage or the last step is
     *     before the stage was entered
     */
    public Lead build() {
      return Restore.lead(this);
    }
  }
}
