package dev.funnel.migration;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.analytics.ChannelFigures;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What would differ if a journal had run against a candidate definition (or migration) instead of
 * the baseline: per lead (the stage it ends in, the messages it is sent, the offers presented to it
 * and the offers it buys) and per figure (CR1, CR2, step conversions, revenue, and conversion and
 * revenue per channel and per owner), each before and after with the difference. Only what differs
 * is listed, so a replay against the same definition gives an empty diff. Holds ids, stage names,
 * template names and counts, never attribute values. Immutable and thread-safe.
 */
public final class ReplayDiff {
  private final String title;
  private final int leads;
  private final ImmutableList<LeadDiff> leadDiffs;
  private final ImmutableList<FigureDiff> figureDiffs;

  private ReplayDiff(
      String title,
      int leads,
      ImmutableList<LeadDiff> leadDiffs,
      ImmutableList<FigureDiff> figureDiffs) {
    this.title = title;
    this.leads = leads;
    this.leadDiffs = leadDiffs;
    this.figureDiffs = figureDiffs;
  }

  /**
   * How one lead's journey would differ. Immutable and thread-safe.
   *
   * @param leadId the lead's id
   * @param stageBefore the stage it ends in on the baseline
   * @param stageAfter the stage it ends in on the candidate
   * @param sentBefore the templates it is sent on the baseline, in order
   * @param sentAfter the templates it is sent on the candidate, in order
   * @param offeredBefore the offers presented to it on the baseline, in order
   * @param offeredAfter the offers presented to it on the candidate, in order
   * @param boughtBefore the offers it buys on the baseline, in order
   * @param boughtAfter the offers it buys on the candidate, in order
   */
  public record LeadDiff(
      String leadId,
      String stageBefore,
      String stageAfter,
      ImmutableList<String> sentBefore,
      ImmutableList<String> sentAfter,
      ImmutableList<String> offeredBefore,
      ImmutableList<String> offeredAfter,
      ImmutableList<String> boughtBefore,
      ImmutableList<String> boughtAfter) {

    /**
     * Creates a lead's difference.
     *
     * @param leadId the lead's id
     * @param stageBefore the stage it ends in on the baseline
     * @param stageAfter the stage it ends in on the candidate
     * @param sentBefore the templates it is sent on the baseline, in order
     * @param sentAfter the templates it is sent on the candidate, in order
     * @param offeredBefore the offers presented to it on the baseline, in order
     * @param offeredAfter the offers presented to it on the candidate, in order
     * @param boughtBefore the offers it buys on the baseline, in order
     * @param boughtAfter the offers it buys on the candidate, in order
     */
    public LeadDiff {
      requireNonNull(leadId, "leadId");
      requireNonNull(stageBefore, "stageBefore");
      requireNonNull(stageAfter, "stageAfter");
      sentBefore = ImmutableList.copyOf(sentBefore);
      sentAfter = ImmutableList.copyOf(sentAfter);
      offeredBefore = ImmutableList.copyOf(offeredBefore);
      offeredAfter = ImmutableList.copyOf(offeredAfter);
      boughtBefore = ImmutableList.copyOf(boughtBefore);
      boughtAfter = ImmutableList.copyOf(boughtAfter);
    }

    /**
     * Returns the lead's line: its id and each part that differs, before and after.
     *
     * @return the lead's line
     */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (!stageBefore.equals(stageAfter)) {
        parts.add("stage " + stageBefore + " -> " + stageAfter);
      }
      if (!sentBefore.equals(sentAfter)) {
        parts.add("sent " + sentBefore + " -> " + sentAfter);
      }
      if (!offeredBefore.equals(offeredAfter)) {
        parts.add("offered " + offeredBefore + " -> " + offeredAfter);
      }
      if (!boughtBefore.equals(boughtAfter)) {
        parts.add("bought " + boughtBefore + " -> " + boughtAfter);
      }
      return leadId + ": " + String.join("; ", parts);
    }
  }

  /**
   * How one figure would differ. Immutable and thread-safe.
   *
   * @param figure the figure's name, such as {@code CR2 cold-lead -> buyer}
   * @param before its value on the baseline, such as {@code 3/8 (37.5%)} or {@code 58.90 EUR}
   * @param after its value on the candidate
   * @param difference after less before, in percentage points for a rate ({@code -12.5 pp}), in
   *     money for an amount; {@code -} if either value is undefined
   */
  public record FigureDiff(String figure, String before, String after, String difference) {
    /**
     * Creates a figure's difference.
     *
     * @param figure the figure's name
     * @param before its value on the baseline
     * @param after its value on the candidate
     * @param difference after less before
     */
    public FigureDiff {
      requireNonNull(figure, "figure");
      requireNonNull(before, "before");
      requireNonNull(after, "after");
      requireNonNull(difference, "difference");
    }
  }

  /**
   * Compares two runs of one journal; {@code stages} are CR1's and CR2's: visitors, leads, sales.
   */
  static ReplayDiff of(
      ImmutableList<String> stages, Replay.Run baseline, Replay.Run candidate, String title) {
    ImmutableList.Builder<LeadDiff> leadDiffs = ImmutableList.builder();
    baseline
        .journeys()
        .forEach(
            (id, b) -> {
              Replay.Journey c = candidate.journeys().get(id);
              if (c == null) {
                return;
              }
              if (!b.lead().stage().equals(c.lead().stage())
                  || !b.sent().equals(c.sent())
                  || !b.offered().equals(c.offered())
                  || !b.bought().equals(c.bought())) {
                leadDiffs.add(
                    new LeadDiff(
                        id,
                        b.lead().stage(),
                        c.lead().stage(),
                        b.sent(),
                        c.sent(),
                        b.offered(),
                        c.offered(),
                        b.bought(),
                        c.bought()));
              }
            });
    Report before = Report.of(baseline.funnel(), journey(baseline.steps()));
    Report after = Report.of(candidate.funnel(), journey(candidate.steps()));
    Map<String, String[]> figures = new LinkedHashMap<>();
    String v = stages.get(0);
    String l = stages.get(1);
    String s = stages.get(2);
    ratio(figures, "CR1 " + v + " -> " + l, before.cr1(v, l), after.cr1(v, l));
    ratio(figures, "CR2 " + l + " -> " + s, before.cr2(l, s), after.cr2(l, s));
    Set<List<String>> pairs = new LinkedHashSet<>();
    pairs(baseline.funnel(), pairs);
    pairs(candidate.funnel(), pairs);
    Map<String, Set<String>> reachedBefore = reached(baseline);
    Map<String, Set<String>> reachedAfter = reached(candidate);
    for (List<String> p : pairs) {
      String from = p.get(0);
      String to = p.get(1);
      ratio(
          figures,
          "step " + from + " -> " + to,
          step(reachedBefore, from, to),
          step(reachedAfter, from, to));
    }
    money(figures, "revenue", before.revenue(), after.revenue());
    count(figures, "purchases", before.purchases(), after.purchases());
    Set<String> channels = new TreeSet<>(before.channels().keySet());
    channels.addAll(after.channels().keySet());
    for (String ch : channels) {
      ChannelFigures b = before.channels().get(ch);
      ChannelFigures a = after.channels().get(ch);
      ratio(
          figures,
          "channel " + ch + " conversion",
          b == null ? Ratio.of(0, 0) : b.conversion(),
          a == null ? Ratio.of(0, 0) : a.conversion());
      money(
          figures,
          "channel " + ch + " revenue",
          b == null ? before.revenue().minus(before.revenue()) : b.revenue(),
          a == null ? after.revenue().minus(after.revenue()) : a.revenue());
    }
    Set<String> owners = new TreeSet<>(before.owners().keySet());
    owners.addAll(after.owners().keySet());
    for (String o : owners) {
      OwnerFigures b = before.owners().get(o);
      OwnerFigures a = after.owners().get(o);
      ratio(
          figures,
          "owner " + o + " conversion",
          b == null ? Ratio.of(0, 0) : b.conversion(),
          a == null ? Ratio.of(0, 0) : a.conversion());
      money(
          figures,
          "owner " + o + " revenue",
          b == null ? before.revenue().minus(before.revenue()) : b.revenue(),
          a == null ? after.revenue().minus(after.revenue()) : a.revenue());
    }
    ImmutableList.Builder<FigureDiff> figureDiffs = ImmutableList.builder();
    figures.forEach(
        (name, f) -> {
          if (!f[0].equals(f[1])) {
            figureDiffs.add(new FigureDiff(name, f[0], f[1], f[2]));
          }
        });
    return new ReplayDiff(
        title, baseline.journeys().size(), leadDiffs.build(), figureDiffs.build());
  }

  /**
   * Returns the steps without the migrations that left a lead where it was: bookkeeping, not a step
   * of its journey, which the figures would count as the lead taking a step again.
   */
  private static List<Step> journey(List<Step> steps) {
    List<Step> journey = new ArrayList<>(steps.size());
    for (Step st : steps) {
      if (!(Migration.MIGRATED.equals(st.eventType()) && st.to().equals(st.from()))) {
        journey.add(st);
      }
    }
    return journey;
  }

  /** Returns the stages each lead reached, by lead. */
  private static Map<String, Set<String>> reached(Replay.Run run) {
    Map<String, Set<String>> reached = new LinkedHashMap<>();
    for (Step st : run.steps()) {
      reached.computeIfAbsent(st.leadId(), k -> new LinkedHashSet<>()).add(st.to());
    }
    return reached;
  }

  /** Of the leads that reached {@code from}, the share that also reached {@code to}. */
  private static Ratio step(Map<String, Set<String>> reached, String from, String to) {
    long at = 0;
    long on = 0;
    for (Set<String> stages : reached.values()) {
      if (stages.contains(from)) {
        at++;
        if (stages.contains(to)) {
          on++;
        }
      }
    }
    return Ratio.of(on, at);
  }

  /** Adds each pair of consecutive stages a lead advances through: not lost, not junk. */
  private static void pairs(Funnel f, Set<List<String>> pairs) {
    String previous = null;
    for (Stage st : f.stages()) {
      if (st.isTerminal() && st.kind() != Stage.Kind.WON) {
        continue;
      }
      if (previous != null) {
        pairs.add(List.of(previous, st.id()));
      }
      previous = st.id();
    }
  }

  private static void ratio(Map<String, String[]> figures, String name, Ratio b, Ratio a) {
    String difference = b.isDefined() && a.isDefined() ? signed(points(a, b)) + " pp" : "-";
    figures.put(name, new String[] {rate(b), rate(a), difference});
  }

  /** Returns a less b in percentage points, from the exact fractions, to one decimal. */
  private static BigDecimal points(Ratio a, Ratio b) {
    BigDecimal num =
        a.numerator()
            .multiply(b.denominator())
            .subtract(b.numerator().multiply(a.denominator()))
            .scaleByPowerOfTen(2);
    return num.divide(a.denominator().multiply(b.denominator()), 1, RoundingMode.HALF_EVEN);
  }

  private static String rate(Ratio r) {
    return r.isDefined() ? r + " (" + r.percent(1).toPlainString() + "%)" : r + " (-)";
  }

  private static void money(Map<String, String[]> figures, String name, Money b, Money a) {
    String difference =
        b.isSameCurrency(a)
            ? signed(a.amount().subtract(b.amount())) + " " + a.currency().getCurrencyCode()
            : "-";
    figures.put(name, new String[] {b.toString(), a.toString(), difference});
  }

  private static void count(Map<String, String[]> figures, String name, long b, long a) {
    figures.put(
        name,
        new String[] {
          Long.toString(b),
          Long.toString(a),
          signed(BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b)))
        });
  }

  private static String signed(BigDecimal d) {
    return (d.signum() >= 0 ? "+" : "") + d.toPlainString();
  }

  /**
   * Returns whether nothing would differ: no lead and no figure.
   *
   * @return whether nothing would differ
   */
  public boolean isEmpty() {
    return leadDiffs.isEmpty() && figureDiffs.isEmpty();
  }

  /**
   * Returns the leads whose journeys would differ, in arrival order.
   *
   * @return the leads whose journeys would differ, in arrival order
   */
  public ImmutableList<LeadDiff> leads() {
    return leadDiffs;
  }

  /**
   * Returns the figures that would differ, in report order.
   *
   * @return the figures that would differ, in report order
   */
  public ImmutableList<FigureDiff> figures() {
    return figureDiffs;
  }

  /**
   * Returns the diff as text to print: a title line, the leads that differ and a table of the
   * figures that differ, or a line saying nothing differs. Lines end with a line feed.
   *
   * @return the diff as text
   */
  public String render() {
    StringBuilder s = new StringBuilder(title).append('\n');
    if (isEmpty()) {
      return s.append("no differences in ").append(leads).append(" leads\n").toString();
    }
    s.append("leads: ").append(leadDiffs.size()).append(" of ").append(leads).append(" differ\n");
    for (LeadDiff d : leadDiffs) {
      s.append("  ").append(d).append('\n');
    }
    s.append("figures: ").append(figureDiffs.size()).append(" differ\n");
    if (!figureDiffs.isEmpty()) {
      int w0 = width(FigureDiff::figure, "figure");
      int w1 = width(FigureDiff::before, "before");
      int w2 = width(FigureDiff::after, "after");
      row(s, w0, w1, w2, "figure", "before", "after", "difference");
      for (FigureDiff f : figureDiffs) {
        row(s, w0, w1, w2, f.figure(), f.before(), f.after(), f.difference());
      }
    }
    return s.toString();
  }

  private int width(Function<FigureDiff, String> column, String header) {
    int w = header.length();
    for (FigureDiff f : figureDiffs) {
      w = Math.max(w, column.apply(f).length());
    }
    return w;
  }

  private static void row(
      StringBuilder s, int w0, int w1, int w2, String a, String b, String c, String d) {
    s.append("  ")
        .append(Strings.padEnd(a, w0, ' '))
        .append("  ")
        .append(Strings.padEnd(b, w1, ' '))
        .append("  ")
        .append(Strings.padEnd(c, w2, ' '))
        .append("  ")
        .append(d)
        .append('\n');
  }

  @Override
  public String toString() {
    return "ReplayDiff[leads=" + leadDiffs.size() + ", figures=" + figureDiffs.size() + "]";
  }
}
