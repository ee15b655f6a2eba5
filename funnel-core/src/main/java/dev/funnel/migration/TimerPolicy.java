package dev.funnel.migration;

/**
 * What a {@link Migration} does to a timer pending on a lead when the lead moves to the new
 * version: the choice is made per timer of the old version.
 */
public enum TimerPolicy {
  /** The timer keeps its due instant, in the stage the lead moves to. */
  KEEP,
  /** The timer starts again from the moment of the migration, with the new version's delay. */
  RESTART,
  /**
   * The timer's due instant is computed again from when the lead entered its stage, with the new
   * version's delay: a letter moved from two days to one day after sign-up falls due one day after
   * sign-up.
   */
  RECOMPUTE,
  /** The timer is cancelled; its event never fires. */
  DROP;

  /**
   * Returns the policy's name as the format writes it: {@code keep}, {@code restart}, {@code
   * recompute} or {@code drop}.
   *
   * @return the policy's name in lower case
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
