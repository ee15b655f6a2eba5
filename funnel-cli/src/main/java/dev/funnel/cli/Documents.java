package dev.funnel.cli;

import dev.funnel.Funnel;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the files the commands take, and words their errors as {@code file:line:column: ...}. */
final class Documents {
  private Documents() {}

  /** The position that a format error's message ends with; the command prints it in front. */
  private static final Pattern POSITION = Pattern.compile(" \\(line \\d+, column \\d+\\)$");

  /** A file that cannot be used, with what to print for it: one line per problem. */
  static final class BadFile extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    final List<String> lines;

    BadFile(List<String> lines) {
      super(String.join("\n", lines));
      this.lines = List.copyOf(lines);
    }
  }

  /**
   * Returns a file's syntax from its name: {@code .json} is JSON, {@code .yaml} and {@code .yml}
   * YAML.
   */
  static Syntax syntaxOf(Path file) throws BadFile {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Syntax.JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Syntax.YAML;
    }
    throw new BadFile(
        List.of(file + ": cannot tell the syntax from the name; name it .json, .yaml or .yml"));
  }

  /** Reads a definition, or throws with every problem located in the file. */
  static Funnel definition(Path file) throws BadFile {
    Syntax syntax = syntaxOf(file);
    try (InputStream in = Files.newInputStream(file)) {
      return FunnelFormat.readDefinition(in, syntax);
    } catch (FunnelFormatException e) {
      throw new BadFile(lines(file.toString(), 0, e));
    } catch (IOException e) {
      throw new BadFile(List.of(file + ": cannot read: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * Reads a migration from one definition to another, or throws with every problem located in the
   * file: where it does not follow the format, or where it does not fit the two definitions.
   */
  static Migration migration(Path file, Funnel from, Funnel to) throws BadFile {
    Syntax syntax = syntaxOf(file);
    try (InputStream in = Files.newInputStream(file)) {
      return FunnelFormat.readMigration(in, syntax, from, to);
    } catch (FunnelFormatException e) {
      throw new BadFile(lines(file.toString(), 0, e));
    } catch (IOException e) {
      throw new BadFile(List.of(file + ": cannot read: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * Reads a journal to replay: a journal document (JSON or YAML), or a steps file ({@code .jsonl},
   * see {@link #steps}) whose end is its last step.
   */
  static Journal journal(Path file) throws BadFile {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
      List<Step> steps = steps(file);
      if (steps.isEmpty()) {
        throw new BadFile(List.of(file + ": no step records"));
      }
      Instant end = steps.get(0).at();
      for (Step s : steps) {
        end = s.at().isAfter(end) ? s.at() : end;
      }
      try {
        return Journal.fromSteps(steps, end);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new BadFile(List.of(file + ": " + e.getMessage()));
      }
    }
    Syntax syntax = syntaxOf(file);
    try (InputStream in = Files.newInputStream(file)) {
      return FunnelFormat.readJournal(in, syntax);
    } catch (FunnelFormatException e) {
      throw new BadFile(lines(file.toString(), 0, e));
    } catch (IOException e) {
      throw new BadFile(List.of(file + ": cannot read: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * Reads a steps file: JSON Lines, one step record per line as {@link FunnelFormat#writeStep}
   * writes it in JSON; blank lines are skipped. Every bad line is reported.
   */
  static List<Step> steps(Path file) throws BadFile {
    List<Step> steps = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          steps.add(FunnelFormat.readStep(line, Syntax.JSON));
        } catch (FunnelFormatException e) {
          problems.addAll(lines(file.toString(), lineNo - 1, e));
        }
      }
    } catch (IOException e) {
      throw new BadFile(List.of(file + ": cannot read: " + e.getClass().getSimpleName()));
    }
    if (!problems.isEmpty()) {
      throw new BadFile(problems);
    }
    return steps;
  }

  /**
   * Words a format error as lines {@code file:line:column: CODE: message}, one per validation
   * problem for an invalid definition, and {@code file:line:column: INVALID_MIGRATION at pointer:
   * problem} for each problem of a migration that does not fit its definitions; {@code lineOffset}
   * is added to the document's lines.
   */
  static List<String> lines(String file, int lineOffset, FunnelFormatException e) {
    List<String> out = new ArrayList<>();
    if (!e.migrationProblems().isEmpty()) {
      for (FunnelFormatException.MigrationProblem p : e.migrationProblems()) {
        out.add(
            where(file, lineOffset, p.line(), p.column())
                + e.code()
                + " at "
                + (p.pointer().isEmpty() ? "the document root" : p.pointer())
                + ": "
                + p.problem());
      }
      return out;
    }
    if (e.problems().isEmpty()) {
      String message = POSITION.matcher(e.getMessage()).replaceFirst("");
      out.add(where(file, lineOffset, e.line(), e.column()) + message);
      return out;
    }
    for (FunnelFormatException.Located p : e.problems()) {
      String what = p.problem().code() + ": " + p.problem().message() + "; " + p.problem().hint();
      out.add(where(file, lineOffset, p.line(), p.column()) + what);
    }
    return out;
  }

  private static String where(String file, int lineOffset, int line, int column) {
    return line > 0 ? file + ":" + (line + lineOffset) + ":" + column + ": " : file + ": ";
  }
}
