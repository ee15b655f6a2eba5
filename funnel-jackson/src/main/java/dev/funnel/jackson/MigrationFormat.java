package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.FunnelFormatException.MigrationProblem;
import dev.funnel.jackson.Input.Fields;
import dev.funnel.jackson.Input.Mark;
import dev.funnel.migration.Migration;
import dev.funnel.migration.MigrationException;
import dev.funnel.migration.TimerKey;
import dev.funnel.migration.TimerPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a {@link Migration}: the funnel and the two versions it joins, the stages
 * renamed, the stages whose leads move elsewhere, and a policy per timer of the old version. A
 * migration is read with the two definitions it joins and validated against them, every problem
 * located in the document.
 */
final class MigrationFormat {
  private MigrationFormat() {}

  /** How many problems the message names; migrationProblems() has every one. */
  private static final int MESSAGE_PROBLEMS = 20;

  /** An id between single quotes, as the migration's problems quote them. */
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  static void write(JsonGenerator g, Migration m) throws IOException {
    g.writeStartObject();
    g.writeNumberField("format", FunnelFormat.FORMAT_VERSION);
    g.writeStringField("funnel", m.funnelId());
    g.writeNumberField("from", m.from().version());
    g.writeNumberField("to", m.to().version());
    if (!m.renames().isEmpty()) {
      g.writeArrayFieldStart("renames");
      for (Map.Entry<String, String> e : m.moves().entrySet()) {
        if (m.renames().contains(e.getKey())) {
          stageMove(g, e.getKey(), e.getValue());
        }
      }
      g.writeEndArray();
    }
    if (m.moves().size() > m.renames().size()) {
      g.writeArrayFieldStart("moves");
      for (Map.Entry<String, String> e : m.moves().entrySet()) {
        if (!m.renames().contains(e.getKey())) {
          stageMove(g, e.getKey(), e.getValue());
        }
      }
      g.writeEndArray();
    }
    if (!m.timers().isEmpty()) {
      g.writeArrayFieldStart("timers");
      for (Map.Entry<TimerKey, TimerPolicy> e : m.timers().entrySet()) {
        g.writeStartObject();
        g.writeStringField("stage", e.getKey().stage());
        g.writeStringField("event", e.getKey().event());
        g.writeStringField("policy", e.getValue().id());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void stageMove(JsonGenerator g, String stage, String target) throws IOException {
    g.writeStartObject();
    g.writeStringField("stage", stage);
    g.writeStringField("to", target);
    g.writeEndObject();
  }

  /**
   * A stage renamed or moved and its target, or a timer's stage, event and policy, and where the
   * document gives it.
   */
  private record Entry(String pointer, String stage, String target, @Nullable TimerPolicy policy) {}

  /** What a document says, by stage of the old version and by timer. */
  private static final class Document {
    final Map<String, Entry> renames = new LinkedHashMap<>();
    final Map<String, Entry> moves = new LinkedHashMap<>();
    final Map<String, Entry> stages = new LinkedHashMap<>(); // renames and moves by stage
    final Map<TimerKey, Entry> timers = new LinkedHashMap<>();
  }

  /**
   * Reads a migration between two definitions, starting at its first token.
   *
   * @throws FunnelFormatException with {@link Code#INVALID_MIGRATION} and every problem located if
   *     the migration does not fit the definitions
   */
  static Migration read(Input in, Funnel from, Funnel to, Locations locations) throws IOException {
    Fields f = in.object();
    boolean format = false;
    String funnel = null;
    Integer fromVersion = null;
    Integer toVersion = null;
    Document doc = new Document();
    while (f.next()) {
      switch (f.name()) {
        case "format" -> {
          ModelReader.format(in);
          format = true;
        }
        case "funnel" -> funnel = in.readId();
        case "from" -> fromVersion = version(in);
        case "to" -> toVersion = version(in);
        case "renames" -> stageMoves(in, doc, doc.renames);
        case "moves" -> stageMoves(in, doc, doc.moves);
        case "timers" -> {
          in.readArray();
          while (in.element()) {
            timer(in, doc);
          }
        }
        default -> throw f.unknown();
      }
    }
    if (!format) {
      throw f.missing("format");
    }
    funnel = f.required(funnel, "funnel");
    fromVersion = f.required(fromVersion, "from");
    toVersion = f.required(toVersion, "to");
    List<String[]> problems = new ArrayList<>(); // each a problem and its pointer
    if (!funnel.equals(from.id())) {
      problems.add(
          new String[] {
            "the migration is of funnel '"
                + funnel
                + "', but the current definition is of funnel '"
                + from.id()
                + "'; read it with the definitions of funnel '"
                + funnel
                + "'",
            "/funnel"
          });
    }
    if (fromVersion != from.version()) {
      problems.add(
          new String[] {
            "the migration is from version "
                + fromVersion
                + ", but the current definition is version "
                + from.version()
                + "; read it with version "
                + fromVersion
                + " or change 'from'",
            "/from"
          });
    }
    if (toVersion != to.version()) {
      problems.add(
          new String[] {
            "the migration is to version "
                + toVersion
                + ", but the candidate definition is version "
                + to.version()
                + "; read it with version "
                + toVersion
                + " or change 'to'",
            "/to"
          });
    }
    Migration.Builder b = Migration.between(from, to);
    doc.renames.values().forEach(e -> b.rename(e.stage(), e.target()));
    doc.moves.values().forEach(e -> b.move(e.stage(), e.target()));
    doc.timers.forEach((k, e) -> b.timer(k.stage(), k.event(), requirePolicy(e)));
    Migration m = null;
    try {
      m = b.build();
    } catch (MigrationException e) {
      for (String p : e.problems()) {
        problems.add(new String[] {p, pointer(p, doc)});
      }
    }
    if (m == null || !problems.isEmpty()) {
      throw invalid(problems, locations);
    }
    return m;
  }

  private static TimerPolicy requirePolicy(Entry e) {
    TimerPolicy p = e.policy();
    if (p == null) {
      throw new IllegalStateException("a timer entry without its policy");
    }
    return p;
  }

  private static int version(Input in) throws IOException {
    int v = in.readInt();
    if (v < 1) {
      throw in.error(Code.INVALID_VALUE, "funnel version must be positive");
    }
    return v;
  }

  private static void stageMoves(Input in, Document doc, Map<String, Entry> into)
      throws IOException {
    in.readArray();
    while (in.element()) {
      Mark mark = in.mark();
      Fields f = in.object();
      String stage = null;
      String target = null;
      while (f.next()) {
        switch (f.name()) {
          case "stage" -> stage = in.readId();
          case "to" -> target = in.readId();
          default -> throw f.unknown();
        }
      }
      stage = f.required(stage, "stage");
      target = f.required(target, "to");
      Entry e = new Entry(mark.pointer(), stage, target, null);
      if (doc.stages.putIfAbsent(stage, e) != null) {
        throw mark.error(Code.INVALID_VALUE, "a stage is renamed or moved at most once");
      }
      into.put(stage, e);
    }
  }

  private static void timer(Input in, Document doc) throws IOException {
    Mark mark = in.mark();
    Fields f = in.object();
    String stage = null;
    String event = null;
    TimerPolicy policy = null;
    while (f.next()) {
      switch (f.name()) {
        case "stage" -> stage = in.readId();
        case "event" -> event = in.readId();
        case "policy" -> policy = in.readConstant(TimerPolicy.class);
        default -> throw f.unknown();
      }
    }
    stage = f.required(stage, "stage");
    event = f.required(event, "event");
    policy = f.required(policy, "policy");
    TimerKey key = new TimerKey(stage, event);
    if (doc.timers.putIfAbsent(key, new Entry(mark.pointer(), stage, event, policy)) != null) {
      throw mark.error(Code.INVALID_VALUE, "a timer is given at most one policy");
    }
  }

  /**
   * Returns the pointer of the part of the document a problem of {@link Migration.Builder#build}
   * concerns: a problem quotes the stage or timer of the old version it is about first, and the
   * target second.
   */
  private static String pointer(String problem, Document doc) {
    List<String> quoted = new ArrayList<>();
    Matcher m = QUOTED.matcher(problem);
    while (m.find()) {
      quoted.add(m.group(1));
    }
    if (problem.startsWith("timer '") && !quoted.isEmpty()) {
      int slash = quoted.get(0).lastIndexOf('/');
      Entry e =
          slash < 0
              ? null
              : doc.timers.get(
                  new TimerKey(
                      quoted.get(0).substring(0, slash), quoted.get(0).substring(slash + 1)));
      if (e != null) {
        return e.pointer();
      }
      return doc.timers.isEmpty() ? "" : "/timers";
    }
    if (problem.startsWith("stages '") && quoted.size() >= 2) {
      Entry e = doc.stages.get(quoted.get(1));
      return e == null ? "" : e.pointer();
    }
    if (problem.startsWith("stage '") && !quoted.isEmpty()) {
      Entry e = doc.stages.get(quoted.get(0));
      if (e == null) {
        return doc.moves.isEmpty() ? "" : "/moves";
      }
      if (problem.contains(" moves to '")) {
        return e.pointer() + "/to";
      }
      if (problem.contains(" is moved, but ")) {
        return e.pointer() + "/stage";
      }
      return e.pointer();
    }
    if (problem.startsWith("version ")) {
      return "/to";
    }
    if (problem.startsWith("the versions belong")) {
      return "/funnel";
    }
    return "";
  }

  /**
   * Finds where the values at some pointers start, by reading the document again: only a migration
   * that does not fit pays for it. Recording where every value started as it was read held a
   * pointer and a location a token, 11 MiB for a document at the token limit (ReadCost, see
   * BENCHMARKS.md).
   */
  interface Locations {
    /** Returns where each of the pointers wanted that the document holds starts. */
    Map<String, JsonLocation> find(Set<String> wanted) throws IOException;
  }

  private static FunnelFormatException invalid(List<String[]> problems, Locations locations)
      throws IOException {
    // Each problem's pointer and its ancestors, the nearest of which that is found is reported.
    Set<String> wanted = new HashSet<>();
    for (String[] p : problems) {
      for (String q = p[1]; wanted.add(q) && !q.isEmpty(); ) {
        q = q.substring(0, q.lastIndexOf('/'));
      }
    }
    Map<String, JsonLocation> found = locations.find(wanted);
    ImmutableList.Builder<MigrationProblem> located = ImmutableList.builder();
    StringBuilder summary = new StringBuilder();
    int n = 0;
    for (String[] p : problems) {
      JsonLocation at = nearest(found, p[1]);
      located.add(
          new MigrationProblem(
              p[0], p[1], at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr()));
      if (n++ < MESSAGE_PROBLEMS) {
        summary
            .append(summary.length() == 0 ? "" : "; ")
            .append("at ")
            .append(p[1].isEmpty() ? "the root" : p[1]);
      }
    }
    if (n > MESSAGE_PROBLEMS) {
      summary.append("; and ").append(n - MESSAGE_PROBLEMS).append(" more");
    }
    ImmutableList<MigrationProblem> all = located.build();
    MigrationProblem first = all.get(0);
    return new FunnelFormatException(
        "the migration does not fit its definitions: "
            + all.size()
            + (all.size() == 1 ? " problem (" : " problems (")
            + summary
            + "); the first is",
        first.pointer(),
        first.line(),
        first.column(),
        all);
  }

  private static @Nullable JsonLocation nearest(Map<String, JsonLocation> found, String pointer) {
    String p = pointer;
    while (true) {
      JsonLocation l = found.get(p);
      if (l != null || p.isEmpty()) {
        return l;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}
