package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Where new leads of one funnel version come in: the entry stage (the first, or one chosen and
 * checked), and the profile a lead enters with, its experiment variants assigned, shared between
 * leads that enter with nothing known but their channel. The funnel and the copies {@link
 * Funnel#withGuards} makes share one.
 */
final class Entrance {
  private final String id;
  private final int version;
  private final ImmutableList<Experiment> experiments;
  private final Stage[] stageArray;
  private final ImmutableMap<String, Integer> stageIndex;

  /**
   * The profiles of leads that entered with nothing known but their channel, by channel, so that
   * such leads share one. At most {@value #SHARED_PROFILES} channels are kept.
   *
   * <p>This mutable map does not make the funnel mutable, and sharing it is safe: a profile is an
   * immutable value made only from the funnel's own id and version and the channel, so whichever
   * thread puts a channel's profile first, every thread gets an equal one; {@code putIfAbsent} on a
   * concurrent map publishes it safely; nothing is ever removed or replaced; and nothing observable
   * (equality, snapshots, outcomes) depends on whether a lead's profile came from the map. The
   * copies {@link Funnel#withGuards} makes share the map, since their profiles are the same.
   */
  private final ConcurrentMap<String, Profile> plainProfiles;

  private static final int SHARED_PROFILES = 64;

  Entrance(
      String id,
      int version,
      ImmutableList<Experiment> experiments,
      Stage[] stageArray,
      ImmutableMap<String, Integer> stageIndex) {
    this.id = id;
    this.version = version;
    this.experiments = experiments;
    this.stageArray = stageArray;
    this.stageIndex = stageIndex;
    this.plainProfiles = new ConcurrentHashMap<>();
  }

  Stage firstEntry() {
    for (Stage s : stageArray) {
      if (s.entry()) {
        return s;
      }
    }
    throw new IllegalStateException("funnel '" + id + "' has no entry stage");
  }

  /**
   * Enters a new lead through an engine: into the entry stage of this id, or the first entry stage
   * if none is given, with its profile made.
   *
   * @throws IllegalArgumentException if the stage of that id is not an entry stage
   */
  Outcome enter(
      Engine engine,
      String leadId,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments,
      @Nullable String stageId,
      Instant at) {
    Stage entry = stageId == null ? firstEntry() : entryStage(stageId);
    Profile profile = profile(leadId, channel, owner, attributes, segments);
    return engine.enter(leadId, profile, entry.id(), at);
  }

  private Stage entryStage(String stageId) {
    Integer i = stageIndex.get(stageId);
    checkArgument(
        i != null && stageArray[i].entry(),
        "'%s' is not an entry stage of funnel '%s'",
        stageId,
        id);
    return stageArray[requireNonNull(i)];
  }

  /** Returns the profile a new lead enters with, its experiment variants assigned. */
  Profile profile(
      String leadId,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments) {
    attributes = Experiments.assign(experiments, leadId, attributes);
    return owner == null && attributes.isEmpty() && segments.isEmpty()
        ? plainProfile(channel)
        : new Profile(id, version, channel, owner, attributes, segments, ImmutableList.of());
  }

  private Profile plainProfile(String channel) {
    Profile shared = plainProfiles.get(channel);
    if (shared != null) {
      return shared;
    }
    Profile made =
        new Profile(
            id, version, channel, null, ImmutableMap.of(), ImmutableSet.of(), ImmutableList.of());
    if (plainProfiles.size() >= SHARED_PROFILES) {
      return made;
    }
    Profile raced = plainProfiles.putIfAbsent(channel, made);
    return raced == null ? made : raced;
  }
}
