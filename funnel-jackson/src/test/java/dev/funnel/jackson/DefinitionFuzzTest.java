package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the definition reader; see {@link Fuzzing}. */
final class DefinitionFuzzTest {
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void definition(byte[] input) {
    Fuzzing.fuzz(
        input,
        FunnelFormat::readDefinition,
        FunnelFormat::writeDefinition,
        FunnelFormat::readDefinition);
  }
}
