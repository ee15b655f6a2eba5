package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Several funnels by id and version: a shop's lead-generation, first-sale and repeat-sale funnels,
 * say. One person can be in several funnels at once; a {@linkplain Actions#handOff hand-off} names
 * a funnel of the catalog. Immutable and thread-safe.
 */
public final class Catalog {
  private final ImmutableSortedMap<String, ImmutableSortedMap<Integer, Funnel>> funnels;

  private Catalog(ImmutableSortedMap<String, ImmutableSortedMap<Integer, Funnel>> funnels) {
    this.funnels = funnels;
  }

  /**
   * Returns a catalog of the funnels.
   *
   * @param funnels the funnels; at most one per id and version
   * @return the catalog
   * @throws IllegalArgumentException if two funnels share an id and a version, or a hand-off names
   *     a funnel or an entry stage the catalog lacks
   */
  public static Catalog of(Funnel... funnels) {
    return of(ImmutableList.copyOf(funnels));
  }

  /**
   * Returns a catalog of the funnels.
   *
   * @param funnels the funnels; at most one per id and version
   * @return the catalog
   * @throws IllegalArgumentException if two funnels share an id and a version, or a hand-off names
   *     a funnel or an entry stage the catalog lacks
   */
  public static Catalog of(Iterable<Funnel> funnels) {
    Map<String, NavigableMap<Integer, Funnel>> byId = new HashMap<>();
    for (Funnel f : funnels) {
      requireNonNull(f, "funnel");
      Funnel previous = byId.computeIfAbsent(f.id(), k -> new TreeMap<>()).put(f.version(), f);
      checkArgument(
          previous == null, "funnel '%s' version %s is in the catalog twice", f.id(), f.version());
    }
    ImmutableSortedMap.Builder<String, ImmutableSortedMap<Integer, Funnel>> b =
        ImmutableSortedMap.naturalOrder();
    byId.forEach((id, versions) -> b.put(id, ImmutableSortedMap.copyOfSorted(versions)));
    Catalog catalog = new Catalog(b.buildOrThrow());
    catalog.checkHandOffs();
    return catalog;
  }

  private void checkHandOffs() {
    for (Funnel f : all()) {
      List<Action> actions = new ArrayList<>();
      for (Transition t : f.transitions()) {
        actions.addAll(t.actions());
      }
      for (Stage s : f.stages()) {
        actions.addAll(s.onEnter());
      }
      for (Action a : actions) {
        if (a.builtIn().orElse(null) != BuiltInAction.HAND_OFF) {
          continue;
        }
        String target = a.param("funnel").orElse("");
        String stage = a.param("stage").orElse("");
        Optional<Funnel> to = latest(target);
        checkArgument(
            to.isPresent(),
            "funnel '%s' hands leads to funnel '%s', which the catalog lacks",
            f.id(),
            target);
        checkArgument(
            to.get().stage(stage).map(Stage::entry).orElse(false),
            "funnel '%s' hands leads to '%s' of funnel '%s', which is not an entry stage there",
            f.id(),
            stage,
            target);
      }
    }
  }

  /**
   * Returns every funnel, by id and then version.
   *
   * @return every funnel, by id and then version
   */
  public ImmutableList<Funnel> all() {
    ImmutableList.Builder<Funnel> all = ImmutableList.builder();
    funnels.values().forEach(versions -> all.addAll(versions.values()));
    return all.build();
  }

  /**
   * Returns the newest version of a funnel.
   *
   * @param id the funnel's id
   * @return the funnel, or empty if the catalog has none of that id
   */
  public Optional<Funnel> latest(String id) {
    ImmutableSortedMap<Integer, Funnel> versions = funnels.get(requireNonNull(id, "id"));
    return versions == null
        ? Optional.empty()
        : Optional.ofNullable(versions.get(versions.lastKey()));
  }

  /**
   * Returns one version of a funnel.
   *
   * @param id the funnel's id
   * @param version the version
   * @return the funnel, or empty if the catalog lacks it
   */
  public Optional<Funnel> funnel(String id, int version) {
    ImmutableSortedMap<Integer, Funnel> versions = funnels.get(requireNonNull(id, "id"));
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /**
   * Returns the funnel a lead is in: its funnel's id at the version it entered.
   *
   * @param lead the lead
   * @return the funnel, or empty if the catalog lacks it
   */
  public Optional<Funnel> funnelOf(Lead lead) {
    return funnel(lead.funnelId(), lead.funnelVersion());
  }

  @Override
  public String toString() {
    return "Catalog" + funnels.keySet();
  }
}
