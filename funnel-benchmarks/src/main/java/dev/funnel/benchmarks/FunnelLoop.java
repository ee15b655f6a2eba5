package dev.funnel.benchmarks;

import static dev.funnel.benchmarks.Shape.Stage.BUYER;
import static dev.funnel.benchmarks.Shape.Stage.COLD_LEAD;
import static dev.funnel.benchmarks.Shape.Stage.HOT_LEAD;
import static dev.funnel.benchmarks.Shape.Stage.REPEAT_CUSTOMER;
import static dev.funnel.benchmarks.Shape.Stage.VISITOR;
import static dev.funnel.benchmarks.Shape.Trigger.ADDED_TO_CART;
import static dev.funnel.benchmarks.Shape.Trigger.CAME_BACK;
import static dev.funnel.benchmarks.Shape.Trigger.CONTACT_LEFT;
import static dev.funnel.benchmarks.Shape.Trigger.PAID;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.time.Instant;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One funnel lead driven round the {@link Shape} loop with the pure {@link Funnel#fire}. Events
 * come from a ring of {@value #RING} pre-built events with distinct ids and one timestamp, far more
 * than a lead remembers, so none is refused as a duplicate or as stale. The action of each
 * transition is returned as an effect; the loop carries it out by counting it, as a runtime's
 * handler would. Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
public class FunnelLoop {
  /** How many events the ring holds: a multiple of the loop's length. */
  static final int RING = Shape.LOOP.length * 342;

  /** The time of every event; never before a lead's last step, so no event is stale. */
  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  /** The acquisition channel of every lead. */
  static final String CHANNEL = "ads";

  /** The name of the action each transition runs. */
  static final String COUNT = "count";

  private final Funnel funnel = define();
  private final Event[] ring = ring("e-");
  private Lead lead;
  private int next;
  private long fired;
  private long actions;

  /** Creates the loop with one lead in the hot lead stage. */
  public FunnelLoop() {
    lead = hotLead(funnel, "lead-1", "w-");
  }

  /** Returns the {@link Shape} funnel. */
  static Funnel define() {
    Action count = Actions.custom(COUNT);
    return Funnel.builder("shop")
        .stage(VISITOR.id())
        .entry()
        .stage(COLD_LEAD.id())
        .stage(HOT_LEAD.id())
        .stage(BUYER.id())
        .stage(REPEAT_CUSTOMER.id())
        .on(CONTACT_LEFT.id())
        .from(VISITOR.id())
        .to(COLD_LEAD.id())
        .then(count)
        .on(ADDED_TO_CART.id())
        .from(COLD_LEAD.id(), REPEAT_CUSTOMER.id())
        .to(HOT_LEAD.id())
        .then(count)
        .on(PAID.id())
        .from(HOT_LEAD.id())
        .to(BUYER.id())
        .when(Conditions.payload(Shape.TOTAL).gt(0))
        .then(count)
        .on(CAME_BACK.id())
        .from(BUYER.id())
        .to(REPEAT_CUSTOMER.id())
        .then(count)
        .build();
  }

  /** Returns one event of the given trigger, with the order total on paid events. */
  static Event event(String id, Shape.Trigger trigger) {
    Event.Builder b = Event.builder(id, trigger.id(), AT);
    if (trigger == PAID) {
      b.payload(Shape.TOTAL, Shape.ORDER_TOTAL);
    }
    return b.build();
  }

  /** Returns {@value #RING} events following the loop from the hot lead stage, ids distinct. */
  static Event[] ring(String idPrefix) {
    Event[] events = new Event[RING];
    for (int i = 0; i < events.length; i++) {
      events[i] = event(idPrefix + i, Shape.LOOP[i % Shape.LOOP.length]);
    }
    return events;
  }

  /** Enters a lead and fires the warm-up events, event ids starting with the prefix. */
  static Lead hotLead(Funnel funnel, String leadId, String idPrefix) {
    Lead l = funnel.enter(leadId, CHANNEL, AT).lead();
    for (int i = 0; i < Shape.WARM_UP.length; i++) {
      l = accepted(funnel.fire(l, event(idPrefix + i, Shape.WARM_UP[i])));
    }
    return l;
  }

  static Lead accepted(Outcome o) {
    if (!o.isAccepted()) {
      throw new IllegalStateException("event refused: " + o);
    }
    return o.lead();
  }

  /** Starts an iteration's count afresh. */
  @Setup(Level.Iteration)
  public void reset() {
    fired = 0;
    actions = 0;
  }

  /**
   * Fires the next event of the ring at the lead and carries out the transition's action.
   *
   * @return the number of actions carried out so far
   */
  @CanIgnoreReturnValue
  public long fire() {
    Outcome o = funnel.fire(lead, ring[next]);
    if (++next == ring.length) {
      next = 0;
    }
    ImmutableList<Effect> effects = o.effects();
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Action) {
        actions++;
      }
    }
    fired++;
    lead = o.lead();
    return actions;
  }

  /**
   * Builds the next event of the loop afresh, with a new id ({@code "n-"} and a counter) and, on
   * paid, the order total, as a shop's service builds each event it receives; fires it at the lead
   * and carries out the transition's action.
   *
   * @return the number of actions carried out so far
   */
  @CanIgnoreReturnValue
  public long fireNew() {
    Shape.Trigger trigger = Shape.LOOP[next];
    if (++next == Shape.LOOP.length) {
      next = 0;
    }
    String id = "n-" + fired;
    Event e =
        trigger == PAID
            ? Event.builder(id, trigger.id(), AT).payload(Shape.TOTAL, Shape.ORDER_TOTAL).build()
            : Event.of(id, trigger.id(), AT);
    Outcome o = funnel.fire(lead, e);
    ImmutableList<Effect> effects = o.effects();
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Action) {
        actions++;
      }
    }
    fired++;
    lead = o.lead();
    return actions;
  }

  /**
   * Enters a new lead into the funnel.
   *
   * @return the new lead
   */
  public Lead enter() {
    return funnel.enter("lead-2", CHANNEL, AT).lead();
  }

  /**
   * Checks that every event fired was accepted, ran its one action and left the lead where the loop
   * says.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    Loops.check("funnel", fired, actions, lead.stage(), Loops.stageAfter(next).id());
  }

  /** Returns the stage the lead is in. */
  String stage() {
    return lead.stage();
  }
}
