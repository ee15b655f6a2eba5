package dev.funnel.cli;

import dev.funnel.Funnel;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import dev.funnel.migration.Replay;
import dev.funnel.migration.ReplayDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code funnel replay FILE --current CURRENT --journal JOURNAL [--migration MIGRATION]}: replays
 * recorded leads against a candidate definition and prints what would differ, per lead and per
 * figure. Exits with 3 when something differs, so that a CI job fails on a change that would alter
 * what the leads get.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded leads against a candidate definition and prints what would differ.",
      "Re-runs the journal against CURRENT, the definition the leads ran on, and against FILE,",
      "with the leads in flight moved by the migration at --at if one is given, and prints the",
      "leads and the figures that differ, before and after. Exits with 0 when nothing differs",
      "and with " + Exit.DIFFERS + " when something does, so a CI job fails on such a change."
    })
final class ReplayCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the candidate definition (JSON or YAML)")
  Path file;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Option(
      names = "--current",
      required = true,
      paramLabel = "CURRENT",
      description = "the definition the leads ran on (JSON or YAML)")
  Path current;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Option(
      names = "--journal",
      required = true,
      paramLabel = "JOURNAL",
      description =
          "the recorded leads: a journal (JSON or YAML), or step records (JSON Lines, .jsonl)")
  Path journal;

  @Option(
      names = "--migration",
      paramLabel = "MIGRATION",
      description = "the migration from CURRENT to FILE (JSON or YAML) for the leads in flight")
  @Nullable Path migration;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description =
          "when the leads are migrated, such as 2026-03-03T09:00:00Z; default: the journal's first"
              + " arrival")
  @Nullable String at;

  @Option(
      names = "--cr1",
      paramLabel = "FROM,TO",
      split = ",",
      description = "the stages CR1 is counted between; default: the entry stage and the next")
  @Nullable List<String> cr1;

  @Option(
      names = "--cr2",
      paramLabel = "FROM,TO",
      split = ",",
      description = "the stages CR2 is counted between; default: CR1's second and the first won")
  @Nullable List<String> cr2;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write here instead of the standard output")
  @Nullable Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Instant when = null;
    if (at != null) {
      if (migration == null) {
        return usage(err, "--at needs --migration");
      }
      try {
        when = Instant.parse(at);
      } catch (DateTimeParseException e) {
        return usage(err, "--at: expected an ISO-8601 instant such as 2026-03-03T09:00:00Z");
      }
    }
    List<String> first = cr1;
    List<String> second = cr2;
    if ((first != null && first.size() != 2) || (second != null && second.size() != 2)) {
      return usage(err, "--cr1 and --cr2 take two stages: FROM,TO");
    }
    try {
      Funnel baseline = Documents.definition(current);
      Funnel candidate = Documents.definition(file);
      if (!baseline.id().equals(candidate.id())) {
        throw new Documents.BadFile(
            List.of(
                file
                    + ": funnel '"
                    + candidate.id()
                    + "' is not funnel '"
                    + baseline.id()
                    + "' of "
                    + current));
      }
      Journal recorded = Documents.journal(journal);
      Replay replay = Replay.of(recorded);
      if (first != null) {
        replay.cr1(first.get(0), first.get(1));
      }
      if (second != null) {
        replay.cr2(second.get(0), second.get(1));
      }
      ReplayDiff diff;
      Path m = migration;
      if (m == null) {
        diff = replay.compare(baseline, candidate);
      } else {
        Migration moves = Documents.migration(m, baseline, candidate);
        if (when == null) {
          when = recorded.arrivals().isEmpty() ? recorded.end() : recorded.arrivals().get(0).at();
        }
        diff = replay.compare(moves, when);
      }
      int written = Output.write(diff.render(), output, spec.commandLine().getOut(), err);
      return written != Exit.OK ? written : diff.isEmpty() ? Exit.OK : Exit.DIFFERS;
    } catch (Documents.BadFile e) {
      e.lines.forEach(err::println);
      err.flush();
      return Exit.PROBLEMS;
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return Exit.USAGE;
  }
}
