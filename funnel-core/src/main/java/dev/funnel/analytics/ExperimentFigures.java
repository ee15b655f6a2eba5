package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment's outcome from a funnel's step records: per arm, how many leads entered and how
 * many converted (reached a {@link Stage.Kind#WON won} stage), and the lift of the treated arms
 * (all arms that are not holdouts, pooled) over the holdout arms (pooled). A lead's arm is worked
 * out again from its id with {@link Experiment#armOf}, so no stored attribute is needed. Immutable
 * and thread-safe.
 *
 * <p><b>Method.</b> The lift is the difference of the two conversion rates, {@code d = pT - pH}.
 * Its confidence interval is the Wald interval for a difference of two independent proportions,
 * {@code d ± z·sqrt(pT(1-pT)/nT + pH(1-pH)/nH)}, with {@code z} the standard normal quantile of the
 * chosen level (1.96 for 95%). It relies on the normal approximation, so it is trustworthy only
 * when each group has at least a few conversions and non-conversions (say five of each); with zero
 * conversions in both groups its width is zero.
 *
 * @param experimentId the experiment's id
 * @param arms the figures per arm, in the experiment's order
 */
public record ExperimentFigures(String experimentId, ImmutableList<Arm> arms) {

  /** The standard normal quantile for a two-sided 95% interval. */
  public static final double Z_95 = 1.959963984540054;

  /**
   * One arm's figures.
   *
   * @param name the arm's name
   * @param holdout whether it is a holdout
   * @param leads how many leads entered in it
   * @param converted how many of them converted
   */
  public record Arm(String name, boolean holdout, long leads, long converted) {
    /**
     * Creates an arm's figures.
     *
     * @param name the arm
     * @param holdout whether it is a holdout
     * @param leads entered
     * @param converted converted
     */
    public Arm {
      requireNonNull(name, "name");
    }

    /**
     * Returns the arm's conversion, converted over leads.
     *
     * @return the conversion
     */
    public Ratio conversion() {
      return Ratio.of(converted, leads);
    }
  }

  /**
   * The lift of treated over holdout and its confidence interval, as fractions (0.05 is five
   * percentage points).
   *
   * @param difference the treated rate minus the holdout rate
   * @param low the interval's lower end
   * @param high the interval's upper end
   * @param level the interval's confidence level, such as 0.95
   */
  public record Lift(double difference, double low, double high, double level) {}

  /**
   * Creates the figures.
   *
   * @param experimentId the experiment
   * @param arms per arm
   */
  public ExperimentFigures {
    requireNonNull(experimentId, "experimentId");
    arms = ImmutableList.copyOf(arms);
  }

  /**
   * Counts an experiment of a funnel from step records.
   *
   * @param funnel the funnel, for its won stages
   * @param experiment the experiment
   * @param steps the step records, in any order; those of other funnels are ignored
   * @return the figures
   */
  public static ExperimentFigures of(Funnel funnel, Experiment experiment, Iterable<Step> steps) {
    requireNonNull(funnel, "funnel");
    requireNonNull(experiment, "experiment");
    requireNonNull(steps, "steps");
    Set<String> won = new HashSet<>();
    for (Stage s : funnel.stages()) {
      if (s.kind() == Stage.Kind.WON) {
        won.add(s.id());
      }
    }
    Set<String> entered = new HashSet<>();
    Set<String> converted = new HashSet<>();
    for (Step s : steps) {
      if (!s.funnelId().equals(funnel.id())) {
        continue;
      }
      if (s.isEntry()) {
        entered.add(s.leadId());
      }
      if (won.contains(s.to())) {
        converted.add(s.leadId());
      }
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Experiment.Arm a : experiment.arms()) {
      counts.put(a.name(), new long[2]);
    }
    for (String lead : entered) {
      long[] c = requireNonNull(counts.get(experiment.armOf(lead).name()));
      c[0]++;
      if (converted.contains(lead)) {
        c[1]++;
      }
    }
    ImmutableList.Builder<Arm> arms = ImmutableList.builder();
    for (Experiment.Arm a : experiment.arms()) {
      long[] c = requireNonNull(counts.get(a.name()));
      arms.add(new Arm(a.name(), a.holdout(), c[0], c[1]));
    }
    return new ExperimentFigures(experiment.id(), arms.build());
  }

  /**
   * Returns the figures of one arm.
   *
   * @param name the arm's name
   * @return its figures, or empty if the experiment has no such arm
   */
  public Optional<Arm> arm(String name) {
    requireNonNull(name, "name");
    for (Arm a : arms) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the lift of the treated arms over the holdout arms with a 95% Wald interval.
   *
   * @return the lift, or empty if either group has no lead
   */
  public Optional<Lift> lift() {
    return lift(Z_95, 0.95);
  }

  /**
   * Returns the lift of the treated arms over the holdout arms with a Wald interval.
   *
   * @param z the standard normal quantile of the level, such as {@link #Z_95}
   * @param level the level it stands for, such as 0.95, recorded in the result
   * @return the lift, or empty if either group has no lead
   */
  public Optional<Lift> lift(double z, double level) {
    long nT = 0;
    long cT = 0;
    long nH = 0;
    long cH = 0;
    for (Arm a : arms) {
      if (a.holdout()) {
        nH += a.leads();
        cH += a.converted();
      } else {
        nT += a.leads();
        cT += a.converted();
      }
    }
    if (nT == 0 || nH == 0) {
      return Optional.empty();
    }
    double pT = (double) cT / nT;
    double pH = (double) cH / nH;
    double d = pT - pH;
    double se = Math.sqrt(pT * (1 - pT) / nT + pH * (1 - pH) / nH);
    return Optional.of(new Lift(d, d - z * se, d + z * se, level));
  }
}
