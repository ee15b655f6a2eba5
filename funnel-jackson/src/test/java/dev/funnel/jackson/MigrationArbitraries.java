package dev.funnel.jackson;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jspecify.annotations.Nullable;

/**
 * Generates valid migrations between two versions of a funnel of stages in a row (each stage's
 * event {@code go} leads to the next, some after a timer), and journals of leads with their events,
 * with the ids of {@link FunnelArbitraries}.
 */
final class MigrationArbitraries {
  private MigrationArbitraries() {}

  static Arbitrary<Migration> migrations() {
    return Arbitraries.randomValue(MigrationArbitraries::migration);
  }

  static Arbitrary<Journal> journals() {
    return Arbitraries.randomValue(MigrationArbitraries::journal);
  }

  private static final String GO = "go";

  static Migration migration(Random r) {
    int n = 2 + r.nextInt(5);
    String funnel = FunnelArbitraries.id(r, "f");
    List<String> stages = new ArrayList<>();
    List<@Nullable Duration> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      stages.add(FunnelArbitraries.id(r, "s") + "." + i);
      delays.add(i < n - 1 && r.nextBoolean() ? Duration.ofHours(1 + r.nextInt(72)) : null);
    }
    // Each stage but the last is kept (0), renamed (1) or, but the first, removed (2).
    int[] fate = new int[n];
    List<String> newStages = new ArrayList<>();
    List<@Nullable Duration> newDelays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fate[i] = i == n - 1 ? r.nextInt(2) : r.nextInt(i == 0 ? 2 : 3);
      if (fate[i] != 2) {
        newStages.add(fate[i] == 1 ? "renamed-" + stages.get(i) : stages.get(i));
        Duration d = delays.get(i);
        newDelays.add(
            i == n - 1
                ? null
                : switch (r.nextInt(3)) {
                  case 0 -> d;
                  case 1 -> d == null ? Duration.ofHours(1 + r.nextInt(72)) : d.plusHours(1);
                  default -> null;
                });
      }
    }
    int v = 1 + r.nextInt(5);
    Funnel from = funnel(funnel, v, stages, delays);
    Funnel to = funnel(funnel, v + 1 + r.nextInt(3), newStages, newDelays);
    Migration.Builder b = Migration.between(from, to);
    String[] target = new String[n];
    String next = null;
    for (int i = n - 1; i >= 0; i--) {
      if (fate[i] != 2) {
        next = newStages.get(newStages.size() - 1 - countKeptAfter(fate, i));
      }
      target[i] = requireNonNull(next);
    }
    for (int i = 0; i < n; i++) {
      if (fate[i] == 1) {
        b.rename(stages.get(i), target[i]);
      } else if (fate[i] == 2) {
        b.move(stages.get(i), target[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      Duration before = delays.get(i);
      if (before == null) {
        continue;
      }
      int j = newStages.indexOf(target[i]);
      Duration after = newDelays.get(j);
      TimerPolicy policy;
      if (j == newStages.size() - 1) {
        policy = TimerPolicy.DROP; // the last stage is won, where no timer stays pending
      } else if (before.equals(after) && r.nextBoolean()) {
        policy = null; // kept by default
      } else if (after == null) {
        policy = r.nextBoolean() ? TimerPolicy.KEEP : TimerPolicy.DROP;
      } else {
        List<TimerPolicy> all = List.of(TimerPolicy.values());
        policy = all.get(r.nextInt(all.size()));
      }
      if (policy != null) {
        b.timer(stages.get(i), GO, policy);
      }
    }
    return b.build();
  }

  /** How many stages after {@code i} are not removed. */
  private static int countKeptAfter(int[] fate, int i) {
    int count = 0;
    for (int k = i + 1; k < fate.length; k++) {
      if (fate[k] != 2) {
        count++;
      }
    }
    return count;
  }

  private static <T> T requireNonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the last stage is never removed");
    }
    return value;
  }

  /** A funnel of stages in a row: the first an entry, the last won, {@code go} to the next. */
  private static Funnel funnel(
      String id, int version, List<String> stages, List<@Nullable Duration> delays) {
    FunnelBuilder b = Funnel.builder(id).version(version).stage(stages.get(0)).entry();
    for (int i = 1; i < stages.size() - 1; i++) {
      b = b.stage(stages.get(i));
    }
    b = b.stage(stages.get(stages.size() - 1)).won();
    for (int i = 0; i < stages.size() - 1; i++) {
      b = b.on(GO).from(stages.get(i)).to(stages.get(i + 1));
    }
    for (int i = 0; i < stages.size() - 1; i++) {
      Duration d = delays.get(i);
      if (d != null) {
        b = b.after(d).in(stages.get(i)).fire(GO);
      }
    }
    return b.build();
  }

  static Journal journal(Random r) {
    Journal.Builder b = Journal.builder();
    int leads = r.nextInt(4);
    for (int i = 0; i < leads; i++) {
      String lead = FunnelArbitraries.id(r, "lead") + "." + i;
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (int k = r.nextInt(3); k > 0; k--) {
        attributes.put(FunnelArbitraries.id(r, "a") + "." + k, FunnelArbitraries.scalar(r));
      }
      b.arrive(
          new Journal.Arrival(
              lead,
              FunnelArbitraries.id(r, "ch"),
              r.nextBoolean() ? FunnelArbitraries.id(r, "o") : null,
              ImmutableMap.copyOf(attributes),
              r.nextBoolean() ? FunnelArbitraries.id(r, "st") : null,
              FunnelArbitraries.instant(r)));
      for (int e = r.nextInt(4); e > 0; e--) {
        b.event(lead, FunnelArbitraries.event(r));
      }
    }
    if (leads == 0 || r.nextBoolean()) {
      b.end(FunnelArbitraries.instant(r));
    }
    return b.build();
  }
}
