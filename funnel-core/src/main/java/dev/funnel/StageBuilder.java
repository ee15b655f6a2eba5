package dev.funnel;

import static com.google.common.base.Preconditions.checkState;

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
