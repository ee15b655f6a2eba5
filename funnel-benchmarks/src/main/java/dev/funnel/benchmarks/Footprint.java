package dev.funnel.benchmarks;

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.benchmarks.Shape.Stage;
import dev.funnel.benchmarks.Shape.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;
import org.springframework.messaging.Message;
import org.springframework.statemachine.config.StateMachineFactory;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import reactor.core.publisher.Mono;

/**
 * Per-lead cost in memory: the heap retained by each lead (or machine instance) of a large
 * population, measured with JOL, not counting what all of them share (the definition). Each
 * library is measured at three points: new (as entered or made, and started where the library
 * needs it), after the two warm-up events (a hot lead), and after {@value #LOOPING} events (hot
 * lead again, past the event ids a funnel lead remembers). Funnel leads have no attributes; their
 * ids and event ids are distinct strings, counted as theirs. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-core,funnel-benchmarks -am -DskipTests
 * java -Djdk.attach.allowAttachSelf=true -cp funnel-benchmarks/target/benchmarks.jar \
 *     dev.funnel.benchmarks.Footprint [leads] [spring-leads]
 * </pre>
 *
 * <p>{@code leads} defaults to 100000; Spring Statemachine instances are far larger, so its
 * population is {@code spring-leads}, 10000 by default.
 */
public final class Footprint {
  /** Events taken by a lead of the last point: the warm-up and thirteen turns of the loop. */
  static final int LOOPING = Shape.WARM_UP.length + 13 * Shape.LOOP.length;

  private static final int[] POINTS = {0, Shape.WARM_UP.length, LOOPING};

  static {
    // JOL cannot ask Unsafe for the field offsets of records; this lets it find them another way.
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
  }

  private Footprint() {}

  /**
   * One measurement: bytes retained per instance of a library after some events, in all and by
   * class, largest first.
   */
  record Row(
      String library,
      int events,
      int population,
      double bytesPerInstance,
      ImmutableMap<String, Double> bytesByClass) {}

  /**
   * Measures every library at every point and prints a table.
   *
   * @param args the population size, then the Spring Statemachine population size
   */
  public static void main(String[] args) {
    int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int springLeads = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    ImmutableList<Row> rows = measure(leads, springLeads);
    System.out.printf(
        Locale.ROOT, "%-20s %7s %11s %14s %14s%n",
        "library", "events", "population", "bytes/instance", "vs stateless4j");
    for (Row r : rows) {
      double base = stateless4j(rows, r.events());
      System.out.printf(
          Locale.ROOT, "%-20s %7d %11d %14.1f %14.2f%n",
          r.library(), r.events(), r.population(), r.bytesPerInstance(),
          r.bytesPerInstance() / base);
    }
    System.out.println();
    System.out.println("bytes per instance by class (up to six largest):");
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      int shown = 0;
      for (Map.Entry<String, Double> e : r.bytesByClass().entrySet()) {
        if (shown++ == 6) {
          break;
        }
        line.append(String.format(Locale.ROOT, "  %s %.1f", e.getKey(), e.getValue()));
      }
      System.out.printf(Locale.ROOT, "%-20s %3d:%s%n", r.library(), r.events(), line);
    }
  }

  /** Returns a class's name without its package, such as {@code Lead$IdNode} or {@code byte[]}. */
  private static String name(Class<?> c) {
    if (c.isArray()) {
      return name(c.getComponentType()) + "[]";
    }
    return c.getName().substring(c.getName().lastIndexOf('.') + 1);
  }

  private static double stateless4j(ImmutableList<Row> rows, int events) {
    for (Row r : rows) {
      if (r.library().equals("stateless4j") && r.events() == events) {
        return r.bytesPerInstance();
      }
    }
    throw new IllegalStateException("no stateless4j row for " + events + " events");
  }

  /**
   * Measures every library at every point.
   *
   * @param leads the population of funnel, stateless4j and squirrel-foundation
   * @param springLeads the population of Spring Statemachine
   * @return one row per library and point
   */
  static ImmutableList<Row> measure(int leads, int springLeads) {
    ImmutableList.Builder<Row> rows = ImmutableList.builder();
    for (int events : POINTS) {
      rows.add(funnel(leads, events));
      rows.add(stateless4j(leads, events));
      rows.add(squirrel(leads, events));
      rows.add(springStatemachine(springLeads, events));
    }
    return rows.build();
  }

  /** Returns the trigger of a lead's k-th event: the warm-up, then the loop. */
  static Trigger trigger(int k) {
    return k < Shape.WARM_UP.length
        ? Shape.WARM_UP[k]
        : Shape.LOOP[(k - Shape.WARM_UP.length) % Shape.LOOP.length];
  }

  static Row funnel(int n, int events) {
    Funnel funnel = FunnelLoop.define();
    Object[] leads = new Object[n];
    for (int i = 0; i < n; i++) {
      String id = "lead-" + i;
      Lead lead = funnel.enter(id, FunnelLoop.CHANNEL, FunnelLoop.AT).lead();
      for (int k = 0; k < events; k++) {
        lead = FunnelLoop.accepted(funnel.fire(lead, FunnelLoop.event(id + "-e" + k, trigger(k))));
      }
      leads[i] = lead;
    }
    return row("funnel", events, leads);
  }

  static Row stateless4j(int n, int events) {
    Basket basket = new Basket();
    StateMachineConfig<Stage, Trigger> config = Stateless4jLoop.define(basket);
    Object[] machines = new Object[n];
    for (int i = 0; i < n; i++) {
      StateMachine<Stage, Trigger> m = new StateMachine<>(Stage.VISITOR, config);
      for (int k = 0; k < events; k++) {
        m.fire(trigger(k));
      }
      machines[i] = m;
    }
    check("stateless4j", basket, (long) n * events);
    return row("stateless4j", events, machines);
  }

  static Row squirrel(int n, int events) {
    Basket basket = new Basket();
    StateMachineBuilder<SquirrelLoop.Machine, Stage, Trigger, Basket> builder =
        SquirrelLoop.define();
    Object[] machines = new Object[n];
    for (int i = 0; i < n; i++) {
      SquirrelLoop.Machine m = builder.newStateMachine(Stage.VISITOR);
      for (int k = 0; k < events; k++) {
        m.fire(trigger(k), basket);
      }
      machines[i] = m;
    }
    check("squirrel", basket, (long) n * events);
    return row("squirrel", events, machines);
  }

  static Row springStatemachine(int n, int events) {
    Basket basket = new Basket();
    StateMachineFactory<Stage, Trigger> factory = SpringStatemachineLoop.define(basket);
    Trigger[] triggers = new Trigger[events];
    for (int k = 0; k < events; k++) {
      triggers[k] = trigger(k);
    }
    Message<Trigger>[] messages = SpringStatemachineLoop.messages(triggers);
    Object[] machines = new Object[n];
    for (int i = 0; i < n; i++) {
      org.springframework.statemachine.StateMachine<Stage, Trigger> m =
          SpringStatemachineLoop.start(factory);
      for (int k = 0; k < events; k++) {
        m.sendEvent(Mono.just(messages[k])).blockLast();
      }
      machines[i] = m;
    }
    check("spring-statemachine", basket, (long) n * events);
    return row("spring-statemachine", events, machines);
  }

  private static void check(String library, Basket basket, long expected) {
    if (basket.actions != expected) {
      throw new IllegalStateException(
          library + " ran " + basket.actions + " actions, expected " + expected);
    }
  }

  /**
   * Measures the heap a population's members hold on their own: what is reachable from the whole
   * population less what is reachable from its first half, per member of the second half. What the
   * members share (the definition, enum constants, interned strings) is counted in both and drops
   * out, without walking the definition itself.
   */
  private static Row row(String library, int events, Object[] population) {
    int half = population.length / 2;
    GraphLayout all = GraphLayout.parseInstance(population);
    GraphLayout first = GraphLayout.parseInstance(Arrays.copyOf(population, half));
    double members = population.length - half;
    List<Map.Entry<String, Double>> byClass = new ArrayList<>();
    for (Class<?> c : all.getClasses()) {
      long bytes = all.getClassSizes().count(c) - first.getClassSizes().count(c);
      if (bytes > 0) {
        byClass.add(Map.entry(name(c), bytes / members));
      }
    }
    byClass.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    return new Row(
        library,
        events,
        population.length,
        (all.totalSize() - first.totalSize()) / members,
        ImmutableMap.copyOf(byClass));
  }
}
