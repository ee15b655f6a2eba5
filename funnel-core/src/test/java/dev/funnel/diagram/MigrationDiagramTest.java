package dev.funnel.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class MigrationDiagramTest {

  /** Version 1: a lead is nudged after two days; a tripwire stage expires after one. */
  static Funnel v1() {
    return Funnel.builder("shop")
        .version(1)
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("tripwire")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .on("nudge")
        .from("lead")
        .stay()
        .on("declined")
        .from("lead")
        .to("tripwire")
        .on("paid")
        .from("lead", "tripwire")
        .to("buyer")
        .on("expired")
        .from("tripwire")
        .to("lost")
        .after(Duration.ofDays(2))
        .in("lead")
        .fire("nudge")
        .after(Duration.ofDays(1))
        .in("tripwire")
        .fire("expired")
        .build();
  }

  /** Version 2: the lead is a prospect, nudged after one day; no tripwire; a checkout stage. */
  static Funnel v2() {
    FunnelBuilder b =
        Funnel.builder("shop")
            .version(2)
            .stage("visitor")
            .entry()
            .stage("prospect")
            .stage("checkout")
            .stage("buyer")
            .won()
            .stage("lost")
            .lost();
    return b.on("contact-left")
        .from("visitor")
        .to("prospect")
        .on("nudge")
        .from("prospect")
        .stay()
        .on("cart")
        .from("prospect")
        .to("checkout")
        .on("paid")
        .from("prospect", "checkout")
        .to("buyer")
        .on("gone")
        .from("checkout")
        .to("lost")
        .after(Duration.ofDays(1))
        .in("prospect")
        .fire("nudge")
        .build();
  }

  static Migration migration() {
    return Migration.between(v1(), v2())
        .rename("lead", "prospect")
        .move("tripwire", "prospect")
        .timer("lead", "nudge", TimerPolicy.RECOMPUTE)
        .timer("tripwire", "expired", TimerPolicy.DROP)
        .build();
  }

  @Test
  void mermaid_drawsBothVersionsAndEveryMove() {
    assertEquals(
        """
        flowchart LR
          %% shop: version 1 to version 2
          classDef removed fill:#f2dede,stroke:#a94442,stroke-dasharray: 5 5
          classDef added fill:#fcf8e3,stroke:#8a6d3b
          classDef won fill:#dff0d8,stroke:#3c763d
          classDef lost fill:#eeeeee,stroke:#777777
          classDef junk fill:#f2dede,stroke:#a94442
          subgraph before ["version 1"]
            direction TB
            a0["visitor"]
            a1["lead"]
            a2["tripwire · removed"]
            a3["buyer · won"]
            a4["lost"]
            a0 -->|contact-left| a1
            a1 -->|nudge| a1
            a1 -->|declined| a2
            a1 -->|paid| a3
            a2 -->|paid| a3
            a2 -->|expired| a4
          end
          subgraph after ["version 2"]
            direction TB
            b0["visitor"]
            b1["prospect"]
            b2["checkout · added"]
            b3["buyer · won"]
            b4["lost"]
            b0 -->|contact-left| b1
            b1 -->|nudge| b1
            b1 -->|cart| b2
            b1 -->|paid| b3
            b2 -->|paid| b3
            b2 -->|gone| b4
          end
          a0 -.->|kept| b0
          a1 ==>|renamed · nudge#58; recompute, after 2d #8594; 1d| b1
          a2 ==>|merged · expired#58; drop| b1
          a3 -.->|kept| b3
          a4 -.->|kept| b4
          class a2 removed
          class a3 won
          class a4 lost
          class b2 added
          class b3 won
          class b4 lost
        """,
        MigrationDiagram.mermaid(migration()));
  }

  @Test
  void dot_drawsBothVersionsAsClustersAndEveryMove() {
    assertEquals(
        """
        digraph migration {
          graph [rankdir=LR, labelloc=t, fontname="Helvetica", label="shop: version 1 to version 2"];
          node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4e79a7", fontname="Helvetica"];
          edge [fontname="Helvetica", fontsize=10, color="#555555"];
          subgraph cluster_before {
            label="version 1";
            color="#bbbbbb";
            a0 [label="visitor"];
            a1 [label="lead"];
            a2 [label="tripwire\\nremoved", style="rounded,filled,dashed", fillcolor="#f2dede", color="#a94442"];
            a3 [label="buyer\\nwon", peripheries=2, fillcolor="#dff0d8", color="#3c763d"];
            a4 [label="lost", peripheries=2, fillcolor="#eeeeee", color="#777777"];
            a0 -> a1 [label="contact-left"];
            a1 -> a1 [label="nudge"];
            a1 -> a2 [label="declined"];
            a1 -> a3 [label="paid"];
            a2 -> a3 [label="paid"];
            a2 -> a4 [label="expired"];
          }
          subgraph cluster_after {
            label="version 2";
            color="#bbbbbb";
            b0 [label="visitor"];
            b1 [label="prospect"];
            b2 [label="checkout\\nadded", fillcolor="#fcf8e3", color="#8a6d3b"];
            b3 [label="buyer\\nwon", peripheries=2, fillcolor="#dff0d8", color="#3c763d"];
            b4 [label="lost", peripheries=2, fillcolor="#eeeeee", color="#777777"];
            b0 -> b1 [label="contact-left"];
            b1 -> b1 [label="nudge"];
            b1 -> b2 [label="cart"];
            b1 -> b3 [label="paid"];
            b2 -> b3 [label="paid"];
            b2 -> b4 [label="gone"];
          }
          a0 -> b0 [label="kept", style=dashed, color="#999999"];
          a1 -> b1 [label="renamed\\nnudge: recompute, after 2d → 1d", penwidth=2, color="#e15759"];
          a2 -> b1 [label="merged\\nexpired: drop", penwidth=2, color="#e15759"];
          a3 -> b3 [label="kept", style=dashed, color="#999999"];
          a4 -> b4 [label="kept", style=dashed, color="#999999"];
        }
        """,
        MigrationDiagram.dot(migration()));
  }

  @Test
  void identity_drawsEveryStageKept() {
    Funnel v2 = v1().toBuilder().version(2).build();
    String mermaid = MigrationDiagram.mermaid(Migration.between(v1(), v2).build());

    assertEquals(5, mermaid.split(" -.->\\|kept", -1).length - 1, mermaid);
    assertEquals(-1, mermaid.indexOf(" ==>"), mermaid);
  }
}
