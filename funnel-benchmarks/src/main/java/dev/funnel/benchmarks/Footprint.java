package dev.funnel.benchmarks;

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.benchmarks.Shape.Stage;
import dev.funnel.benchmarks.Shape.Trigger;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.statemachine.config.StateMachineFactory;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import reactor.core.publisher.Mono;

/**
 * Per-lead cost in memory: the heap retained by each lead (or machine instance) of a large
 * population, not counting what all of them share (the definition). Each library is measured at
 * three points: new (as entered or made, and started where the library needs it), after the two
 * warm-up events (a hot lead), and after {@value #LOOPING} events (hot lead again, past the event
 * ids a funnel lead remembers). Funnel leads have no attributes; their ids and event ids are
 * distinct strings, counted as theirs.
 *
 * <p>Two measures are taken of each population. The heap measure is the used heap after a full
 * collection with the population held less the same before it was built, less the array holding it,
 * per member. The JOL measure walks a tenth of the population: everything reachable from that
 * sample less everything reachable from its first half, per member of the second half, so that
 * shared objects drop out; it also gives the bytes by class. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -Djdk.attach.allowAttachSelf=true -cp funnel-benchmarks/target/benchmarks.jar \
 *     dev.funnel.benchmarks.Footprint [leads] [spring-leads]
 * </pre>
 *
 * <p>{@code leads} defaults to 100000; Spring Statemachine instances are far larger and slower to
 * make, so its population is {@code spring-leads}, 10000 by default.
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

  private static final Logger log = LoggerFactory.getLogger(Footprint.class);

  private Footprint() {}

  /**
   * One measurement of a library after some events: bytes retained per instance by the heap measure
   * and by JOL, and by class (JOL, largest first).
   */
  record Row(
      String library,
      int events,
      int population,
      double heapBytes,
      int sample,
      double jolBytes,
      ImmutableMap<String, Double> bytesByClass) {}

  /**
   * Measures every library at every point and logs a table, a row as each is measured, then the
   * largest classes of each row.
   *
   * @param args the population size, then the Spring Statemachine population size
   */
  public static void main(String[] args) {
    int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int springLeads = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    log.info(
        "{}",
        String.format(
            Locale.ROOT,
            "%-20s %6s %10s %11s %8s %11s %9s",
            "library",
            "events",
            "population",
            "heap B/inst",
            "sample",
            "JOL B/inst",
            "JOL vs s4j"));
    List<Row> rows = new ArrayList<>();
    measure(
        leads,
        springLeads,
        r -> {
          rows.add(r);
          double base = stateless4j(rows, r.events());
          log.info(
              "{}",
              String.format(
                  Locale.ROOT,
                  "%-20s %6d %10d %11.1f %8d %11.1f %9.2f",
                  r.library(),
                  r.events(),
                  r.population(),
                  r.heapBytes(),
                  r.sample(),
                  r.jolBytes(),
                  r.jolBytes() / base));
        });
    log.info("JOL bytes per instance by class (up to six largest):");
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      int shown = 0;
      for (Map.Entry<String, Double> e : r.bytesByClass().entrySet()) {
        if (shown++ == 6) {
          break;
        }
        line.append(String.format(Locale.ROOT, "  %s %.1f", e.getKey(), e.getValue()));
      }
      log.info("{}", String.format(Locale.ROOT, "%-20s %2d:%s", r.library(), r.events(), line));
    }
  }

  /** Receives each row as it is measured. */
  interface Sink {
    /**
     * Takes one row.
     *
     * @param row the row
     */
    void accept(Row row);
  }

  private static double stateless4j(List<Row> rows, int events) {
    for (Row r : rows) {
      if (r.library().equals("stateless4j") && r.events() == events) {
        return r.jolBytes();
      }
    }
    return Double.NaN;
  }

  /**
   * Measures every library at every point, stateless4j first at each point.
   *
   * @param leads the population of funnel, stateless4j and squirrel-foundation
   * @param springLeads the population of Spring Statemachine
   * @param sink receives each row as it is measured
   */
  static void measure(int leads, int springLeads, Sink sink) {
    for (int events : POINTS) {
      sink.accept(stateless4j(leads, events));
      sink.accept(funnel(leads, events));
      sink.accept(squirrel(leads, events));
      sink.accept(springStatemachine(springLeads, events));
    }
  }

  /** Returns the trigger of a lead's k-th event: the warm-up, then the loop. */
  static Trigger trigger(int k) {
    return k < Shape.WARM_UP.length
        ? Shape.WARM_UP[k]
        : Shape.LOOP[(k - Shape.WARM_UP.length) % Shape.LOOP.length];
  }

  static Row funnel(int n, int events) {
    Funnel funnel = FunnelLoop.define();
    return row(
        "funnel",
        events,
        n,
        i -> {
          String id = "lead-" + i;
          Lead lead = funnel.enter(id, FunnelLoop.CHANNEL, FunnelLoop.AT).lead();
          for (int k = 0; k < events; k++) {
            lead =
                FunnelLoop.accepted(funnel.fire(lead, FunnelLoop.event(id + "-e" + k, trigger(k))));
          }
          return lead;
        },
        funnel);
  }

  static Row stateless4j(int n, int events) {
    Basket basket = new Basket();
    StateMachineConfig<Stage, Trigger> config = Stateless4jLoop.define(basket);
    Row row =
        row(
            "stateless4j",
            events,
            n,
            i -> {
              StateMachine<Stage, Trigger> m = new StateMachine<>(Stage.VISITOR, config);
              for (int k = 0; k < events; k++) {
                m.fire(trigger(k));
              }
              return m;
            },
            config);
    check("stateless4j", basket, (long) n * events);
    return row;
  }

  static Row squirrel(int n, int events) {
    Basket basket = new Basket();
    StateMachineBuilder<SquirrelLoop.Machine, Stage, Trigger, Basket> builder =
        SquirrelLoop.define();
    Row row =
        row(
            "squirrel",
            events,
            n,
            i -> {
              SquirrelLoop.Machine m = builder.newStateMachine(Stage.VISITOR);
              for (int k = 0; k < events; k++) {
                m.fire(trigger(k), basket);
              }
              return m;
            },
            builder);
    check("squirrel", basket, (long) n * events);
    return row;
  }

  static Row springStatemachine(int n, int events) {
    Basket basket = new Basket();
    StateMachineFactory<Stage, Trigger> factory = SpringStatemachineLoop.define(basket);
    Trigger[] triggers = new Trigger[events];
    for (int k = 0; k < events; k++) {
      triggers[k] = trigger(k);
    }
    Message<Trigger>[] messages = SpringStatemachineLoop.messages(triggers);
    Row row =
        row(
            "spring-statemachine",
            events,
            n,
            i -> {
              org.springframework.statemachine.StateMachine<Stage, Trigger> m =
                  SpringStatemachineLoop.start(factory);
              for (Message<Trigger> message : messages) {
                m.sendEvent(Mono.just(message)).blockLast();
              }
              return m;
            },
            factory);
    check("spring-statemachine", basket, (long) n * events);
    return row;
  }

  private static void check(String library, Basket basket, long expected) {
    if (basket.actions != expected) {
      throw new IllegalStateException(
          library + " ran " + basket.actions + " actions, expected " + expected);
    }
  }

  /**
   * Builds a population and measures it both ways.
   *
   * @param shared what the members share, built before the heap is first measured
   */
  private static Row row(
      String library, int events, int n, IntFunction<Object> member, Object shared) {
    try {
      return measure(library, events, n, member);
    } finally {
      // Keeps what the members share alive until both measurements are done.
      Reference.reachabilityFence(shared);
    }
  }

  private static Row measure(String library, int events, int n, IntFunction<Object> member) {
    Object[] population = new Object[n];
    long before = usedHeap();
    for (int i = 0; i < n; i++) {
      population[i] = member.apply(i);
    }
    long after = usedHeap();
    double heap = (after - before - VM.current().sizeOf(population)) / (double) n;

    int sample = Math.max(2, n / 10);
    int half = sample / 2;
    GraphLayout all = GraphLayout.parseInstance(Arrays.copyOf(population, sample));
    GraphLayout first = GraphLayout.parseInstance(Arrays.copyOf(population, half));
    double members = sample - half;
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
        n,
        heap,
        sample,
        (all.totalSize() - first.totalSize()) / members,
        ImmutableMap.copyOf(byClass));
  }

  /** Returns the heap in use after full collections, settled. */
  private static long usedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * Returns a class's name without its package, such as {@code RecentIds$Node} or {@code byte[]}.
   */
  private static String name(Class<?> c) {
    if (c.isArray()) {
      return name(c.getComponentType()) + "[]";
    }
    return c.getName().substring(c.getName().lastIndexOf('.') + 1);
  }

  /** Returns every row, for tests. */
  static ImmutableList<Row> measure(int leads, int springLeads) {
    ImmutableList.Builder<Row> rows = ImmutableList.builder();
    measure(leads, springLeads, rows::add);
    return rows.build();
  }
}
