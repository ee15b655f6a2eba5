package dev.funnel.benchmarks;

/**
 * The funnel every library in the benchmarks drives, so that each does the same work per event.
 *
 * <pre>
 * visitor --contact-left--> cold lead --added-to-cart--> hot lead --paid [total &gt; 0]--> buyer
 * buyer --came-back--> repeat customer --added-to-cart--> hot lead --paid--> ...
 * </pre>
 *
 * <p>Each of the five transitions runs one action (counting it), and the paid transition has one
 * guard that reads the order total from the event (or, where a library's guards cannot see the
 * event, from the context the event is fired with). After two warm-up events a lead loops through
 * {@link #LOOP} for ever.
 */
public final class Shape {
  private Shape() {}

  /** The stages, in the order a lead first meets them. */
  public enum Stage {
    /** Came to the site; the entry stage. */
    VISITOR("visitor"),
    /** Left a contact. */
    COLD_LEAD("cold-lead"),
    /** Put something in the cart. */
    HOT_LEAD("hot-lead"),
    /** Paid. */
    BUYER("buyer"),
    /** Came back after buying. */
    REPEAT_CUSTOMER("repeat-customer");

    private final String id;

    Stage(String id) {
      this.id = id;
    }

    /** Returns the stage's id in the funnel definition. */
    public String id() {
      return id;
    }
  }

  /** The event types. */
  public enum Trigger {
    /** Visitor to cold lead. */
    CONTACT_LEFT("contact-left"),
    /** Cold lead or repeat customer to hot lead. */
    ADDED_TO_CART("added-to-cart"),
    /** Hot lead to buyer, if the order total is positive. */
    PAID("paid"),
    /** Buyer to repeat customer. */
    CAME_BACK("came-back");

    private final String id;

    Trigger(String id) {
      this.id = id;
    }

    /** Returns the event type in the funnel definition. */
    public String id() {
      return id;
    }
  }

  /** The name of the order total the guard on {@link Trigger#PAID} reads. */
  public static final String TOTAL = "total";

  /** The order total every paid event carries; positive, so the guard lets it through. */
  public static final long ORDER_TOTAL = 42;

  /** The events that take a new lead from the visitor stage to the hot lead stage. */
  static final Trigger[] WARM_UP = {Trigger.CONTACT_LEFT, Trigger.ADDED_TO_CART};

  /** The events of one turn of the loop, starting and ending at the hot lead stage. */
  static final Trigger[] LOOP = {Trigger.PAID, Trigger.CAME_BACK, Trigger.ADDED_TO_CART};

  /** The stage a lead is in after each event of {@link #LOOP}. */
  static final Stage[] LOOP_STAGES = {Stage.BUYER, Stage.REPEAT_CUSTOMER, Stage.HOT_LEAD};
}
