package dev.funnel.examples;

/** Temporary placeholder for the online shop demo. */
public final class OnlineShop {
  private OnlineShop() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
