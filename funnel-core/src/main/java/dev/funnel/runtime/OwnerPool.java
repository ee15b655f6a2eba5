package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Actions;
import dev.funnel.Lead;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A pool of owners (a sales team) and how the runtime picks one of them for a lead when a
 * transition says {@link Actions#assignFrom(String)}: in turn, the least loaded, or by a rule of
 * the host application. The runtime records the pick with {@link dev.funnel.Funnel#reassign}.
 * Thread-safe.
 */
public final class OwnerPool {

  /** How a pool picks an owner. */
  public enum Strategy {
    /** Each owner in turn, in the order given. */
    ROUND_ROBIN,
    /**
     * The owner with the fewest active leads (in stages that are not terminal) across the store;
     * ties go to the owner listed first.
     */
    LEAST_LOADED,
    /** A function of the lead chosen by the host application. */
    RULE
  }

  private final String id;
  private final Strategy strategy;
  private final ImmutableList<String> owners;
  // Only a pool that picks by rule has one.
  private final @Nullable Function<? super Lead, String> rule;
  private final AtomicLong turn = new AtomicLong();

  private OwnerPool(
      String id,
      Strategy strategy,
      ImmutableList<String> owners,
      @Nullable Function<? super Lead, String> rule) {
    this.id = id;
    this.strategy = strategy;
    this.owners = owners;
    this.rule = rule;
  }

  /**
   * Returns a pool that gives leads to its owners in turn.
   *
   * @param id the pool's id, as named by {@link Actions#assignFrom}
   * @param owners the owners' ids, in turn order
   * @return the pool
   * @throws IllegalArgumentException if an id is blank or there are no owners or duplicates
   */
  public static OwnerPool roundRobin(String id, List<String> owners) {
    return new OwnerPool(check(id), Strategy.ROUND_ROBIN, checkOwners(id, owners), null);
  }

  /**
   * Returns a pool that gives each lead to the owner with the fewest active leads.
   *
   * @param id the pool's id, as named by {@link Actions#assignFrom}
   * @param owners the owners' ids; ties go to the one listed first
   * @return the pool
   * @throws IllegalArgumentException if an id is blank or there are no owners or duplicates
   */
  public static OwnerPool leastLoaded(String id, List<String> owners) {
    return new OwnerPool(check(id), Strategy.LEAST_LOADED, checkOwners(id, owners), null);
  }

  /**
   * Returns a pool that picks the owner with a rule, such as by region or language attribute.
   *
   * @param id the pool's id, as named by {@link Actions#assignFrom}
   * @param rule returns the owner's id for a lead; must not return null or a blank id
   * @return the pool
   * @throws IllegalArgumentException if the id is blank
   */
  public static OwnerPool byRule(String id, Function<? super Lead, String> rule) {
    return new OwnerPool(check(id), Strategy.RULE, ImmutableList.of(), requireNonNull(rule));
  }

  private static String check(String id) {
    requireNonNull(id, "id");
    checkArgument(!id.isBlank(), "owner pool id is blank");
    return id;
  }

  private static ImmutableList<String> checkOwners(String id, List<String> owners) {
    ImmutableList<String> copy = ImmutableList.copyOf(owners);
    checkArgument(!copy.isEmpty(), "owner pool '%s' has no owners", id);
    checkArgument(
        ImmutableSet.copyOf(copy).size() == copy.size(),
        "owner pool '%s' lists an owner twice",
        id);
    for (String o : copy) {
      checkArgument(!o.isBlank(), "owner pool '%s' has a blank owner id", id);
    }
    return copy;
  }

  /**
   * Returns the pool's id.
   *
   * @return the pool's id
   */
  public String id() {
    return id;
  }

  /**
   * Returns how the pool picks an owner.
   *
   * @return how the pool picks an owner
   */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * Returns the owners, in the order given; empty for a pool that picks by rule.
   *
   * @return the owners, in the order given; empty for a pool that picks by rule
   */
  public ImmutableList<String> owners() {
    return owners;
  }

  /**
   * Picks an owner for a lead. Runtimes other than {@link FunnelRuntime} (such as a Kafka Streams
   * topology) call it with their own count of active leads.
   *
   * @param lead the lead to assign
   * @param load the number of active leads an owner has
   * @return the owner's id
   * @throws IllegalArgumentException if a rule returns no owner
   */
  public String pick(Lead lead, ToIntFunction<String> load) {
    requireNonNull(lead, "lead");
    requireNonNull(load, "load");
    switch (strategy) {
      case ROUND_ROBIN -> {
        return owners.get((int) Math.floorMod(turn.getAndIncrement(), (long) owners.size()));
      }
      case LEAST_LOADED -> {
        String best = owners.get(0);
        int fewest = load.applyAsInt(best);
        for (int i = 1; i < owners.size(); i++) {
          int n = load.applyAsInt(owners.get(i));
          if (n < fewest) {
            fewest = n;
            best = owners.get(i);
          }
        }
        return best;
      }
      default -> {
        String owner = requireNonNull(rule, "rule").apply(lead);
        checkArgument(
            owner != null && !owner.isBlank(),
            "owner pool '%s' rule returned no owner for lead '%s'",
            id,
            lead.id());
        return owner;
      }
    }
  }

  @Override
  public String toString() {
    return "OwnerPool{id=" + id + ", strategy=" + strategy + ", owners=" + owners.size() + "}";
  }
}
