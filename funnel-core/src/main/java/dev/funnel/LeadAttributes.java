package dev.funnel;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A lead builder's attributes: those copied from a lead, which may be set again, and those set on
 * the builder, each once. A map given whole to a builder without attributes is kept as it is until
 * anything else is given: a reader's 50,000 attributes were held in the map, the set of names and
 * the lead's map at once (ReadCost, see BENCHMARKS.md). Not thread-safe.
 */
final class LeadAttributes {
  private final Map<String, Object> map = new LinkedHashMap<>();
  private final Set<String> set = new HashSet<>();
  private @Nullable ImmutableMap<String, Object> whole;

  /** Copies a lead's attributes, none of them set on the builder. */
  void copy(Map<String, Object> attributes) {
    spill();
    map.putAll(attributes);
  }

  /** Sets an attribute whose name and value were checked. */
  void set(String name, Object normal) {
    spill();
    // Attribute values may be personal data, so only the name is quoted.
    checkState(set.add(name), "attribute '%s' was already set", name);
    map.put(name, normal);
  }

  /**
   * Keeps a map as it is if there are no attributes yet and its names and values are valid as they
   * are; returns whether it did.
   */
  boolean keep(ImmutableMap<String, ?> values) {
    if (!map.isEmpty() || whole != null) {
      return false;
    }
    ImmutableMap<String, Object> kept = Values.keptAsIs(values);
    if (kept == null) {
      return false;
    }
    whole = kept.isEmpty() ? null : kept;
    return true;
  }

  /** Moves attributes kept as they were given into the map, before anything else is added. */
  private void spill() {
    ImmutableMap<String, Object> w = whole;
    if (w != null) {
      whole = null;
      map.putAll(w);
      set.addAll(w.keySet());
    }
  }

  /** Returns the attributes, whose names and values were checked as they were given. */
  ImmutableMap<String, Object> build() {
    ImmutableMap<String, Object> w = whole;
    return w != null ? w : ImmutableMap.copyOf(map);
  }
}
