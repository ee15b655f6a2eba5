package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the work the runtime carried out itself during one public call came to: the leads its
 * hand-offs entered and the owners its pool assignments picked, for the call's {@link Receipt}. Not
 * thread-safe: one per call, on the calling thread.
 */
final class Call {
  // Made on the first hand-off or assignment: most calls carry out neither, and every handle
  // makes a Call (RuntimeBenchmark.handleOneThread, -prof gc).
  private @Nullable List<Receipt.HandOff> handOffs;
  private @Nullable List<Receipt.Assignment> assignments;

  /** Returns a call whose record nobody reads, for work no receipt reports (later attempts). */
  static Call unreported() {
    return new Call();
  }

  void handedOff(Receipt.HandOff handOff) {
    if (handOffs == null) {
      handOffs = new ArrayList<>(1);
    }
    handOffs.add(handOff);
  }

  void assigned(Receipt.Assignment assignment) {
    if (assignments == null) {
      assignments = new ArrayList<>(1);
    }
    assignments.add(assignment);
  }

  ImmutableList<Receipt.HandOff> handOffs() {
    return handOffs == null ? ImmutableList.of() : ImmutableList.copyOf(handOffs);
  }

  ImmutableList<Receipt.Assignment> assignments() {
    return assignments == null ? ImmutableList.of() : ImmutableList.copyOf(assignments);
  }
}
