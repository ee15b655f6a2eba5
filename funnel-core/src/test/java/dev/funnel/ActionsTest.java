package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ActionsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** A funnel whose "go" transition (start to next) runs the actions, and "stay" too in place. */
  private static Funnel running(Action... actions) {
    return Funnel.builder("actions")
        .stage("start")
        .entry()
        .stage("next")
        .stage("done")
        .won()
        .offer(Offer.leadMagnet("guide"))
        .on("go")
        .from("start")
        .to("next")
        .then(actions)
        .on("stay")
        .from("start")
        .then(actions)
        .on("finish")
        .from("next")
        .to("done")
        .build();
  }

  private static Lead lead(Funnel f) {
    return f.newLead("lead-1", "ads")
        .owner("anna")
        .attribute("temp", "x")
        .attribute("score", 1)
        .segment("newsletter")
        .enter(T0)
        .lead();
  }

  // ---------------------------------------------------------------------------------------------
  // Factories

  @Test
  void send_carriesTemplateAndOptionalChannel() {
    assertEquals(
        new Action("send", ImmutableMap.of("template", "welcome-1")), Actions.send("welcome-1"));
    assertEquals(
        new Action("send", ImmutableMap.of("template", "welcome-1", "channel", "sms")),
        Actions.send("welcome-1", "sms"));
    assertEquals(Optional.of("sms"), Actions.send("welcome-1", "sms").param("channel"));
    assertEquals(Optional.empty(), Actions.send("welcome-1").param("channel"));
  }

  @Test
  void builtIns_carryTheirParameters() {
    assertEquals(new Action("assign", ImmutableMap.of("owner", "anna")), Actions.assign("anna"));
    assertEquals(
        new Action("assign", ImmutableMap.of("pool", "sales")), Actions.assignFrom("sales"));
    assertEquals(
        new Action("set", ImmutableMap.of("attribute", "score", "value", 10L)),
        Actions.set("score", 10));
    assertEquals(
        new Action("remove", ImmutableMap.of("attribute", "temp")), Actions.remove("temp"));
    assertEquals(new Action("segment", ImmutableMap.of("segment", "vip")), Actions.segment("vip"));
    assertEquals(
        new Action("present", ImmutableMap.of("offer", "guide")), Actions.present("guide"));
    assertEquals(
        new Action("hand-off", ImmutableMap.of("funnel", "repeat", "stage", "engaged")),
        Actions.handOff("repeat", "engaged"));
  }

  @Test
  void builtIns_areBuiltInAndCustomIsNot() {
    for (Action a :
        ImmutableList.of(
            Actions.send("t"),
            Actions.assign("o"),
            Actions.assignFrom("p"),
            Actions.set("a", true),
            Actions.remove("a"),
            Actions.segment("s"),
            Actions.present("o"),
            Actions.handOff("f", "s"))) {
      assertTrue(a.isBuiltIn(), a.name());
    }
    assertFalse(Actions.custom("crm-sync").isBuiltIn());
  }

  @Test
  void custom_carriesNameAndParameters() {
    Action a = Actions.custom("crm-sync", ImmutableMap.of("list", "vip", "weight", 2));

    assertEquals("crm-sync", a.name());
    assertEquals(ImmutableMap.of("list", "vip", "weight", 2L), a.params());
    assertEquals(Optional.of("2"), a.param("weight"));
    assertEquals(ImmutableMap.of(), Actions.custom("ping").params());
  }

  @Test
  void custom_withBuiltInName_throwsIae() {
    for (String name :
        ImmutableList.of("send", "assign", "set", "remove", "segment", "present", "hand-off")) {
      assertThrows(IllegalArgumentException.class, () -> Actions.custom(name), name);
      assertThrows(
          IllegalArgumentException.class, () -> Actions.custom(name, ImmutableMap.of()), name);
    }
  }

  @Test
  @SuppressWarnings("JavaUtilDate") // a Date is the unsupported value the test passes
  void action_blankNameOrUnsupportedParameter_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Actions.custom(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> Actions.custom("crm-sync", ImmutableMap.of("when", new Date())));
    assertThrows(IllegalArgumentException.class, () -> Actions.set("when", new Date()));
    assertThrows(IllegalArgumentException.class, () -> Actions.send(""));
  }

  // ---------------------------------------------------------------------------------------------
  // Firing

  @Test
  void fire_returnsActionsAsEffectsInDeclaredOrder() {
    ImmutableList<Action> actions =
        ImmutableList.of(
            Actions.send("welcome-1"),
            Actions.send("welcome-2", "sms"),
            Actions.assign("ben"),
            Actions.set("score", 10),
            Actions.remove("temp"),
            Actions.segment("rational"),
            Actions.present("guide"),
            Actions.handOff("repeat-sales", "engaged"),
            Actions.custom("crm-sync", ImmutableMap.of("list", "vip")));
    Funnel f = running(actions.toArray(new Action[0]));

    Outcome out = f.fire(lead(f), Event.of("e1", "go", T0));

    assertEquals(actions, out.effects());
  }

  @Test
  void fire_appliesAssignSetRemoveAndSegmentToTheNextLead() {
    Funnel f =
        running(
            Actions.assign("ben"),
            Actions.set("score", new BigDecimal("9.5")),
            Actions.set("country", "DE"),
            Actions.remove("temp"),
            Actions.segment("rational"));
    Lead before = lead(f);

    Lead after = f.fire(before, Event.of("e1", "go", T0)).lead();

    assertEquals(Optional.of("ben"), after.owner());
    assertEquals(
        ImmutableMap.of("score", new BigDecimal("9.5"), "country", "DE"), after.attributes());
    assertEquals(ImmutableList.of("newsletter", "rational"), after.segments().asList());
    assertEquals(Optional.of("anna"), before.owner());
    assertEquals(ImmutableSet.of("newsletter"), before.segments());
  }

  @Test
  void fire_stayTransition_appliesActionsToo() {
    Funnel f = running(Actions.set("score", 2), Actions.segment("vip"));

    Lead after = f.fire(lead(f), Event.of("e1", "stay", T0)).lead();

    assertEquals("start", after.stage());
    assertEquals(Optional.of(2L), after.attribute("score"));
    assertTrue(after.segments().contains("vip"));
  }

  @Test
  void fire_actionsAreAppliedInOrder() {
    Funnel setThenRemove = running(Actions.set("flag", true), Actions.remove("flag"));
    Funnel removeThenSet = running(Actions.remove("flag"), Actions.set("flag", true));
    Funnel twoOwners = running(Actions.assign("ben"), Actions.assign("cleo"));

    assertEquals(
        Optional.empty(),
        setThenRemove.fire(lead(setThenRemove), Event.of("e", "go", T0)).lead().attribute("flag"));
    assertEquals(
        Optional.of(true),
        removeThenSet.fire(lead(removeThenSet), Event.of("e", "go", T0)).lead().attribute("flag"));
    assertEquals(
        Optional.of("cleo"),
        twoOwners.fire(lead(twoOwners), Event.of("e", "go", T0)).lead().owner());
  }

  @Test
  void fire_segmentAlreadyJoined_isKeptOnce() {
    Funnel f =
        running(Actions.segment("newsletter"), Actions.segment("vip"), Actions.segment("vip"));

    Lead after = f.fire(lead(f), Event.of("e1", "go", T0)).lead();

    assertEquals(ImmutableList.of("newsletter", "vip"), after.segments().asList());
  }

  @Test
  void fire_removeMissingAttribute_changesNothing() {
    Funnel f = running(Actions.remove("never-set"));
    Lead before = lead(f);

    Lead after = f.fire(before, Event.of("e1", "go", T0)).lead();

    assertEquals(before.attributes(), after.attributes());
  }

  @Test
  void fire_assignFromPool_leavesOwnerUnchanged() {
    Funnel f = running(Actions.assignFrom("sales-team"));
    Lead owned = lead(f);
    Lead unowned = f.enter("lead-2", "ads", T0).lead();

    Outcome out = f.fire(owned, Event.of("e1", "go", T0));

    assertEquals(Optional.of("anna"), out.lead().owner());
    assertEquals(ImmutableList.of(Actions.assignFrom("sales-team")), out.effects());
    assertEquals(Optional.empty(), f.fire(unowned, Event.of("e1", "go", T0)).lead().owner());
  }

  @Test
  void fire_effectOnlyActions_leaveWhatIsKnownUnchanged() {
    Funnel f =
        running(
            Actions.send("welcome-1"),
            Actions.present("guide"),
            Actions.handOff("repeat-sales", "engaged"),
            Actions.custom("assign-later", ImmutableMap.of("owner", "ben")));
    Lead before = lead(f);

    Lead after = f.fire(before, Event.of("e1", "go", T0)).lead();

    assertEquals(before.owner(), after.owner());
    assertEquals(before.attributes(), after.attributes());
    assertEquals(before.segments(), after.segments());
    assertEquals(before.purchases(), after.purchases());
  }

  @Test
  void fire_setNumber_isNormalisedLikeOtherAttributes() {
    Funnel f = running(Actions.set("score", 10));

    Lead after = f.fire(lead(f), Event.of("e1", "go", T0)).lead();

    assertEquals(Optional.of(10L), after.attribute("score"));
  }

  @Test
  void fire_actionsAfterTimerCancellationAndBeforeScheduling() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .stage("c")
            .won()
            .on("go")
            .from("a")
            .to("b")
            .then(Actions.send("moved"))
            .on("tick")
            .from("a", "b")
            .on("end")
            .from("b")
            .to("c")
            .after(Duration.ofHours(1))
            .in("a")
            .fire("tick")
            .after(Duration.ofHours(2))
            .in("b")
            .fire("tick")
            .build();
    Lead lead = f.enter("l", "ads", T0).lead();

    Outcome out = f.fire(lead, Event.of("e1", "go", T0));

    ScheduledTimer inA = new ScheduledTimer("a", "tick", T0.plus(Duration.ofHours(1)));
    ScheduledTimer inB = new ScheduledTimer("b", "tick", T0.plus(Duration.ofHours(2)));
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(inA), Actions.send("moved"), new Effect.TimerScheduled(inB)),
        out.effects());
  }
}
