package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.testing.FunnelArbitraries;
import dev.funnel.testing.FunnelParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Validation over generated definitions: valid ones build and round-trip; each kind of defect
 * injected into a valid one is reported, naming the offending ids.
 */
final class ValidationProperties {

  @Provide
  Arbitrary<FunnelParts> parts() {
    return Arbitraries.oneOf(FunnelArbitraries.parts(), FunnelArbitraries.partsWithCustomGuards());
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void build_generatedParts_reportsNoErrors(@ForAll("parts") FunnelParts parts) {
    FunnelBuilder builder = parts.builder();
    ImmutableList<Problem> problems = builder.problems();
    assertTrue(problems.stream().allMatch(p -> p.code().isWarning()), problems::toString);
    Funnel funnel = builder.build();
    assertEquals(problems, funnel.warnings());
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void toBuilder_rebuildsAnEqualFunnel(@ForAll("parts") FunnelParts parts) {
    Funnel funnel = parts.build();
    Funnel rebuilt = funnel.toBuilder().build();
    assertEquals(funnel, rebuilt);
    assertEquals(funnel.hashCode(), rebuilt.hashCode());
    assertEquals(parts, FunnelParts.of(funnel));
    assertEquals(funnel.warnings(), rebuilt.warnings());
  }

  /** A defect injected into a valid definition, and the problem it must be reported as. */
  record Injected(FunnelBuilder builder, Problem.Code code, ImmutableList<String> ids) {}

  /** The kinds of defect, each injected into valid parts. */
  enum Defect {
    DUPLICATE_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        Stage s = pick(p.stages(), r);
        return of(p.plus(Stage.active(s.id())), Problem.Code.DUPLICATE_ID, s.id());
      }
    },
    DUPLICATE_OFFER {
      @Override
      Injected inject(FunnelParts p, Random r) {
        Offer o = p.offers().isEmpty() ? Offer.leadMagnet("coupon") : pick(p.offers(), r);
        FunnelParts q = p.offers().isEmpty() ? p.plus(o) : p;
        return of(q.plus(o.named("again")), Problem.Code.DUPLICATE_ID, o.id());
      }
    },
    DUPLICATE_TIMER {
      @Override
      Injected inject(FunnelParts p, Random r) {
        Timer t =
            p.timers().isEmpty()
                ? new Timer(pick(p.activeStageIds(), r), Duration.ofDays(1), "nudge")
                : pick(p.timers(), r);
        FunnelParts q = p.timers().isEmpty() ? p.plus(t) : p;
        return of(q.plus(t), Problem.Code.DUPLICATE_ID, t.stage(), t.event());
      }
    },
    UNKNOWN_SOURCE_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String to = pick(p.stages(), r).id();
        return of(p.plus(from("limbo", "jumped", to)), Problem.Code.UNKNOWN_STAGE, "limbo");
      }
    },
    UNKNOWN_TARGET_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String from = pick(p.activeStageIds(), r);
        return of(p.plus(from(from, "jumped", "limbo")), Problem.Code.UNKNOWN_STAGE, "limbo");
      }
    },
    UNKNOWN_TIMER_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        Timer t = new Timer("limbo", Duration.ofHours(2), pick(FunnelArbitraries.EVENT_TYPES, r));
        return of(p.plus(t), Problem.Code.UNKNOWN_STAGE, "limbo");
      }
    },
    NO_ENTRY_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        List<Stage> stages = new ArrayList<>();
        for (Stage s : p.stages()) {
          stages.add(new Stage(s.id(), s.kind(), false, s.manual(), s.reason()));
        }
        return of(p.withStages(stages), Problem.Code.NO_ENTRY_STAGE);
      }
    },
    TERMINAL_ENTRY_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String id = pick(p.terminalStageIds(), r);
        List<Stage> stages = new ArrayList<>();
        for (Stage s : p.stages()) {
          stages.add(
              s.id().equals(id) ? new Stage(s.id(), s.kind(), true, s.manual(), s.reason()) : s);
        }
        return of(p.withStages(stages), Problem.Code.TERMINAL_ENTRY, id);
      }
    },
    UNREACHABLE_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String to = pick(p.stages(), r).id();
        FunnelParts q = p.plus(Stage.active("island")).plus(from("island", "island-left", to));
        return of(q, Problem.Code.UNREACHABLE_STAGE, "island");
      }
    },
    NO_WAY_OUT {
      @Override
      Injected inject(FunnelParts p, Random r) {
        // A transition from any stage would lead out of the new stage too: pin those to the
        // stages the funnel had.
        ImmutableSet<String> actives = ImmutableSet.copyOf(p.activeStageIds());
        List<Transition> transitions = new ArrayList<>();
        for (Transition t : p.transitions()) {
          transitions.add(
              t.isFromAny() && t.to() != null
                  ? new Transition(t.event(), actives, t.to(), t.guard(), t.actions(), t.priority())
                  : t);
        }
        FunnelParts q =
            p.withTransitions(transitions)
                .plus(Stage.active("dead-end"))
                .plus(from(pick(p.activeStageIds(), r), "cornered", "dead-end"));
        return of(q, Problem.Code.NO_WAY_OUT, "dead-end");
      }
    },
    TRANSITION_FROM_TERMINAL {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String from = pick(p.terminalStageIds(), r);
        String to = pick(p.activeStageIds(), r);
        return of(
            p.plus(from(from, "revived", to)),
            Problem.Code.TRANSITION_FROM_TERMINAL,
            from,
            "revived");
      }
    },
    INDISTINGUISHABLE_TRANSITIONS {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String stage = pick(p.activeStageIds(), r);
        String event = pick(FunnelArbitraries.EVENT_TYPES, r);
        int priority = p.transitions().stream().mapToInt(Transition::priority).max().orElse(0) + 1;
        List<@Nullable String> targets = new ArrayList<>();
        targets.add(null);
        p.stages().forEach(s -> targets.add(s.id()));
        ImmutableSet<String> first = r.nextBoolean() ? ImmutableSet.of() : ImmutableSet.of(stage);
        FunnelParts q =
            p.plus(transition(event, first, pick(targets, r), priority))
                .plus(transition(event, ImmutableSet.of(stage), pick(targets, r), priority));
        return of(q, Problem.Code.AMBIGUOUS_TRANSITIONS, stage, event);
      }
    },
    TIMER_ON_TERMINAL_STAGE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String stage = pick(p.terminalStageIds(), r);
        String event = pick(FunnelArbitraries.EVENT_TYPES, r);
        return of(
            p.plus(new Timer(stage, Duration.ofDays(3), event)),
            Problem.Code.TIMER_ON_TERMINAL,
            stage,
            event);
      }
    },
    UNKNOWN_OFFER_IN_GUARD {
      @Override
      Injected inject(FunnelParts p, Random r) {
        int i = r.nextInt(p.transitions().size());
        Transition t = p.transitions().get(i);
        Condition guard = Conditions.any(t.guard(), Conditions.not(Conditions.bought("ghost")));
        List<Transition> transitions = new ArrayList<>(p.transitions());
        transitions.set(
            i, new Transition(t.event(), t.from(), t.to(), guard, t.actions(), t.priority()));
        return of(p.withTransitions(transitions), Problem.Code.UNKNOWN_OFFER, "ghost", t.event());
      }
    },
    UNKNOWN_OFFER_IN_ACTION {
      @Override
      Injected inject(FunnelParts p, Random r) {
        return withAction(p, r, Actions.present("ghost"), Problem.Code.UNKNOWN_OFFER, "ghost");
      }
    },
    INCOMPLETE_BUILT_IN_ACTION {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String name =
            pick(
                ImmutableList.of(
                    "send", "assign", "set", "remove", "segment", "present", "hand-off"),
                r);
        Action broken = new Action(name, ImmutableMap.of("note", "x"));
        return withAction(p, r, broken, Problem.Code.INVALID_ACTION, name);
      }
    },
    PRICED_LEAD_MAGNET {
      @Override
      Injected inject(FunnelParts p, Random r) {
        Money price = Money.of("0.01", "EUR").times(1 + r.nextInt(10_000));
        Offer magnet = new Offer("gold-coupon", Offer.Tier.LEAD_MAGNET, "gold coupon", price);
        return of(p.plus(magnet), Problem.Code.INVALID_OFFER, "gold-coupon");
      }
    },
    TRIPWIRE_NOT_BELOW_CORE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        String currency = pick(FunnelArbitraries.CURRENCIES, r);
        Money core = Money.of(Integer.toString(1 + r.nextInt(500)), currency);
        Money tripwire = core.plus(Money.of(Integer.toString(r.nextInt(3)), currency));
        FunnelParts q =
            p.plus(Offer.coreProduct("premium", core)).plus(Offer.tripwire("trial", tripwire));
        return of(q, Problem.Code.INVALID_OFFER, "trial", "premium");
      }
    },
    MISSING_SOURCE {
      @Override
      Injected inject(FunnelParts p, Random r) {
        FunnelBuilder b = p.builder().on("orphaned").to(pick(p.stages(), r).id());
        return new Injected(b, Problem.Code.MISSING_SOURCE, ImmutableList.of("orphaned"));
      }
    };

    abstract Injected inject(FunnelParts parts, Random random);

    private static <T> T pick(List<T> from, Random r) {
      return from.get(r.nextInt(from.size()));
    }

    private static Injected of(FunnelParts p, Problem.Code code, String... ids) {
      return new Injected(p.builder(), code, ImmutableList.copyOf(ids));
    }

    private static Transition from(String from, String event, String to) {
      return transition(event, ImmutableSet.of(from), to, 0);
    }

    private static Transition transition(
        String event, ImmutableSet<String> from, @Nullable String to, int priority) {
      return new Transition(event, from, to, Condition.ALWAYS, ImmutableList.of(), priority);
    }

    private static Injected withAction(
        FunnelParts p, Random r, Action action, Problem.Code code, String id) {
      int i = r.nextInt(p.transitions().size());
      Transition t = p.transitions().get(i);
      List<Action> actions = new ArrayList<>(t.actions());
      actions.add(r.nextInt(actions.size() + 1), action);
      List<Transition> transitions = new ArrayList<>(p.transitions());
      transitions.set(
          i,
          new Transition(
              t.event(), t.from(), t.to(), t.guard(), ImmutableList.copyOf(actions), t.priority()));
      return of(p.withTransitions(transitions), code, id, t.event());
    }
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void build_injectedDefect_isReportedNamingTheOffendingIds(
      @ForAll("parts") FunnelParts parts, @ForAll Defect defect, @ForAll Random random) {
    Injected injected = defect.inject(parts, random);
    FunnelDefinitionException e =
        assertThrows(FunnelDefinitionException.class, injected.builder()::build);
    assertTrue(
        e.problems().stream()
            .anyMatch(p -> p.code() == injected.code() && p.ids().equals(injected.ids())),
        () -> "expected " + injected.code() + " " + injected.ids() + " in " + e.problems());
    for (Problem p : e.problems()) {
      assertTrue(!p.code().isWarning(), p::toString);
      for (String id : p.ids()) {
        assertTrue(p.message().contains(id), p::toString);
      }
    }
    List<Problem> errors =
        injected.builder().problems().stream().filter(p -> !p.code().isWarning()).toList();
    assertEquals(e.problems(), errors);
  }
}
