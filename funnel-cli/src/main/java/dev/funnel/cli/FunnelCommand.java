package dev.funnel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code funnel} command: only a holder for its subcommands; alone, it prints its usage. */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Checks, draws, reports on, simulates and replays funnel definitions.",
    subcommands = {
      ValidateCommand.class,
      DrawCommand.class,
      ReportCommand.class,
      SimulateCommand.class,
      ReplayCommand.class
    })
final class FunnelCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Exit.USAGE;
  }
}
