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

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.benchmarks.Shape.Stage;
import dev.funnel.benchmarks.Shape.Trigger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One stateless4j machine driven round the {@link Shape} loop. Its guards take no arguments, so the
 * guard on paid reads the order total from the {@link Basket} the configuration was built around;
 * each transition's action counts into that basket. Machines are made from one shared
 * configuration. Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
public class Stateless4jLoop {
  private final Basket basket = new Basket();
  private final StateMachineConfig<Stage, Trigger> config = define(basket);
  private final StateMachine<Stage, Trigger> machine;
  private int next;
  private long fired;

  /** Creates the loop with one machine in the hot lead stage. */
  public Stateless4jLoop() {
    machine = hotLead(config);
    basket.actions = 0;
  }

  /** Returns the {@link Shape} funnel as a stateless4j configuration around the basket. */
  static StateMachineConfig<Stage, Trigger> define(Basket basket) {
    StateMachineConfig<Stage, Trigger> config = new StateMachineConfig<>();
    config.configure(VISITOR).permit(CONTACT_LEFT, COLD_LEAD, basket::count);
    config.configure(COLD_LEAD).permit(ADDED_TO_CART, HOT_LEAD, basket::count);
    config.configure(HOT_LEAD).permitIf(PAID, BUYER, basket::isPaid, basket::count);
    config.configure(BUYER).permit(CAME_BACK, REPEAT_CUSTOMER, basket::count);
    config.configure(REPEAT_CUSTOMER).permit(ADDED_TO_CART, HOT_LEAD, basket::count);
    return config;
  }

  /** Returns a new machine that has taken the warm-up events. */
  static StateMachine<Stage, Trigger> hotLead(StateMachineConfig<Stage, Trigger> config) {
    StateMachine<Stage, Trigger> m = new StateMachine<>(VISITOR, config);
    for (Trigger t : Shape.WARM_UP) {
      m.fire(t);
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
    machine.fire(Shape.LOOP[next]);
    if (++next == Shape.LOOP.length) {
      next = 0;
    }
    fired++;
    return basket.actions;
  }

  /**
   * Makes a new machine from the shared configuration.
   *
   * @return the new machine, in the visitor stage
   */
  public StateMachine<Stage, Trigger> enter() {
    return new StateMachine<>(VISITOR, config);
  }

  /**
   * Checks that every event fired ran its one action and left the machine where the loop says.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    Loops.check("stateless4j", fired, basket.actions, stage(), Loops.stageAfter(next).id());
  }

  /** Returns the stage the machine is in. */
  String stage() {
    return machine.getState().id();
  }
}
