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

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.benchmarks.Shape.Stage;
import dev.funnel.benchmarks.Shape.Trigger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.squirrelframework.foundation.fsm.AnonymousAction;
import org.squirrelframework.foundation.fsm.AnonymousCondition;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * One squirrel-foundation machine driven round the {@link Shape} loop. Events are fired with a
 * {@link Basket} as context: the guard on paid reads its order total and each transition's action
 * counts into it. Machines are made from one shared builder. Not thread-safe: one per benchmark
 * thread.
 */
@State(Scope.Thread)
public class SquirrelLoop {
  /** The machine type squirrel instantiates. */
  public static class Machine extends AbstractStateMachine<Machine, Stage, Trigger, Basket> {
    /** Creates a machine; called by squirrel's builder. */
    public Machine() {}
  }

  private static final class Count extends AnonymousAction<Machine, Stage, Trigger, Basket> {
    @Override
    public void execute(Stage from, Stage to, Trigger event, Basket context, Machine machine) {
      context.count();
    }
  }

  private static final class Paid extends AnonymousCondition<Basket> {
    @Override
    public boolean isSatisfied(Basket context) {
      return context.isPaid();
    }
  }

  private final Basket basket = new Basket();
  private final StateMachineBuilder<Machine, Stage, Trigger, Basket> builder = define();
  private final Machine machine;
  private int next;
  private long fired;

  /** Creates the loop with one machine in the hot lead stage. */
  public SquirrelLoop() {
    machine = hotLead(builder, basket);
    basket.actions = 0;
  }

  /** Returns the {@link Shape} funnel as a squirrel builder. */
  static StateMachineBuilder<Machine, Stage, Trigger, Basket> define() {
    StateMachineBuilder<Machine, Stage, Trigger, Basket> b =
        StateMachineBuilderFactory.create(Machine.class, Stage.class, Trigger.class, Basket.class);
    Count count = new Count();
    b.externalTransition().from(VISITOR).to(COLD_LEAD).on(CONTACT_LEFT).perform(count);
    b.externalTransition().from(COLD_LEAD).to(HOT_LEAD).on(ADDED_TO_CART).perform(count);
    b.externalTransition().from(HOT_LEAD).to(BUYER).on(PAID).when(new Paid()).perform(count);
    b.externalTransition().from(BUYER).to(REPEAT_CUSTOMER).on(CAME_BACK).perform(count);
    b.externalTransition().from(REPEAT_CUSTOMER).to(HOT_LEAD).on(ADDED_TO_CART).perform(count);
    return b;
  }

  /** Returns a new machine that has taken the warm-up events. */
  static Machine hotLead(
      StateMachineBuilder<Machine, Stage, Trigger, Basket> builder, Basket basket) {
    Machine m = builder.newStateMachine(VISITOR);
    for (Trigger t : Shape.WARM_UP) {
      m.fire(t, basket);
    }
    return m;
  }

  /** Starts an iteration's count afresh. */
  @Setup(Level.Iteration)
  public void reset() {
    fired = 0;
    basket.actions = 0;
  }

  /**
   * Fires the next event of the loop.
   *
   * @return the number of actions run so far
   */
  @CanIgnoreReturnValue
  public long fire() {
    machine.fire(Shape.LOOP[next], basket);
    if (++next == Shape.LOOP.length) {
      next = 0;
    }
    fired++;
    return basket.actions;
  }

  /**
   * Makes a new machine from the shared builder.
   *
   * @return the new machine, in the visitor stage
   */
  public Machine enter() {
    return builder.newStateMachine(VISITOR);
  }

  /**
   * Checks that every event fired ran its one action and left the machine where the loop says.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    Loops.check("squirrel", fired, basket.actions, stage(), Loops.stageAfter(next).id());
  }

  /** Returns the stage the machine is in. */
  String stage() {
    return machine.getCurrentState().id();
  }
}
