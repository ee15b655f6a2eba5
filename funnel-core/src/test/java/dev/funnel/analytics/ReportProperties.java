package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

final class ReportProperties {
  private static final String[] CHANNELS = {"ads", "seo", "mail"};
  private static final String[] OWNERS = {"ann", "bob", "cy"};

  /**
   * A journal of random walks through the shop funnel, leads interleaved in time; each lead's
   * records stay in order.
   */
  static List<Step> journal(long seed, int leads) {
    return journal(seed, leads, Journal.shop());
  }

  /**
   * A journal of random walks through a funnel with the shop's stages and events; where the funnel
   * has exits, a lead that leaves half the time unsubscribes instead.
   */
  static List<Step> journal(long seed, int leads, dev.funnel.Funnel funnel) {
    Random rnd = new Random(seed);
    Journal j = new Journal(funnel);
    boolean exits = !funnel.exits().isEmpty();
    for (int i = 0; i < leads; i++) {
      String id = "l" + i;
      Instant at = T0.plus(Duration.ofMinutes(7L * i));
      String owner = rnd.nextInt(4) == 0 ? null : OWNERS[rnd.nextInt(OWNERS.length)];
      j.enter(id, CHANNELS[rnd.nextInt(CHANNELS.length)], owner, at);
      String stage = "visitor";
      for (int step = 0; step < 8; step++) {
        at = at.plus(Duration.ofMinutes(1 + rnd.nextInt(600)));
        int roll = rnd.nextInt(10);
        if (roll == 0) {
          j.fire(id, exits && rnd.nextBoolean() ? "unsubscribed" : "left", at);
          break;
        }
        if (roll == 1) {
          j.reassign(id, OWNERS[rnd.nextInt(OWNERS.length)], at);
          continue;
        }
        if (roll < 4) {
          break;
        }
        switch (stage) {
          case "visitor" -> {
            j.fire(id, "contact-left", at);
            stage = "lead";
          }
          case "lead" -> {
            if (roll == 4) {
              j.fire(id, "rejected", at);
              step = 8;
            } else if (roll < 7) {
              j.fire(id, "added-to-cart", at);
              stage = "cart";
            } else {
              j.buy(id, "paid", "mini", eur("10.00"), at);
              stage = "buyer";
            }
          }
          case "cart" -> {
            j.buy(id, "paid", "course", eur("100.00"), at);
            stage = "buyer";
          }
          default -> {
            if (roll == 4) {
              j.fire(id, "joined-club", at);
              step = 8;
            } else {
              j.buy(id, "bought-again", "gear", eur("40.00"), at);
            }
          }
        }
      }
    }
    List<Step> steps = new ArrayList<>(j.steps);
    steps.sort(Comparator.comparing(Step::at)); // stable: each lead's records stay in order
    return steps;
  }

  @Property(tries = 200)
  void merge_journalSplitByLead_equalsTheReportOfAllRecords(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int leads, @ForAll long split) {
    List<Step> all = journal(seed, leads);
    List<Step> a = new ArrayList<>();
    List<Step> b = new ArrayList<>();
    for (Step s : all) {
      ((s.leadId().hashCode() ^ split) % 2 == 0 ? a : b).add(s);
    }

    Report whole = Report.of(Journal.shop(), all);
    Report merged = Report.of(Journal.shop(), a).merge(Report.of(Journal.shop(), b));

    assertEquals(whole, merged);
    assertEquals(merged, Report.of(Journal.shop(), b).merge(Report.of(Journal.shop(), a)));
  }

  @Property(tries = 200)
  void merge_journalSplitAnywhere_keepsCountsAndSums(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 60) int leads,
      @ForAll @IntRange(min = 0, max = 1000) int at) {
    List<Step> all = journal(seed, leads);
    int cut = Math.min(at, all.size());

    Report whole = Report.of(Journal.shop(), all);
    Report merged =
        Report.of(Journal.shop(), all.subList(0, cut))
            .merge(Report.of(Journal.shop(), all.subList(cut, all.size())));

    assertEquals(whole.entries(), merged.entries());
    assertEquals(whole.stages(), withoutTimes(whole.stages(), merged.stages()));
    assertEquals(whole.revenueByOffer(), merged.revenueByOffer());
    assertEquals(whole.purchases(), merged.purchases());
    for (ChannelFigures c : whole.channels().values()) {
      ChannelFigures m = merged.channel(c.channel()).orElseThrow();
      assertEquals(c.leads(), m.leads());
      assertEquals(c.revenue(), m.revenue());
      assertEquals(c.won() + c.lost() + c.junk(), m.won() + m.lost() + m.junk());
    }
  }

  /** Returns the merged stage figures with the whole report's times, to compare counts only. */
  private static List<StageFigures> withoutTimes(
      List<StageFigures> whole, List<StageFigures> merged) {
    List<StageFigures> out = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      StageFigures m = merged.get(i);
      out.add(new StageFigures(m.stage(), m.entered(), m.movedOn(), whole.get(i).timeToReach()));
    }
    return out;
  }

  @Property(tries = 100)
  void report_journalReadLeadByLead_tracksEveryLeadWithOneSlot(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int leads) {
    List<Step> all = journal(seed, leads);
    List<Step> byLead = new ArrayList<>(all);
    byLead.sort(Comparator.comparing((Step s) -> s.leadId()).thenComparing(Step::version));

    Report interleaved = Report.of(Journal.shop(), all);
    Report sequential = Report.builder(Journal.shop()).maxTrackedLeads(1).addAll(byLead).build();

    assertEquals(0, sequential.untrackedLeads());
    assertEquals(interleaved, sequential);
  }

  @Property(tries = 200)
  void of_journalInAnyOrder_givesTheSameReport(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int leads, @ForAll long shuffle) {
    List<Step> all = journal(seed, leads);
    List<Step> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(shuffle));

    Report inOrder = Report.of(Journal.shop(), all);
    Report anyOrder = Report.of(Journal.shop(), shuffled);

    assertEquals(inOrder, anyOrder);
    assertEquals(0, anyOrder.untrackedLeads());
    assertEquals(inOrder.owners(), anyOrder.owners());
    assertEquals(inOrder.timeToConvert(), anyOrder.timeToConvert());
  }

  @Property(tries = 100)
  void of_moreLeadsInFlightThanTheTable_stillTracksEveryLead(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int leads, @ForAll long shuffle) {
    List<Step> shuffled = new ArrayList<>(journal(seed, leads));
    Collections.shuffle(shuffled, new Random(shuffle));

    Report r = Report.of(Journal.shop(), shuffled);
    Report oneSlot =
        Report.builder(Journal.shop())
            .maxTrackedLeads(1)
            .addAll(Tally.inJournalOrder(shuffled))
            .build();

    assertEquals(0, r.untrackedLeads());
    assertEquals(r, oneSlot);
  }
}
