package dev.funnel.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.BuiltInAction;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.Stage;
import dev.funnel.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the leads pinned to one version of a funnel move onto a newer version: where the leads of
 * each stage go (renames, merges, and a home for the leads of a removed stage) and, per timer of
 * the old version, what happens to a pending one ({@link TimerPolicy}: keep its due instant,
 * restart it, recompute it from the stage entry, or drop it).
 *
 * <pre>{@code
 * Migration m = Migration.between(shopV1, shopV2)
 *     .rename("lead", "prospect")
 *     .move("tripwire", "hot-lead")
 *     .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
 *     .build();
 * Outcome out = m.migrate(lead, now);   // the lead on version 2, its timer effects, one step
 * }</pre>
 *
 * <p>A stage of the old version that the new one also has keeps its leads unless a move says
 * otherwise; a timer the new version declares alike (same stage after the moves, same event, same
 * delay) is kept unless a policy says otherwise. Everything else must be said, and {@link
 * Builder#build()} reports every omission at once. Migrating a lead is a pure function like {@link
 * Funnel#fire}: no I/O, no clock. Instances are immutable and thread-safe.
 */
public final class Migration {
  /** The event type of the step a migration records. */
  public static final String MIGRATED = "funnel-migrated";

  private final Funnel from;
  private final Funnel to;
  private final ImmutableMap<String, String> moves;
  private final ImmutableSet<String> renames;
  private final ImmutableMap<TimerKey, TimerPolicy> timers;
  private final ImmutableMap<String, String> stageMap;
  private final ImmutableMap<TimerKey, TimerPolicy> policies;

  private Migration(
      Funnel from,
      Funnel to,
      ImmutableMap<String, String> moves,
      ImmutableSet<String> renames,
      ImmutableMap<TimerKey, TimerPolicy> timers,
      ImmutableMap<String, String> stageMap,
      ImmutableMap<TimerKey, TimerPolicy> policies) {
    this.from = from;
    this.to = to;
    this.moves = moves;
    this.renames = renames;
    this.timers = timers;
    this.stageMap = stageMap;
    this.policies = policies;
  }

  /**
   * Starts a migration from one version of a funnel to a newer one.
   *
   * @param from the version the leads are pinned to
   * @param to the version they move to
   * @return a builder
   */
  public static Builder between(Funnel from, Funnel to) {
    return new Builder(requireNonNull(from, "from"), requireNonNull(to, "to"));
  }

  /**
   * Returns the version migrated from.
   *
   * @return the version migrated from
   */
  public Funnel from() {
    return from;
  }

  /**
   * Returns the version migrated to.
   *
   * @return the version migrated to
   */
  public Funnel to() {
    return to;
  }

  /**
   * Returns the funnel's id.
   *
   * @return the funnel's id
   */
  public String funnelId() {
    return from.id();
  }

  /**
   * Returns the stage moves and renames that were given, by stage of the old version.
   *
   * @return the stage moves and renames that were given, by stage of the old version
   */
  public ImmutableMap<String, String> moves() {
    return moves;
  }

  /**
   * Returns the stages of the old version whose moves are renames: the same stage under a new name,
   * so its leads keep their stage entry time.
   *
   * @return the renamed stages of the old version
   */
  public ImmutableSet<String> renames() {
    return renames;
  }

  /**
   * Returns the timer policies that were given, by timer of the old version.
   *
   * @return the timer policies that were given, by timer of the old version
   */
  public ImmutableMap<TimerKey, TimerPolicy> timers() {
    return timers;
  }

  /**
   * Returns where the leads of every stage of the old version go, moves and stages kept alike.
   *
   * @return the stage of the new version for every stage of the old one, in the old one's order
   */
  public ImmutableMap<String, String> stageMap() {
    return stageMap;
  }

  /**
   * Returns what happens to a pending timer of every timer the old version declares, given or kept
   * by default.
   *
   * @return the policy of every timer of the old version, in its declaration order
   */
  public ImmutableMap<TimerKey, TimerPolicy> policies() {
    return policies;
  }

  /**
   * Returns whether this migration changes nothing but the version: every stage and timer kept as
   * it is.
   *
   * @return whether every stage maps to itself and every timer is kept
   */
  public boolean isIdentity() {
    for (Map.Entry<String, String> e : stageMap.entrySet()) {
      if (!e.getKey().equals(e.getValue())) {
        return false;
      }
    }
    for (TimerPolicy p : policies.values()) {
      if (p != TimerPolicy.KEEP) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether this migration applies to the lead: it is pinned to the old version.
   *
   * @param lead the lead
   * @return whether the lead is in this funnel at the version migrated from
   */
  public boolean appliesTo(Lead lead) {
    return lead.funnelId().equals(from.id()) && lead.funnelVersion() == from.version();
  }

  /**
   * Returns the id of the event the step of this migration is recorded under, the same for every
   * lead: {@code migration:1-2} from version 1 to version 2.
   *
   * @return the event id of the migration's step
   */
  public String eventId() {
    return "migration:" + from.version() + "-" + to.version();
  }

  /**
   * Moves a lead onto the new version. The lead goes to its stage's target, keeps its data, its
   * purchases, the ids of the events it applied (so duplicates stay refused), its journey's memory
   * (its entries, its score and the goals it reached that the new version declares), and its
   * version grows by one, so a store's compare-and-set notices a concurrent change. A lead whose
   * stage is only renamed keeps its stage entry time; a lead moved into another stage enters it at
   * the migration: that stage's {@linkplain Stage#onEnter on-enter actions} run (after the timers
   * cancelled, before those scheduled) and its timers are scheduled. Each pending timer goes by its
   * policy; a timer whose due instant or stage changes is cancelled and scheduled anew.
   *
   * @param lead a lead pinned to the old version
   * @param now the time of the migration; a lead updated later is migrated at its last update
   * @return the outcome: {@link Outcome.Status#MOVED} or {@link Outcome.Status#STAYED}, the timers
   *     cancelled, the on-enter actions of a stage moved into, then the timers scheduled, and one
   *     step of type {@value #MIGRATED}
   * @throws IllegalArgumentException if the lead is not pinned to the old version
   */
  public Outcome migrate(Lead lead, Instant now) {
    requireNonNull(lead, "lead");
    requireNonNull(now, "now");
    checkArgument(
        appliesTo(lead),
        "lead '%s' is on funnel '%s' version %s, not version %s of funnel '%s'",
        lead.id(),
        lead.funnelId(),
        lead.funnelVersion(),
        from.version(),
        from.id());
    String oldStage = lead.stage();
    String newStage = stageMap.get(oldStage);
    checkArgument(
        newStage != null,
        "lead '%s' is in stage '%s', which version %s lacks",
        lead.id(),
        oldStage,
        from.version());
    Instant at = now.isBefore(lead.updatedAt()) ? lead.updatedAt() : now;
    boolean inPlace = isInPlace(oldStage, newStage);
    Instant enteredAt = inPlace ? lead.enteredAt() : at;
    List<Effect> cancelled = new ArrayList<>();
    List<ScheduledTimer> pending = new ArrayList<>();
    List<ScheduledTimer> scheduled = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    for (ScheduledTimer t : lead.timers()) {
      TimerPolicy policy = policies.getOrDefault(TimerKey.of(t), TimerPolicy.KEEP);
      Duration after = delay(newStage, t.event());
      Instant due;
      if (policy == TimerPolicy.DROP) {
        cancelled.add(new Effect.TimerCancelled(t));
        continue;
      } else if (policy == TimerPolicy.RESTART && after != null) {
        due = at.plus(after);
      } else if (policy == TimerPolicy.RECOMPUTE && after != null) {
        due = lead.enteredAt().plus(after);
      } else {
        due = t.due();
      }
      ScheduledTimer moved = new ScheduledTimer(newStage, t.event(), due);
      if (!moved.equals(t)) {
        cancelled.add(new Effect.TimerCancelled(t));
        scheduled.add(moved);
      }
      pending.add(moved);
      covered.add(t.event());
    }
    if (!inPlace) {
      for (Timer declared : to.timers()) {
        if (declared.stage().equals(newStage) && covered.add(declared.event())) {
          ScheduledTimer added =
              new ScheduledTimer(newStage, declared.event(), at.plus(after(declared)));
          scheduled.add(added);
          pending.add(added);
        }
      }
    }
    scheduled.sort(Comparator.comparing(ScheduledTimer::due));
    // A lead moved into another stage enters it: the stage's on-enter actions run, as they would
    // on any other way in; a lead that stays (perhaps renamed) entered its stage long ago.
    ImmutableList<Action> onEnter =
        inPlace
            ? ImmutableList.of()
            : to.stage(newStage).map(Stage::onEnter).orElse(ImmutableList.of());
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    effects.addAll(cancelled);
    effects.addAll(onEnter);
    for (ScheduledTimer t : scheduled) {
      effects.add(new Effect.TimerScheduled(t));
    }
    Known known = Known.of(lead, onEnter);
    Lead.Builder b =
        Lead.builder(lead.id(), lead.funnelId())
            .funnelVersion(to.version())
            .stage(newStage, enteredAt)
            .updatedAt(at)
            .channel(lead.channel())
            .owner(known.owner)
            .attributes(known.attributes)
            .recentEventIds(lead.recentEventIds())
            .version(lead.version() + 1);
    known.segments.forEach(b::segment);
    // The journey's memory goes with the lead: when it entered, its score, and the goals it reached
    // that the new version still declares (one it does not is no longer the lead's to reach).
    b.entries(lead.entries());
    lead.scoreSince().ifPresent(since -> b.score(lead.score(), since));
    for (String goal : lead.goalsReached()) {
      if (to.goals().stream().anyMatch(g -> g.id().equals(goal))) {
        b.goalReached(goal);
      }
    }
    for (Purchase p : lead.purchases()) {
      b.purchase(p);
    }
    pending.forEach(b::timer);
    return Outcome.migrated(lead, b.build(), Event.of(eventId(), MIGRATED, at), effects.build());
  }

  /** What is known about a lead after on-enter actions, applied as firing applies them. */
  private static final class Known {
    @Nullable String owner;
    final Map<String, Object> attributes;
    final Set<String> segments;

    private Known(Lead lead) {
      owner = lead.owner().orElse(null);
      attributes = new LinkedHashMap<>(lead.attributes());
      segments = new LinkedHashSet<>(lead.segments());
    }

    static Known of(Lead lead, List<Action> actions) {
      Known k = new Known(lead);
      for (Action a : actions) {
        BuiltInAction kind = a.builtIn().orElse(null);
        if (kind == null || !kind.changesProfile()) {
          continue;
        }
        switch (kind) {
          case ASSIGN -> k.owner = a.param("owner").orElse(k.owner);
          case SET ->
              k.attributes.put(
                  a.param("attribute").orElseThrow(),
                  Objects.requireNonNull(a.params().get("value")));
          case REMOVE -> k.attributes.remove(a.param("attribute").orElseThrow());
          case SEGMENT -> k.segments.add(a.param("segment").orElseThrow());
          default -> {}
        }
      }
      return k;
    }
  }

  private static Duration after(Timer t) {
    return t.after();
  }

  /** Whether a lead in {@code oldStage} stays in the same stage, perhaps under a new name. */
  private boolean isInPlace(String oldStage, String newStage) {
    return oldStage.equals(newStage) || renames.contains(oldStage);
  }

  private @Nullable Duration delay(String stage, String event) {
    Timer t = declared(to, stage, event);
    return t == null ? null : t.after();
  }

  /** Returns the delays of the timers firing {@code event} in {@code stage}, shortest first. */
  private static List<Duration> delays(Funnel f, String stage, String event) {
    List<Duration> delays = new ArrayList<>();
    for (Timer t : f.timers()) {
      if (t.stage().equals(stage) && t.event().equals(event)) {
        delays.add(t.after());
      }
    }
    delays.sort(Comparator.naturalOrder());
    return delays;
  }

  private static @Nullable Timer declared(Funnel f, String stage, String event) {
    for (Timer t : f.timers()) {
      if (t.stage().equals(stage) && t.event().equals(event)) {
        return t;
      }
    }
    return null;
  }

  /**
   * Compares migrations: the two versions and the moves and policies given.
   *
   * @return whether the other is a migration between equal versions with the same moves and
   *     policies
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Migration m)) {
      return false;
    }
    return from.equals(m.from)
        && to.equals(m.to)
        && moves.equals(m.moves)
        && renames.equals(m.renames)
        && timers.equals(m.timers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, moves, renames, timers);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Migration")
        .add("funnel", from.id())
        .add("from", from.version())
        .add("to", to.version())
        .add("moves", moves)
        .add("timers", timers)
        .toString();
  }

  /**
   * Builds a {@link Migration}. Each stage is moved or renamed at most once and each timer given at
   * most one policy. Not thread-safe.
   */
  public static final class Builder {
    private final Funnel from;
    private final Funnel to;
    private final Map<String, String> moves = new LinkedHashMap<>();
    private final Set<String> renames = new LinkedHashSet<>();
    private final Map<TimerKey, TimerPolicy> timers = new LinkedHashMap<>();

    private Builder(Funnel from, Funnel to) {
      this.from = from;
      this.to = to;
    }

    /**
     * Gives a stage of the old version its new name: the same stage, so its leads keep their stage
     * entry time and their timers are recomputed against the new name's declarations.
     *
     * @param stage a stage of the old version
     * @param name its name in the new version
     * @return this builder
     * @throws IllegalStateException if the stage was already moved or renamed
     */
    @CanIgnoreReturnValue
    public Builder rename(String stage, String name) {
      move(stage, name);
      renames.add(stage);
      return this;
    }

    /**
     * Sends the leads of a stage of the old version into another stage of the new one, which they
     * enter at the migration: one of several stages merged into one, or a home for the leads of a
     * removed stage.
     *
     * @param stage a stage of the old version
     * @param target a stage of the new version
     * @return this builder
     * @throws IllegalStateException if the stage was already moved
     */
    @CanIgnoreReturnValue
    public Builder move(String stage, String target) {
      requireNonNull(stage, "stage");
      requireNonNull(target, "target");
      String earlier = moves.get(stage);
      checkState(earlier == null, "stage '%s' was already moved to '%s'", stage, earlier);
      moves.put(stage, target);
      return this;
    }

    /**
     * Says what happens to a pending timer of the old version.
     *
     * @param stage the timer's stage in the old version
     * @param event the event it fires
     * @param policy what happens to it
     * @return this builder
     * @throws IllegalStateException if the timer already has a policy
     */
    @CanIgnoreReturnValue
    public Builder timer(String stage, String event, TimerPolicy policy) {
      TimerKey key = new TimerKey(stage, event);
      requireNonNull(policy, "policy");
      TimerPolicy earlier = timers.get(key);
      checkState(
          earlier == null,
          "timer '%s' was already given policy %s",
          key,
          earlier == null ? "" : earlier.id());
      timers.put(key, policy);
      return this;
    }

    /**
     * Validates the migration against both versions and returns it.
     *
     * @return the migration
     * @throws MigrationException with every problem found: versions of different funnels or out of
     *     order, a move from or to a stage the version lacks, a stage of the old version that has
     *     nowhere to go, a timer of the old version that changed or went and has no policy, a
     *     policy for a timer the old version lacks, a policy that needs a delay the new version
     *     does not declare
     */
    public Migration build() {
      List<String> problems = new ArrayList<>();
      int v = from.version();
      int w = to.version();
      if (!from.id().equals(to.id())) {
        problems.add(
            "the versions belong to funnels '"
                + from.id()
                + "' and '"
                + to.id()
                + "'; a migration joins two versions of one funnel");
      }
      if (w <= v) {
        problems.add(
            "version " + w + " does not follow version " + v + "; migrate to a newer version");
      }
      moves.forEach(
          (stage, target) -> {
            if (from.stage(stage).isEmpty()) {
              problems.add(
                  "stage '"
                      + stage
                      + "' is moved, but version "
                      + v
                      + " lacks it; remove the move");
            }
            if (to.stage(target).isEmpty()) {
              problems.add(
                  "stage '"
                      + stage
                      + "' moves to '"
                      + target
                      + "', which version "
                      + w
                      + " lacks; move it to a stage of version "
                      + w);
            }
          });
      Map<String, String> renamedTo = new LinkedHashMap<>();
      for (String stage : renames) {
        String name = requireNonNull(moves.get(stage));
        String earlier = renamedTo.put(name, stage);
        if (earlier != null) {
          problems.add(
              "stages '"
                  + earlier
                  + "' and '"
                  + stage
                  + "' are both renamed '"
                  + name
                  + "'; rename one and move the other into it");
        }
      }
      ImmutableMap.Builder<String, String> stageMap = ImmutableMap.builder();
      for (Stage s : from.stages()) {
        String target = moves.get(s.id());
        if (target == null && to.stage(s.id()).isPresent()) {
          target = s.id();
        }
        if (target == null) {
          problems.add(
              "stage '"
                  + s.id()
                  + "' of version "
                  + v
                  + " is gone from version "
                  + w
                  + " and its leads have nowhere to go; move it to a stage of version "
                  + w);
        } else if (to.stage(target).isPresent()) {
          stageMap.put(s.id(), target);
        }
      }
      ImmutableMap<String, String> stages = stageMap.buildOrThrow();
      timers.forEach(
          (key, policy) -> {
            if (declared(from, key.stage(), key.event()) == null) {
              problems.add(
                  "timer '"
                      + key
                      + "' has a policy, but version "
                      + v
                      + " declares no timer firing '"
                      + key.event()
                      + "' in stage '"
                      + key.stage()
                      + "'; remove the policy");
            }
          });
      ImmutableMap.Builder<TimerKey, TimerPolicy> policies = ImmutableMap.builder();
      Set<TimerKey> seen = new HashSet<>();
      for (Timer t : from.timers()) {
        TimerKey key = TimerKey.of(t);
        String target = stages.get(t.stage());
        if (target == null || !seen.add(key)) {
          continue; // the stage's problem is reported already, or the key was looked at
        }
        List<Duration> before = delays(from, t.stage(), t.event());
        List<Duration> after = delays(to, target, t.event());
        Timer next = declared(to, target, t.event());
        boolean terminal = to.stage(target).map(Stage::isTerminal).orElse(false);
        TimerPolicy policy = timers.get(key);
        if (policy == null) {
          if (before.equals(after)) {
            policies.put(key, TimerPolicy.KEEP);
          } else if (next == null) {
            problems.add(
                "timer '"
                    + key
                    + "' of version "
                    + v
                    + " is not in stage '"
                    + target
                    + "' of version "
                    + w
                    + "; give it a policy: keep or drop");
          } else {
            problems.add(
                "timer '"
                    + key
                    + "' changed from "
                    + String.join(", ", before.stream().map(Duration::toString).toList())
                    + " to "
                    + String.join(", ", after.stream().map(Duration::toString).toList())
                    + " in version "
                    + w
                    + "; give it a policy: keep, restart, recompute or drop");
          }
          continue;
        }
        if ((policy == TimerPolicy.RESTART || policy == TimerPolicy.RECOMPUTE)
            && after.size() > 1) {
          problems.add(
              "timer '"
                  + key
                  + "' is to "
                  + policy.id()
                  + ", but version "
                  + w
                  + " declares "
                  + after.size()
                  + " timers firing '"
                  + t.event()
                  + "' in stage '"
                  + target
                  + "'; keep or drop it");
        } else if ((policy == TimerPolicy.RESTART || policy == TimerPolicy.RECOMPUTE)
            && next == null) {
          problems.add(
              "timer '"
                  + key
                  + "' is to "
                  + policy.id()
                  + ", but version "
                  + w
                  + " declares no timer firing '"
                  + t.event()
                  + "' in stage '"
                  + target
                  + "'; keep or drop it");
        } else if (policy != TimerPolicy.DROP && terminal) {
          problems.add(
              "timer '" + key + "' would stay pending in terminal stage '" + target + "'; drop it");
        }
        policies.put(key, policy);
      }
      if (!problems.isEmpty()) {
        throw new MigrationException(from.id(), v, w, ImmutableList.copyOf(problems));
      }
      return new Migration(
          from,
          to,
          ImmutableMap.copyOf(moves),
          ImmutableSet.copyOf(renames),
          ImmutableMap.copyOf(timers),
          stages,
          policies.buildOrThrow());
    }
  }

  /**
   * Returns the stage a lead of a stage of the old version goes to.
   *
   * @param stage a stage of the old version
   * @return its stage in the new version, or empty if the old version lacks it
   */
  public Optional<String> target(String stage) {
    requireNonNull(stage, "stage");
    return Optional.ofNullable(stageMap.get(stage));
  }
}
