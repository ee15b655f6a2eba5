package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An experiment's outcome from a funnel's step records, as a {@link Report} gives it ({@link
 * Report#experiments()}): per arm, how many journeys started in it (entries into the funnel,
 * re-entries included) and how many of them converted (as {@link Report#converted()} counts: a
 * first purchase, a {@linkplain dev.funnel.Stage.Kind#WON won} stage, a stage {@linkplain
 * dev.funnel.Stage#isConversion() marked as a conversion} or a {@linkplain dev.funnel.Goal goal}
 * reached, once per journey), and the lift of the treated arms (all arms that are not holdouts,
 * pooled) over the holdout arms (pooled). A lead's arm is worked out again from its id with {@link
 * Experiment#armOf}, as the contact gate does, so no stored attribute is needed. Both counts are
 * counted when their record is in the report's range. Immutable and thread-safe.
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
   * @param leads how many journeys started in it
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
   * Returns the figures of this part of a journal and another's, arm by arm; arms only the other
   * has (from another version of the funnel) come after this one's.
   */
  ExperimentFigures plus(ExperimentFigures o) {
    Map<String, Arm> all = new LinkedHashMap<>();
    for (Arm a : arms) {
      all.put(a.name(), a);
    }
    for (Arm a : o.arms) {
      all.merge(
          a.name(),
          a,
          (x, y) ->
              new Arm(x.name(), x.holdout(), x.leads() + y.leads(), x.converted() + y.converted()));
    }
    return new ExperimentFigures(experimentId, ImmutableList.copyOf(all.values()));
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

  /**
   * Returns the figures of every experiment, those of the funnel's experiments first in declaration
   * order, then those only a merged report of another version knows, by id.
   */
  static ImmutableList<ExperimentFigures> inOrder(
      Funnel funnel, Map<String, ExperimentFigures> byId) {
    ImmutableList.Builder<ExperimentFigures> all = ImmutableList.builder();
    Set<String> listed = new HashSet<>();
    for (Experiment e : funnel.experiments()) {
      ExperimentFigures f = byId.get(e.id());
      if (f != null && listed.add(e.id())) {
        all.add(f);
      }
    }
    for (String id : new TreeSet<>(byId.keySet())) {
      if (listed.add(id)) {
        all.add(requireNonNull(byId.get(id)));
      }
    }
    return all.build();
  }
}
