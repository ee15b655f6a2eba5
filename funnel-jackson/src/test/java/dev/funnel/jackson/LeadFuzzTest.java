package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the lead reader; see {@link Fuzzing}. */
final class LeadFuzzTest {
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void lead(byte[] input) {
    Fuzzing.fuzz(input, FunnelFormat::readLead, FunnelFormat::writeLead, FunnelFormat::readLead);
  }
}
