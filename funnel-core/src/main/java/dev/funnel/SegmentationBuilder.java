package dev.funnel;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.List;

/** Adds the rules of a segmentation point. Not thread-safe. */
public final class SegmentationBuilder extends FunnelBuilder {
  private final Segmentation seg;

  SegmentationBuilder(Draft draft, Segmentation seg) {
    super(draft);
    this.seg = seg;
  }

  /**
   * Names the stages where the segmentation applies.
   *
   * @param stage a stage
   * @param more further stages
   * @return this builder
   */
  @CanIgnoreReturnValue
  public SegmentationBuilder from(String stage, String... more) {
    seg.from.add(Ids.check(stage, "stage id"));
    for (String s : more) {
      seg.from.add(Ids.check(s, "stage id"));
    }
    return this;
  }

  /**
   * Lets the segmentation apply in every active stage.
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public SegmentationBuilder fromAny() {
    seg.fromAny = true;
    seg.from.clear();
    return this;
  }

  /**
   * Names the stage leads move to once segmented; without it they stay.
   *
   * @param stage the stage
   * @return this builder
   * @throws IllegalStateException if its target was already set
   */
  @CanIgnoreReturnValue
  public SegmentationBuilder to(String stage) {
    String id = Ids.check(stage, "stage id");
    checkState(
        seg.to == null,
        "target of segmentation on '%s' was already set to '%s'",
        seg.event,
        seg.to);
    seg.to = id;
    return this;
  }

  /**
   * Adds a rule, tried after the rules before it.
   *
   * @param when the condition
   * @param segment the segment leads matching it are put in
   * @param then further actions, such as a {@linkplain Actions#handOff hand-off}
   * @return this builder
   */
  @CanIgnoreReturnValue
  public SegmentationBuilder rule(Condition when, String segment, Action... then) {
    seg.conditions.add(requireNonNull(when, "when"));
    seg.actions.add(actions(segment, then));
    return this;
  }

  /**
   * Sets the default: the segment for leads no rule matches.
   *
   * @param segment the segment
   * @param then further actions, such as a {@linkplain Actions#handOff hand-off}
   * @return this builder
   * @throws IllegalStateException if its default was already set
   */
  @CanIgnoreReturnValue
  public SegmentationBuilder otherwise(String segment, Action... then) {
    List<Action> fallback = actions(segment, then);
    checkState(
        seg.otherwise == null,
        "default of segmentation on '%s' was already set to %s",
        seg.event,
        seg.otherwise);
    seg.otherwise = fallback;
    return this;
  }

  private static List<Action> actions(String segment, Action... then) {
    List<Action> all = new ArrayList<>();
    all.add(Actions.segment(segment));
    for (Action a : then) {
      all.add(requireNonNull(a, "action"));
    }
    return all;
  }
}
