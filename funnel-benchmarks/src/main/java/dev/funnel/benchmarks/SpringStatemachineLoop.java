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
import java.util.EnumSet;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.guard.Guard;
import reactor.core.publisher.Mono;

/**
 * One Spring Statemachine machine driven round the {@link Shape} loop with its reactive API. The
 * guard on paid reads the order total from the event message's header; each transition's action
 * counts into a {@link Basket}. Machines are made by one shared factory and started before use.
 * Events are pre-built messages, one per event type. Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
public class SpringStatemachineLoop {
  private final Basket basket = new Basket();
  private final StateMachineFactory<Stage, Trigger> factory = define(basket);
  private final StateMachine<Stage, Trigger> machine;
  private final Message<Trigger>[] loop = messages(Shape.LOOP);
  private int next;
  private long fired;

  /** Creates the loop with one started machine in the hot lead stage. */
  public SpringStatemachineLoop() {
    machine = hotLead(factory);
    basket.actions = 0;
  }

  /** Returns the {@link Shape} funnel as a Spring Statemachine factory around the basket. */
  static StateMachineFactory<Stage, Trigger> define(Basket basket) {
    Action<Stage, Trigger> count = context -> basket.count();
    Guard<Stage, Trigger> paid = SpringStatemachineLoop::isPaid;
    StateMachineBuilder.Builder<Stage, Trigger> b = StateMachineBuilder.builder();
    try {
      b.configureConfiguration().withConfiguration().autoStartup(false);
      b.configureStates().withStates().initial(VISITOR).states(EnumSet.allOf(Stage.class));
      b.configureTransitions()
          .withExternal()
          .source(VISITOR)
          .target(COLD_LEAD)
          .event(CONTACT_LEFT)
          .action(count)
          .and()
          .withExternal()
          .source(COLD_LEAD)
          .target(HOT_LEAD)
          .event(ADDED_TO_CART)
          .action(count)
          .and()
          .withExternal()
          .source(HOT_LEAD)
          .target(BUYER)
          .event(PAID)
          .guard(paid)
          .action(count)
          .and()
          .withExternal()
          .source(BUYER)
          .target(REPEAT_CUSTOMER)
          .event(CAME_BACK)
          .action(count)
          .and()
          .withExternal()
          .source(REPEAT_CUSTOMER)
          .target(HOT_LEAD)
          .event(ADDED_TO_CART)
          .action(count);
    } catch (Exception e) { // the configurers declare Exception
      throw new IllegalStateException("cannot configure the state machine", e);
    }
    return b.createFactory();
  }

  private static boolean isPaid(StateContext<Stage, Trigger> context) {
    Object total = context.getMessageHeader(Shape.TOTAL);
    return total instanceof Long t && t > 0;
  }

  /** Returns one message per trigger, with the order total on paid. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Message<Trigger>[] messages(Trigger[] triggers) {
    Message<Trigger>[] messages = new Message[triggers.length];
    for (int i = 0; i < triggers.length; i++) {
      messages[i] = message(triggers[i]);
    }
    return messages;
  }

  static Message<Trigger> message(Trigger trigger) {
    MessageBuilder<Trigger> b = MessageBuilder.withPayload(trigger);
    if (trigger == PAID) {
      b.setHeader(Shape.TOTAL, Shape.ORDER_TOTAL);
    }
    return b.build();
  }

  /** Starts a new machine from the factory. */
  static StateMachine<Stage, Trigger> start(StateMachineFactory<Stage, Trigger> factory) {
    StateMachine<Stage, Trigger> m = factory.getStateMachine();
    m.startReactively().block();
    return m;
  }

  /** Returns a new started machine that has taken the warm-up events. */
  static StateMachine<Stage, Trigger> hotLead(StateMachineFactory<Stage, Trigger> factory) {
    StateMachine<Stage, Trigger> m = start(factory);
    for (Message<Trigger> message : messages(Shape.WARM_UP)) {
      m.sendEvent(Mono.just(message)).blockLast();
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
   * Fires the next event of the loop and waits for its result.
   *
   * @return the number of actions run so far
   */
  @CanIgnoreReturnValue
  public long fire() {
    machine.sendEvent(Mono.just(loop[next])).blockLast();
    if (++next == loop.length) {
      next = 0;
    }
    fired++;
    return basket.actions;
  }

  /**
   * Makes and starts a new machine from the shared factory.
   *
   * @return the new machine, in the visitor stage
   */
  public StateMachine<Stage, Trigger> enter() {
    return start(factory);
  }

  /**
   * Checks that every event fired ran its one action and left the machine where the loop says.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    Loops.check("spring-statemachine", fired, basket.actions, stage(), Loops.stageAfter(next).id());
  }

  /** Returns the stage the machine is in. */
  String stage() {
    return machine.getState().getId().id();
  }
}
