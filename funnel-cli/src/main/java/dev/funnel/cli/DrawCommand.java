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

/** {@code funnel draw FILE}: draws a definition as Mermaid or DOT, or with figures as SVG. */
@Command(
    name = "draw",
    mixinStandardHelpOptions = true,
    description = {
      "Draws a definition as a Mermaid or DOT state diagram.",
      "With --steps, the diagram is annotated with the counts of those steps, or drawn as an",
      "SVG funnel chart."
    })
final class DrawCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(index = "0", paramLabel = "FILE", description = "the definition (JSON or YAML)")
  Path file;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "mermaid",
      description = "mermaid, dot or svg (svg needs --steps); default: ${DEFAULT-VALUE}")
  Picture format;

  @Option(
      names = "--steps",
      paramLabel = "STEPS",
      description = "a JSON Lines file of step records to count")
  @Nullable Path steps;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write here instead of the standard output")
  @Nullable Path output;

  @Override
  public Integer call() {
    try {
      Funnel funnel = Documents.definition(file);
      String text;
      if (steps == null) {
        text = format.draw(funnel);
      } else {
        text = format.draw(Report.of(funnel, Documents.steps(steps)));
      }
      return Output.write(text, output, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (Documents.BadFile e) {
      e.lines.forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().flush();
      return Exit.PROBLEMS;
    }
  }
}
