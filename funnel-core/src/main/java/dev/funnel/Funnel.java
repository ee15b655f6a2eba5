package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A sales funnel: an immutable, validated definition of stages, transitions, timers and offers,
 * shared by all its leads, and the front door to the pure transition function that moves them.
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
 * firing an event does not scan all transitions. Build one with {@link #builder}. Instances are
 * immutable and thread-safe.
 */
public final class Funnel {
  private final String id;
  private final int version;
  private final ImmutableList<Stage> stages;
  private final ImmutableList<Transition> transitions;
  private final ImmutableList<Timer> timers;
  private final ImmutableList<Offer> offers;
  private final ImmutableSet<Currency> currencies;
  private final ImmutableList<Problem> warnings;
  private final ContactPolicy contactPolicy;
  private final ImmutableList<Experiment> experiments;
  private final Controls controls;

  // The compiled stage table is the engine's; the funnel keeps the stage index for its queries.
  private final ImmutableMap<String, Integer> stageIndex;
  private final Stage[] stageArray;
  private final ImmutableSet<String> eventTypes;
  private final Engine engine;
  private final Entrance entrance;

  Funnel(
      String id,
      int version,
      ImmutableList<Stage> stages,
      ImmutableList<Transition> transitions,
      ImmutableList<Timer> timers,
      ImmutableList<Offer> offers,
      ImmutableList<Problem> warnings,
      ContactPolicy contactPolicy,
      ImmutableList<Experiment> experiments,
      ImmutableSet<Currency> currencies,
      Controls controls) {
    this.id = id;
    this.version = version;
    this.stages = stages;
    this.transitions = transitions;
    this.timers = timers;
    this.offers = offers;
    this.currencies = currencies;
    this.warnings = warnings;
    this.contactPolicy = contactPolicy;
    this.experiments = experiments;
    ImmutableMap.Builder<String, Integer> index = ImmutableMap.builder();
    this.stageArray = stages.toArray(new Stage[0]);
    for (int i = 0; i < stageArray.length; i++) {
      index.put(stageArray[i].id(), i);
    }
    this.stageIndex = index.buildOrThrow();
    this.entrance = new Entrance(id, version, experiments, stageArray, stageIndex);
    ImmutableSet.Builder<String> types = ImmutableSet.builder();
    for (Transition t : Transition.order(transitions)) {
      types.add(t.event());
    }
    this.eventTypes = types.build();
    StageNode[] nodes = StageNode.compile(stageArray, stageIndex, transitions, timers);
    this.controls = controls.compile(stageIndex, stageArray);
    this.engine =
        new Engine(
            id,
            stageIndex,
            nodes,
            ImmutableMap.of(),
            new Purchases(offers, currencies),
            this.controls);
  }

  private Funnel(Funnel f, Engine engine) {
    this.id = f.id;
    this.version = f.version;
    this.stages = f.stages;
    this.transitions = f.transitions;
    this.timers = f.timers;
    this.offers = f.offers;
    this.currencies = f.currencies;
    this.warnings = f.warnings;
    this.contactPolicy = f.contactPolicy;
    this.experiments = f.experiments;
    this.controls = f.controls;
    this.entrance = f.entrance;
    this.stageIndex = f.stageIndex;
    this.stageArray = f.stageArray;
    this.eventTypes = f.eventTypes;
    this.engine = engine;
  }

  /**
   * Starts the definition of a funnel.
   *
   * @param id the funnel's id
   * @return a builder
   * @throws IllegalArgumentException if the id is blank
   */
  public static FunnelBuilder builder(String id) {
    Requirements.check();
    return new FunnelBuilder(new Draft(Ids.check(id, "funnel id")));
  }

  /**
   * Returns a builder holding this funnel's definition, to derive a changed copy.
   *
   * @return a builder holding this funnel's definition, to derive a changed copy
   */
  public FunnelBuilder toBuilder() {
    return new FunnelBuilder(Draft.of(this));
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
    return new Funnel(this, engine.withGuards(copy));
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
    Integer i = stageIndex.get(requireNonNull(stageId, "stageId"));
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
   * Returns the currencies the funnel states, in the order stated: an event whose amount is in
   * another one is refused ({@link Outcome.Refusal#FOREIGN_CURRENCY}), and every offer's price is
   * in one of them. Empty if the funnel states none: then it takes amounts in any currency, and its
   * reports show each currency's revenue apart ({@link
   * dev.funnel.analytics.Report#revenueByCurrency()}).
   *
   * @return the currencies the funnel states, in the order stated; empty if it states none
   */
  public ImmutableSet<Currency> currencies() {
    return currencies;
  }

  /**
   * Returns an offer by id.
   *
   * @param offerId the offer's id
   * @return the offer, or empty if the funnel has none of that id
   */
  public Optional<Offer> offer(String offerId) {
    requireNonNull(offerId, "offerId");
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
   * Returns the funnel's contact pressure: quiet hours, frequency caps and the fallback time zone.
   *
   * @return the contact policy; {@link ContactPolicy#NONE} if none was declared
   */
  public ContactPolicy contactPolicy() {
    return contactPolicy;
  }

  /**
   * Returns the experiments, in declaration order.
   *
   * @return the experiments
   */
  public ImmutableList<Experiment> experiments() {
    return experiments;
  }

  /**
   * Returns the conversion goals in declaration order.
   *
   * @return the conversion goals in declaration order
   */
  public ImmutableList<Goal> goals() {
    return controls.goals;
  }

  /**
   * Returns the exit criteria in declaration order.
   *
   * @return the exit criteria in declaration order
   */
  public ImmutableList<Exit> exits() {
    return controls.exits;
  }

  /**
   * Returns the re-entry policy, if one was declared; without one a person enters once ({@link
   * ReEntry#ONCE}).
   *
   * @return the re-entry policy, if one was declared
   */
  public Optional<ReEntry> reEntry() {
    return Optional.ofNullable(controls.reEntry);
  }

  /**
   * Returns the lead scoring; {@link Scoring#NONE} if none was declared.
   *
   * @return the lead scoring
   */
  public Scoring scoring() {
    return controls.scoring;
  }

  /**
   * Returns a lead's score at a given time, after this funnel's decay.
   *
   * @param lead the lead
   * @param now the time to measure at
   * @return the score at {@code now}
   */
  public int score(Lead lead, Instant now) {
    requireNonNull(now, "now");
    Instant since = lead.scoreSince().orElse(null);
    return since == null ? lead.score() : controls.scoring.decayed(lead.score(), since, now);
  }

  /**
   * Enters a person already known to this funnel again, as the {@linkplain #reEntry re-entry
   * policy} allows: a person whose journey ended, or who is still inside and the policy restarts
   * (the lead goes back to the first entry stage, its timers cancelled, the entry recorded in
   * {@link Lead#entries} and the step recorded as an entry) or runs in parallel (a new lead, keyed
   * by the event's payload). A refused re-entry ({@link Outcome.Refusal#ENTRY_LIMIT}, {@link
   * Outcome.Refusal#TOO_SOON}, {@link Outcome.Refusal#ALREADY_INSIDE}, duplicate or stale) changes
   * nothing.
   *
   * @param lead the person's lead, in this funnel
   * @param event the event that enters the person again
   * @return the outcome: {@link Outcome.Status#ENTERED} with the lead of the new journey, or
   *     refused
   * @throws IllegalArgumentException if the lead belongs to another funnel, or a parallel journey's
   *     key is missing from the event's payload
   */
  public Outcome reenter(Lead lead, Event event) {
    return engine.reenter(lead, event, entrance.firstEntry().id());
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
    return Mentions.customGuards(transitions, controls);
  }

  /**
   * Returns the names of the custom (not built-in) actions the definition uses.
   *
   * @return the names of the custom (not built-in) actions the definition uses
   */
  public ImmutableSet<String> customActions() {
    return Mentions.customActions(transitions, stages);
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
    return entrance.enter(
        engine,
        Ids.check(leadId, "lead id"),
        Ids.check(channel, "channel"),
        null,
        ImmutableMap.of(),
        ImmutableSet.of(),
        null,
        at);
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

  /**
   * Enters one new lead. Made by {@link Funnel#newLead}. The stage and the owner are set at most
   * once, and each attribute name is given at most once. Not thread-safe.
   */
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
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Entry stage(String stageId) {
      requireNonNull(stageId, "stageId");
      checkState(stage == null, "entry stage was already set to '%s'", stage);
      this.stage = stageId;
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value a string, boolean or number
     * @return this entry
     * @throws IllegalArgumentException if the name is longer than {@link
     *     Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Entry attribute(String name, Object value) {
      Object normal = Values.normalize(value, Ids.checkAttributeName(name));
      // Attribute values may be personal data, so only the name is quoted.
      checkState(!attributes.containsKey(name), "attribute '%s' was already set", name);
      attributes.put(name, normal);
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
     * @throws IllegalStateException if it was already set
     */
    @CanIgnoreReturnValue
    public Entry owner(String owner) {
      String id = Ids.check(owner, "owner");
      checkState(this.owner == null, "owner was already set to '%s'", this.owner);
      this.owner = id;
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
      return entrance.enter(
          engine,
          leadId,
          channel,
          owner,
          ImmutableMap.copyOf(attributes),
          ImmutableSet.copyOf(segments),
          stage,
          at);
    }
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
    return engine.fire(lead, event);
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
    return engine.reassign(lead, Ids.check(owner, "owner"), event);
  }

  /**
   * Erases the person behind a lead from it (the right to be forgotten): its attributes are
   * removed, except the experiment arms ({@link Experiment#attribute}); its pending timers are
   * cancelled, so nothing more is sent or fired for it; its stage, channel, owner, segments and
   * purchases stay, so the stage counts and the money in the figures still add up, now anonymously.
   * The erasure is an accepted step of type {@value #ERASED}, recorded like any other; it keeps the
   * event's id, time and actor, never its payload or reason. It is taken in any stage, terminal
   * ones included, at the later of the event's time and the lead's last change; only a duplicate is
   * refused. Lead ids are keys, not personal data: a host application that keys leads by an email
   * address must map it to an opaque id first.
   *
   * @param lead the lead, in this funnel
   * @param event the erasure request; its type is ignored
   * @return the outcome, {@link Outcome.Status#STAYED}, or refused as a duplicate
   * @throws IllegalArgumentException if the lead belongs to another funnel or to a stage this
   *     funnel lacks
   */
  public Outcome erase(Lead lead, Event event) {
    return engine.erase(lead, event);
  }

  /** The event type recorded for {@link #erase}. */
  public static final String ERASED = "erased";

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
    return engine.advance(lead, requireNonNull(now, "now"));
  }

  /**
   * Compares definitions: id, version, stages, transitions, timers, offers, currencies, contact
   * policy, experiments and journey controls.
   *
   * @return whether the definitions are equal
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
        && offers.equals(f.offers)
        && currencies.equals(f.currencies)
        && contactPolicy.equals(f.contactPolicy)
        && experiments.equals(f.experiments)
        && controls.equals(f.controls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        version,
        stages,
        transitions,
        timers,
        offers,
        currencies,
        contactPolicy,
        experiments,
        controls);
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
        .add("currencies", currencies)
        .toString();
  }
}
