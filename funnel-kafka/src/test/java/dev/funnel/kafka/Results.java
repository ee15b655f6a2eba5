package dev.funnel.kafka;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run produced, in a form that does not depend on how leads were spread over partitions:
 * each lead's steps in order, each effect by key, each lead's final snapshot.
 */
record Results(
    ImmutableListMultimap<LeadKey, Step> steps,
    ImmutableMap<EffectKey, Effect> effects,
    ImmutableMap<LeadKey, Lead> leads,
    int duplicatedEffects) {

  /** An effect as written: its action and time. */
  record Effect(String action, ImmutableMap<String, Object> params, java.time.Instant at) {}

  static Results of(List<Step> steps, List<OutboxEntry> effects, Map<LeadKey, Lead> leads) {
    ImmutableListMultimap.Builder<LeadKey, Step> s = ImmutableListMultimap.builder();
    for (Step step : steps) {
      s.put(new LeadKey(step.funnelId(), step.leadId()), step);
    }
    Map<String, EffectKey> order = new TreeMap<>();
    Map<EffectKey, Effect> e = new LinkedHashMap<>();
    int duplicated = 0;
    for (OutboxEntry entry : effects) {
      Effect effect = new Effect(entry.action().name(), entry.action().params(), entry.at());
      Effect earlier = e.put(entry.key(), effect);
      if (earlier != null) {
        duplicated++;
      }
      order.put(entry.key().toString(), entry.key());
    }
    ImmutableMap.Builder<EffectKey, Effect> sorted = ImmutableMap.builder();
    for (EffectKey k : order.values()) {
      sorted.put(k, java.util.Objects.requireNonNull(e.get(k)));
    }
    Map<String, LeadKey> leadOrder = new TreeMap<>();
    leads.keySet().forEach(k -> leadOrder.put(k.toString(), k));
    ImmutableMap.Builder<LeadKey, Lead> l = ImmutableMap.builder();
    for (LeadKey k : leadOrder.values()) {
      l.put(k, java.util.Objects.requireNonNull(leads.get(k)));
    }
    return new Results(s.build(), sorted.buildOrThrow(), l.buildOrThrow(), duplicated);
  }

  ImmutableList<Step> allSteps() {
    return ImmutableList.copyOf(steps.values());
  }
}
