package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.BiFunction;

/**
 * The one check of every reader's fuzz test ({@code *FuzzTest}, one class a reader, so that the
 * fuzz profile can fuzz two of them at once, each in a JVM of its own). The first byte chooses the
 * syntax, the rest is the document, read from a stream (so encodings are detected too). A document
 * is either refused with a {@link FunnelFormatException} or read, and then written in both syntaxes
 * reads back equal; anything else is a finding.
 *
 * <p>Every build runs each target on its seed corpus under {@code <class>Inputs/<method>} in the
 * test resources, findings kept there included; {@code -Pfuzz} fuzzes for real.
 */
final class Fuzzing {
  private Fuzzing() {}

  /**
   * How many executions {@code -Pfuzz} runs of each target: the executions of a libFuzzer run
   * ({@code -runs}), so that every reader gets the same budget whatever the machine's speed.
   */
  static final long MAX_EXECUTIONS = 10_000_000;

  /**
   * How long {@code -Pfuzz} fuzzes each target at most, should a machine be slower than the one
   * measured: six targets, two at a time, take at most three such turns, 81 minutes, which leaves
   * the build its minutes within a CI job's 90 (three turns of 30 minutes did not).
   */
  static final String MAX_DURATION = "27m";

  static <T> void fuzz(
      byte[] input,
      BiFunction<InputStream, Syntax, T> read,
      BiFunction<T, Syntax, String> write,
      BiFunction<String, Syntax, T> readText) {
    if (input.length == 0) {
      return;
    }
    Syntax syntax = (input[0] & 1) == 0 ? Syntax.JSON : Syntax.YAML;
    T value;
    try {
      value = read.apply(new ByteArrayInputStream(input, 1, input.length - 1), syntax);
    } catch (FunnelFormatException expected) {
      return;
    }
    for (Syntax s : Syntax.values()) {
      assertEquals(value, readText.apply(write.apply(value, s), s));
    }
  }
}
