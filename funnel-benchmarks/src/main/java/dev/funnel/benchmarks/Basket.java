package dev.funnel.benchmarks;

/**
 * The context that stateless4j and squirrel-foundation fire events with, since their guards see a
 * context rather than the event: the order total the guard on paid reads, and the count of actions
 * run. Not thread-safe.
 */
public final class Basket {
  long total = Shape.ORDER_TOTAL;
  long actions;

  /** Creates a basket holding the order total {@link Shape#ORDER_TOTAL}. */
  public Basket() {}

  /** Returns whether the order total is positive: the guard on the paid transition. */
  boolean isPaid() {
    return total > 0;
  }

  /** Counts one action: the action of every transition. */
  void count() {
    actions++;
  }
}
