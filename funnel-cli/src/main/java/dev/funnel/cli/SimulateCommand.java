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

/** {@code funnel simulate FILE TRAFFIC}: forecasts a funnel's figures from a traffic file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Forecasts a funnel's figures from a traffic file.",
      "Drives simulated visitors through the funnel as the traffic file describes (channels",
      "with visitors and spend, the probability and delay of each move)."
    })
final class SimulateCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(index = "0", paramLabel = "FILE", description = "the definition (JSON or YAML)")
  Path file;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(index = "1", paramLabel = "TRAFFIC", description = "the traffic file (YAML or JSON)")
  Path traffic;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, svg, mermaid or dot; default: ${DEFAULT-VALUE}")
  Picture format;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "threads to simulate on; the forecast is the same; default: ${DEFAULT-VALUE}")
  int threads;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "write here instead of the standard output")
  @Nullable Path output;

  @Override
  public Integer call() {
    if (threads < 1) {
      spec.commandLine().getErr().println("--threads must be at least 1");
      spec.commandLine().getErr().flush();
      return Exit.USAGE;
    }
    try {
      Funnel funnel = Documents.definition(file);
      Report forecast = Traffic.read(traffic, funnel).run(threads);
      return Output.write(
          format.draw(forecast), output, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (Documents.BadFile e) {
      e.lines.forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().flush();
      return Exit.PROBLEMS;
    }
  }
}
