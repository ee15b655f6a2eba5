package dev.funnel;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Draft.StageDraft;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Marks the stage just declared. Not thread-safe. */
public final class StageBuilder extends FunnelBuilder {
  private final StageDraft stage;

  StageBuilder(Draft draft, StageDraft stage) {
    super(draft);
    this.stage = stage;
  }

  /**
   * Marks the stage as an entry: new leads may start here.
   *
   * @return this builder
   * @throws IllegalStateException if the stage was already marked so
   */
  @CanIgnoreReturnValue
  public StageBuilder entry() {
    checkState(!stage.entry, "stage '%s' was already marked as an entry", stage.id);
    stage.entry = true;
    return this;
  }

  /**
   * Marks the stage as manual: an owner (a sales manager) works leads here by hand.
   *
   * @return this builder
   * @throws IllegalStateException if the stage was already marked so
   */
  @CanIgnoreReturnValue
  public StageBuilder manual() {
    checkState(!stage.manual, "stage '%s' was already marked as manual", stage.id);
    stage.manual = true;
    return this;
  }

  /**
   * Marks this active stage as a conversion: a lead that reaches it counts as converted, and still
   * moves on from it ("buyer" before "repeat customer"). A {@code won} stage always counts, and so
   * is not marked. See {@link Stage#isConversion}.
   *
   * <pre>{@code
   * .stage("buyer").converts()
   * }</pre>
   *
   * @return this builder
   * @throws IllegalStateException if the stage was already marked so, or is terminal
   */
  @CanIgnoreReturnValue
  public StageBuilder converts() {
    checkState(!stage.converts, "stage '%s' was already marked as converting", stage.id);
    checkState(
        !stage.kindSet,
        "stage '%s' is %s, so it cannot be marked as converting",
        stage.id,
        stage.kind.name().toLowerCase(Locale.ROOT));
    stage.converts = true;
    return this;
  }

  /**
   * Appends actions run whenever a lead enters the stage, by any way in (see {@link Stage}): a
   * welcome message, an owner, a segment and a hand-off to another funnel, an offer, a custom
   * action. They come out as effects after the actions of the transition that brought the lead in
   * and before the stage's timers are scheduled; those that change what is known about the lead
   * ({@linkplain Actions#assign assign}, {@linkplain Actions#set set}, {@linkplain Actions#remove
   * remove}, {@linkplain Actions#segment segment}) apply to its next snapshot. Calls add up.
   *
   * <pre>{@code
   * .stage("buyer").onEnter(Actions.send("thank-you", "email"), Actions.segment("customers"))
   * }</pre>
   *
   * @param actions the actions, in order
   * @return this builder
   */
  @CanIgnoreReturnValue
  public StageBuilder onEnter(Action... actions) {
    for (Action a : actions) {
      draft.onEnter.put(stage.id, requireNonNull(a, "action"));
    }
    return this;
  }

  /**
   * Marks the stage as terminal: the lead converted.
   *
   * @return this builder
   * @throws IllegalStateException if the stage was already marked as won, lost or junk
   */
  @CanIgnoreReturnValue
  public StageBuilder won() {
    return kind(Stage.Kind.WON, null);
  }

  /**
   * Marks the stage as terminal: the lead was lost.
   *
   * @return this builder
   * @throws IllegalStateException if the stage was already marked as won, lost or junk
   */
  @CanIgnoreReturnValue
  public StageBuilder lost() {
    return kind(Stage.Kind.LOST, null);
  }

  /**
   * Marks the stage as terminal: the lead was junk, rejected for this reason.
   *
   * @param reason a reason code, such as {@code "not-target-audience"}
   * @return this builder
   * @throws IllegalStateException if the stage was already marked as won, lost or junk
   */
  @CanIgnoreReturnValue
  public StageBuilder junk(String reason) {
    return kind(Stage.Kind.JUNK, Ids.check(reason, "junk reason"));
  }

  private StageBuilder kind(Stage.Kind kind, @Nullable String reason) {
    checkState(
        !stage.converts,
        "stage '%s' is marked as converting, so it cannot be %s",
        stage.id,
        kind.name().toLowerCase(Locale.ROOT));
    checkState(
        !stage.kindSet,
        "stage '%s' was already marked as %s",
        stage.id,
        stage.kind.name().toLowerCase(Locale.ROOT));
    stage.kindSet = true;
    stage.kind = kind;
    stage.reason = reason;
    return this;
  }
}
