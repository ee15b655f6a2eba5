package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.runtime.LeadStore.Due;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The bucketed due index holds and walks exactly what one ordered set of the same entries would:
 * over additions and removals that share seconds, empty buckets and fill them again, and reach the
 * remembered last buckets after they were dropped.
 */
final class DueIndexProperties {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** One write: an entry added or removed. */
  record Write(boolean add, Due entry) {}

  @Provide
  Arbitrary<Write> writes() {
    // A few seconds, a few instants within each, a few funnels and leads: entries collide often.
    Arbitrary<Instant> due =
        Combinators.combine(
                Arbitraries.integers().between(-1, 3),
                Arbitraries.of(0, 1, 500_000_000, 999_999_999))
            .as((s, n) -> T0.plusSeconds(s).plusNanos(n));
    Arbitrary<LeadKey> key =
        Combinators.combine(Arbitraries.of("f", "g"), Arbitraries.of("a", "b", "c", "lead-10"))
            .as(LeadKey::new);
    Arbitrary<Due> entry = Combinators.combine(due, key).as(Due::new);
    return Combinators.combine(Arbitraries.integers().between(0, 2), entry)
        .as((kind, e) -> new Write(kind > 0, e));
  }

  @Provide
  Arbitrary<Instant> nows() {
    return Arbitraries.integers()
        .between(-2_000, 4_000)
        .map(ms -> T0.plusMillis(ms).plusNanos(ms % 3 == 0 ? 999_999 : 0));
  }

  @Property(tries = 500)
  void index_agreesWithAnOrderedSetOfTheSameEntries(
      @ForAll @Size(max = 120) List<@From("writes") Write> writes,
      @ForAll("nows") Instant now,
      @ForAll("limits") int limit) {
    DueIndex index = new DueIndex();
    TreeSet<Due> model = new TreeSet<>();
    for (Write w : writes) {
      if (w.add()) {
        index.add(w.entry());
        model.add(w.entry());
      } else {
        index.remove(w.entry());
        model.remove(w.entry());
      }
      assertEquals(model.size(), index.size());
      assertEquals(model.isEmpty() ? Optional.empty() : Optional.of(model.first()), index.first());
    }
    List<Due> walked = new ArrayList<>();
    index.walk(
        now,
        d -> {
          walked.add(d);
          return walked.size() < limit;
        });
    List<Due> expected = new ArrayList<>();
    for (Due d : model) {
      if (expected.size() == limit || d.due().isAfter(now)) {
        break;
      }
      expected.add(d);
    }
    assertEquals(expected, walked);
  }

  @Provide
  Arbitrary<Integer> limits() {
    return Arbitraries.integers().between(1, 50);
  }
}
