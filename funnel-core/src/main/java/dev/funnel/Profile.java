package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The part of a lead that changes rarely (pending timers change only when the stage does or a timer
 * fires), shared between snapshots so that a step allocates little, and between leads that entered
 * alike (same funnel and channel, nothing else known), so that a new lead costs little.
 */
final class Profile {
  final String funnelId;
  final int funnelVersion;
  final String channel;
  final @Nullable String owner;
  final ImmutableMap<String, Object> attributes;
  final ImmutableSet<String> segments;
  final ImmutableList<Purchase> purchases;
  final ImmutableList<ScheduledTimer> timers;
  final Journey journey;

  Profile(
      String funnelId,
      int funnelVersion,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments,
      ImmutableList<Purchase> purchases) {
    this(
        funnelId,
        funnelVersion,
        channel,
        owner,
        attributes,
        segments,
        purchases,
        ImmutableList.of(),
        Journey.NONE);
  }

  private Profile(
      String funnelId,
      int funnelVersion,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments,
      ImmutableList<Purchase> purchases,
      ImmutableList<ScheduledTimer> timers,
      Journey journey) {
    this.funnelId = funnelId;
    this.funnelVersion = funnelVersion;
    this.channel = channel;
    this.owner = owner;
    this.attributes = attributes;
    this.segments = segments;
    this.purchases = purchases;
    this.timers = timers;
    this.journey = journey;
  }

  Profile withTimers(ImmutableList<ScheduledTimer> timers) {
    return new Profile(
        funnelId, funnelVersion, channel, owner, attributes, segments, purchases, timers, journey);
  }

  Profile with(
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments,
      ImmutableList<Purchase> purchases) {
    return new Profile(
        funnelId, funnelVersion, channel, owner, attributes, segments, purchases, timers, journey);
  }

  Profile withJourney(Journey journey) {
    return new Profile(
        funnelId, funnelVersion, channel, owner, attributes, segments, purchases, timers, journey);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Profile p)) {
      return false;
    }

    return funnelId.equals(p.funnelId)
        && funnelVersion == p.funnelVersion
        && channel.equals(p.channel)
        && Objects.equals(owner, p.owner)
        && attributes.equals(p.attributes)
        && segments.equals(p.segments)
        && purchases.equals(p.purchases)
        && timers.equals(p.timers)
        && journey.equals(p.journey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        funnelId, funnelVersion, channel, owner, attributes, segments, purchases, timers, journey);
  }
}
