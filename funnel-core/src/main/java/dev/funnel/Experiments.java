package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Puts an entering lead into the arm of each experiment of its funnel. */
final class Experiments {
  private Experiments() {}

  /**
   * Returns the attributes with each experiment's arm attribute set to the lead's arm; the hash
   * decides, so an attribute of that name given at entry is replaced.
   */
  static ImmutableMap<String, Object> assign(
      ImmutableList<Experiment> experiments, String leadId, ImmutableMap<String, Object> given) {
    if (experiments.isEmpty()) {
      return given;
    }
    Map<String, Object> all = new LinkedHashMap<>(given);
    for (Experiment e : experiments) {
      all.put(e.attribute(), e.armOf(leadId).name());
    }
    return ImmutableMap.copyOf(all);
  }
}
