package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.funnel.Funnel;

/** Fuzzes the migration reader, with the two versions of the shop; see {@link Fuzzing}. */
final class MigrationFuzzTest {
  /** The versions every fuzzed migration is read with. */
  private static final Funnel FROM = ShopVersions.v1();

  private static final Funnel TO = ShopVersions.v2();

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void migration(byte[] input) {
    Fuzzing.fuzz(
        input,
        (in, syntax) -> FunnelFormat.readMigration(in, syntax, FROM, TO),
        FunnelFormat::writeMigration,
        (text, syntax) -> FunnelFormat.readMigration(text, syntax, FROM, TO));
  }
}
