package dev.funnel.diagram;

import static java.util.Objects.requireNonNull;

import dev.funnel.Action;
import dev.funnel.Condition;
import dev.funnel.Exit;
import dev.funnel.Funnel;
import dev.funnel.Goal;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A funnel definition drawn as a state diagram, in Mermaid ({@code stateDiagram-v2}) or Graphviz
 * DOT text, optionally annotated with a {@link Report}'s counts. Stateless and thread-safe.
 *
 * <p>What is drawn:
 *
 * <ul>
 *   <li>every stage, labelled with its id; entry stages are reached from the start point, terminal
 *       stages lead to the end point (Mermaid) or have a double border (DOT) and are coloured by
 *       kind (won green, lost grey, junk red, with the junk reason); manual stages are dashed and
 *       say "manual";
 *   <li>every transition as an arrow labelled with its event, its guard in brackets, and the offers
 *       its actions name (such as {@code / present upsell}); a transition that stays is a loop; a
 *       transition from any active stage starts at an "any active stage" node. Transitions between
 *       the same two stages share one arrow whose label lists each of them (in Mermaid separated by
 *       {@code |}, in DOT one per line), so a stage's loops and parallel moves all show and no
 *       label is drawn over another;
 *   <li>timers on the arrow their event takes from the timer's stage ({@code (after 7d)}), or, if
 *       no transition takes it there, in a note on the stage;
 *   <li>a stage's on-enter actions in a note on the stage ({@code on enter: send welcome-1 by
 *       email, segment riders}), and "converts" on a stage that counts as a conversion;
 *   <li>goals and exits as arrows from the "any active stage" node to their stage, labelled with
 *       what sets them off (the event, the condition in brackets), a goal's window and, for a goal
 *       whose stage counts as a conversion, "converted" ({@code goal purchase: paid, within 30d,
 *       converted}; {@code exit unsubscribed: unsubscribed});
 *   <li>the offer ladder in a note: each offer's id, tier and price.
 * </ul>
 *
 * <p>Annotated with a report, each stage also shows how many times leads entered it, and each arrow
 * how many times its transition was taken ({@link Report#taken}) and, from a single stage, that
 * count as a share of the stage's entries. Transitions that share a source, event and target show
 * the same count, and a goal's or an exit's arrow how many leads took it. Every id and label is
 * escaped for the target language, so any stage, event or offer id is drawn as written.
 */
public final class Diagram {
  private Diagram() {}

  /** A stage or pseudo-stage as drawn. */
  private record Node(String id, List<String> lines, @Nullable Stage stage) {}

  /**
   * An arrow as drawn: every transition between the same two nodes, each with its lines, on one
   * arrow, so no label hides behind another and a stage's loops all show.
   */
  private record Arrow(String from, String to, List<List<String>> parts) {}

  /** What both languages draw. */
  private record Model(
      String title,
      List<Node> nodes,
      List<String> entries,
      List<String> terminals,
      List<Arrow> arrows,
      Map<String, List<String>> notes,
      List<String> offers) {}

  private static final String ANY = "any";

  /**
   * Returns the funnel as a Mermaid state diagram.
   *
   * @param funnel the funnel
   * @return Mermaid text starting with {@code stateDiagram-v2}
   */
  public static String mermaid(Funnel funnel) {
    return mermaid(model(funnel, null));
  }

  /**
   * Returns the report's funnel as a Mermaid state diagram annotated with the report's counts.
   *
   * @param report the report
   * @return Mermaid text starting with {@code stateDiagram-v2}
   */
  public static String mermaid(Report report) {
    return mermaid(model(report.funnel(), report));
  }

  /**
   * Returns the funnel as a Graphviz DOT digraph.
   *
   * @param funnel the funnel
   * @return DOT text
   */
  public static String dot(Funnel funnel) {
    return dot(model(funnel, null));
  }

  /**
   * Returns the report's funnel as a Graphviz DOT digraph annotated with the report's counts.
   *
   * @param report the report
   * @return DOT text
   */
  public static String dot(Report report) {
    return dot(model(report.funnel(), report));
  }

  // ----------------------------------------------------------------------------------------------
  // The model

  private static Model model(Funnel funnel, @Nullable Report report) {
    requireNonNull(funnel, "funnel");
    List<Node> nodes = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    List<String> entries = new ArrayList<>();
    List<String> terminals = new ArrayList<>();
    for (Stage s : funnel.stages()) {
      String id = "s" + ids.size();
      ids.put(s.id(), id);
      List<String> lines = new ArrayList<>();
      lines.add(s.id());
      String kind = kind(s);
      if (!kind.isEmpty()) {
        lines.add(kind);
      }
      if (report != null) {
        lines.add(Text.count(report.entered(s.id())) + " entered");
      }
      nodes.add(new Node(id, lines, s));
      if (s.entry()) {
        entries.add(id);
      }
      if (s.isTerminal()) {
        terminals.add(id);
      }
    }

    List<Arrow> arrows = new ArrayList<>();
    boolean any = false;
    for (Transition t : funnel.transitions()) {
      String label = transitionLabel(t);
      if (t.isFromAny()) {
        any = true;
        String to = t.to();
        String target = to == null ? ANY : requireNonNull(ids.get(to));
        List<String> lines = new ArrayList<>();
        lines.add(label);
        if (report != null) {
          long n = 0;
          for (Stage s : funnel.stages()) {
            if (!s.isTerminal()) {
              n += report.taken(s.id(), t.event(), to == null ? s.id() : to);
            }
          }
          lines.add(String.valueOf(n));
        }
        arrow(arrows, ANY, target, lines);
        continue;
      }
      for (String from : t.from()) {
        String to = t.to() == null ? from : requireNonNull(t.to());
        List<String> lines = new ArrayList<>();
        lines.add(label + timerHint(funnel, from, t.event()));
        if (report != null) {
          long n = report.taken(from, t.event(), to);
          lines.add(Text.count(n) + " · " + Text.percent(Ratio.of(n, report.entered(from))));
        }
        arrow(arrows, requireNonNull(ids.get(from)), requireNonNull(ids.get(to)), lines);
      }
    }
    // Goals and exits apply in every active stage: drawn from the "any active stage" node.
    for (Goal g : funnel.goals()) {
      String label = "goal " + g.id() + ": " + trigger(g.event(), g.condition());
      Duration within = g.within();
      if (within != null) {
        label += ", within " + Text.duration(within);
      }
      if (funnel.stage(g.to()).map(Stage::isConversion).orElse(false)) {
        label += ", converted";
      }
      jump(funnel, report, arrows, ids, label, g.stepType(), g.to());
      any = true;
    }
    for (Exit x : funnel.exits()) {
      String label = "exit " + x.reason() + ": " + trigger(x.event(), x.condition());
      jump(funnel, report, arrows, ids, label, x.stepType(), x.to());
      any = true;
    }
    if (any) {
      nodes.add(new Node(ANY, List.of("any active stage"), null));
    }

    Map<String, List<String>> notes = new HashMap<>();
    for (Stage s : funnel.stages()) {
      if (!s.onEnter().isEmpty()) {
        StringJoiner actions = new StringJoiner(", ", "on enter: ", "");
        for (Action a : s.onEnter()) {
          actions.add(Text.action(a));
        }
        notes
            .computeIfAbsent(requireNonNull(ids.get(s.id())), k -> new ArrayList<>())
            .add(actions.toString());
      }
    }
    for (Timer t : funnel.timers()) {
      if (!takes(funnel, t.stage(), t.event())) {
        String id = ids.get(t.stage());
        if (id != null) {
          notes
              .computeIfAbsent(id, k -> new ArrayList<>())
              .add("after " + Text.duration(t.after()) + ": " + t.event());
        }
      }
    }
    List<String> controls = ControlNotes.of(funnel);
    if (!controls.isEmpty() && !entries.isEmpty()) {
      notes.computeIfAbsent(entries.get(0), k -> new ArrayList<>()).addAll(controls);
    }
    List<String> offers = new ArrayList<>();
    for (Offer o : funnel.offers()) {
      offers.add(Text.offer(o));
    }
    String title = funnel.id() + " (version " + funnel.version() + ")";
    if (report != null) {
      title += ": " + report.entries() + " leads, " + report.converted() + " converted";
    }
    return new Model(title, nodes, entries, terminals, arrows, notes, offers);
  }

  /** Returns what sets a goal or an exit off: its event, its condition in brackets, or both. */
  private static String trigger(@Nullable String event, Condition condition) {
    String guard = Text.guard(condition);
    if (event == null) {
      return "[" + guard + "]";
    }
    return guard.isEmpty() ? event : event + " [" + guard + "]";
  }

  /**
   * Adds the arrow of a goal or an exit from the "any active stage" node, counted, with a report,
   * by the steps recorded under its type from every active stage.
   */
  private static void jump(
      Funnel funnel,
      @Nullable Report report,
      List<Arrow> arrows,
      Map<String, String> ids,
      String label,
      String type,
      String to) {
    List<String> lines = new ArrayList<>();
    lines.add(label);
    if (report != null) {
      long n = 0;
      for (Stage s : funnel.stages()) {
        if (!s.isTerminal()) {
          n += report.taken(s.id(), type, to);
        }
      }
      lines.add(Text.count(n));
    }
    arrow(arrows, ANY, requireNonNull(ids.get(to)), lines);
  }

  /** Adds a transition's lines to the arrow between two nodes, starting the arrow if needed. */
  private static void arrow(List<Arrow> arrows, String from, String to, List<String> lines) {
    for (Arrow a : arrows) {
      if (a.from.equals(from) && a.to.equals(to)) {
        a.parts.add(lines);
        return;
      }
    }
    List<List<String>> parts = new ArrayList<>();
    parts.add(lines);
    arrows.add(new Arrow(from, to, parts));
  }

  static String kind(Stage s) {
    StringJoiner j = new StringJoiner(", ");
    if (s.manual()) {
      j.add("manual");
    }
    if (s.converts()) {
      j.add("converts");
    }
    if (s.isTerminal()) {
      // A stage named after its kind ("lost", "junk") need not say it twice.
      String kind = s.kind().name().toLowerCase(Locale.ROOT);
      String reason = s.reason();
      String said = s.id().equals(kind) ? "" : kind;
      if (reason != null) {
        said = said.isEmpty() ? reason : said + ": " + reason;
      }
      if (!said.isEmpty()) {
        j.add(said);
      }
    }
    return j.toString();
  }

  private static String transitionLabel(Transition t) {
    StringBuilder b = new StringBuilder(t.event());
    String guard = Text.guard(t.guard());
    if (!guard.isEmpty()) {
      b.append(" [").append(guard).append(']');
    }
    StringJoiner offers = new StringJoiner(", ", " / ", "").setEmptyValue("");
    for (Action a : t.actions()) {
      String s = Text.offerAction(a);
      if (!s.isEmpty()) {
        offers.add(s);
      }
    }
    return b.append(offers).toString();
  }

  private static String timerHint(Funnel funnel, String stage, String event) {
    StringJoiner j = new StringJoiner(", ", " (", ")").setEmptyValue("");
    for (Timer t : funnel.timers()) {
      if (t.stage().equals(stage) && t.event().equals(event)) {
        j.add("after " + Text.duration(t.after()));
      }
    }
    return j.toString();
  }

  private static boolean takes(Funnel funnel, String stage, String event) {
    for (Transition t : funnel.transitions()) {
      if (t.event().equals(event) && (t.isFromAny() || t.from().contains(stage))) {
        return true;
      }
    }
    return false;
  }

  // ----------------------------------------------------------------------------------------------
  // Mermaid

  private static String mermaid(Model m) {
    StringBuilder b = new StringBuilder();
    b.append("stateDiagram-v2\n");
    b.append("  %% ").append(comment(m.title)).append('\n');
    b.append("  direction LR\n");
    b.append("  classDef manual stroke-dasharray: 5 5\n");
    b.append("  classDef won fill:#dff0d8,stroke:#3c763d\n");
    b.append("  classDef lost fill:#eeeeee,stroke:#777777\n");
    b.append("  classDef junk fill:#f2dede,stroke:#a94442\n");
    b.append("  classDef any fill:#ffffff,stroke:#999999,stroke-dasharray: 2 2\n");
    for (Node n : m.nodes) {
      b.append("  state \"").append(mermaidText(String.join(" · ", n.lines))).append("\" as ");
      b.append(n.id).append('\n');
    }
    for (String e : m.entries) {
      b.append("  [*] --> ").append(e).append('\n');
    }
    for (Arrow a : m.arrows) {
      b.append("  ").append(a.from).append(" --> ").append(a.to).append(" : ");
      StringJoiner label = new StringJoiner(" | ");
      for (List<String> part : a.parts) {
        label.add(String.join(" · ", part));
      }
      b.append(mermaidText(label.toString())).append('\n');
    }
    for (String t : m.terminals) {
      b.append("  ").append(t).append(" --> [*]\n");
    }
    for (Node n : m.nodes) {
      List<String> notes = m.notes.get(n.id);
      if (notes != null) {
        b.append("  note right of ").append(n.id).append('\n');
        for (String line : notes) {
          b.append("    ").append(mermaidText(line)).append('\n');
        }
        b.append("  end note\n");
      }
    }
    if (!m.offers.isEmpty() && !m.entries.isEmpty()) {
      b.append("  note left of ").append(m.entries.get(0)).append('\n');
      b.append("    offers\n");
      for (String o : m.offers) {
        // The dash keeps an offer named "end note" from closing the note.
        b.append("    - ").append(mermaidText(o)).append('\n');
      }
      b.append("  end note\n");
    }
    for (Node n : m.nodes) {
      Stage s = n.stage;
      if (s == null) {
        b.append("  class ").append(n.id).append(" any\n");
        continue;
      }
      if (s.isTerminal()) {
        b.append("  class ").append(n.id).append(' ');
        b.append(s.kind().name().toLowerCase(Locale.ROOT)).append('\n');
      } else if (s.manual()) {
        b.append("  class ").append(n.id).append(" manual\n");
      }
    }
    return b.toString();
  }

  /**
   * Escapes text for a Mermaid label: letters, digits and plain punctuation stay; everything else
   * (quotes, colons, semicolons, hashes, percent signs, angle brackets, ampersands, braces, line
   * breaks) becomes a numeric entity code such as {@code #35;}.
   */
  static String mermaidText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp) || " _-.,()[]+*/=!?'@·".indexOf(cp) >= 0) {
                b.appendCodePoint(cp);
              } else {
                b.append('#').append(cp).append(';');
              }
            });
    return b.toString();
  }

  private static String comment(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  // ----------------------------------------------------------------------------------------------
  // DOT

  private static String dot(Model m) {
    StringBuilder b = new StringBuilder();
    b.append("digraph funnel {\n");
    b.append("  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=\"");
    b.append(dotText(m.title)).append("\"];\n");
    b.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", ");
    b.append("color=\"#4e79a7\", fontname=\"Helvetica\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n");
    b.append("  start [shape=point, width=0.15, label=\"\"];\n");
    for (Node n : m.nodes) {
      b.append("  ").append(n.id).append(" [label=\"").append(dotLines(n.lines)).append('"');
      Stage s = n.stage;
      if (s == null) {
        b.append(", shape=plaintext, style=\"\"");
      } else {
        if (s.isTerminal()) {
          b.append(", peripheries=2");
          switch (s.kind()) {
            case WON -> b.append(", fillcolor=\"#dff0d8\", color=\"#3c763d\"");
            case JUNK -> b.append(", fillcolor=\"#f2dede\", color=\"#a94442\"");
            default -> b.append(", fillcolor=\"#eeeeee\", color=\"#777777\"");
          }
        }
        if (s.manual()) {
          b.append(", style=\"rounded,filled,dashed\"");
        }
      }
      b.append("];\n");
    }
    for (String e : m.entries) {
      b.append("  start -> ").append(e).append(";\n");
    }
    for (Arrow a : m.arrows) {
      b.append("  ").append(a.from).append(" -> ").append(a.to);
      List<String> lines = new ArrayList<>();
      for (List<String> part : a.parts) {
        lines.addAll(part);
      }
      b.append(" [label=\"").append(dotLines(lines)).append('"');
      if (a.from.equals(ANY)) {
        b.append(", style=dashed");
      }
      b.append("];\n");
    }
    int i = 0;
    for (Node n : m.nodes) {
      List<String> notes = m.notes.get(n.id);
      if (notes != null) {
        String id = "timers" + i++;
        b.append("  ").append(id).append(" [shape=note, style=filled, fillcolor=\"#fffbe6\", ");
        b.append("label=\"").append(dotLeft(notes)).append("\"];\n");
        b.append("  ").append(n.id).append(" -> ").append(id);
        b.append(" [style=dotted, arrowhead=none];\n");
      }
    }
    if (!m.offers.isEmpty()) {
      List<String> lines = new ArrayList<>();
      lines.add("offers");
      lines.addAll(m.offers);
      b.append("  offers [shape=note, style=filled, fillcolor=\"#fffbe6\", label=\"");
      b.append(dotLeft(lines)).append("\"];\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private static String dotLines(List<String> lines) {
    StringJoiner j = new StringJoiner("\\n");
    for (String l : lines) {
      j.add(dotText(l));
    }
    return j.toString();
  }

  private static String dotLeft(List<String> lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(dotText(l)).append("\\l");
    }
    return b.toString();
  }

  /**
   * Escapes text for a DOT quoted string: backslashes and quotes are escaped, so escape sequences
   * such as {@code \N} cannot be injected, and line breaks become spaces.
   */
  static String dotText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ");
  }
}
