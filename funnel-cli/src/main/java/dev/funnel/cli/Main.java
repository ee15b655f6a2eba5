package dev.funnel.cli;

import picocli.CommandLine;

/**
 * The {@code funnel} command's entry point: {@code java -jar funnel.jar validate online-shop.yaml}.
 * Exits with 0 when all went well, 1 when a file has problems, 2 on a usage error, and 3 when a
 * replay finds differences.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command, printing to the standard streams, and returns its exit code.
   *
   * @param args the command line
   * @return the exit code: 0 when all went well, 1 when a file has problems, 2 on a usage error, 3
   *     when a replay finds differences
   */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Returns the command line of the {@code funnel} command, with its subcommands. */
  static CommandLine commandLine() {
    return new CommandLine(new FunnelCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("funnel: " + e.getMessage());
              return Exit.PROBLEMS;
            });
  }
}
