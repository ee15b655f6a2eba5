package dev.funnel.examples;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Scoring;
import dev.funnel.Step;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two funnels in one {@link Catalog}: a free webinar that collects leads, and the course sales that
 * follow it. When the webinar ends, a segmentation point sorts its leads: those who attended go to
 * the "warm" segment and are handed off into the course funnel's {@code engaged} stage; the rest go
 * to the "cold" segment and into its {@code nurtured} stage, where a buying guide follows. {@link
 * FunnelRuntime} carries out the hand-offs: the same lead, with its channel, attributes and
 * segments, enters the second funnel.
 *
 * <p>The definitions are {@code funnels/webinar.yaml} (what the segmentation of {@link
 * #webinarWithBuilder()} compiles into; a test checks both are equal) and {@code
 * funnels/course-sales.yaml}. Run it with {@code mvn -q -Pdemo -pl funnel-examples -am
 * process-classes -Dexec.mainClass=dev.funnel.examples.Segmentation}.
 */
public final class Segmentation {
  private Segmentation() {}

  static final Instant WEBINAR_DAY = Instant.parse("2026-03-05T17:00:00Z");

  /**
   * Returns the catalog of both funnels, read from their YAML files.
   *
   * @return the catalog
   */
  public static Catalog catalog() {
    return Catalog.of(Definitions.load("webinar"), Definitions.load("course-sales"));
  }

  /**
   * Returns the webinar funnel written with the builder's segmentation point.
   *
   * @return the funnel
   */
  public static Funnel webinarWithBuilder() {
    return Funnel.builder("webinar")
        .stage("visitor")
        .entry()
        .stage("registered")
        .stage("attended")
        .stage("segmented")
        .won()
        .stage("unsubscribed")
        .lost()
        .stage("no-show")
        .lost()
        .offer(Offer.leadMagnet("webinar-seat").named("Free webinar seat"))
        .on("signed-up")
        .from("visitor")
        .to("registered")
        .then(Actions.present("webinar-seat"), Actions.send("webinar-link", "email"))
        .on("joined")
        .from("registered")
        .to("attended")
        .then(Actions.set("attended", true))
        .segmentation("webinar-ended")
        .from("registered", "attended")
        .to("segmented")
        .rule(
            Conditions.attr("attended").eq(true),
            "warm",
            Actions.handOff("course-sales", "engaged"))
        .otherwise("cold", Actions.handOff("course-sales", "nurtured"))
        .on("unsubscribed")
        .fromAny()
        .to("unsubscribed")
        .on("hot-lead")
        .from("attended")
        .then(Actions.assign("host-1"))
        .waitIn("registered")
        .until("cancelled", "unsubscribed")
        .timeout(Duration.ofDays(4), "no-show")
        .resetOn("rescheduled")
        .scoring(
            Scoring.builder()
                .points("signed-up", 5)
                .points("joined", 20)
                .points("asked-question", 30)
                .threshold(50, "hot-lead")
                .build())
        .build();
  }

  /**
   * The recipe's outcome.
   *
   * @param webinar each lead as the webinar funnel holds it at the end
   * @param courses each lead as the course funnel holds it at the end
   * @param journal every step the runtime reported, in order
   */
  record Result(Map<String, Lead> webinar, Map<String, Lead> courses, List<Step> journal) {}

  /** Runs the webinar for three people and prints their steps in both funnels. */
  static Result run(PrintStream out) {
    List<Step> journal = Collections.synchronizedList(new ArrayList<>());
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    FunnelRuntime runtime =
        FunnelRuntime.builder(catalog())
            .handler(Actions.SEND, d -> sent.add(d.lead().id() + ": " + d.action()))
            .handler(Actions.PRESENT, d -> sent.add(d.lead().id() + ": " + d.action()))
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    journal.add(step);
                    String from = step.from();
                    out.printf(
                        "  %-13s %-6s %-14s %s%n",
                        step.funnelId(),
                        step.leadId(),
                        step.eventType() == null ? "" : step.eventType(),
                        from == null
                            ? "entered " + step.to()
                            : from.equals(step.to())
                                ? "in " + step.to()
                                : from + " -> " + step.to());
                  }
                })
            .build();

    Instant monday = WEBINAR_DAY.minus(Duration.ofDays(3));
    List<String> people = List.of("lea", "max", "noa");
    out.printf("%nSign-ups for the webinar%n");
    for (String p : people) {
      runtime.enter("webinar", p, p.equals("max") ? "instagram" : "newsletter", monday);
      runtime.handle("webinar", p, Event.of(p + "-1", "signed-up", monday.plusSeconds(60)));
    }
    out.printf("%nThe webinar: lea and noa join%n");
    runtime.handle("webinar", "lea", Event.of("lea-2", "joined", WEBINAR_DAY));
    runtime.handle("webinar", "noa", Event.of("noa-2", "joined", WEBINAR_DAY.plusSeconds(90)));
    out.printf("%nThe webinar ends: each lead is segmented and handed off%n");
    Instant ended = WEBINAR_DAY.plus(Duration.ofHours(1));
    for (String p : people) {
      runtime.handle("webinar", p, Event.of(p + "-end", "webinar-ended", ended));
    }
    out.printf("%nIn the course funnel%n");
    runtime.handle(
        "course-sales",
        "lea",
        Event.purchase("lea-buy", ended.plusSeconds(600))
            .type("purchased")
            .offer("course")
            .amount(Money.of("290.00", "EUR"))
            .build());
    runtime.advanceTo(ended.plus(Duration.ofDays(4)));

    Map<String, Lead> webinar = new LinkedHashMap<>();
    Map<String, Lead> courses = new LinkedHashMap<>();
    for (String p : people) {
      webinar.put(p, runtime.lead("webinar", p).orElseThrow());
      courses.put(p, runtime.lead("course-sales", p).orElseThrow());
    }
    out.printf("%nHanded to the handlers%n");
    sent.forEach(s -> out.printf("  %s%n", s));
    return new Result(webinar, courses, List.copyOf(journal));
  }

  /**
   * Runs the recipe and prints where each lead ended in both funnels.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Result r = run(System.out);
    System.out.printf("%nWhere they ended%n");
    for (String p : r.webinar().keySet()) {
      Lead c = r.courses().get(p);
      System.out.printf(
          "  %-4s webinar: %-10s course-sales: %-9s segments %s%n",
          p, r.webinar().get(p).stage(), c.stage(), c.segments());
    }
  }
}
