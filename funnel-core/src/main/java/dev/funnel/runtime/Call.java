package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * What the work the runtime carried out itself during one public call came to: the leads its
 * hand-offs entered and the owners its pool assignments picked, for the call's {@link Receipt}. Not
 * thread-safe: one per call, on the calling thread.
 */
final class Call {
  private final List<Receipt.HandOff> handOffs = new ArrayList<>(0);
  private final List<Receipt.Assignment> assignments = new ArrayList<>(0);

  /** Returns a call whose record nobody reads, for work no receipt reports (later attempts). */
  static Call unreported() {
    return new Call();
  }

  void handedOff(Receipt.HandOff handOff) {
    handOffs.add(handOff);
  }

  void assigned(Receipt.Assignment assignment) {
    assignments.add(assignment);
  }

  ImmutableList<Receipt.HandOff> handOffs() {
    return ImmutableList.copyOf(handOffs);
  }

  ImmutableList<Receipt.Assignment> assignments() {
    return ImmutableList.copyOf(assignments);
  }
}
