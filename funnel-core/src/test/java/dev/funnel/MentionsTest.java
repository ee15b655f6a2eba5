package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

/**
 * What a definition names: the custom actions of its transitions and stages' on-enter, and the
 * custom guards of its transitions, goals, exits and scoring rules, however deep in a condition.
 */
final class MentionsTest {

  @Test
  void customActions_ofTransitionsThenOnEnter_leaveOutTheBuiltIns() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .onEnter(Actions.send("hello"), Actions.custom("crm-sync"))
            .stage("c")
            .onEnter(Actions.custom("notify"), Actions.segment("late"))
            .stage("b")
            .won()
            .on("go")
            .from("a")
            .to("c")
            .then(Actions.custom("audit"), Actions.assign("anna"))
            .on("done")
            .from("c")
            .to("b")
            .build();
    assertEquals(ImmutableList.of("audit", "crm-sync", "notify"), f.customActions().asList());
  }

  @Test
  void customGuards_ofTransitionsGoalsExitsAndScoring_areFoundInsideEveryCombinator() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .stage("gone")
            .lost()
            .on("go")
            .from("a")
            .to("b")
            .when(Conditions.not(Conditions.custom("is-bot")))
            .on("quit")
            .from("a")
            .to("gone")
            .goal("big")
            .onEvent("paid")
            .when(Conditions.all(Conditions.channel("ads"), Conditions.custom("is-big")))
            .to("b")
            .exit("fraud")
            .when(Conditions.any(Conditions.owner("anna"), Conditions.custom("is-fraud")))
            .to("gone")
            .scoring(Scoring.builder().points("opened", 1, Conditions.custom("is-human")).build())
            .build();
    assertEquals(
        ImmutableList.of("is-bot", "is-big", "is-fraud", "is-human"), f.customGuards().asList());
  }
}
