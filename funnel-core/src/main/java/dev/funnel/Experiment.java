package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;

/**
 * A split of a funnel's leads into weighted arms (letter A against letter B), some of which may be
 * holdouts that get no marketing message at all, to measure the real lift. The arm is decided by a
 * fixed hash of the experiment's salt and the lead's id, never by a random draw: the same lead
 * always lands in the same arm, in every process and every store, and changing the salt reshuffles
 * everybody. Entering a lead sets its attribute {@link #attribute()} to its arm's name, so guards
 * branch on it with {@code Conditions.attr(experiment.attribute()).eq("a")}; {@link ContactGate}
 * suppresses marketing messages to a lead in a holdout arm. Immutable and thread-safe.
 *
 * <p>The hash is 64-bit FNV-1a over the UTF-8 bytes of the salt, a zero byte and the lead id,
 * finished with the SplitMix64 mixer; the arm is the one whose cumulative weight range holds the
 * hash modulo the total weight (unsigned). It is part of the format: changing it would move leads
 * between arms.
 *
 * @param id the experiment's id, unique in its funnel
 * @param salt what the hash is salted with
 * @param arms the arms, in declaration order, at least two with distinct names
 */
public record Experiment(String id, String salt, ImmutableList<Arm> arms) {

  /** The prefix of the lead attribute that holds an experiment's arm. */
  public static final String ATTRIBUTE_PREFIX = "arm:";

  /**
   * One arm of an experiment.
   *
   * @param name the arm's name, unique in its experiment
   * @param weight its share of the leads, relative to the other arms' weights; positive
   * @param holdout whether the arm is a holdout (control) group that gets no marketing message
   */
  public record Arm(String name, int weight, boolean holdout) {
    /**
     * Creates an arm.
     *
     * @param name the arm's name
     * @param weight its relative share; positive
     * @param holdout whether it gets no marketing message
     * @throws IllegalArgumentException if the weight is not positive
     */
    public Arm {
      Ids.check(name, "arm name");
      checkArgument(weight > 0, "arm '%s' must have a positive weight", name);
    }

    /**
     * Returns a treated arm.
     *
     * @param name the arm's name
     * @param weight its relative share
     * @return the arm
     */
    public static Arm of(String name, int weight) {
      return new Arm(name, weight, false);
    }

    /**
     * Returns a holdout arm.
     *
     * @param name the arm's name
     * @param weight its relative share
     * @return the arm
     */
    public static Arm holdout(String name, int weight) {
      return new Arm(name, weight, true);
    }
  }

  /**
   * Creates an experiment.
   *
   * @param id the experiment's id
   * @param salt what the hash is salted with
   * @param arms the arms
   * @throws IllegalArgumentException if the weights together pass {@link Integer#MAX_VALUE}
   */
  public Experiment {
    Ids.check(id, "experiment id");
    Ids.check(salt, "experiment salt");
    arms = ImmutableList.copyOf(arms);
    long total = 0;
    for (Arm a : arms) {
      total += a.weight();
    }
    checkArgument(total <= Integer.MAX_VALUE, "experiment '%s' weighs too much in total", id);
  }

  /**
   * Returns an experiment of these arms.
   *
   * @param id the experiment's id
   * @param salt what the hash is salted with
   * @param arms the arms
   * @return the experiment
   */
  public static Experiment of(String id, String salt, Arm... arms) {
    return new Experiment(id, salt, ImmutableList.copyOf(arms));
  }

  /**
   * Returns the lead attribute that holds this experiment's arm, {@code "arm:" + id}.
   *
   * @return the attribute's name
   */
  public String attribute() {
    return ATTRIBUTE_PREFIX + id;
  }

  /**
   * Returns the arm a lead is in.
   *
   * @param leadId the lead's id
   * @return its arm
   * @throws IllegalStateException if the experiment has no arm
   */
  public Arm armOf(String leadId) {
    requireNonNull(leadId, "leadId");
    if (arms.isEmpty()) {
      throw new IllegalStateException("experiment '" + id + "' has no arm");
    }
    long total = 0;
    for (Arm a : arms) {
      total += a.weight();
    }
    long bucket = Long.remainderUnsigned(hash(salt, leadId), total);
    for (Arm a : arms) {
      bucket -= a.weight();
      if (bucket < 0) {
        return a;
      }
    }
    return arms.get(arms.size() - 1);
  }

  /** FNV-1a over salt, a zero byte and the lead id, then SplitMix64's finalizer. */
  static long hash(String salt, String leadId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h *= 0x100000001b3L;
    for (byte b : leadId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /**
   * Returns whether a lead is in a holdout arm of this experiment.
   *
   * @param leadId the lead's id
   * @return whether its arm is a holdout
   */
  public boolean holdsOut(String leadId) {
    return !arms.isEmpty() && armOf(leadId).holdout();
  }
}
