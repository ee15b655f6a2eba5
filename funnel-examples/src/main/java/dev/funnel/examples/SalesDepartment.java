package dev.funnel.examples;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.analytics.BlackHoleRule;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.OwnerPool;
import dev.funnel.runtime.Receipt;
import dev.funnel.runtime.RetryPolicy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A B2B sales department run by {@link FunnelRuntime}: requests come in, are given in turn to one
 * of three managers (an {@link OwnerPool} of {@link OwnerPool.Strategy#ROUND_ROBIN round robin}),
 * who qualify them by hand (manual stages, moves carrying the manager as actor), reject junk with a
 * reason, send proposals and sign contracts. The head of sales moves a lead to another manager. A
 * timer opens a call-back task in the CRM when a request waits a day; the CRM fails once and the
 * runtime tries again. The figures per manager show who converts.
 *
 * <p>The definition is {@code funnels/sales-department.yaml}. Run it with {@code mvn -q -Pdemo -pl
 * funnel-examples -am process-classes -Dexec.mainClass=dev.funnel.examples.SalesDepartment}.
 */
public final class SalesDepartment {
  private SalesDepartment() {}

  static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  /** The managers of the pool, in turn order. */
  static final List<String> MANAGERS = List.of("anna", "boris", "chen");

  /**
   * Returns the sales department's funnel, read from {@code funnels/sales-department.yaml}.
   *
   * @return the funnel
   */
  public static Funnel funnel() {
    return Definitions.load("sales-department");
  }

  /**
   * The recipe's outcome.
   *
   * @param leads each request as stored at the end
   * @param journal every step the runtime reported, in order
   * @param delivered the actions handed to handlers, as {@code "lead: action"}
   * @param crmAttempts how many times the CRM handler was called
   * @param report the figures of the journal
   */
  record Result(
      Map<String, Lead> leads,
      List<Step> journal,
      List<String> delivered,
      int crmAttempts,
      Report report) {}

  /** Runs the department for two weeks of requests and prints what happens. */
  static Result run(PrintStream out) {
    List<Step> journal = Collections.synchronizedList(new ArrayList<>());
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    Set<EffectKey> crmFailedOnce = Collections.synchronizedSet(new HashSet<>());
    int[] crmAttempts = {0};

    StoryClock clock = new StoryClock(MONDAY);
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(funnel()))
            .store(new InMemoryLeadStore())
            .clock(clock)
            .pool(OwnerPool.roundRobin("managers", MANAGERS))
            .handler(Actions.SEND, d -> delivered.add(describe(d)))
            .handler(Actions.PRESENT, d -> delivered.add(describe(d)))
            .handler(
                "crm-task",
                d -> {
                  crmAttempts[0]++;
                  // The CRM is down on the first attempt of each task; a later tick tries again.
                  if (crmFailedOnce.add(d.key())) {
                    throw new IllegalStateException("crm unavailable");
                  }
                  delivered.add(describe(d) + " (attempt " + d.attempt() + ")");
                })
            .retry(new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1)))
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    journal.add(step);
                    out.printf("  %s%n", describe(step));
                  }

                  @Override
                  public void refused(Event event, Outcome outcome) {
                    out.printf(
                        "  %-10s %-22s refused: %s%n",
                        outcome.lead().id(), event.type(), outcome.refusal().orElseThrow());
                  }

                  @Override
                  public void effectGivenUp(
                      EffectKey key, Effect effect, Exception error, int attempts) {
                    out.printf("  effect %s failed for good: %s%n", key, error.getMessage());
                  }
                })
            .build();

    String id = "sales-department";
    String[][] requests = {
      {"req-1", "google-ads"}, {"req-2", "cold-call"}, {"req-3", "directory"},
      {"req-4", "google-ads"}, {"req-5", "cold-call"}, {"req-6", "directory"},
    };
    out.printf("%nRequests come in and are given to %s in turn%n", MANAGERS);
    int minute = 0;
    for (String[] r : requests) {
      Instant at = MONDAY.plus(Duration.ofMinutes(10L * minute++));
      runtime.enter(id, r[0], r[1], at);
      runtime.handle(id, r[0], Event.of(r[0] + "-logged", "request-logged", at.plusSeconds(5)));
    }
    Receipt again = runtime.enter(id, "req-1", "google-ads", MONDAY.plus(Duration.ofHours(1)));
    out.printf("  req-1 sent its form twice: %s%n", again.status());

    out.printf("%nThe managers qualify their requests%n");
    Instant tuesday = MONDAY.plus(Duration.ofHours(20));
    runtime.handle(id, "req-1", manual("req-1-q", "qualified", "anna", tuesday, null));
    runtime.handle(
        id,
        "req-2",
        manual("req-2-q", "disqualified", "boris", tuesday, "reseller, not a shop owner"));
    runtime.handle(
        id, "req-5", manual("req-5-q", "disqualified", "boris", tuesday, "wrong country"));
    runtime.handle(id, "req-6", manual("req-6-q", "qualified", "chen", tuesday, null));
    out.printf("%nThe head of sales moves req-4 from anna to boris%n");
    runtime.reassign(
        id,
        "req-4",
        "boris",
        manual("req-4-r", "moved", "head-of-sales", tuesday.plusSeconds(60), "anna is on leave"));
    runtime.handle(
        id, "req-4", manual("req-4-q", "qualified", "boris", tuesday.plusSeconds(120), null));

    out.printf("%nA day passes: chen has not called req-3 yet%n");
    clock.set(MONDAY.plus(Duration.ofDays(1).plusHours(1)));
    runtime.tick();
    runtime.handle(
        id, "req-3", manual("req-3-q", "qualified", "chen", MONDAY.plus(Duration.ofDays(2)), null));

    out.printf("%nProposals are answered%n");
    Instant later = MONDAY.plus(Duration.ofDays(5));
    runtime.handle(id, "req-1", signed("req-1-s", "anna", later));
    runtime.handle(id, "req-4", signed("req-4-s", "boris", later.plusSeconds(60)));
    runtime.handle(
        id, "req-6", manual("req-6-d", "declined", "chen", later, "too expensive this year"));
    // A second signature of a closed deal is refused: the lead is in a terminal stage.
    runtime.handle(id, "req-1", signed("req-1-s2", "anna", later.plusSeconds(120)));

    out.printf("%nTwo weeks pass%n");
    clock.set(MONDAY.plus(Duration.ofDays(21)));
    runtime.tick();

    Map<String, Lead> leads = new LinkedHashMap<>();
    for (String[] r : requests) {
      leads.put(r[0], runtime.lead(id, r[0]).orElseThrow());
    }
    List<Step> steps = List.copyOf(journal);
    return new Result(
        leads,
        steps,
        List.copyOf(delivered),
        crmAttempts[0],
        Report.of(runtime.catalog().latest(id).orElseThrow(), steps));
  }

  /** The time of the story, moved on by the recipe as the days pass. Thread-safe. */
  private static final class StoryClock extends Clock {
    private volatile Instant now;

    StoryClock(Instant start) {
      this.now = start;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the story's clock is in UTC");
    }
  }

  /** The black-hole rule for a team this small: two leads received, below half the rest. */
  static final BlackHoleRule SMALL_TEAM = BlackHoleRule.of(2, Ratio.of(1, 2));

  private static Event manual(
      String eventId, String type, String actor, Instant at, String reason) {
    Event.Builder b = Event.builder(eventId, type, at).actor(actor);
    if (reason != null) {
      b.reason(reason);
    }
    return b.build();
  }

  private static Event signed(String eventId, String actor, Instant at) {
    return Event.builder(eventId, "signed", at)
        .offer("audit")
        .amount(Money.of("1200.00", "EUR"))
        .actor(actor)
        .build();
  }

  private static String describe(Delivery d) {
    return d.lead().id() + ": " + d.action();
  }

  private static String describe(Step s) {
    String from = s.from();
    String move =
        from == null
            ? "entered " + s.to()
            : from.equals(s.to()) ? "in " + s.to() : from + " -> " + s.to();
    String type = s.eventType() == null ? "" : s.eventType();
    StringBuilder b = new StringBuilder(String.format("%-10s %-22s %-26s", s.leadId(), type, move));
    if (s.owner() != null) {
      b.append(" owner ").append(s.owner());
    }
    if (s.actor() != null) {
      b.append(", by ").append(s.actor());
    }
    if (s.reason() != null) {
      b.append(" (").append(s.reason()).append(')');
    }
    return b.toString().stripTrailing();
  }

  /**
   * Runs the recipe: the requests, what was delivered, then the figures per manager.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Result r = run(System.out);
    System.out.printf("%nHanded to the handlers%n");
    r.delivered().forEach(d -> System.out.printf("  %s%n", d));
    System.out.printf("%nFigures%n");
    Figures.stages(System.out, r.report());
    Figures.money(System.out, r.report(), "request", "qualifying", "contract");
    Figures.owners(System.out, r.report(), SMALL_TEAM);
  }
}
