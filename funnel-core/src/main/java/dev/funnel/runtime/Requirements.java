package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Joiner;
import dev.funnel.Action;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Transition;
import dev.funnel.migration.Migration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what a catalog's funnels need from the runtime against what was registered: every custom
 * guard, every action that needs a handler (see {@link BuiltInActions#needsHandler}), every owner
 * pool; and that every migration's versions are in the catalog. Stateless.
 */
final class Requirements {
  private Requirements() {}

  /**
   * Throws if anything the funnels use is not registered, naming all that is missing at once, each
   * with the funnels that use it.
   */
  static void check(Catalog catalog, Set<String> guards, Set<String> handlers, Set<String> pools) {
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    for (Funnel f : catalog.all()) {
      for (String g : f.customGuards()) {
        if (!guards.contains(g)) {
          note(missing, "custom guard '" + g + "'", f.id());
        }
      }
      for (Transition t : f.transitions()) {
        for (Action a : t.actions()) {
          if (BuiltInActions.needsHandler(a) && !handlers.contains(a.name())) {
            note(missing, "handler for action '" + a.name() + "'", f.id());
          }
          Optional<String> pool = BuiltInActions.pool(a);
          if (pool.isPresent() && !pools.contains(pool.get())) {
            note(missing, "owner pool '" + pool.get() + "'", f.id());
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> lines = new ArrayList<>();
      missing.forEach(
          (what, funnels) ->
              lines.add(what + " used by funnel '" + Joiner.on("', '").join(funnels) + "'"));
      throw new IllegalStateException(
          "the runtime lacks what its funnels use: " + Joiner.on("; ").join(lines));
    }
  }

  /** Throws if a migration names a funnel version the catalog lacks, naming the first such. */
  static void checkMigrations(Catalog catalog, Collection<Migration> migrations) {
    for (Migration m : migrations) {
      for (Funnel f : List.of(m.from(), m.to())) {
        checkArgument(
            catalog.funnel(f.id(), f.version()).isPresent(),
            "migration of funnel '%s' needs version %s in the catalog",
            f.id(),
            f.version());
      }
    }
  }

  private static void note(Map<String, Set<String>> missing, String what, String funnelId) {
    missing.computeIfAbsent(what, k -> new LinkedHashSet<>()).add(funnelId);
  }
}
