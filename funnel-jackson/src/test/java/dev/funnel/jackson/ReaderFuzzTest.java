package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.funnel.Funnel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Coverage-guided fuzzing of every reader in both syntaxes. The first byte chooses the syntax, the
 * rest is the document, read from a stream (so encodings are detected too). A document is either
 * refused with a {@link FunnelFormatException} or read, and then written in both syntaxes reads
 * back equal; anything else is a finding.
 *
 * <p>Every build runs each target on its seed corpus under {@code ReaderFuzzTestInputs/<target>} in
 * the test resources, findings kept there included; {@code -Pfuzz} fuzzes for real.
 */
final class ReaderFuzzTest {

  private static <T> void fuzz(
      byte[] input,
      BiFunction<InputStream, Syntax, T> read,
      BiFunction<T, Syntax, String> write,
      BiFunction<String, Syntax, T> readText) {
    if (input.length == 0) {
      return;
    }
    Syntax syntax = (input[0] & 1) == 0 ? Syntax.JSON : Syntax.YAML;
    byte[] document = Arrays.copyOfRange(input, 1, input.length);
    T value;
    try {
      value = read.apply(new ByteArrayInputStream(document), syntax);
    } catch (FunnelFormatException expected) {
      return;
    }
    for (Syntax s : Syntax.values()) {
      assertEquals(value, readText.apply(write.apply(value, s), s));
    }
  }

  @FuzzTest(maxDuration = "1m")
  void definition(byte[] input) {
    fuzz(
        input,
        FunnelFormat::readDefinition,
        FunnelFormat::writeDefinition,
        FunnelFormat::readDefinition);
  }

  @FuzzTest(maxDuration = "1m")
  void lead(byte[] input) {
    fuzz(input, FunnelFormat::readLead, FunnelFormat::writeLead, FunnelFormat::readLead);
  }

  @FuzzTest(maxDuration = "1m")
  void event(byte[] input) {
    fuzz(input, FunnelFormat::readEvent, FunnelFormat::writeEvent, FunnelFormat::readEvent);
  }

  @FuzzTest(maxDuration = "1m")
  void step(byte[] input) {
    fuzz(input, FunnelFormat::readStep, FunnelFormat::writeStep, FunnelFormat::readStep);
  }

  @FuzzTest(maxDuration = "1m")
  void journal(byte[] input) {
    fuzz(input, FunnelFormat::readJournal, FunnelFormat::writeJournal, FunnelFormat::readJournal);
  }

  /** The versions every fuzzed migration is read with. */
  private static final Funnel FROM = ShopVersions.v1();

  private static final Funnel TO = ShopVersions.v2();

  @FuzzTest(maxDuration = "1m")
  void migration(byte[] input) {
    fuzz(
        input,
        (in, syntax) -> FunnelFormat.readMigration(in, syntax, FROM, TO),
        FunnelFormat::writeMigration,
        (text, syntax) -> FunnelFormat.readMigration(text, syntax, FROM, TO));
  }
}
