package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.testing.NullPointerTester;
import dev.funnel.analytics.BlackHoleRule;
import dev.funnel.analytics.CatalogReport;
import dev.funnel.analytics.DurationSketch;
import dev.funnel.analytics.ExperimentFigures;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.analytics.TimeRange;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import dev.funnel.migration.Replay;
import dev.funnel.migration.TimerKey;
import dev.funnel.runtime.ActionHandler;
import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryContactBook;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import dev.funnel.runtime.OwnerPool;
import dev.funnel.runtime.Receipt;
import dev.funnel.runtime.RetryPolicy;
import dev.funnel.simulation.Delay;
import dev.funnel.simulation.Simulation;
import dev.funnel.simulation.WhatIf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Passes null, one parameter at a time, to every public constructor and method of every public type
 * of the core, and expects a {@link NullPointerException} at once wherever the parameter is not
 * {@code @Nullable}: the packages' {@code @NullMarked} contract holds at run time, not only for
 * NullAway. Instance methods are called on real instances, made through the public API.
 */
final class NullContractTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The public types of the core, found in its classes directory or jar. */
  static List<Class<?>> publicTypes(Class<?> anchor) {
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<Class<?>> types = new ArrayList<>();
      try (Stream<Path> files =
          Files.isDirectory(root)
              ? Files.walk(root)
              : Stream.of()) { // The tests run against the classes directory.
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = root.relativize(p).toString().replace('/', '.');
          if (!name.endsWith(".class") || name.contains("-info") || name.matches(".*\\$\\d.*")) {
            continue;
          }
          Class<?> c =
              Class.forName(name.substring(0, name.length() - 6), false, anchor.getClassLoader());
          if (isPublic(c) && !c.isSynthetic()) {
            types.add(c);
          }
        }
      }
      types.sort((a, b) -> a.getName().compareTo(b.getName()));
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPublic(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** The public methods a type declares itself, as {@link NullPointerTester} would test them. */
  static List<Method> declaredPublicMethods(Class<?> c) {
    List<Method> methods = new ArrayList<>();
    for (Method m : c.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())
          && !m.isSynthetic()
          && !m.isBridge()
          && m.getParameterCount() > 0
          && !(m.getName().equals("equals") && m.getParameterCount() == 1)) {
        methods.add(m);
      }
    }
    methods.sort((a, b) -> a.toString().compareTo(b.toString()));
    return methods;
  }

  /** Whether a concrete type has instance methods to test, so needs a sample instance. */
  static boolean needsASample(Class<?> c) {
    if (c.isInterface() || c.isEnum() || Modifier.isAbstract(c.getModifiers())) {
      return false;
    }
    for (Method m : declaredPublicMethods(c)) {
      if (!Modifier.isStatic(m.getModifiers())) {
        return true;
      }
    }
    return false;
  }

  /** Real instances of the public types, made through the public API. */
  static final class Samples {
    final Map<Class<?>, Object> byType = new LinkedHashMap<>();
    final Map<Class<?>, Object> byExactType = new LinkedHashMap<>();

    void add(Object... objects) {
      for (Object o : objects) {
        byExactType.putIfAbsent(o.getClass(), o);
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
          byType.putIfAbsent(c, o);
          for (Class<?> i : c.getInterfaces()) {
            byType.putIfAbsent(i, o);
          }
        }
      }
    }
  }

  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("guide"))
        .offer(Offer.coreProduct("course", Money.of("100.00", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .then(Actions.send("welcome"), Actions.present("guide"))
        .on("paid")
        .from("lead")
        .to("buyer")
        .when(Conditions.attr("score").ge(1))
        .on("gone-cold")
        .from("lead")
        .to("lost")
        .after(Duration.ofDays(7))
        .in("lead")
        .fire("gone-cold")
        .build();
  }

  static Samples samples() {
    Samples s = new Samples();
    Funnel funnel = shop();
    FunnelBuilder builder = Funnel.builder("other");
    s.add(
        funnel,
        builder,
        Funnel.builder("b").stage("a"),
        Funnel.builder("b").on("e"),
        Funnel.builder("b").after(Duration.ofDays(1)),
        Funnel.builder("b").series("a", "email"),
        Funnel.builder("b").valueLoop("o"),
        Funnel.builder("b").segmentation("e"),
        Funnel.builder("b").goal("g"),
        Funnel.builder("b").exit("x"),
        Funnel.builder("b").waitIn("a"),
        ReEntry.builder(),
        Scoring.builder(),
        Scoring.builder().points("e", 1).decay(1, Duration.ofDays(1)).build());
    Funnel.Entry entry = funnel.newLead("l1", "ads");
    Outcome entered = entry.enter(T0);
    Lead lead = entered.lead();
    Outcome fired = funnel.fire(lead, Event.of("e1", "contact-left", T0.plusSeconds(60)));
    s.add(entry, entered, fired, fired.lead());
    s.add(Lead.builder("l2", "shop"));
    s.add(funnel.stages().get(0), funnel.transitions().get(0), funnel.timers().get(0));
    s.add(funnel.offers().get(1), Money.of("1.00", "EUR"), Actions.send("x"));
    s.add(Conditions.attr("score"), Conditions.attr("score").ge(1));
    s.add(
        Conditions.always(),
        Conditions.all(Conditions.always(), Conditions.owner("ann")),
        Conditions.any(Conditions.always(), Conditions.owner("ann")),
        Conditions.not(Conditions.always()),
        Conditions.bought("course"),
        Conditions.channel("ads"),
        Conditions.custom("vip"),
        Conditions.inSegment("loyal"),
        Conditions.offer("course"),
        Conditions.owner("ann"),
        Conditions.timeInStage(Duration.ofDays(1)));
    s.add(Event.of("e2", "paid", T0), Event.builder("e3", "paid", T0));
    s.add(fired.steps().toArray());
    s.add(fired.effects().toArray());
    s.add(Catalog.of(funnel));
    Purchase purchase = new Purchase("course", Money.of("100.00", "EUR"), T0, "e4");
    s.add(purchase);
    ScheduledTimer timer = new ScheduledTimer("lead", "gone-cold", T0);
    s.add(timer);
    s.add(Funnel.builder("empty").problems().get(0));

    List<Step> steps = new ArrayList<>(entered.steps());
    steps.addAll(fired.steps());
    Report report = Report.of(funnel, steps);
    s.add(report, Report.builder(funnel), report.stages().get(0));
    s.add(report.journey(), report.contacts());
    s.add(report.flow("visitor", "lead"), report.channels().values().iterator().next());
    s.add(CatalogReport.of(Catalog.of(funnel), steps), CatalogReport.builder(Catalog.of(funnel)));
    s.add(Ratio.of(1, 4), TimeRange.of(T0, T0.plusSeconds(1)), BlackHoleRule.DEFAULT);
    s.add(DurationSketch.of(List.of(Duration.ofMinutes(1))));
    QuietHours quiet = QuietHours.hold(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(8, 0));
    Experiment experiment =
        Experiment.of("x", "s", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1));
    Dispatch dispatch =
        ContactGate.decide(funnel, lead, Actions.send("x"), T0, ContactRecord.EMPTY);
    s.add(quiet, experiment, experiment.arms().get(0), dispatch);
    s.add(
        new ContactPolicy(
            quiet, ZoneOffset.UTC, ImmutableList.of(FrequencyCap.perDay("email", 1))));
    s.add(ContactRecord.EMPTY.withSent("shop", "email", T0), FrequencyCap.perDay("email", 1));
    s.add(
        Report.builder(funnel).add(dispatch).build().contacts().channel("default"),
        new ExperimentFigures("x", ImmutableList.of(new ExperimentFigures.Arm("a", false, 1, 0))));
    s.add(new InMemoryContactBook());
    s.add(new OwnerFigures("ann", 1, 0, 0, 0, 0, 0, Money.of("0.00", "EUR")));

    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(funnel))
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .build();
    Receipt receipt = runtime.enter("shop", "l3", "ads", T0);
    s.add(runtime, receipt);
    s.add(FunnelRuntime.builder(Catalog.of(funnel)), new InMemoryLeadStore());
    s.add(OwnerPool.roundRobin("sales", List.of("ann", "bob")));
    s.add(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1)));
    s.add(LeadKey.of(lead), new EffectKey("shop", "l1", "e1", 0));
    s.add(new LeadStore.Due(T0, LeadKey.of(lead)));
    s.add(new OutboxEntry(new EffectKey("shop", "l1", "e1", 0), Actions.send("x"), T0));
    s.add(new Delivery(new EffectKey("shop", "l1", "e1", 0), Actions.send("x"), T0, lead, 1));

    Simulation sim =
        Simulation.builder(funnel)
            .seed(1)
            .start(T0)
            .channel("ads", 10, Money.of("10.00", "EUR"))
            .move("visitor", "contact-left", 0.5, Delay.fixed(Duration.ofHours(1)))
            .build();
    s.add(sim, Simulation.builder(funnel), Delay.fixed(Duration.ofHours(1)));
    WhatIf whatIf = sim.whatIfBudget("ads", Money.of("20.00", "EUR"));
    s.add(whatIf, sim.channels().get(0), sim.moves().get(0));

    Funnel next = funnel.toBuilder().version(2).build();
    Migration migration = Migration.between(funnel, next).build();
    Journal journal = Journal.builder().arrive("l1", "ads", T0).end(T0.plusSeconds(60)).build();
    s.add(migration, Migration.between(funnel, next), journal, Journal.builder());
    s.add(Replay.of(journal), Journal.Arrival.of("l1", "ads", T0), new TimerKey("a", "b"));
    return s;
  }

  static NullPointerTester tester(Samples samples) {
    NullPointerTester tester = new NullPointerTester();
    for (Map.Entry<Class<?>, Object> e : samples.byType.entrySet()) {
      setDefault(tester, e.getKey(), e.getValue());
    }
    tester.setDefault(ActionHandler.class, d -> {});
    tester.setDefault(FunnelListener.class, new FunnelListener() {});
    tester.setDefault(LeadStore.class, new InMemoryLeadStore());
    tester.setDefault(Clock.class, Clock.fixed(T0, ZoneOffset.UTC));
    tester.setDefault(Condition.class, Conditions.always());
    tester.setDefault(Action.class, Actions.send("x"));
    tester.setDefault(Object.class, "value");
    tester.setDefault(String.class, "a");
    tester.setDefault(Instant.class, T0);
    tester.setDefault(java.time.ZoneId.class, ZoneOffset.UTC);
    tester.setDefault(Duration.class, Duration.ofMinutes(1));
    tester.setDefault(ImmutableList.class, ImmutableList.of());
    tester.setDefault(ImmutableMap.class, ImmutableMap.of());
    return tester;
  }

  @SuppressWarnings("unchecked")
  private static <T> void setDefault(NullPointerTester tester, Class<T> type, Object value) {
    tester.setDefault(type, (T) value);
  }

  /**
   * Members that do not refuse null today, each a gap in the main code to close (a {@code
   * requireNonNull} at the top of the member): the test fails on any other member that takes null
   * silently or throws something else, and on a listed member that has been fixed, so that this
   * list stays exact and only shrinks.
   */
  private static final ImmutableList<String> KNOWN_GAPS = ImmutableList.of();

  private static String signature(Class<?> type, String name, Class<?>[] parameters) {
    StringBuilder b = new StringBuilder(type.getName()).append('#').append(name).append('(');
    for (int i = 0; i < parameters.length; i++) {
      b.append(i == 0 ? "" : ",").append(parameters[i].getSimpleName());
    }
    return b.append(')').toString();
  }

  /** Every public member of the given types that does not refuse null as it should. */
  static List<String> gaps(List<Class<?>> types, Samples samples) {
    NullPointerTester tester = tester(samples);
    List<String> gaps = new ArrayList<>();
    int tested = 0;
    for (Class<?> type : types) {
      if (!Modifier.isAbstract(type.getModifiers())) {
        for (Constructor<?> c : type.getConstructors()) {
          tested++;
          try {
            tester.testConstructor(c);
          } catch (AssertionError e) {
            gaps.add(signature(type, "<init>", c.getParameterTypes()));
          }
        }
      }
      for (Method m : declaredPublicMethods(type)) {
        Object instance = null;
        if (!Modifier.isStatic(m.getModifiers())) {
          instance = samples.byExactType.get(type);
          if (instance == null) {
            continue; // An interface's or abstract type's method, tested on its implementations.
          }
        }
        tested++;
        try {
          tester.testMethod(instance, m);
        } catch (AssertionError e) {
          gaps.add(signature(type, m.getName(), m.getParameterTypes()));
        }
      }
    }
    assertTrue(tested > 250, "tested only " + tested + " members");
    gaps.sort(null);
    return gaps;
  }

  @Test
  void everyPublicMember_refusesNullWhereNotNullable() {
    List<Class<?>> types = publicTypes(Funnel.class);
    assertTrue(types.size() > 40, "found only " + types);
    assertEquals(KNOWN_GAPS, gaps(types, samples()));
  }

  @Test
  void everyConcretePublicTypeWithInstanceMethods_hasASample() {
    Samples samples = samples();
    List<String> missing = new ArrayList<>();
    for (Class<?> type : publicTypes(Funnel.class)) {
      if (needsASample(type) && !samples.byExactType.containsKey(type)) {
        missing.add(type.getName());
      }
    }
    assertEquals(List.of(), missing);
  }
}
