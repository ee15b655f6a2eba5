package dev.funnel.test;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link Lead}: its stage, offers bought, segments, owner, pending timers. Made by
 * {@link FunnelAssertions#assertThat(Lead)} or from an outcome, receipt or journey. A failure tells
 * the lead's journey where one is known, else its snapshot, never an attribute value.
 *
 * <pre>{@code
 * assertThat(lead).isInStage("buyer").hasBought("mini-set").hasSegment("loyal").isOwnedBy("anna");
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 */
public final class LeadAssert extends AbstractAssert<LeadAssert, Lead> {
  private final @Nullable Journey journey;

  LeadAssert(Lead actual, @Nullable Journey journey) {
    super(actual, LeadAssert.class);
    this.journey = journey;
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      Journey j = journey == null ? Journey.of(actual) : journey;
      failWithMessage("%s", "expected lead '" + actual.id() + "' " + problem + "\n" + j);
    }
  }

  /**
   * Checks the lead's stage.
   *
   * @param stage the stage it should be in
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert isInStage(String stage) {
    isNotNull();
    check(
        actual.stage().equals(stage),
        "to be in '" + stage + "', but it is in '" + actual.stage() + "'");
    return this;
  }

  /**
   * Checks that the lead bought an offer.
   *
   * @param offer the offer's id
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasBought(String offer) {
    isNotNull();
    check(actual.hasBought(offer), "to have bought '" + offer + "', but it bought " + offers());
    return this;
  }

  /**
   * Checks that the lead did not buy an offer.
   *
   * @param offer the offer's id
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasNotBought(String offer) {
    isNotNull();
    check(!actual.hasBought(offer), "not to have bought '" + offer + "', but it did");
    return this;
  }

  private List<String> offers() {
    List<String> out = new ArrayList<>();
    for (Purchase p : actual.purchases()) {
      out.add(p.offer());
    }
    return out;
  }

  /**
   * Checks that the lead is in a segment.
   *
   * @param segment the segment
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasSegment(String segment) {
    isNotNull();
    check(
        actual.segments().contains(segment),
        "to be in segment '" + segment + "', but its segments are " + actual.segments());
    return this;
  }

  /**
   * Checks the lead's owner.
   *
   * @param owner the owner's id
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert isOwnedBy(String owner) {
    isNotNull();
    check(
        actual.owner().filter(owner::equals).isPresent(),
        "to be owned by '"
            + owner
            + "', but "
            + actual.owner().map(o -> "'" + o + "' owns it").orElse("nobody does"));
    return this;
  }

  /**
   * Checks that the lead has no owner.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasNoOwner() {
    isNotNull();
    check(
        actual.owner().isEmpty(),
        "to have no owner, but '" + actual.owner().orElse("") + "' owns it");
    return this;
  }

  /**
   * Checks that a timer firing an event is pending, due at an instant.
   *
   * @param event the event type the timer fires
   * @param due when it falls due
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasTimer(String event, Instant due) {
    isNotNull();
    boolean found = false;
    for (ScheduledTimer t : actual.timers()) {
      found |= t.event().equals(event) && t.due().equals(due);
    }
    check(found, "to have a timer '" + event + "' due at " + due);
    return this;
  }

  /**
   * Checks that no timer is pending.
   *
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasNoTimers() {
    isNotNull();
    check(actual.timers().isEmpty(), "to have no timer pending");
    return this;
  }

  /**
   * Checks that the lead has an attribute, whatever its value; the value is never shown.
   *
   * @param name the attribute's name
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasAttribute(String name) {
    isNotNull();
    check(actual.attribute(name).isPresent(), "to have attribute '" + name + "'");
    return this;
  }

  /**
   * Checks the lead's version, the number of events it accepted.
   *
   * @param version the version
   * @return this assertion
   */
  @CanIgnoreReturnValue
  public LeadAssert hasVersion(long version) {
    isNotNull();
    check(
        actual.version() == version,
        "to have version " + version + ", but it has " + actual.version());
    return this;
  }
}
