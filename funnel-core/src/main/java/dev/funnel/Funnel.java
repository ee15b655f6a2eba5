package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.MultimapBuilder;
import com.google.common.collect.Multimaps;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.StageNode.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A sales funnel: an immutable, validated definition of stages, transitions, timers and offers,
 * shared by all its leads, and the pure transition function that moves them.
 *
 * <pre>{@code
 * Funnel shop = Funnel.builder("online-shop")
 *     .stage("visitor").entry()
 *     .stage("cold-lead")
 *     .stage("buyer").won()
 *     .stage("lost").lost()
 *     .on("contact-left").from("visitor").to("cold-lead").then(Actions.send("welcome-1"))
 *     .on("paid").from("cold-lead").to("buyer")
 *     .after(Duration.ofDays(7)).in("cold-lead").fire("gone-cold")
 *     .on("gone-cold").from("cold-lead").to("lost")
 *     .build();
 * }</pre>
 *
 * <p>{@link #enter}, {@link #fire} and {@link #advance} do no I/O, read no clock and draw no random
 * numbers: time comes in with the event. Building compiles the definition into index tables, so
 * firing an event does not scan all transitions. Instances are immutable and thread-safe.
 */
public final class Funnel {
  private static final Comparator<Transition> BY_PRIORITY =
      Comparator.comparingInt(Transition::priority).reversed();

  private final String id;
  private final int version;
  private final ImmutableList<Stage> stages;
  private final ImmutableList<Transition> transitions;
  private final ImmutableList<Timer> timers;
  private final ImmutableList<Offer> offers;
  private final ImmutableList<Problem> warnings;
  private final ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> guards;

  // Compiled tables: stage id -> index, and per stage its node (routes by event type, timers).
  private final ImmutableMap<String, Integer> stageIndex;
  private final Stage[] stageArray;
  private final StageNode[] nodes;
  private final ImmutableSet<String> eventTypes;

  /**
   * The profiles of leads that entered with nothing known but their channel, by channel, so that
   * such leads share one. At most {@value #SHARED_PROFILES} channels are kept.
   */
  private final ConcurrentMap<String, Lead.Profile> plainProfiles;

  private static final int SHARED_PROFILES = 64;

  private Funnel(
      String id,
      int version,
      ImmutableList<Stage> stages,
      ImmutableList<Transition> transitions,
      ImmutableList<Timer> timers,
      ImmutableList<Offer> offers,
      ImmutableList<Problem> warnings) {
    this.id = id;
    this.version = version;
    this.stages = stages;
    this.transitions = transitions;
    this.timers = timers;
    this.offers = offers;
    this.warnings = warnings;
    this.guards = ImmutableMap.of();
    this.plainProfiles = new ConcurrentHashMap<>();

    ImmutableMap.Builder<String, Integer> index = ImmutableMap.builder();
    this.stageArray = stages.toArray(new Stage[0]);
    for (int i = 0; i < stageArray.length; i++) {
      index.put(stageArray[i].id(), i);
    }
    this.stageIndex = index.buildOrThrow();

    // Per stage, event type -> routes in the order firing tries them.
    List<ListMultimap<String, Route>> routesByStage = new ArrayList<>(stageArray.length);
    for (int i = 0; i < stageArray.length; i++) {
      routesByStage.add(MultimapBuilder.linkedHashKeys().arrayListValues(2).build());
    }
    ImmutableSet.Builder<String> types = ImmutableSet.builder();
    for (Transition t : order(transitions)) {
      types.add(t.event());
      String to = t.to();
      Route route = new Route(t, to == null ? -1 : indexOf(to));
      Iterable<String> sources = t.isFromAny() ? stageIndex.keySet() : t.from();
      for (String from : sources) {
        int i = indexOf(from);
        if (!stageArray[i].isTerminal()) {
          routesByStage.get(i).put(t.event(), route);
        }
      }
    }
    this.eventTypes = types.build();
    ImmutableListMultimap<String, Timer> timersByStage = Multimaps.index(timers, Timer::stage);
    this.nodes = new StageNode[stageArray.length];
    for (int i = 0; i < nodes.length; i++) {
      Stage stage = stageArray[i];
      nodes[i] = StageNode.of(stage, timersByStage.get(stage.id()), nodes, routesByStage.get(i));
    }
  }

  private Funnel(Funnel f, ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> guards) {
    this.id = f.id;
    this.version = f.version;
    this.stages = f.stages;
    this.transitions = f.transitions;
    this.timers = f.timers;
    this.offers = f.offers;
    this.warnings = f.warnings;
    this.guards = guards;
    this.plainProfiles = f.plainProfiles;
    this.stageIndex = f.stageIndex;
    this.stageArray = f.stageArray;
    this.nodes = f.nodes;
    this.eventTypes = f.eventTypes;
  }

  /** Returns the transitions ordered as firing tries them: higher priority first, then declared. */
  static List<Transition> order(List<Transition> transitions) {
    List<Transition> sorted = new ArrayList<>(transitions);
    sorted.sort(BY_PRIORITY); // stable: declaration order breaks ties
    return sorted;
  }

  /**
   * Starts the definition of a funnel.
   *
   * @param id the funnel's id
   * @return a builder
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String id) {
    Requirements.check();
    return new Builder(new Draft(Ids.check(id, "funnel id")));
  }

  /**
   * Returns a builder holding this funnel's definition, to derive a changed copy.
   *
   * @return a builder holding this funnel's definition, to derive a changed copy
   */
  public Builder toBuilder() {
    Draft d = new Draft(id);
    d.version = version;
    for (Stage s : stages) {
      d.stages.add(new StageDraft(s));
    }
    for (Transition t : transitions) {
      d.transitions.add(new TransitionDraft(t));
    }
    for (Timer t : timers) {
      d.timers.add(new TimerDraft(t));
    }
    d.offers.addAll(offers);
    return new Builder(d);
  }

  /**
   * Returns this funnel with the host application's implementations of its custom guards. The
   * definition is unchanged; only how {@link Conditions#custom} guards are decided.
   *
   * @param guards predicates by the names used in {@link Conditions#custom}
   * @return a funnel that decides custom guards with these predicates
   * @throws IllegalArgumentException if a custom guard of the definition has no predicate
   */
  public Funnel withGuards(Map<String, ? extends BiPredicate<? super Lead, ? super Event>> guards) {
    ImmutableMap<String, BiPredicate<? super Lead, ? super Event>> copy =
        ImmutableMap.copyOf(guards);
    Set<String> missing = new LinkedHashSet<>(customGuards());
    missing.removeAll(copy.keySet());
    checkArgument(
        missing.isEmpty(), "funnel '%s' needs predicates for custom guards %s", id, missing);
    return new Funnel(this, copy);
  }

  /**
   * Returns the funnel's id.
   *
   * @return the funnel's id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the version of this definition.
   *
   * @return the version of this definition
   */
  public int version() {
    return version;
  }

  /**
   * Returns the stages in declaration order.
   *
   * @return the stages in declaration order
   */
  public ImmutableList<Stage> stages() {
    return stages;
  }

  /**
   * Returns a stage by id.
   *
   * @param stageId the stage's id
   * @return the stage, or empty if the funnel has none of that id
   */
  public Optional<Stage> stage(String stageId) {
    Integer i = stageIndex.get(stageId);
    return i == null ? Optional.empty() : Optional.of(stageArray[i]);
  }

  /**
   * Returns the entry stages in declaration order.
   *
   * @return the entry stages in declaration order
   */
  public ImmutableList<Stage> entryStages() {
    return stages.stream().filter(Stage::entry).collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns the transitions in declaration order.
   *
   * @return the transitions in declaration order
   */
  public ImmutableList<Transition> transitions() {
    return transitions;
  }

  /**
   * Returns the timers in declaration order.
   *
   * @return the timers in declaration order
   */
  public ImmutableList<Timer> timers() {
    return timers;
  }

  /**
   * Returns the offers in declaration order.
   *
   * @return the offers in declaration order
   */
  public ImmutableList<Offer> offers() {
    return offers;
  }

  /**
   * Returns an offer by id.
   *
   * @param offerId the offer's id
   * @return the offer, or empty if the funnel has none of that id
   */
  public Optional<Offer> offer(String offerId) {
    for (Offer o : offers) {
      if (o.id().equals(offerId)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the event types some transition reacts to.
   *
   * @return the event types some transition reacts to
   */
  public ImmutableSet<String> eventTypes() {
    return eventTypes;
  }

  /**
   * Returns the suspicious but legal things validation found.
   *
   * @return the suspicious but legal things validation found
   */
  public ImmutableList<Problem> warnings() {
    return warnings;
  }

  /**
   * Returns the names of the custom guards the definition uses.
   *
   * @return the names of the custom guards the definition uses
   */
  public ImmutableSet<String> customGuards() {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (Transition t : transitions) {
      collectCustom(t.guard(), names);
    }
    return names.build();
  }

  private static void collectCustom(Condition c, ImmutableSet.Builder<String> names) {
    if (c instanceof Condition.Custom custom) {
      names.add(custom.name());
    } else if (c instanceof Condition.All all) {
      all.conditions().forEach(each -> collectCustom(each, names));
    } else if (c instanceof Condition.Any any) {
      any.conditions().forEach(each -> collectCustom(each, names));
    } else if (c instanceof Condition.Not not) {
      collectCustom(not.condition(), names);
    }
  }

  /**
   * Returns the names of the custom (not built-in) actions the definition uses.
   *
   * @return the names of the custom (not built-in) actions the definition uses
   */
  public ImmutableSet<String> customActions() {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (Transition t : transitions) {
      for (Action a : t.actions()) {
        if (!a.isBuiltIn()) {
          names.add(a.name());
        }
      }
    }
    return names.build();
  }

  /**
   * Enters a new lead into the first entry stage.
   *
   * @param leadId the lead's id
   * @param channel the acquisition channel it came from
   * @param at when it entered, within {@link Bounds}
   * @return the outcome: status {@link Outcome.Status#ENTERED}, the timers of the entry stage
   *     scheduled, and the entry step
   */
  public Outcome enter(String leadId, String channel, Instant at) {
    Bounds.check(at, "entry time");
    return entered(
        Ids.check(leadId, "lead id"),
        Ids.check(channel, "channel"),
        null,
        ImmutableMap.of(),
        ImmutableSet.of(),
        firstEntry(),
        at);
  }

  private Stage firstEntry() {
    for (Stage s : stageArray) {
      if (s.entry()) {
        return s;
      }
    }
    throw new IllegalStateException("funnel '" + id + "' has no entry stage");
  }

  private Outcome entered(
      String leadId,
      String channel,
      @Nullable String owner,
      ImmutableMap<String, Object> attributes,
      ImmutableSet<String> segments,
      Stage entry,
      Instant at) {
    Lead.Profile profile =
        owner == null && attributes.isEmpty() && segments.isEmpty()
            ? plainProfile(channel)
            : new Lead.Profile(
                id, version, channel, owner, attributes, segments, ImmutableList.of());
    StageNode node = nodes[indexOf(entry.id())];
    ImmutableList<Effect> effects = ImmutableList.of();
    ImmutableList<ScheduledTimer> pending = ImmutableList.of();
    if (!node.timers.isEmpty()) {
      ImmutableList.Builder<Effect> scheduled = ImmutableList.builder();
      pending = schedule(node, at, scheduled);
      effects = scheduled.build();
    }
    Lead lead = new Lead(leadId, profile, node, at, at, pending, null, null, 0);
    return Outcome.entered(lead, effects);
  }

  private Lead.Profile plainProfile(String channel) {
    Lead.Profile shared = plainProfiles.get(channel);
    if (shared != null) {
      return shared;
    }
    Lead.Profile made =
        new Lead.Profile(
            id, version, channel, null, ImmutableMap.of(), ImmutableSet.of(), ImmutableList.of());
    if (plainProfiles.size() >= SHARED_PROFILES) {
      return made;
    }
    Lead.Profile raced = plainProfiles.putIfAbsent(channel, made);
    return raced == null ? made : raced;
  }

  /**
   * Starts entering a new lead, to set its attributes, owner or entry stage first.
   *
   * @param leadId the lead's id
   * @param channel the acquisition channel it came from
   * @return an entry builder
   */
  public Entry newLead(String leadId, String channel) {
    return new Entry(Ids.check(leadId, "lead id"), Ids.check(channel, "channel"));
  }

  /** Enters one new lead. Made by {@link Funnel#newLead}; not thread-safe. */
  public final class Entry {
    private final String leadId;
    private final String channel;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Set<String> segments = new LinkedHashSet<>();
    private @Nullable String stage;
    private @Nullable String owner;

    private Entry(String leadId, String channel) {
      this.leadId = leadId;
      this.channel = channel;
    }

    /**
     * Chooses the entry stage; the first entry stage by default.
     *
     * @param stageId an entry stage's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry stage(String stageId) {
      this.stage = stageId;
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value a string, boolean or number
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry attribute(String name, Object value) {
      attributes.put(Ids.check(name, "attribute name"), Values.normalize(value, name));
      return this;
    }

    /**
     * Sets attributes.
     *
     * @param values names and values
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry attributes(Map<String, ?> values) {
      values.forEach(this::attribute);
      return this;
    }

    /**
     * Puts the lead in a segment.
     *
     * @param segment the segment's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry segment(String segment) {
      segments.add(Ids.check(segment, "segment"));
      return this;
    }

    /**
     * Assigns the lead to an owner.
     *
     * @param owner the owner's id
     * @return this entry
     */
    @CanIgnoreReturnValue
    public Entry owner(String owner) {
      this.owner = Ids.check(owner, "owner");
      return this;
    }

    /**
     * Enters the lead.
     *
     * @param at when it entered, within {@link Bounds}
     * @return the outcome: status {@link Outcome.Status#ENTERED}, the entry stage's timers
     *     scheduled, and the entry step
     * @throws IllegalArgumentException if the chosen stage is not an entry stage of this funnel
     */
    public Outcome enter(Instant at) {
      Bounds.check(at, "entry time");
      Stage entry;
      if (stage == null) {
        entry = firstEntry();
      } else {
        entry = Funnel.this.stage(stage).filter(Stage::entry).orElse(null);
        checkArgument(
            entry != null, "'%s' is not an entry stage of funnel '%s'", stage, Funnel.this.id);
      }
      return entered(
          leadId,
          channel,
          owner,
          ImmutableMap.copyOf(attributes),
          ImmutableSet.copyOf(segments),
          requireNonNull(entry, "entry"),
          at);
    }
  }

  private int indexOf(String stageId) {
    return requireNonNull(stageIndex.get(stageId), stageId);
  }

  /** Returns the node of the lead's stage: the lead's own if it is of this funnel's build. */
  private StageNode nodeOf(Lead lead) {
    StageNode node = lead.node();
    return node.family == nodes ? node : lookUp(lead);
  }

  /** Looks the lead's stage up by id, for a lead restored from storage or made by another build. */
  private StageNode lookUp(Lead lead) {
    checkArgument(
        lead.funnelId().equals(id),
        "lead '%s' is in funnel '%s', not '%s'",
        lead.id(),
        lead.funnelId(),
        id);
    Integer i = stageIndex.get(lead.stage());
    checkArgument(
        i != null,
        "lead '%s' is in stage '%s', which funnel '%s' lacks",
        lead.id(),
        lead.stage(),
        id);
    return nodes[i];
  }

  /**
   * Fires an event at a lead. Refused events ({@link Outcome.Status#REFUSED}) change nothing: the
   * outcome holds the very lead that was passed in. Pending timers are not fired here; call {@link
   * #advance} first to bring the lead up to the event's time.
   *
   * @param lead the lead, in this funnel
   * @param event the event
   * @return the outcome
   * @throws IllegalArgumentException if the lead belongs to another funnel or to a stage this
   *     funnel lacks
   * @throws IllegalStateException if a custom guard that must be decided is not bound
   */
  public Outcome fire(Lead lead, Event event) {
    int idHash = Lead.idHash(requireNonNull(event, "event").id());
    StageNode node = nodeOf(lead);
    Outcome.Refusal early = screen(lead, node, event, idHash);
    if (early != null) {
      return Outcome.refused(lead, early);
    }
    Route[] candidates = node.routes(event.type());
    if (candidates == null) {
      return Outcome.refused(lead, Outcome.Refusal.NO_TRANSITION);
    }
    Route route = choose(candidates, lead, event);
    if (route == null) {
      return Outcome.refused(lead, Outcome.Refusal.GUARD_REJECTED);
    }
    return take(lead, node, route, event, idHash, lead.timers());
  }

  /**
   * Returns whether {@link #fire} would accept the event.
   *
   * @param lead the lead, in this funnel
   * @param event the event
   * @return whether the event would be accepted
   * @throws IllegalArgumentException if the lead belongs to another funnel or to a stage this
   *     funnel lacks
   * @throws IllegalStateException if a custom guard that must be decided is not bound
   */
  public boolean canAccept(Lead lead, Event event) {
    return fire(lead, event).isAccepted();
  }

  /** Returns why an event is refused before any transition is looked at, or null. */
  private static Outcome.@Nullable Refusal screen(
      Lead lead, StageNode node, Event event, int idHash) {
    if (lead.hasApplied(event.id(), idHash)) {
      return Outcome.Refusal.DUPLICATE;
    }
    if (node.terminal) {
      return Outcome.Refusal.TERMINAL;
    }
    if (event.at().isBefore(lead.updatedAt())) {
      return Outcome.Refusal.STALE;
    }
    return null;
  }

  private @Nullable Route choose(Route[] candidates, Lead lead, Event event) {
    for (Route r : candidates) {
      Condition guard = r.guard;
      if (guard == null || Guards.test(guard, lead, event, guards)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Applies a chosen route. {@code idHash} is the event id's ({@link Lead#idHash}); {@code
   * remaining} are the lead's timers still pending.
   */
  private Outcome take(
      Lead lead,
      StageNode from,
      Route r,
      Event event,
      int idHash,
      ImmutableList<ScheduledTimer> remaining) {
    Lead.Profile profile =
        r.changesProfile || event.hasAmount()
            ? Profiles.apply(lead.profile(), r.transition.actions(), event)
            : lead.profile();
    Instant at = event.at();
    if (r.target < 0) {
      Lead next = lead.next(profile, from, lead.enteredAt(), at, remaining, event.id(), idHash);
      return Outcome.fired(Outcome.Status.STAYED, lead, next, event, r.effects);
    }
    StageNode to = nodes[r.target];
    if (!remaining.isEmpty() || !to.timers.isEmpty()) {
      return moveWithTimers(lead, from, to, profile, r, event, idHash, remaining);
    }
    Lead next = lead.next(profile, to, at, at, ImmutableList.of(), event.id(), idHash);
    return Outcome.fired(status(from, to), lead, next, event, r.effects);
  }

  /** A move to the same stage re-enters it, but the lead stayed. */
  private static Outcome.Status status(StageNode from, StageNode to) {
    return from == to ? Outcome.Status.STAYED : Outcome.Status.MOVED;
  }

  /** A move that cancels the old stage's timers or schedules the new stage's. */
  private Outcome moveWithTimers(
      Lead lead,
      StageNode from,
      StageNode to,
      Lead.Profile profile,
      Route r,
      Event event,
      int idHash,
      ImmutableList<ScheduledTimer> remaining) {
    Instant at = event.at();
    ImmutableList.Builder<Effect> all = ImmutableList.builder();
    for (ScheduledTimer t : remaining) {
      all.add(new Effect.TimerCancelled(t));
    }
    all.addAll(r.effects);
    ImmutableList<ScheduledTimer> pending = schedule(to, at, all);
    Lead next = lead.next(profile, to, at, at, pending, event.id(), idHash);
    return Outcome.fired(status(from, to), lead, next, event, all.build());
  }

  private static ImmutableList<ScheduledTimer> schedule(
      StageNode stage, Instant at, ImmutableList.Builder<Effect> effects) {
    ImmutableList<Timer> declared = stage.timers;
    if (declared.isEmpty()) {
      return ImmutableList.of();
    }
    ScheduledTimer[] pending = new ScheduledTimer[declared.size()];
    for (int i = 0; i < pending.length; i++) {
      Timer t = declared.get(i);
      pending[i] = new ScheduledTimer(t.stage(), t.event(), at.plus(t.after()));
    }
    Arrays.sort(pending, Comparator.comparing(ScheduledTimer::due)); // stable
    for (ScheduledTimer t : pending) {
      effects.add(new Effect.TimerScheduled(t));
    }
    return ImmutableList.copyOf(pending);
  }

  /**
   * Assigns a lead to an owner: a manual reassignment by a manager, or the runtime recording the
   * owner an assignment strategy picked. It is an accepted step like an event of type {@value
   * #REASSIGNED}: the version grows by one, the lead stays in its stage, and the step record
   * carries the new owner and the actor. Terminal, stale and duplicate events are refused as by
   * {@link #fire}.
   *
   * @param lead the lead, in this funnel
   * @param owner the new owner's id
   * @param event the event recording the assignment; its type is ignored, its id, time, actor,
   *     reason and any purchase are kept
   * @return the outcome, {@link Outcome.Status#STAYED} with an {@link Actions#assign} effect, or
   *     refused
   */
  public Outcome reassign(Lead lead, String owner, Event event) {
    Ids.check(owner, "owner");
    int idHash = Lead.idHash(requireNonNull(event, "event").id());
    StageNode node = nodeOf(lead);
    Outcome.Refusal early = screen(lead, node, event, idHash);
    if (early != null) {
      return Outcome.refused(lead, early);
    }
    Event recorded =
        event.type().equals(REASSIGNED) ? event : event.toBuilder().type(REASSIGNED).build();
    Lead.Profile p = lead.profile();
    Lead.Profile profile = p.with(owner, p.attributes, p.segments, p.purchases);
    if (recorded.hasAmount()) {
      profile = Profiles.apply(profile, ImmutableList.of(), recorded);
    }
    Lead next =
        lead.next(profile, node, lead.enteredAt(), event.at(), lead.timers(), event.id(), idHash);
    return Outcome.fired(
        Outcome.Status.STAYED, lead, next, recorded, ImmutableList.of(Actions.assign(owner)));
  }

  /** The event type recorded for {@link #reassign}. */
  public static final String REASSIGNED = "owner-assigned";

  /**
   * Fires every timer of the lead that is due at {@code now}, earliest first, each exactly once. A
   * fired timer's event is taken like any other; if no transition takes it, the timer is spent and
   * the lead stays where it is. Each fired timer is one accepted step. Advancing twice to the same
   * instant is the same as advancing once.
   *
   * @param lead the lead, in this funnel
   * @param now the time to advance to; timers due after {@link Bounds#LATEST} never fire
   * @return the outcome: {@link Outcome.Status#IDLE} with the same lead if nothing was due,
   *     otherwise {@link Outcome.Status#MOVED} or {@link Outcome.Status#STAYED} with every step and
   *     effect in order
   * @throws IllegalArgumentException if the lead belongs to another funnel or to a stage this
   *     funnel lacks
   * @throws IllegalStateException if a custom guard that must be decided is not bound
   */
  public Outcome advance(Lead lead, Instant now) {
    // Timers due after the latest instant never fire, so that every lead stays within bounds.
    Instant until = requireNonNull(now, "now").isAfter(Bounds.LATEST) ? Bounds.LATEST : now;
    StageNode start = nodeOf(lead);
    if (lead.timers().isEmpty() || lead.timers().get(0).due().isAfter(until)) {
      return Outcome.of(Outcome.Status.IDLE, lead, ImmutableList.of(), ImmutableList.of());
    }
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    Lead current = lead;
    StageNode node = start;
    while (!current.timers().isEmpty() && !current.timers().get(0).due().isAfter(until)) {
      ImmutableList<ScheduledTimer> pending = current.timers();
      ScheduledTimer due = pending.get(0);
      ImmutableList<ScheduledTimer> rest = pending.subList(1, pending.size());
      Instant at = due.due().isBefore(current.updatedAt()) ? current.updatedAt() : due.due();
      Event event = Event.of(due.eventId(), due.event(), at);
      int idHash = Lead.idHash(event.id());
      Route[] candidates = node.routes(event.type());
      Route route = candidates == null ? null : choose(candidates, current, event);
      Outcome step;
      if (route == null) {
        Lead spent =
            current.next(
                current.profile(), node, current.enteredAt(), at, rest, event.id(), idHash);
        step = Outcome.fired(Outcome.Status.STAYED, current, spent, event, ImmutableList.of());
      } else {
        step = take(current, node, route, event, idHash, rest);
      }
      effects.addAll(step.effects());
      steps.addAll(step.steps());
      current = step.lead();
      node = current.node();
    }
    Outcome.Status status = node == start ? Outcome.Status.STAYED : Outcome.Status.MOVED;
    return Outcome.of(status, current, effects.build(), steps.build());
  }

  /**
   * Compares definitions: id, version, stages, transitions, timers and offers.
   *
   * @return compares definitions: id, version, stages, transitions, timers and offers
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Funnel f)) {
      return false;
    }

    return id.equals(f.id)
        && version == f.version
        && stages.equals(f.stages)
        && transitions.equals(f.transitions)
        && timers.equals(f.timers)
        && offers.equals(f.offers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, stages, transitions, timers, offers);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Funnel")
        .add("id", id)
        .add("version", version)
        .add("stages", stages.size())
        .add("transitions", transitions.size())
        .add("timers", timers.size())
        .add("offers", offers.size())
        .toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  private static final class StageDraft {
    final String id;
    Stage.Kind kind = Stage.Kind.ACTIVE;
    boolean entry;
    boolean manual;
    @Nullable String reason;

    StageDraft(String id) {
      this.id = id;
    }

    StageDraft(Stage s) {
      this.id = s.id();
      this.kind = s.kind();
      this.entry = s.entry();
      this.manual = s.manual();
      this.reason = s.reason();
    }

    Stage build() {
      return new Stage(id, kind, entry, manual, reason);
    }
  }

  private static final class TransitionDraft {
    final String event;
    final Set<String> from = new LinkedHashSet<>();
    boolean fromAny;
    @Nullable String to;
    Condition guard = Condition.ALWAYS;
    final List<Action> actions = new ArrayList<>();
    int priority;

    TransitionDraft(String event) {
      this.event = event;
    }

    TransitionDraft(Transition t) {
      this(t.event());
      from.addAll(t.from());
      fromAny = t.isFromAny();
      to = t.to();
      guard = t.guard();
      actions.addAll(t.actions());
      priority = t.priority();
    }

    Transition build() {
      return new Transition(
          event, ImmutableSet.copyOf(from), to, guard, ImmutableList.copyOf(actions), priority);
    }
  }

  private static final class TimerDraft {
    final Duration after;
    @Nullable String stage;
    @Nullable String event;

    TimerDraft(Duration after) {
      this.after = after;
    }

    TimerDraft(Timer t) {
      this(t.after());
      stage = t.stage();
      event = t.event();
    }
  }

  /** Builder sugar that compiles into ordinary transitions and timers when the funnel is built. */
  private interface Expansion {
    void expand(List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems);
  }

  private static final class Draft {
    final String id;
    int version = 1;
    final List<StageDraft> stages = new ArrayList<>();
    final List<TransitionDraft> transitions = new ArrayList<>();
    final List<TimerDraft> timers = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Expansion> expansions = new ArrayList<>();

    Draft(String id) {
      this.id = id;
    }
  }

  /**
   * Builds a {@link Funnel}. Declare stages with {@link #stage}, transitions with {@link #on},
   * timers with {@link #after} and offers with {@link #offer}; the builders these return accept
   * every method of this one too, so a definition reads as one chain. {@link #build} validates the
   * whole definition and reports every problem at once. Not thread-safe.
   */
  public static sealed class Builder
      permits StageBuilder,
          TransitionBuilder,
          TimerBuilder,
          SeriesBuilder,
          ValueLoopBuilder,
          SegmentationBuilder {
    final Draft draft;

    Builder(Draft draft) {
      this.draft = draft;
    }

    /**
     * Sets the definition's version; 1 by default.
     *
     * @param version a positive number
     * @return a builder for the rest of the funnel
     */
    public Builder version(int version) {
      checkArgument(version > 0, "funnel version must be positive");
      draft.version = version;
      return new Builder(draft);
    }

    /**
     * Declares a stage, active and automatic until said otherwise.
     *
     * @param id the stage's id
     * @return a builder to mark the stage as entry, manual or terminal
     */
    public StageBuilder stage(String id) {
      StageDraft s = new StageDraft(Ids.check(id, "stage id"));
      draft.stages.add(s);
      return new StageBuilder(draft, s);
    }

    /**
     * Declares an offer.
     *
     * @param offer the offer
     * @return a builder for the rest of the funnel
     */
    public Builder offer(Offer offer) {
      draft.offers.add(requireNonNull(offer, "offer"));
      return new Builder(draft);
    }

    /**
     * Declares a transition on an event type. Name its source with {@link TransitionBuilder#from}
     * or {@link TransitionBuilder#fromAny}; without {@link TransitionBuilder#to} the lead stays in
     * its stage.
     *
     * @param event the event type
     * @return a builder for the transition
     */
    public TransitionBuilder on(String event) {
      TransitionDraft t = new TransitionDraft(Ids.check(event, "event type"));
      draft.transitions.add(t);
      return new TransitionBuilder(draft, t);
    }

    /**
     * Declares a timer: after this long in a stage, fire an event.
     *
     * @param delay how long after entering the stage; positive
     * @return a builder to name the stage and the event
     */
    public TimerBuilder after(Duration delay) {
      requireNonNull(delay, "delay");
      checkArgument(!delay.isNegative() && !delay.isZero(), "timer delay must be positive");
      Bounds.check(delay, "timer delay");
      TimerDraft t = new TimerDraft(delay);
      draft.timers.add(t);
      return new TimerBuilder(draft, t);
    }

    /**
     * Declares an auto-message series in a stage: messages spaced in time after a lead enters the
     * stage, all cancelled when it leaves. Each message compiles into a timer and a transition that
     * keeps the lead in the stage and sends the message; the event of the message {@code t} in
     * stage {@code s} is {@code "s/t"}.
     *
     * <pre>{@code
     * .series("cold-lead", "email").every(Duration.ofDays(2), "welcome-2", "welcome-3")
     * }</pre>
     *
     * @param stage the stage the series runs in
     * @param channel the messaging channel, such as {@code "email"}
     * @return a builder to add the messages
     */
    public SeriesBuilder series(String stage, String channel) {
      return new SeriesBuilder(
          draft, Ids.check(stage, "stage id"), Ids.check(channel, "message channel"));
    }

    /**
     * Declares a value loop around an offer: where it is presented, where buyers and decliners go,
     * what they are offered next (an upsell after a purchase, a downsell after a decline or after
     * no purchase within a window). It compiles into transitions on {@link Event#PURCHASED} and
     * {@link Event#DECLINED} events that name the offer, and a timer.
     *
     * <pre>{@code
     * .valueLoop("snowboard").from("considering")
     *     .bought("rider").upsell("rider-gear")
     *     .declined("hesitating").downsell("riding-course")
     *     .within(Duration.ofDays(3))
     * }</pre>
     *
     * @param offer the offer the loop is about
     * @return a builder to complete the loop
     */
    public ValueLoopBuilder valueLoop(String offer) {
      ValueLoop loop = new ValueLoop(Ids.check(offer, "offer id"));
      draft.expansions.add(loop);
      return new ValueLoopBuilder(draft, loop);
    }

    /**
     * Declares a segmentation point: when the event arrives in one of the source stages, the first
     * rule whose condition holds puts the lead in its segment (and carries out its further actions,
     * such as a {@linkplain Actions#handOff hand-off} to another funnel); if none holds, the
     * default segment applies. It compiles into one transition per rule, in falling priority.
     *
     * <pre>{@code
     * .segmentation("loop-ended").from("rider", "hesitating").to("segmented")
     *     .rule(Conditions.bought("snowboard"), "riders", Actions.handOff("gear", "engaged"))
     *     .otherwise("newsletter")
     * }</pre>
     *
     * @param event the event type that triggers the segmentation
     * @return a builder for the rules
     */
    public SegmentationBuilder segmentation(String event) {
      Segmentation seg = new Segmentation(Ids.check(event, "event type"));
      draft.expansions.add(seg);
      return new SegmentationBuilder(draft, seg);
    }

    /**
     * Returns every problem of the definition so far, errors first, then warnings, without building
     * it.
     *
     * @return the problems; empty if the definition is valid and clean
     */
    public ImmutableList<Problem> problems() {
      List<Problem> incomplete = new ArrayList<>();
      Parts parts = parts(incomplete);
      ImmutableList<Problem> found =
          Validator.validate(
              parts.stages, parts.transitions, parts.unsourced, parts.timers, draft.offers);
      return ImmutableList.<Problem>builder().addAll(incomplete).addAll(found).build().stream()
          .sorted(Comparator.comparing((Problem p) -> p.code().isWarning()))
          .collect(ImmutableList.toImmutableList());
    }

    /**
     * Validates and returns the funnel.
     *
     * @return the funnel
     * @throws FunnelDefinitionException with every error found, if there is any
     */
    public Funnel build() {
      List<Problem> incomplete = new ArrayList<>();
      Parts parts = parts(incomplete);
      ImmutableList<Problem> found =
          Validator.validate(
              parts.stages, parts.transitions, parts.unsourced, parts.timers, draft.offers);
      List<Problem> errors = new ArrayList<>(incomplete);
      List<Problem> warnings = new ArrayList<>();
      for (Problem p : found) {
        (p.code().isWarning() ? warnings : errors).add(p);
      }
      if (!errors.isEmpty()) {
        throw new FunnelDefinitionException(draft.id, ImmutableList.copyOf(errors));
      }
      return new Funnel(
          draft.id,
          draft.version,
          ImmutableList.copyOf(parts.stages),
          ImmutableList.copyOf(parts.transitions),
          ImmutableList.copyOf(parts.timers),
          ImmutableList.copyOf(draft.offers),
          ImmutableList.copyOf(warnings));
    }

    private static final class Parts {
      final List<Stage> stages = new ArrayList<>();
      final List<Transition> transitions = new ArrayList<>();
      // Transitions lacking a source: reported, and still checked for their other defects.
      final List<Transition> unsourced = new ArrayList<>();
      final List<Timer> timers = new ArrayList<>();
    }

    private Parts parts(List<Problem> incomplete) {
      Parts p = new Parts();
      for (StageDraft s : draft.stages) {
        p.stages.add(s.build());
      }
      List<TransitionDraft> transitions = new ArrayList<>(draft.transitions);
      List<TimerDraft> timers = new ArrayList<>(draft.timers);
      for (Expansion e : draft.expansions) {
        e.expand(transitions, timers, incomplete);
      }
      for (TransitionDraft t : transitions) {
        if (!t.fromAny && t.from.isEmpty()) {
          incomplete.add(
              new Problem(
                  Problem.Code.MISSING_SOURCE,
                  ImmutableList.of(t.event),
                  "a transition on '" + t.event + "' names no source stage",
                  "add .from(\"stage\") or .fromAny()"));
          p.unsourced.add(t.build());
        } else {
          p.transitions.add(t.build());
        }
      }
      for (TimerDraft t : timers) {
        String stage = t.stage;
        String event = t.event;
        if (stage == null || event == null) {
          incomplete.add(
              new Problem(
                  Problem.Code.INCOMPLETE_TIMER,
                  stage == null ? ImmutableList.of() : ImmutableList.of(stage),
                  "a timer after " + t.after + " lacks its " + (stage == null ? "stage" : "event"),
                  "complete it: .after(delay).in(\"stage\").fire(\"event\")"));
        } else {
          p.timers.add(new Timer(stage, t.after, event));
        }
      }
      return p;
    }
  }

  /** Marks the stage just declared. Not thread-safe. */
  public static final class StageBuilder extends Builder {
    private final StageDraft stage;

    StageBuilder(Draft draft, StageDraft stage) {
      super(draft);
      this.stage = stage;
    }

    /**
     * Marks the stage as an entry: new leads may start here.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder entry() {
      stage.entry = true;
      return this;
    }

    /**
     * Marks the stage as manual: an owner (a sales manager) works leads here by hand.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder manual() {
      stage.manual = true;
      return this;
    }

    /**
     * Marks the stage as terminal: the lead converted.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder won() {
      return kind(Stage.Kind.WON, null);
    }

    /**
     * Marks the stage as terminal: the lead was lost.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder lost() {
      return kind(Stage.Kind.LOST, null);
    }

    /**
     * Marks the stage as terminal, of kind {@link Stage.Kind#LOST}; the same as {@link #lost()}.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder terminal() {
      return lost();
    }

    /**
     * Marks the stage as terminal: the lead was junk, rejected for this reason.
     *
     * @param reason a reason code, such as {@code "not-target-audience"}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public StageBuilder junk(String reason) {
      return kind(Stage.Kind.JUNK, Ids.check(reason, "junk reason"));
    }

    private StageBuilder kind(Stage.Kind kind, @Nullable String reason) {
      stage.kind = kind;
      stage.reason = reason;
      return this;
    }
  }

  /** Completes the transition just declared. Not thread-safe. */
  public static final class TransitionBuilder extends Builder {
    private final TransitionDraft transition;

    TransitionBuilder(Draft draft, TransitionDraft transition) {
      super(draft);
      this.transition = transition;
    }

    /**
     * Names the source stages.
     *
     * @param stage a source stage
     * @param more further source stages
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder from(String stage, String... more) {
      transition.from.add(Ids.check(stage, "stage id"));
      for (String s : more) {
        transition.from.add(Ids.check(s, "stage id"));
      }
      return this;
    }

    /**
     * Lets the transition apply in every active stage.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder fromAny() {
      transition.fromAny = true;
      transition.from.clear();
      return this;
    }

    /**
     * Names the target stage. Naming the source stage itself re-enters it: its timers restart.
     *
     * @param stage the target stage
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder to(String stage) {
      transition.to = Ids.check(stage, "stage id");
      return this;
    }

    /**
     * Keeps the lead in its stage, with its timers running; the default.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder stay() {
      transition.to = null;
      return this;
    }

    /**
     * Sets the guard.
     *
     * @param guard the condition that must hold
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder when(Condition guard) {
      transition.guard = requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Appends actions, returned as effects in this order when the transition fires.
     *
     * @param actions the actions
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder then(Action... actions) {
      for (Action a : actions) {
        transition.actions.add(requireNonNull(a, "action"));
      }
      return this;
    }

    /**
     * Sets the priority; higher is tried first, 0 by default.
     *
     * @param priority the priority
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TransitionBuilder priority(int priority) {
      transition.priority = priority;
      return this;
    }
  }

  /** Completes the timer just declared. Not thread-safe. */
  public static final class TimerBuilder extends Builder {
    private final TimerDraft timer;

    TimerBuilder(Draft draft, TimerDraft timer) {
      super(draft);
      this.timer = timer;
    }

    /**
     * Names the stage the timer runs in.
     *
     * @param stage the stage's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TimerBuilder in(String stage) {
      timer.stage = Ids.check(stage, "stage id");
      return this;
    }

    /**
     * Names the event the timer fires.
     *
     * @param event the event type
     * @return this builder
     */
    @CanIgnoreReturnValue
    public TimerBuilder fire(String event) {
      timer.event = Ids.check(event, "event type");
      return this;
    }
  }

  /** Adds messages to an auto-message series. Not thread-safe. */
  public static final class SeriesBuilder extends Builder {
    private final String stage;
    private final String channel;

    SeriesBuilder(Draft draft, String stage, String channel) {
      super(draft);
      this.stage = stage;
      this.channel = channel;
    }

    /**
     * Sends a message this long after the lead entered the stage.
     *
     * @param after the delay from entering the stage; positive
     * @param template the message template's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SeriesBuilder send(Duration after, String template) {
      requireNonNull(after, "after");
      checkArgument(!after.isNegative() && !after.isZero(), "series delay must be positive");
      Bounds.check(after, "series delay");
      String event = stage + "/" + Ids.check(template, "template");
      TimerDraft timer = new TimerDraft(after);
      timer.stage = stage;
      timer.event = event;
      draft.timers.add(timer);
      TransitionDraft t = new TransitionDraft(event);
      t.from.add(stage);
      t.actions.add(Actions.send(template, channel));
      draft.transitions.add(t);
      return this;
    }

    /**
     * Sends the messages one after another, {@code spacing} apart, the first {@code spacing} after
     * the lead entered the stage.
     *
     * @param spacing the time between messages; positive
     * @param templates the message templates' ids, in order
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SeriesBuilder every(Duration spacing, String... templates) {
      Bounds.check(spacing, "series spacing");
      for (int i = 0; i < templates.length; i++) {
        send(spacing.multipliedBy(i + 1L), templates[i]);
      }
      return this;
    }
  }

  private static final class ValueLoop implements Expansion {
    final String offer;
    final Set<String> from = new LinkedHashSet<>();
    @Nullable String bought;
    @Nullable String upsell;
    @Nullable String declined;
    @Nullable String downsell;
    @Nullable Duration within;

    ValueLoop(String offer) {
      this.offer = offer;
    }

    @Override
    public void expand(
        List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems) {
      if (from.isEmpty()) {
        problems.add(
            new Problem(
                Problem.Code.MISSING_SOURCE,
                ImmutableList.of(offer),
                "the value loop of offer '" + offer + "' names no stage it is presented in",
                "add .from(\"stage\")"));
        return;
      }
      TransitionDraft buy = loopTransition(Event.PURCHASED, bought, upsell);
      buy.guard = Conditions.offer(offer);
      transitions.add(buy);
      TransitionDraft decline = loopTransition(Event.DECLINED, declined, downsell);
      decline.guard = Conditions.offer(offer);
      transitions.add(decline);
      Duration window = within;
      if (window != null) {
        String event = offer + "/no-purchase";
        for (String stage : from) {
          TimerDraft timer = new TimerDraft(window);
          timer.stage = stage;
          timer.event = event;
          timers.add(timer);
        }
        TransitionDraft timeout = loopTransition(event, declined, downsell);
        timeout.guard = Conditions.not(Conditions.bought(offer));
        transitions.add(timeout);
      }
    }

    private TransitionDraft loopTransition(
        String event, @Nullable String to, @Nullable String present) {
      TransitionDraft t = new TransitionDraft(event);
      t.from.addAll(from);
      t.to = to;
      if (present != null) {
        t.actions.add(Actions.present(present));
      }
      return t;
    }
  }

  /** Completes a value loop. Not thread-safe. */
  public static final class ValueLoopBuilder extends Builder {
    private final ValueLoop loop;

    ValueLoopBuilder(Draft draft, ValueLoop loop) {
      super(draft);
      this.loop = loop;
    }

    /**
     * Names the stages where the offer is presented and bought or declined.
     *
     * @param stage a stage
     * @param more further stages
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder from(String stage, String... more) {
      loop.from.add(Ids.check(stage, "stage id"));
      for (String s : more) {
        loop.from.add(Ids.check(s, "stage id"));
      }
      return this;
    }

    /**
     * Names the stage buyers of the offer move to; without it they stay.
     *
     * @param stage the stage
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder bought(String stage) {
      loop.bought = Ids.check(stage, "stage id");
      return this;
    }

    /**
     * Names the offer presented after a purchase.
     *
     * @param offer the upsell offer's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder upsell(String offer) {
      loop.upsell = Ids.check(offer, "offer id");
      return this;
    }

    /**
     * Names the stage leads move to when they decline the offer or let the window pass; without it
     * they stay.
     *
     * @param stage the stage
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder declined(String stage) {
      loop.declined = Ids.check(stage, "stage id");
      return this;
    }

    /**
     * Names the cheaper or free offer presented after a decline or when the window passes.
     *
     * @param offer the downsell offer's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder downsell(String offer) {
      loop.downsell = Ids.check(offer, "offer id");
      return this;
    }

    /**
     * Treats a lead that has not bought the offer this long after entering a presenting stage as if
     * it had declined.
     *
     * @param window the time to wait; positive
     * @return this builder
     */
    @CanIgnoreReturnValue
    public ValueLoopBuilder within(Duration window) {
      requireNonNull(window, "window");
      checkArgument(!window.isNegative() && !window.isZero(), "loop window must be positive");
      Bounds.check(window, "loop window");
      loop.within = window;
      return this;
    }
  }

  private static final class Segmentation implements Expansion {
    final String event;
    final Set<String> from = new LinkedHashSet<>();
    boolean fromAny;
    @Nullable String to;
    final List<Condition> conditions = new ArrayList<>();
    final List<List<Action>> actions = new ArrayList<>();
    @Nullable List<Action> otherwise;

    Segmentation(String event) {
      this.event = event;
    }

    @Override
    public void expand(
        List<TransitionDraft> transitions, List<TimerDraft> timers, List<Problem> problems) {
      if (!fromAny && from.isEmpty()) {
        problems.add(
            new Problem(
                Problem.Code.MISSING_SOURCE,
                ImmutableList.of(event),
                "the segmentation on '" + event + "' names no source stage",
                "add .from(\"stage\") or .fromAny()"));
        return;
      }
      List<Action> fallback = otherwise;
      int base = fallback == null ? 0 : 1;
      for (int i = 0; i < conditions.size(); i++) {
        TransitionDraft t = transition(actions.get(i));
        t.guard = conditions.get(i);
        t.priority = base + conditions.size() - i;
        transitions.add(t);
      }
      if (fallback != null) {
        transitions.add(transition(fallback));
      }
    }

    private TransitionDraft transition(List<Action> then) {
      TransitionDraft t = new TransitionDraft(event);
      t.from.addAll(from);
      t.fromAny = fromAny;
      t.to = to;
      t.actions.addAll(then);
      return t;
    }
  }

  /** Adds the rules of a segmentation point. Not thread-safe. */
  public static final class SegmentationBuilder extends Builder {
    private final Segmentation seg;

    SegmentationBuilder(Draft draft, Segmentation seg) {
      super(draft);
      this.seg = seg;
    }

    /**
     * Names the stages where the segmentation applies.
     *
     * @param stage a stage
     * @param more further stages
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SegmentationBuilder from(String stage, String... more) {
      seg.from.add(Ids.check(stage, "stage id"));
      for (String s : more) {
        seg.from.add(Ids.check(s, "stage id"));
      }
      return this;
    }

    /**
     * Lets the segmentation apply in every active stage.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SegmentationBuilder fromAny() {
      seg.fromAny = true;
      seg.from.clear();
      return this;
    }

    /**
     * Names the stage leads move to once segmented; without it they stay.
     *
     * @param stage the stage
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SegmentationBuilder to(String stage) {
      seg.to = Ids.check(stage, "stage id");
      return this;
    }

    /**
     * Adds a rule, tried after the rules before it.
     *
     * @param when the condition
     * @param segment the segment leads matching it are put in
     * @param then further actions, such as a {@linkplain Actions#handOff hand-off}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SegmentationBuilder rule(Condition when, String segment, Action... then) {
      seg.conditions.add(requireNonNull(when, "when"));
      seg.actions.add(actions(segment, then));
      return this;
    }

    /**
     * Sets the default: the segment for leads no rule matches.
     *
     * @param segment the segment
     * @param then further actions, such as a {@linkplain Actions#handOff hand-off}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public SegmentationBuilder otherwise(String segment, Action... then) {
      seg.otherwise = actions(segment, then);
      return this;
    }

    private static List<Action> actions(String segment, Action... then) {
      List<Action> all = new ArrayList<>();
      all.add(Actions.segment(segment));
      for (Action a : then) {
        all.add(requireNonNull(a, "action"));
      }
      return all;
    }
  }
}
