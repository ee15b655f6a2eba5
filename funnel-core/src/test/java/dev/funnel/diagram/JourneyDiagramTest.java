package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purpose;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goals, exits, on-enter actions and converting stages, drawn exactly. */
final class JourneyDiagramTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Funnel journeys() {
    return Funnel.builder("journeys")
        .stage("visitor")
        .entry()
        .onEnter(Actions.send("hello", "email"))
        .stage("buyer")
        .converts()
        .onEnter(
            Actions.send("receipt", "email", Purpose.TRANSACTIONAL),
            Actions.segment("customers"),
            Actions.handOff("club", "engagement"))
        .stage("repeat-customer")
        .won()
        .stage("lost")
        .lost()
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .after(Duration.ofDays(30))
        .in("visitor")
        .fire("gone")
        .on("gone")
        .from("visitor")
        .to("lost")
        .goal("purchase")
        .onEvent("paid")
        .when(Conditions.attr("total").gt(0))
        .within(Duration.ofDays(30))
        .to("buyer")
        .goal("vip")
        .when(Conditions.inSegment("vip"))
        .to("repeat-customer")
        .exit("unsubscribed")
        .onEvent("unsubscribed")
        .to("lost")
        .build();
  }

  @Test
  void mermaid_drawsGoalsExitsAndOnEnterActions() {
    assertEquals(
        """
        stateDiagram-v2
          %% journeys (version 1)
          direction LR
          classDef manual stroke-dasharray: 5 5
          classDef won fill:#dff0d8,stroke:#3c763d
          classDef lost fill:#eeeeee,stroke:#777777
          classDef junk fill:#f2dede,stroke:#a94442
          classDef any fill:#ffffff,stroke:#999999,stroke-dasharray: 2 2
          state "visitor" as s0
          state "buyer · converts" as s1
          state "repeat-customer · won" as s2
          state "lost" as s3
          state "any active stage" as any
          [*] --> s0
          s1 --> s2 : paid
          s0 --> s3 : gone (after 30d)
          any --> s1 : goal purchase#58; paid [total #62; 0], within 30d, converted
          any --> s2 : goal vip#58; [in segment 'vip'], converted
          any --> s3 : exit unsubscribed#58; unsubscribed
          s2 --> [*]
          s3 --> [*]
          note right of s0
            on enter#58; send hello by email
          end note
          note right of s1
            on enter#58; send receipt by email (transactional), segment customers, hand off to club/engagement
          end note
          class s2 won
          class s3 lost
          class any any
        """,
        Diagram.mermaid(journeys()));
  }

  @Test
  void dot_drawsGoalsExitsAndOnEnterActions() {
    assertEquals(
        """
        digraph funnel {
          graph [rankdir=LR, labelloc=t, fontname="Helvetica", label="journeys (version 1)"];
          node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4e79a7", \
        fontname="Helvetica"];
          edge [fontname="Helvetica", fontsize=10, color="#555555"];
          start [shape=point, width=0.15, label=""];
          s0 [label="visitor"];
          s1 [label="buyer\\nconverts"];
          s2 [label="repeat-customer\\nwon", peripheries=2, fillcolor="#dff0d8", color="#3c763d"];
          s3 [label="lost", peripheries=2, fillcolor="#eeeeee", color="#777777"];
          any [label="any active stage", shape=plaintext, style=""];
          start -> s0;
          s1 -> s2 [label="paid"];
          s0 -> s3 [label="gone (after 30d)"];
          any -> s1 [label="goal purchase: paid [total > 0], within 30d, converted", style=dashed];
          any -> s2 [label="goal vip: [in segment 'vip'], converted", style=dashed];
          any -> s3 [label="exit unsubscribed: unsubscribed", style=dashed];
          timers0 [shape=note, style=filled, fillcolor="#fffbe6", \
        label="on enter: send hello by email\\l"];
          s0 -> timers0 [style=dotted, arrowhead=none];
          timers1 [shape=note, style=filled, fillcolor="#fffbe6", label="on enter: send receipt by \
        email (transactional), segment customers, hand off to club/engagement\\l"];
          s1 -> timers1 [style=dotted, arrowhead=none];
        }
        """,
        Diagram.dot(journeys()));
  }

  @Test
  void mermaid_report_countsTheLeadsThatReachedEachGoalAndExit() {
    Funnel f = journeys();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Outcome entered = f.newLead("l" + i, "ads").attribute("total", 10).enter(T0);
      steps.addAll(entered.steps());
      Lead lead = entered.lead();
      String type = i < 3 ? "paid" : "unsubscribed";
      steps.addAll(f.fire(lead, Event.of("e" + i, type, T0.plusSeconds(60))).steps());
    }
    String m = Diagram.mermaid(Report.of(f, steps));

    assertEquals(
        List.of(
            "  state \"buyer · converts · 3 entered\" as s1",
            "  any --> s1 : goal purchase#58; paid [total #62; 0], within 30d, converted · 3",
            "  any --> s2 : goal vip#58; [in segment 'vip'], converted · 0",
            "  any --> s3 : exit unsubscribed#58; unsubscribed · 2"),
        m.lines().filter(l -> l.contains("as s1") || l.startsWith("  any --> ")).toList());
  }
}
