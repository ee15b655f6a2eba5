package dev.funnel.cli;

import dev.funnel.Funnel;
import dev.funnel.analytics.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code funnel report FILE STEPS}: the figures of recorded steps, as tables or pictures. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the figures of recorded steps.",
      "Reads a JSON Lines file of step records (one step per line, as FunnelFormat.writeStep",
      "writes it in JSON) and prints the figures as tables or draws them."
    })
final class ReportCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(index = "0", paramLabel = "FILE", description = "the definition (JSON or YAML)")
  Path file;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(index = "1", paramLabel = "STEPS", description = "the step records (JSON Lines)")
  Path steps;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, svg, mermaid or dot; default: ${DEFAULT-VALUE}")
  Picture format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write here instead of the standard output")
  @Nullable Path output;

  @Override
  public Integer call() {
    try {
      Funnel funnel = Documents.definition(file);
      Report report = Report.of(funnel, Documents.steps(steps));
      return Output.write(
          format.draw(report), output, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (Documents.BadFile e) {
      e.lines.forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().flush();
      return Exit.PROBLEMS;
    }
  }
}
