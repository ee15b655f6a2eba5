package dev.funnel.cli;

/** The exit codes of the {@code funnel} command. */
final class Exit {
  private Exit() {}

  /** All went well. */
  static final int OK = 0;

  /** A file has problems: it does not parse, is not valid, or cannot be read. */
  static final int PROBLEMS = 1;

  /** The command line itself is wrong (picocli's usage exit code). */
  static final int USAGE = 2;

  /** A replay found differences: the candidate would change what leads get. */
  static final int DIFFERS = 3;
}
