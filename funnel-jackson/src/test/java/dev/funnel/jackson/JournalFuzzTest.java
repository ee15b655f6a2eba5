package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the journal reader; see {@link Fuzzing}. */
final class JournalFuzzTest {
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void journal(byte[] input) {
    Fuzzing.fuzz(
        input, FunnelFormat::readJournal, FunnelFormat::writeJournal, FunnelFormat::readJournal);
  }
}
