package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the step reader; see {@link Fuzzing}. */
final class StepFuzzTest {
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void step(byte[] input) {
    Fuzzing.fuzz(input, FunnelFormat::readStep, FunnelFormat::writeStep, FunnelFormat::readStep);
  }
}
