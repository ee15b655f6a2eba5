package dev.funnel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every library's loop does the same work: the same stages, one action per event, one guard. */
final class LoopsTest {
  private static final int EVENTS = 3 * FunnelLoop.RING + 2;

  private static List<String> expectedStages() {
    List<String> stages = new ArrayList<>();
    for (int i = 1; i <= EVENTS; i++) {
      stages.add(Loops.stageAfter(i).id());
    }
    return stages;
  }

  @Test
  void fire_funnelRoundTheRingTwice_visitsEveryLoopStageAndRunsOneActionPerEvent() {
    FunnelLoop loop = new FunnelLoop();
    List<String> stages = new ArrayList<>();
    long actions = 0;
    for (int i = 0; i < EVENTS; i++) {
      actions = loop.fire();
      stages.add(loop.stage());
    }
    assertEquals(expectedStages(), stages);
    assertEquals(EVENTS, actions);
    loop.check();
  }

  @Test
  void fire_stateless4j_visitsEveryLoopStageAndRunsOneActionPerEvent() {
    Stateless4jLoop loop = new Stateless4jLoop();
    List<String> stages = new ArrayList<>();
    long actions = 0;
    for (int i = 0; i < EVENTS; i++) {
      actions = loop.fire();
      stages.add(loop.stage());
    }
    assertEquals(expectedStages(), stages);
    assertEquals(EVENTS, actions);
    loop.check();
  }

  @Test
  void fire_squirrel_visitsEveryLoopStageAndRunsOneActionPerEvent() {
    SquirrelLoop loop = new SquirrelLoop();
    List<String> stages = new ArrayList<>();
    long actions = 0;
    for (int i = 0; i < EVENTS; i++) {
      actions = loop.fire();
      stages.add(loop.stage());
    }
    assertEquals(expectedStages(), stages);
    assertEquals(EVENTS, actions);
    loop.check();
  }

  @Test
  void fire_springStatemachine_visitsEveryLoopStageAndRunsOneActionPerEvent() {
    SpringStatemachineLoop loop = new SpringStatemachineLoop();
    List<String> stages = new ArrayList<>();
    long actions = 0;
    for (int i = 0; i < 300; i++) {
      actions = loop.fire();
      stages.add(loop.stage());
    }
    assertEquals(expectedStages().subList(0, 300), stages);
    assertEquals(300, actions);
    loop.check();
  }

  @Test
  void fire_funnelPaidWithoutTotal_isRejectedByTheGuard() {
    Funnel funnel = FunnelLoop.define();
    Lead lead = FunnelLoop.hotLead(funnel, "lead-1", "w-");
    Outcome o = funnel.fire(lead, Event.of("e-1", Shape.Trigger.PAID.id(), FunnelLoop.AT));
    assertEquals(Outcome.Refusal.GUARD_REJECTED, o.refusal().orElseThrow());
  }

  @Test
  void fire_stateless4jPaidWithZeroTotal_isRejectedByTheGuard() {
    Basket basket = new Basket();
    basket.total = 0;
    var machine = Stateless4jLoop.hotLead(Stateless4jLoop.define(basket));
    assertThrows(IllegalStateException.class, () -> machine.fire(Shape.Trigger.PAID));
    assertEquals(Shape.Stage.HOT_LEAD, machine.getState());
  }

  @Test
  void fire_squirrelPaidWithZeroTotal_isRejectedByTheGuard() {
    Basket basket = new Basket();
    SquirrelLoop.Machine machine = SquirrelLoop.hotLead(SquirrelLoop.define(), basket);
    basket.total = 0;
    machine.fire(Shape.Trigger.PAID, basket);
    assertEquals(Shape.Stage.HOT_LEAD, machine.getCurrentState());
    assertEquals(2, basket.actions);
  }

  @Test
  void fire_springStatemachinePaidWithoutTotal_isRejectedByTheGuard() {
    Basket basket = new Basket();
    var machine = SpringStatemachineLoop.hotLead(SpringStatemachineLoop.define(basket));
    var unpaid =
        org.springframework.messaging.support.MessageBuilder.withPayload(Shape.Trigger.PAID)
            .build();
    machine.sendEvent(reactor.core.publisher.Mono.just(unpaid)).blockLast();
    assertEquals(Shape.Stage.HOT_LEAD, machine.getState().getId());
    assertEquals(2, basket.actions);
  }
}
