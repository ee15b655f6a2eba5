package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Dispatch;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import dev.funnel.Purpose;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The figures of journey controls in a report merge exactly, whatever the split. */
final class ControlFiguresProperties {
  private static final String[] CHANNELS = {"email", "sms"};
  private static final List<Dispatch.Verdict> VERDICTS =
      List.of(
          Dispatch.Verdict.SEND,
          Dispatch.Verdict.HOLD,
          Dispatch.Verdict.SKIP,
          Dispatch.Verdict.SUPPRESS);

  /** The shop of {@link Journal#shop()} with a goal, an exit and an experiment with a holdout. */
  static final Funnel SHOP =
      Journal.shop().toBuilder()
          .goal("first-sale")
          .onEvent("paid")
          .within(Duration.ofHours(20))
          .to("buyer")
          .exit("unsubscribed")
          .onEvent("unsubscribed")
          .to("lost")
          .experiment(
              Experiment.of(
                  "letters",
                  "p",
                  Experiment.Arm.of("a", 2),
                  Experiment.Arm.of("b", 1),
                  Experiment.Arm.holdout("h", 1)))
          .build();

  /** Decisions about the leads' messages, each lead's own, with every verdict and reason. */
  static List<Dispatch> decisions(long seed, int leads) {
    Random rnd = new Random(seed);
    List<Dispatch> all = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      int n = rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        Instant due = Journal.T0.plus(Duration.ofMinutes(rnd.nextInt(20_000)));
        String channel = CHANNELS[rnd.nextInt(CHANNELS.length)];
        Dispatch.Verdict v = VERDICTS.get(rnd.nextInt(VERDICTS.size()));
        Dispatch.Reason r =
            switch (v) {
              case SEND -> null;
              case HOLD, SKIP -> Dispatch.Reason.QUIET_HOURS;
              case SUPPRESS ->
                  List.of(Dispatch.Reason.CAP, Dispatch.Reason.NO_CONSENT, Dispatch.Reason.HOLDOUT)
                      .get(rnd.nextInt(3));
            };
        Instant until = v == Dispatch.Verdict.HOLD ? due.plus(Duration.ofHours(8)) : null;
        all.add(new Dispatch("shop", "l" + i, "t", channel, Purpose.MARKETING, due, v, until, r));
      }
    }
    return all;
  }

  @Property(tries = 200)
  void merge_splitByLead_equalsTheReportOfAllRecordsInEveryControlFigure(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int leads, @ForAll long split) {
    List<Step> all = ReportProperties.journal(seed, leads, SHOP);
    List<Dispatch> decisions = decisions(seed, leads);
    List<Step> a = new ArrayList<>();
    List<Step> b = new ArrayList<>();
    for (Step s : all) {
      ((s.leadId().hashCode() ^ split) % 2 == 0 ? a : b).add(s);
    }
    List<Dispatch> da = new ArrayList<>();
    List<Dispatch> db = new ArrayList<>();
    for (Dispatch d : decisions) {
      ((d.leadId().hashCode() ^ split) % 2 == 0 ? da : db).add(d);
    }

    Report whole = Report.of(SHOP, all, decisions);
    Report merged = Report.of(SHOP, a, da).merge(Report.of(SHOP, b, db));

    assertEquals(whole, merged);
    assertEquals(whole.journey(), merged.journey());
    assertEquals(whole.experiments(), merged.experiments());
    assertEquals(whole.contacts(), merged.contacts());
    assertEquals(whole.experiments().get(0).lift(), merged.experiments().get(0).lift());
  }

  @Property(tries = 200)
  void merge_splitAnywhere_keepsEveryControlFigure(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 60) int leads,
      @ForAll @IntRange(min = 0, max = 1000) int at) {
    List<Step> all = ReportProperties.journal(seed, leads, SHOP);
    List<Dispatch> decisions = decisions(seed, leads);
    int cut = Math.min(at, all.size());
    int dcut = Math.min(at, decisions.size());

    Report whole = Report.of(SHOP, all, decisions);
    Report merged =
        Report.of(SHOP, all.subList(0, cut), decisions.subList(0, dcut))
            .merge(
                Report.of(
                    SHOP, all.subList(cut, all.size()), decisions.subList(dcut, decisions.size())));

    assertEquals(whole.journey(), merged.journey());
    assertEquals(whole.contacts(), merged.contacts());
    // Arm entries are sums; conversions need a lead's earlier records, as converted() does.
    for (int i = 0; i < whole.experiments().get(0).arms().size(); i++) {
      assertEquals(
          whole.experiments().get(0).arms().get(i).leads(),
          merged.experiments().get(0).arms().get(i).leads());
    }
  }

  @Property(tries = 100)
  void experiment_armsAddUpToTheReport(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int leads) {
    Report r = Report.of(SHOP, ReportProperties.journal(seed, leads, SHOP));

    long journeys = 0;
    long converted = 0;
    for (ExperimentFigures.Arm arm : r.experiments().get(0).arms()) {
      journeys += arm.leads();
      converted += arm.converted();
    }
    assertEquals(r.entries(), journeys);
    assertEquals(r.converted(), converted);
    assertEquals(r.entries(), r.journey().journeys());
  }
}
