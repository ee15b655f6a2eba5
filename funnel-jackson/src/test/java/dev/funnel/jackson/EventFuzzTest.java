package dev.funnel.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the event reader; see {@link Fuzzing}. */
final class EventFuzzTest {
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION, maxExecutions = Fuzzing.MAX_EXECUTIONS)
  void event(byte[] input) {
    Fuzzing.fuzz(input, FunnelFormat::readEvent, FunnelFormat::writeEvent, FunnelFormat::readEvent);
  }
}
