package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Draft.StageDraft;
import dev.funnel.Draft.TimerDraft;
import dev.funnel.Draft.TransitionDraft;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;

/**
 * Builds a {@link Funnel}. Declare stages with {@link #stage}, transitions with {@link #on}, timers
 * with {@link #after} and offers with {@link #offer}; the builders these return accept every method
 * of this one too, so a definition reads as one chain. {@link #build} validates the whole
 * definition and reports every problem at once. Not thread-safe.
 */
public sealed class FunnelBuilder
    permits StageBuilder,
        TransitionBuilder,
        TimerBuilder,
        SeriesBuilder,
        ValueLoopBuilder,
        SegmentationBuilder,
        GoalBuilder,
        ExitBuilder,
        WaitBuilder {
  final Draft draft;

  FunnelBuilder(Draft draft) {
    this.draft = draft;
  }

  /**
   * Sets the definition's version; 1 by default, or the version of the funnel {@link
   * Funnel#toBuilder} copied.
   *
   * @param version a positive number
   * @return a builder for the rest of the funnel
   * @throws IllegalStateException if the version was already set on this builder
   */
  public FunnelBuilder version(int version) {
    checkArgument(version > 0, "funnel version must be positive");
    checkState(!draft.versionSet, "funnel version was already set to %s", draft.version);
    draft.version = version;
    draft.versionSet = true;
    return new FunnelBuilder(draft);
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
  public FunnelBuilder offer(Offer offer) {
    draft.offers.add(requireNonNull(offer, "offer"));
    return new FunnelBuilder(draft);
  }

  /**
   * States a currency the funnel takes, by its ISO 4217 code; call it once for each. A funnel that
   * states currencies refuses an event whose amount is in another one ({@link
   * Outcome.Refusal#FOREIGN_CURRENCY}), and each offer's price must be in one of them; a funnel
   * that states none takes amounts in any currency.
   *
   * @param code the currency's ISO 4217 code, such as {@code EUR}
   * @return a builder for the rest of the funnel
   * @throws IllegalArgumentException if the code is not a known ISO 4217 code
   * @throws IllegalStateException if the currency was already stated on this builder
   */
  public FunnelBuilder currency(String code) {
    Currency currency = Money.currency(requireNonNull(code, "code"));
    checkState(draft.currencies.add(currency), "currency %s was already stated", currency);
    return new FunnelBuilder(draft);
  }

  /**
   * Declares a transition on an event type. Name its source with {@link TransitionBuilder#from} or
   * {@link TransitionBuilder#fromAny}; without {@link TransitionBuilder#to} the lead stays in its
   * stage.
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
   * keeps the lead in the stage and sends the message; the event of the message {@code t} in stage
   * {@code s} is {@code "s/t"}.
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
   * what they are offered next (an upsell after a purchase, a downsell after a decline or after no
   * purchase within a window). It compiles into transitions on {@link Event#PURCHASED} and {@link
   * Event#DECLINED} events that name the offer, and a timer.
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
   * such as a {@linkplain Actions#handOff hand-off} to another funnel); if none holds, the default
   * segment applies. It compiles into one transition per rule, in falling priority.
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
   * Sets the quiet hours: the hours of the day, in each person's own time zone, when no marketing
   * message goes out. Checked when a message falls due; see {@link ContactGate}.
   *
   * <pre>{@code
   * .quietHours(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(8, 0)))
   * }</pre>
   *
   * @param quietHours the quiet hours
   * @return a builder for the rest of the funnel
   * @throws IllegalStateException if quiet hours were already set on this builder
   */
  public FunnelBuilder quietHours(QuietHours quietHours) {
    requireNonNull(quietHours, "quietHours");
    checkState(!draft.quietHoursSet, "quiet hours were already set to %s", draft.quietHours);
    draft.quietHours = quietHours;
    draft.quietHoursSet = true;
    return new FunnelBuilder(draft);
  }

  /**
   * Sets the time zone read for a person whose own zone (the lead attribute {@value
   * ContactPolicy#ZONE_ATTRIBUTE}) is unknown; UTC by default.
   *
   * @param zone the fallback time zone
   * @return a builder for the rest of the funnel
   * @throws IllegalStateException if the zone was already set
   */
  public FunnelBuilder timeZone(ZoneId zone) {
    requireNonNull(zone, "zone");
    checkState(!draft.zoneSet, "fallback time zone was already set to %s", draft.zone);
    draft.zone = zone;
    draft.zoneSet = true;
    return new FunnelBuilder(draft);
  }

  /**
   * Adds a frequency cap on marketing messages of one channel.
   *
   * <pre>{@code
   * .cap(FrequencyCap.perDay("email", 1)).cap(FrequencyCap.per("email", 3, Duration.ofDays(7)))
   * }</pre>
   *
   * @param cap the cap
   * @return a builder for the rest of the funnel
   */
  public FunnelBuilder cap(FrequencyCap cap) {
    draft.caps.add(requireNonNull(cap, "cap"));
    return new FunnelBuilder(draft);
  }

  /**
   * Declares a conversion goal: the event or condition that counts the journey as converted (within
   * a window from entry, if given), taking the lead to the goal's stage from any active stage. See
   * {@link Goal}.
   *
   * <pre>{@code
   * .goal("purchase").onEvent("paid").within(Duration.ofDays(30)).to("buyer")
   * }</pre>
   *
   * @param id the goal's id
   * @return a builder to complete the goal
   */
  public GoalBuilder goal(String id) {
    ControlDrafts.GoalDraft g = new ControlDrafts.GoalDraft(Ids.check(id, "goal id"));
    draft.controls.goals.add(g);
    return new GoalBuilder(draft, g);
  }

  /**
   * Declares an exit: an event or condition that takes the lead out of the funnel from any active
   * stage into a terminal one, with a reason. See {@link Exit}.
   *
   * <pre>{@code
   * .exit("unsubscribed").onEvent("unsubscribed").to("lost")
   * }</pre>
   *
   * @param reason the exit's reason
   * @return a builder to complete the exit
   */
  public ExitBuilder exit(String reason) {
    ControlDrafts.ExitDraft x = new ControlDrafts.ExitDraft(Ids.check(reason, "exit reason"));
    draft.controls.exits.add(x);
    return new ExitBuilder(draft, x);
  }

  /**
   * Sets the re-entry policy; {@link ReEntry#ONCE} without one.
   *
   * @param policy the policy
   * @return a builder for the rest of the funnel
   * @throws IllegalStateException if it was already set
   */
  public FunnelBuilder reEntry(ReEntry policy) {
    requireNonNull(policy, "policy");
    checkState(
        draft.controls.reEntry == null,
        "re-entry policy was already set to %s",
        draft.controls.reEntry);
    draft.controls.reEntry = policy;
    return new FunnelBuilder(draft);
  }

  /**
   * Adds an experiment: a fixed split of the leads into weighted arms, some of them holdouts.
   *
   * <pre>{@code
   * .experiment(Experiment.of("welcome-test", "2026-12",
   *     Experiment.Arm.of("short", 45), Experiment.Arm.of("long", 45),
   *     Experiment.Arm.holdout("holdout", 10)))
   * }</pre>
   *
   * @param experiment the experiment
   * @return a builder for the rest of the funnel
   */
  public FunnelBuilder experiment(Experiment experiment) {
    draft.experiments.add(requireNonNull(experiment, "experiment"));
    return new FunnelBuilder(draft);
  }

  /**
   * Sets the lead scoring.
   *
   * @param scoring the scoring
   * @return a builder for the rest of the funnel
   * @throws IllegalStateException if it was already set
   */
  public FunnelBuilder scoring(Scoring scoring) {
    requireNonNull(scoring, "scoring");
    checkState(
        draft.controls.scoring == null, "scoring was already set to %s", draft.controls.scoring);
    draft.controls.scoring = scoring;
    return new FunnelBuilder(draft);
  }

  /**
   * Declares a wait in a stage: for the first of several events, each with its own next stage, or a
   * timeout, optionally restarted whenever an event repeats. It compiles into transitions and a
   * timer; see {@link WaitBuilder}.
   *
   * <pre>{@code
   * .waitIn("cart").until("paid", "buyer").timeout(Duration.ofHours(4), "reminded")
   *     .resetOn("cart-updated")
   * }</pre>
   *
   * @param stage the stage the lead waits in
   * @return a builder for what it waits for
   */
  public WaitBuilder waitIn(String stage) {
    WaitUntil w = new WaitUntil(Ids.check(stage, "stage id"));
    draft.expansions.add(w);
    return new WaitBuilder(draft, w);
  }

  /**
   * Returns every problem of the definition so far, errors first, then warnings, without building
   * it.
   *
   * @return the problems; empty if the definition is valid and clean
   */
  public ImmutableList<Problem> problems() {
    Draft.Checked checked = draft.check();
    return ImmutableList.<Problem>builder()
        .addAll(checked.errors())
        .addAll(checked.warnings())
        .build();
  }

  /**
   * Validates and returns the funnel.
   *
   * @return the funnel
   * @throws FunnelDefinitionException with every error found, if there is any
   */
  public Funnel build() {
    Draft.Checked checked = draft.check();
    if (!checked.errors().isEmpty()) {
      throw new FunnelDefinitionException(draft.id, checked.errors());
    }
    return new Funnel(
        draft.id,
        draft.version,
        checked.stages(),
        checked.transitions(),
        checked.timers(),
        checked.offers(),
        checked.warnings(),
        draft.contactPolicy(),
        ImmutableList.copyOf(draft.experiments),
        ImmutableSet.copyOf(draft.currencies),
        checked.controls());
  }
}
