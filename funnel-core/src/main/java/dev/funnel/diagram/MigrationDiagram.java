package dev.funnel.diagram;

import static java.util.Objects.requireNonNull;

import dev.funnel.Funnel;
import dev.funnel.Stage;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerKey;
import dev.funnel.migration.TimerPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Migration} drawn as version N beside version N+1 with the moves of its leads between
 * them, in Mermaid ({@code flowchart}, whose subgraphs may be joined by arrows) or Graphviz DOT
 * text. Stateless and thread-safe.
 *
 * <p>What is drawn:
 *
 * <ul>
 *   <li>each version as a box of its stages, in declaration order, with the transitions between
 *       them labelled with their events (transitions between the same two stages share one arrow;
 *       transitions from any active stage are left out); terminal and manual stages say so and are
 *       coloured by kind as {@link Diagram} colours them, a stage of N that N+1 lacks and that is
 *       not renamed says "removed", and a stage of N+1 that no stage of N moves to says "added";
 *   <li>one move per stage of N to the stage of N+1 its leads go to, labelled "kept" (the same
 *       stage, drawn dashed), "renamed", "merged" (into a stage that takes the leads of more than
 *       one stage of N) or "moved" (such as the leads of a removed stage), drawn bold;
 *   <li>on each move, what happens to a pending timer of the stage: its event and {@linkplain
 *       TimerPolicy policy}, and its delay in each version where they differ, such as {@code nudge:
 *       recompute, after 2d → 1d}.
 * </ul>
 *
 * <p>The output depends only on the migration, so the same migration always gives the same text.
 * Every id and label is escaped for the target language.
 */
public final class MigrationDiagram {
  private MigrationDiagram() {}

  /** A stage as drawn, with how the migration treats it. */
  private record Node(String id, List<String> lines, Mark mark, Stage stage) {}

  /** An arrow inside one version: every transition between the same two stages. */
  private record Arrow(String from, String to, List<String> events) {}

  /** The move of one stage's leads, with its kind and the timer policies it carries. */
  private record Move(String from, String to, String kind, List<String> timers) {}

  /** How a stage fares in the migration. */
  private enum Mark {
    KEPT,
    REMOVED,
    ADDED
  }

  /** What both languages draw. */
  private record Model(
      String title,
      String fromLabel,
      String toLabel,
      List<Node> fromNodes,
      List<Node> toNodes,
      List<Arrow> fromArrows,
      List<Arrow> toArrows,
      List<Move> moves) {}

  /**
   * Returns the migration as a Mermaid flowchart: version N beside version N+1, with the moves.
   *
   * @param migration the migration
   * @return Mermaid text starting with {@code flowchart LR}
   */
  public static String mermaid(Migration migration) {
    return mermaid(model(requireNonNull(migration, "migration")));
  }

  /**
   * Returns the migration as a Graphviz DOT digraph: version N beside version N+1, each a cluster,
   * with the moves.
   *
   * @param migration the migration
   * @return DOT text
   */
  public static String dot(Migration migration) {
    return dot(model(requireNonNull(migration, "migration")));
  }

  // ----------------------------------------------------------------------------------------------
  // The model

  private static Model model(Migration m) {
    Funnel from = m.from();
    Funnel to = m.to();
    Map<String, String> stageMap = m.stageMap();
    Map<String, Integer> intake = new HashMap<>();
    for (String target : stageMap.values()) {
      intake.merge(target, 1, Integer::sum);
    }
    Map<String, String> fromIds = new LinkedHashMap<>();
    List<Node> fromNodes = new ArrayList<>();
    for (Stage s : from.stages()) {
      String id = "a" + fromIds.size();
      fromIds.put(s.id(), id);
      boolean gone = to.stage(s.id()).isEmpty() && !m.renames().contains(s.id());
      Mark mark = gone ? Mark.REMOVED : Mark.KEPT;
      fromNodes.add(node(id, s, mark));
    }
    Map<String, String> toIds = new LinkedHashMap<>();
    List<Node> toNodes = new ArrayList<>();
    for (Stage s : to.stages()) {
      String id = "b" + toIds.size();
      toIds.put(s.id(), id);
      toNodes.add(node(id, s, intake.containsKey(s.id()) ? Mark.KEPT : Mark.ADDED));
    }
    List<Move> moves = new ArrayList<>();
    for (Stage s : from.stages()) {
      String target = stageMap.get(s.id());
      if (target == null) {
        continue;
      }
      String kind;
      if (m.renames().contains(s.id())) {
        kind = "renamed";
      } else if (target.equals(s.id()) && !m.moves().containsKey(s.id())) {
        kind = "kept";
      } else if (intake.getOrDefault(target, 0) > 1) {
        kind = "merged";
      } else {
        kind = "moved";
      }
      moves.add(
          new Move(
              requireNonNull(fromIds.get(s.id())),
              requireNonNull(toIds.get(target)),
              kind,
              timers(m, s.id(), target)));
    }
    return new Model(
        from.id() + ": version " + from.version() + " to version " + to.version(),
        "version " + from.version(),
        "version " + to.version(),
        fromNodes,
        toNodes,
        arrows(from, fromIds),
        arrows(to, toIds),
        moves);
  }

  private static Node node(String id, Stage s, Mark mark) {
    List<String> lines = new ArrayList<>();
    lines.add(s.id());
    String kind = Diagram.kind(s);
    if (!kind.isEmpty()) {
      lines.add(kind);
    }
    if (mark == Mark.REMOVED) {
      lines.add("removed");
    } else if (mark == Mark.ADDED) {
      lines.add("added");
    }
    return new Node(id, lines, mark, s);
  }

  private static List<Arrow> arrows(Funnel f, Map<String, String> ids) {
    List<Arrow> arrows = new ArrayList<>();
    for (Transition t : f.transitions()) {
      if (t.isFromAny()) {
        continue;
      }
      for (String source : t.from()) {
        String target = t.to() == null ? source : requireNonNull(t.to());
        String a = requireNonNull(ids.get(source));
        String b = requireNonNull(ids.get(target));
        Arrow arrow = null;
        for (Arrow x : arrows) {
          if (x.from.equals(a) && x.to.equals(b)) {
            arrow = x;
            break;
          }
        }
        if (arrow == null) {
          arrow = new Arrow(a, b, new ArrayList<>());
          arrows.add(arrow);
        }
        if (!arrow.events.contains(t.event())) {
          arrow.events.add(t.event());
        }
      }
    }
    return arrows;
  }

  /** Returns the policy of each timer of the old stage, in the old version's declaration order. */
  private static List<String> timers(Migration m, String stage, String target) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<TimerKey, TimerPolicy> e : m.policies().entrySet()) {
      TimerKey key = e.getKey();
      if (!key.stage().equals(stage)) {
        continue;
      }
      StringBuilder b = new StringBuilder(key.event()).append(": ").append(e.getValue().id());
      Duration before = delay(m.from(), stage, key.event());
      Duration after = delay(m.to(), target, key.event());
      if (e.getValue() != TimerPolicy.DROP
          && before != null
          && after != null
          && !before.equals(after)) {
        b.append(", after ")
            .append(Text.duration(before))
            .append(" → ")
            .append(Text.duration(after));
      }
      lines.add(b.toString());
    }
    return lines;
  }

  private static @Nullable Duration delay(Funnel f, String stage, String event) {
    for (Timer t : f.timers()) {
      if (t.stage().equals(stage) && t.event().equals(event)) {
        return t.after();
      }
    }
    return null;
  }

  // ----------------------------------------------------------------------------------------------
  // Mermaid

  private static String mermaid(Model m) {
    StringBuilder b = new StringBuilder();
    b.append("flowchart LR\n");
    b.append("  %% ").append(m.title.replaceAll("[\\r\\n]+", " ")).append('\n');
    b.append("  classDef removed fill:#f2dede,stroke:#a94442,stroke-dasharray: 5 5\n");
    b.append("  classDef added fill:#fcf8e3,stroke:#8a6d3b\n");
    b.append("  classDef won fill:#dff0d8,stroke:#3c763d\n");
    b.append("  classDef lost fill:#eeeeee,stroke:#777777\n");
    b.append("  classDef junk fill:#f2dede,stroke:#a94442\n");
    mermaidVersion(b, "before", m.fromLabel, m.fromNodes, m.fromArrows);
    mermaidVersion(b, "after", m.toLabel, m.toNodes, m.toArrows);
    for (Move mv : m.moves) {
      List<String> lines = new ArrayList<>();
      lines.add(mv.kind);
      lines.addAll(mv.timers);
      b.append("  ").append(mv.from).append(mv.kind.equals("kept") ? " -.->|" : " ==>|");
      b.append(Diagram.mermaidText(String.join(" · ", lines))).append("| ");
      b.append(mv.to).append('\n');
    }
    List<Node> all = new ArrayList<>(m.fromNodes);
    all.addAll(m.toNodes);
    for (Node n : all) {
      if (n.mark == Mark.REMOVED) {
        b.append("  class ").append(n.id).append(" removed\n");
      } else if (n.mark == Mark.ADDED) {
        b.append("  class ").append(n.id).append(" added\n");
      } else if (n.stage.isTerminal()) {
        b.append("  class ").append(n.id).append(' ');
        b.append(n.stage.kind().name().toLowerCase(Locale.ROOT)).append('\n');
      }
    }
    return b.toString();
  }

  private static void mermaidVersion(
      StringBuilder b, String id, String label, List<Node> nodes, List<Arrow> arrows) {
    b.append("  subgraph ").append(id).append(" [\"").append(Diagram.mermaidText(label));
    b.append("\"]\n");
    b.append("    direction TB\n");
    for (Node n : nodes) {
      b.append("    ").append(n.id).append("[\"");
      b.append(Diagram.mermaidText(String.join(" · ", n.lines))).append("\"]\n");
    }
    for (Arrow a : arrows) {
      b.append("    ").append(a.from).append(" -->|");
      b.append(Diagram.mermaidText(String.join(", ", a.events))).append("| ");
      b.append(a.to).append('\n');
    }
    b.append("  end\n");
  }

  // ----------------------------------------------------------------------------------------------
  // DOT

  private static String dot(Model m) {
    StringBuilder b = new StringBuilder();
    b.append("digraph migration {\n");
    b.append("  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=\"");
    b.append(Diagram.dotText(m.title)).append("\"];\n");
    b.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", ");
    b.append("color=\"#4e79a7\", fontname=\"Helvetica\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n");
    dotVersion(b, "before", m.fromLabel, m.fromNodes, m.fromArrows);
    dotVersion(b, "after", m.toLabel, m.toNodes, m.toArrows);
    for (Move mv : m.moves) {
      List<String> lines = new ArrayList<>();
      lines.add(mv.kind);
      lines.addAll(mv.timers);
      b.append("  ").append(mv.from).append(" -> ").append(mv.to).append(" [label=\"");
      StringJoiner j = new StringJoiner("\\n");
      for (String l : lines) {
        j.add(Diagram.dotText(l));
      }
      b.append(j).append('"');
      if (mv.kind.equals("kept")) {
        b.append(", style=dashed, color=\"#999999\"");
      } else {
        b.append(", penwidth=2, color=\"#e15759\"");
      }
      b.append("];\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private static void dotVersion(
      StringBuilder b, String id, String label, List<Node> nodes, List<Arrow> arrows) {
    b.append("  subgraph cluster_").append(id).append(" {\n");
    b.append("    label=\"").append(Diagram.dotText(label)).append("\";\n");
    b.append("    color=\"#bbbbbb\";\n");
    for (Node n : nodes) {
      StringJoiner j = new StringJoiner("\\n");
      for (String l : n.lines) {
        j.add(Diagram.dotText(l));
      }
      b.append("    ").append(n.id).append(" [label=\"").append(j).append('"');
      Stage s = n.stage;
      if (s.isTerminal()) {
        b.append(", peripheries=2");
      }
      if (n.mark == Mark.REMOVED) {
        b.append(", style=\"rounded,filled,dashed\", fillcolor=\"#f2dede\", color=\"#a94442\"");
      } else if (n.mark == Mark.ADDED) {
        b.append(", fillcolor=\"#fcf8e3\", color=\"#8a6d3b\"");
      } else if (s.isTerminal()) {
        switch (s.kind()) {
          case WON -> b.append(", fillcolor=\"#dff0d8\", color=\"#3c763d\"");
          case JUNK -> b.append(", fillcolor=\"#f2dede\", color=\"#a94442\"");
          default -> b.append(", fillcolor=\"#eeeeee\", color=\"#777777\"");
        }
      }
      b.append("];\n");
    }
    for (Arrow a : arrows) {
      b.append("    ").append(a.from).append(" -> ").append(a.to).append(" [label=\"");
      b.append(Diagram.dotText(String.join(", ", a.events))).append("\"];\n");
    }
    b.append("  }\n");
  }
}
