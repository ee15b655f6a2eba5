package dev.funnel.test;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.Transition;
import dev.funnel.runtime.ActionHandler;
import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A journey of one lead through a funnel, written down once and run on the pure core ({@link
 * #run()}) or on a {@link FunnelRuntime} over any {@link LeadStore} ({@link #runOn}): enter the
 * lead at an instant, send events at offsets from it, let time pass, then assert on the {@link
 * Journey}.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.of(shop, Instant.parse("2026-03-02T09:00:00Z"))
 *     .enter("lead-42", "google-ads")
 *     .send("contact-left")                    // at the start
 *     .after(Duration.ofDays(8));              // the seven-day timer fires on the way
 *
 * assertThat(scenario.run()).isIn("lost").visited("visitor", "cold-lead", "lost");
 * assertThat(scenario.runOn(new InMemoryLeadStore())).isIn("lost");
 * }</pre>
 *
 * <p>Events get the ids {@code evt-1}, {@code evt-2}, ... in the order they are written, unless one
 * is given. Before each event the lead is brought up to the event's time, so timers due by then
 * fire first, as {@link FunnelRuntime#handle} does. Time only goes forward: a move at an earlier
 * instant than the one before is refused when it is written.
 *
 * <p>A scenario is a builder: not thread-safe while it is written; running it does not change it,
 * so one scenario can run many times, on the core and on runtimes.
 */
public final class Scenario {

  /** One move of the scenario. */
  private record Move(
      Instant at, @Nullable String eventType, @Nullable UnaryOperator<Event.Builder> event) {}

  private final Funnel funnel;
  private final Instant start;
  private @Nullable String leadId;
  private @Nullable String channel;
  private @Nullable String entryStage;
  private @Nullable String owner;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private final Set<String> segments = new LinkedHashSet<>();
  private final List<Move> moves = new ArrayList<>();
  private Instant now;

  private Scenario(Funnel funnel, Instant start) {
    this.funnel = requireNonNull(funnel, "funnel");
    this.start = requireNonNull(start, "start");
    this.now = start;
  }

  /**
   * Starts a scenario of a funnel at an instant.
   *
   * @param funnel the funnel, built in Java or read from JSON or YAML
   * @param start when the lead enters; offsets count from here
   * @return a scenario with no lead yet
   */
  public static Scenario of(Funnel funnel, Instant start) {
    return new Scenario(funnel, start);
  }

  /**
   * Names the lead that enters the funnel at the start, in its first entry stage.
   *
   * @param leadId the lead's id
   * @param channel where it came from
   * @return this scenario
   * @throws IllegalStateException if a lead was already named
   */
  @CanIgnoreReturnValue
  public Scenario enter(String leadId, String channel) {
    if (this.leadId != null) {
      throw new IllegalStateException("the lead was already set to '" + this.leadId + "'");
    }
    this.leadId = requireNonNull(leadId, "leadId");
    this.channel = requireNonNull(channel, "channel");
    return this;
  }

  /**
   * Enters the lead in another entry stage than the first.
   *
   * @param stage the entry stage
   * @return this scenario
   * @throws IllegalStateException if the entry stage was already set
   */
  @CanIgnoreReturnValue
  public Scenario entryStage(String stage) {
    if (entryStage != null) {
      throw new IllegalStateException("the entry stage was already set to '" + entryStage + "'");
    }
    entryStage = requireNonNull(stage, "stage");
    return this;
  }

  /**
   * Enters the lead with an owner.
   *
   * @param owner the owner's id
   * @return this scenario
   * @throws IllegalStateException if the owner was already set
   */
  @CanIgnoreReturnValue
  public Scenario owner(String owner) {
    if (this.owner != null) {
      throw new IllegalStateException("the owner was already set to '" + this.owner + "'");
    }
    this.owner = requireNonNull(owner, "owner");
    return this;
  }

  /**
   * Enters the lead with an attribute.
   *
   * @param name the attribute's name
   * @param value its value
   * @return this scenario
   * @throws IllegalStateException if the attribute was already set
   */
  @CanIgnoreReturnValue
  public Scenario attribute(String name, Object value) {
    requireNonNull(value, "value");
    if (attributes.putIfAbsent(requireNonNull(name, "name"), value) != null) {
      // The earlier value is not quoted: attribute values may be personal data.
      throw new IllegalStateException("attribute '" + name + "' was already set");
    }
    return this;
  }

  /**
   * Enters the lead in a segment.
   *
   * @param segment the segment
   * @return this scenario
   */
  @CanIgnoreReturnValue
  public Scenario segment(String segment) {
    segments.add(requireNonNull(segment, "segment"));
    return this;
  }

  /**
   * Sends an event of a type at the current time.
   *
   * @param eventType the event's type
   * @return this scenario
   */
  @CanIgnoreReturnValue
  public Scenario send(String eventType) {
    moves.add(new Move(now, requireNonNull(eventType, "eventType"), null));
    return this;
  }

  /**
   * Sends an event of a type at the current time, with what the builder adds (an id, an offer, an
   * amount, a payload).
   *
   * <pre>{@code
   * scenario.send("paid", e -> e.offer("mini-set").amount(Money.of("9.90", "EUR")));
   * }</pre>
   *
   * @param eventType the event's type
   * @param event adds to the event's builder, which starts with the next id and the current time
   * @return this scenario
   */
  @CanIgnoreReturnValue
  public Scenario send(String eventType, UnaryOperator<Event.Builder> event) {
    moves.add(
        new Move(now, requireNonNull(eventType, "eventType"), requireNonNull(event, "event")));
    return this;
  }

  /**
   * Lets time pass: the timers that fall due meanwhile fire, and the next moves happen later.
   *
   * @param duration how long to wait; not negative
   * @return this scenario
   * @throws IllegalArgumentException if the duration is negative
   */
  @CanIgnoreReturnValue
  public Scenario after(Duration duration) {
    checkArgument(!duration.isNegative(), "a scenario cannot go back in time by %s", duration);
    now = now.plus(duration);
    moves.add(new Move(now, null, null));
    return this;
  }

  /**
   * Moves to an offset from the start, letting the time in between pass.
   *
   * @param offset the offset from the start
   * @return this scenario
   * @throws IllegalArgumentException if that is before the current time of the scenario
   */
  @CanIgnoreReturnValue
  public Scenario at(Duration offset) {
    Instant then = start.plus(offset);
    checkArgument(
        !then.isBefore(now), "offset %s is before the scenario's current time %s", offset, now);
    return after(Duration.between(now, then));
  }

  /**
   * Runs the scenario on the pure core: {@link Funnel#enter}, {@link Funnel#advance} and {@link
   * Funnel#fire}.
   *
   * @return the journey
   * @throws IllegalStateException if no lead was named
   */
  public Journey run() {
    String id = requireLead();
    Funnel.Entry entry = funnel.newLead(id, requireNonNull(channel));
    prepare(entry);
    Outcome entered = entry.enter(start);
    List<Journey.Move> out = new ArrayList<>();
    out.add(move(start, "enter", null, entered));
    Lead lead = entered.lead();
    int n = 0;
    for (Move m : moves) {
      Outcome due = funnel.advance(lead, m.at());
      if (due.status() != Outcome.Status.IDLE) {
        out.add(move(m.at(), "time passes", lead, due));
        lead = due.lead();
      }
      if (m.eventType() != null) {
        Event event = event(m, ++n);
        Outcome fired = funnel.fire(lead, event);
        out.add(move(m.at(), label(event), lead, fired));
        lead = fired.lead();
      }
    }
    return new Journey(funnel.id(), id, lead, out);
  }

  /**
   * Runs the scenario on a {@link FunnelRuntime} over a store: the runtime is built with a {@link
   * TestClock}, and with a handler that records the action for every action the funnel uses.
   *
   * @param store the store, empty of this lead
   * @return the journey
   * @throws IllegalStateException if no lead was named
   */
  public Journey runOn(LeadStore store) {
    return runOn(store, b -> b);
  }

  /**
   * Runs the scenario on a {@link FunnelRuntime} over a store, built with what {@code setup} adds
   * (guards, owner pools, listeners, a retry policy); the scenario sets the store, the clock and a
   * recording handler for each action the funnel uses, so {@code setup} must not.
   *
   * @param store the store, empty of this lead
   * @param setup adds to the runtime's builder
   * @return the journey
   * @throws IllegalStateException if no lead was named
   */
  public Journey runOn(LeadStore store, UnaryOperator<FunnelRuntimeBuilder> setup) {
    String id = requireLead();
    TestClock clock = TestClock.at(start);
    Recorder recorder = new Recorder(funnel.id(), id);
    FunnelRuntimeBuilder builder =
        FunnelRuntime.builder(Catalog.of(funnel)).store(store).clock(clock).listener(recorder);
    Set<String> names = new LinkedHashSet<>();
    for (Transition t : funnel.transitions()) {
      for (Action a : t.actions()) {
        names.add(a.name());
      }
    }
    for (Stage s : funnel.stages()) {
      for (Action a : s.onEnter()) {
        names.add(a.name());
      }
    }
    for (String name : names) {
      builder.handler(name, recorder);
    }
    FunnelRuntime runtime = setup.apply(builder).build();

    List<Journey.Move> out = new ArrayList<>();
    Funnel.Entry entry = funnel.newLead(id, requireNonNull(channel));
    prepare(entry);
    Receipt entered = runtime.enter(entry, start);
    Lead lead = entered.lead().orElse(null);
    out.add(move(start, "enter", null, entered, recorder.actions()));
    recorder.steps();
    int n = 0;
    for (Move m : moves) {
      clock.set(m.at());
      if (m.eventType() == null) {
        runtime.advanceTo(m.at());
        ImmutableList<Step> steps = recorder.steps();
        if (!steps.isEmpty()) {
          Lead after = runtime.lead(funnel.id(), id).orElseThrow();
          boolean moved = steps.stream().anyMatch(Step::isMove);
          out.add(
              new Journey.Move(
                  m.at(),
                  "time passes",
                  Journey.result(
                      moved ? Outcome.Status.MOVED : Outcome.Status.STAYED, null, after.stage()),
                  after.stage(),
                  steps,
                  Journey.withTimers(lead, after, m.at(), recorder.actions())));
          lead = after;
        }
      } else {
        Event event = event(m, ++n);
        Receipt r = runtime.handle(funnel.id(), id, event);
        recorder.steps();
        out.add(move(m.at(), label(event), lead, r, recorder.actions()));
        lead = r.lead().orElse(lead);
      }
    }
    return new Journey(funnel.id(), id, lead, out);
  }

  /**
   * Tells the scenario's moves: the lead entering, the events sent and the time let pass, by ids,
   * types and instants only.
   *
   * @return the scenario as text
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("scenario of funnel '").append(funnel.id()).append("': ");
    b.append("enter '").append(leadId).append("' at ").append(start);
    int n = 0;
    Instant last = start;
    for (Move m : moves) {
      if (m.eventType() == null) {
        b.append(", wait until ").append(m.at());
      } else {
        b.append(", send '").append(m.eventType()).append("' (evt-").append(++n).append(")");
        if (!m.at().equals(last)) {
          b.append(" at ").append(m.at());
        }
      }
      last = m.at();
    }
    return b.toString();
  }

  /** Records the steps of the scenario's lead and the actions handed to handlers. */
  private static final class Recorder implements FunnelListener, ActionHandler {
    private final String funnelId;
    private final String leadId;
    private final List<Step> steps = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    Recorder(String funnelId, String leadId) {
      this.funnelId = funnelId;
      this.leadId = leadId;
    }

    @Override
    public synchronized void stepped(Step step) {
      if (step.funnelId().equals(funnelId) && step.leadId().equals(leadId)) {
        steps.add(step);
      }
    }

    @Override
    public synchronized void handle(Delivery delivery) {
      if (delivery.attempt() == 1) {
        actions.add(delivery.action());
      }
    }

    @CanIgnoreReturnValue
    synchronized ImmutableList<Step> steps() {
      ImmutableList<Step> copy = ImmutableList.copyOf(steps);
      steps.clear();
      return copy;
    }

    synchronized ImmutableList<Action> actions() {
      ImmutableList<Action> copy = ImmutableList.copyOf(actions);
      actions.clear();
      return copy;
    }
  }

  private void prepare(Funnel.Entry entry) {
    if (entryStage != null) {
      entry.stage(entryStage);
    }
    if (owner != null) {
      entry.owner(owner);
    }
    entry.attributes(attributes);
    segments.forEach(entry::segment);
  }

  private String requireLead() {
    if (leadId == null) {
      throw new IllegalStateException("the scenario has no lead; call enter(leadId, channel)");
    }
    return leadId;
  }

  private Event event(Move m, int n) {
    Event.Builder b = Event.builder("evt-" + n, requireNonNull(m.eventType()), m.at());
    UnaryOperator<Event.Builder> more = m.event();
    return more == null ? b.build() : more.apply(b).build();
  }

  private static String label(Event e) {
    return "'" + e.type() + "' (" + e.id() + ")";
  }

  private static Journey.Move move(Instant at, String what, @Nullable Lead before, Outcome o) {
    Lead after = o.lead();
    List<Effect> actions = new ArrayList<>();
    for (Effect e : o.effects()) {
      if (e instanceof Action) {
        actions.add(e);
      }
    }
    return new Journey.Move(
        at,
        what,
        Journey.result(o.status(), o.refusal().orElse(null), after.stage()),
        after.stage(),
        o.steps(),
        o.isAccepted() ? Journey.withTimers(before, after, at, actions) : ImmutableList.of());
  }

  private static Journey.Move move(
      Instant at, String what, @Nullable Lead before, Receipt r, List<Action> actions) {
    Lead after = r.lead().orElse(null);
    String stage = after == null ? null : after.stage();
    String result =
        switch (r.status()) {
          case ENTERED -> Journey.result(Outcome.Status.ENTERED, null, String.valueOf(stage));
          case MOVED -> Journey.result(Outcome.Status.MOVED, null, String.valueOf(stage));
          case STAYED -> Journey.result(Outcome.Status.STAYED, null, String.valueOf(stage));
          case REFUSED ->
              Journey.result(
                  Outcome.Status.REFUSED, r.refusal().orElse(null), String.valueOf(stage));
          case PRESENT -> "already in the funnel";
          case NO_LEAD -> "no such lead";
        };
    ImmutableList<Effect> effects =
        after == null || (!r.isAccepted() && r.steps().isEmpty())
            ? ImmutableList.of()
            : Journey.withTimers(before, after, at, actions);
    return new Journey.Move(at, what, result, stage, r.steps(), effects);
  }
}
