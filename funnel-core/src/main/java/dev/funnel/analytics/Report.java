package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one funnel over a time range, computed from its journal of {@link Step} records:
 * per stage how many entered and moved on where, drop-off, time to reach a stage and to convert,
 * CR1 and CR2, revenue by offer and tier, average check, LTV, repeat purchases, junk, and
 * breakdowns by channel and by owner. Immutable and thread-safe.
 *
 * <pre>{@code
 * Report report =
 *     Report.builder(shop).range(TimeRange.of(monday, nextMonday)).addAll(journal).build();
 * report.cr1("visitor", "cold-lead").percent(1);   // 10.0
 * report.channel("ads").orElseThrow().roas(Money.of("245.00", "EUR"));
 * }</pre>
 *
 * <h2>How records are counted</h2>
 *
 * <ul>
 *   <li><b>Entries, not people.</b> A stage's count is the number of records that entered it (an
 *       entry into the funnel or a move); a lead that enters a stage twice counts twice. So {@link
 *       #conversion(String, String)} between two stages is a ratio of entries: it equals the share
 *       of the first stage's leads that reached the second when every path to the second passes
 *       through the first, as in a linear funnel, and nobody re-enters. Moves straight from one
 *       stage to another ({@link #flows()}) are exact step conversions in any funnel.
 *   <li><b>The time range.</b> A record counts when its time is in the range. Leads that entered
 *       before the range are still followed, so feed the journal from its beginning if times and
 *       first purchases of such leads matter.
 *   <li><b>Conversion.</b> A lead converts once, at its first purchase or its first entry into a
 *       {@linkplain Stage.Kind#WON won} stage, whichever comes first.
 *   <li><b>Money.</b> Money is summed exactly in the report's currency; averages are rounded half
 *       to even to the currency's minor unit. Purchases in another currency are left out of revenue
 *       and counted in {@link #foreignPurchases()}.
 * </ul>
 *
 * <h2>Memory and per-lead state</h2>
 *
 * <p>A report holds counts and sums per stage, move, channel, owner and offer, and fixed-size
 * {@link DurationSketch}es for times: its size does not grow with the number of leads. Some figures
 * need to know a lead's past, which a single record does not carry: when it entered the funnel and
 * its current stage (for times), whether it bought before (for buyers, LTV and repeat purchases),
 * and its previous owner (for leads received per owner). The {@link Builder} keeps that in a table
 * of leads in flight, bounded by {@link Builder#maxTrackedLeads} (100,000 by default): a lead
 * leaves the table when it reaches a terminal stage or is {@linkplain Builder#forget forgotten},
 * and when the table is full the least recently seen lead is dropped. A later record of a lead not
 * in the table starts a fresh entry and counts in {@link #untrackedLeads()}; for such a lead times
 * are not measured, its next purchase counts as a first purchase and its owner as newly received.
 * So these figures are exact when no lead is untracked (always the case when the journal is read
 * lead by lead, or when fewer leads are in flight at once than the bound), and {@code
 * untrackedLeads} bounds how far buyers and received leads may be overcounted.
 *
 * <h2>Merging</h2>
 *
 * <p>{@link #merge} adds two reports of the same funnel and currency: counts and sums add, time
 * sketches merge exactly, and the range becomes the smallest covering both. For any split of a
 * journal, stage, move, channel and revenue counts of the merge equal those of the whole. When the
 * journal is split by lead (every lead's records in one part, as a store partitioned by lead id
 * gives them), the merged report equals the report of the whole journal in every figure.
 */
public final class Report {
  /** The ISO 4217 code for "no currency", used when the funnel prices nothing. */
  private static final String NO_CURRENCY = "XXX";

  private final Funnel funnel;
  private final TimeRange range;
  private final Currency currency;
  private final long entries;
  private final long converted;
  private final ImmutableMap<String, Long> entered;
  private final ImmutableMap<Edge, Long> flows;
  private final ImmutableMap<Hop, Long> hops;
  private final ImmutableMap<String, DurationSketch> timeToReach;
  private final ImmutableMap<Edge, DurationSketch> timeInFrom;
  private final DurationSketch timeToConvert;
  private final ImmutableMap<String, Sales> offers;
  private final long buyers;
  private final long repeatBuyers;
  private final ImmutableMap<String, ChannelFigures> channels;
  private final ImmutableMap<String, OwnerFigures> owners;
  private final long untrackedLeads;
  private final long foreignPurchases;

  /** A move from one stage straight to another. */
  private record Edge(String from, String to) {}

  /** An accepted event in a stage and the stage it left the lead in. */
  private record Hop(String from, String event, String to) {}

  /** Purchases of one offer. */
  private record Sales(long count, Money amount) {
    Sales plus(Sales o) {
      return new Sales(count + o.count, amount.plus(o.amount));
    }
  }

  private Report(
      Funnel funnel,
      TimeRange range,
      Currency currency,
      long entries,
      long converted,
      Map<String, Long> entered,
      Map<Edge, Long> flows,
      Map<Hop, Long> hops,
      Map<String, DurationSketch> timeToReach,
      Map<Edge, DurationSketch> timeInFrom,
      DurationSketch timeToConvert,
      Map<String, Sales> offers,
      long buyers,
      long repeatBuyers,
      Map<String, ChannelFigures> channels,
      Map<String, OwnerFigures> owners,
      long untrackedLeads,
      long foreignPurchases) {
    this.funnel = funnel;
    this.range = range;
    this.currency = currency;
    this.entries = entries;
    this.converted = converted;
    this.entered = ImmutableMap.copyOf(entered);
    this.flows = ImmutableMap.copyOf(flows);
    this.hops = ImmutableMap.copyOf(hops);
    this.timeToReach = ImmutableMap.copyOf(timeToReach);
    this.timeInFrom = ImmutableMap.copyOf(timeInFrom);
    this.timeToConvert = timeToConvert;
    this.offers = ImmutableMap.copyOf(offers);
    this.buyers = buyers;
    this.repeatBuyers = repeatBuyers;
    this.channels = ImmutableSortedMap.copyOf(channels);
    this.owners = ImmutableSortedMap.copyOf(owners);
    this.untrackedLeads = untrackedLeads;
    this.foreignPurchases = foreignPurchases;
  }

  /**
   * Starts a report of a funnel, to be fed its step records.
   *
   * @param funnel the funnel; its stages give the stage kinds and order, its offers the tiers and
   *     the default currency
   * @return a builder counting all time, in the currency of the funnel's first priced offer
   */
  public static Builder builder(Funnel funnel) {
    return new Builder(funnel);
  }

  /**
   * Returns the report of a funnel over all its step records, in any range of time.
   *
   * @param funnel the funnel
   * @param steps the funnel's step records, each lead's in the order they happened
   * @return the report
   * @throws IllegalArgumentException if a record belongs to another funnel
   */
  public static Report of(Funnel funnel, Iterable<Step> steps) {
    return builder(funnel).addAll(steps).build();
  }

  /**
   * Returns the funnel the report is of.
   *
   * @return the funnel the report is of
   */
  public Funnel funnel() {
    return funnel;
  }

  /**
   * Returns the time range the report counts records in.
   *
   * @return the time range the report counts records in
   */
  public TimeRange range() {
    return range;
  }

  /**
   * Returns the currency money is counted in; {@code XXX} if the funnel prices nothing.
   *
   * @return the currency money is counted in; {@code XXX} if the funnel prices nothing
   */
  public Currency currency() {
    return currency;
  }

  // ----------------------------------------------------------------------------------------------
  // Stages and conversion

  /**
   * Returns how many leads entered the funnel.
   *
   * @return how many leads entered the funnel
   */
  public long entries() {
    return entries;
  }

  /**
   * Returns how many times leads entered a stage.
   *
   * @param stage the stage's id
   * @return the number of entries, zero if none
   */
  public long entered(String stage) {
    return entered.getOrDefault(stage, 0L);
  }

  /**
   * Returns the figures of every stage: the funnel's stages in declaration order, then stages that
   * records named but the funnel lacks (from another version of it), by id.
   *
   * @return the figures of every stage
   */
  public ImmutableList<StageFigures> stages() {
    ImmutableList.Builder<StageFigures> all = ImmutableList.builder();
    for (Stage s : funnel.stages()) {
      all.add(figures(s));
    }
    for (String id : new TreeSet<>(stageIdsSeen())) {
      if (funnel.stage(id).isEmpty()) {
        all.add(figures(unknownStage(id)));
      }
    }
    return all.build();
  }

  /**
   * Returns the figures of one stage.
   *
   * @param stage the stage's id
   * @return the figures, all zero if no record entered or left it
   * @throws IllegalArgumentException if neither the funnel nor any record has the stage
   */
  public StageFigures stage(String stage) {
    Optional<Stage> s = funnel.stage(stage);
    if (s.isPresent()) {
      return figures(s.get());
    }
    checkArgument(
        stageIdsSeen().contains(stage),
        "funnel '%s' has no stage '%s' and no record names it",
        funnel.id(),
        stage);
    return figures(unknownStage(stage));
  }

  private static Stage unknownStage(String id) {
    return new Stage(id, Stage.Kind.ACTIVE, false, false, null);
  }

  private java.util.Set<String> stageIdsSeen() {
    java.util.Set<String> ids = new java.util.HashSet<>(entered.keySet());
    for (Edge e : flows.keySet()) {
      ids.add(e.from);
      ids.add(e.to);
    }
    return ids;
  }

  private StageFigures figures(Stage s) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Edge, Long> e : sortedFlows()) {
      if (e.getKey().from.equals(s.id())) {
        out.put(e.getKey().to, e.getValue());
      }
    }
    return new StageFigures(
        s,
        entered(s.id()),
        ImmutableMap.copyOf(out),
        timeToReach.getOrDefault(s.id(), DurationSketch.empty()));
  }

  private List<Map.Entry<Edge, Long>> sortedFlows() {
    Map<String, Integer> order = new HashMap<>();
    for (Stage s : funnel.stages()) {
      order.put(s.id(), order.size());
    }
    List<Map.Entry<Edge, Long>> sorted = new ArrayList<>(flows.entrySet());
    sorted.sort(
        (a, b) -> {
          int c = compareStages(order, a.getKey().from, b.getKey().from);
          return c != 0 ? c : compareStages(order, a.getKey().to, b.getKey().to);
        });
    return sorted;
  }

  private static int compareStages(Map<String, Integer> order, String a, String b) {
    int ia = order.getOrDefault(a, Integer.MAX_VALUE);
    int ib = order.getOrDefault(b, Integer.MAX_VALUE);
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  /**
   * Returns the figures of every move made from one stage straight to another, ordered by the
   * funnel's stage order of the source, then of the target.
   *
   * @return the figures of every move made from one stage straight to another, ordered by the
   *     funnel's stage order of the source, then of the target
   */
  public ImmutableList<FlowFigures> flows() {
    ImmutableList.Builder<FlowFigures> all = ImmutableList.builder();
    for (Map.Entry<Edge, Long> e : sortedFlows()) {
      all.add(flow(e.getKey().from, e.getKey().to));
    }
    return all.build();
  }

  /**
   * Returns the figures of the moves from one stage straight to another.
   *
   * @param from the stage left
   * @param to the stage entered
   * @return the figures; zero moves if none were made
   */
  public FlowFigures flow(String from, String to) {
    Edge e = new Edge(from, to);
    long count = flows.getOrDefault(e, 0L);
    return new FlowFigures(
        from,
        to,
        count,
        Ratio.of(count, entered(from)),
        timeInFrom.getOrDefault(e, DurationSketch.empty()));
  }

  /**
   * Returns how many times an event was accepted in a stage and left the lead in a given stage: the
   * count of one transition (or of a timer's event), where {@code to} equals {@code from} for a
   * transition that stays. Transitions that share a source, an event and a target are counted
   * together.
   *
   * @param from the stage the lead was in
   * @param event the event type
   * @param to the stage the lead was in after the event
   * @return the count, zero if none
   */
  public long taken(String from, String event, String to) {
    return hops.getOrDefault(new Hop(from, event, to), 0L);
  }

  /**
   * Returns the step conversion between any two stages: entries into {@code to} against entries
   * into {@code from}. For the seeds' 800 visitors, 200 carts and 50 sales, {@code
   * conversion("visitor", "cart")} is {@code 200/800} and {@code conversion("visitor", "sale")} is
   * {@code 50/800}. See the class notes on counting entries.
   *
   * @param from the earlier stage
   * @param to the later stage
   * @return the ratio, undefined if nobody entered {@code from}
   */
  public Ratio conversion(String from, String to) {
    return Ratio.of(entered(to), entered(from));
  }

  /**
   * Returns CR1, the landing conversion: leads (entries into the lead stage) against visitors
   * (entries into the entry stage). 10 leads from 100 visitors is {@code 10/100}.
   *
   * @param visitors the stage visitors enter at
   * @param leads the stage a visitor reaches by becoming a lead (leaving a contact)
   * @return the ratio, undefined if there were no visitors
   */
  public Ratio cr1(String visitors, String leads) {
    return conversion(visitors, leads);
  }

  /**
   * Returns CR2, the sales conversion: sales (entries into the sale stage) against leads (entries
   * into the lead stage). 5 sales from 100 requests is {@code 5/100}.
   *
   * @param leads the lead stage
   * @param sales the stage reached by a sale
   * @return the ratio, undefined if there were no leads
   */
  public Ratio cr2(String leads, String sales) {
    return conversion(leads, sales);
  }

  /**
   * Returns CR2 with junk taken out of the leads: sales against leads minus the leads rejected as
   * junk (entries into every junk stage). It shows how well the real audience converts; {@link
   * #cr2} shows how well all requests do. The junk is assumed to have passed through the lead
   * stage, as in qualifying requests after they come in.
   *
   * @param leads the lead stage
   * @param sales the stage reached by a sale
   * @return the ratio, undefined if there were no leads other than junk
   */
  public Ratio cr2ExcludingJunk(String leads, String sales) {
    return Ratio.of(entered(sales), Math.max(entered(leads) - junk(), 0));
  }

  /**
   * Returns how many leads converted: bought for the first time or reached a won stage.
   *
   * @return how many leads converted: bought for the first time or reached a won stage
   */
  public long converted() {
    return converted;
  }

  /**
   * Returns the end-to-end conversion: converted leads against leads entered, {@code 50/800}.
   *
   * @return the end-to-end conversion: converted leads against leads entered, {@code 50/800}
   */
  public Ratio endToEnd() {
    return Ratio.of(converted, entries);
  }

  /**
   * Returns how many times leads reached a won stage.
   *
   * @return how many times leads reached a won stage
   */
  public long won() {
    return enteredOfKind(Stage.Kind.WON);
  }

  /**
   * Returns how many times leads reached a lost stage.
   *
   * @return how many times leads reached a lost stage
   */
  public long lost() {
    return enteredOfKind(Stage.Kind.LOST);
  }

  /**
   * Returns how many leads were rejected as junk: entries into every junk stage.
   *
   * @return how many leads were rejected as junk: entries into every junk stage
   */
  public long junk() {
    return enteredOfKind(Stage.Kind.JUNK);
  }

  private long enteredOfKind(Stage.Kind kind) {
    long n = 0;
    for (Stage s : funnel.stages()) {
      if (s.kind() == kind) {
        n += entered(s.id());
      }
    }
    return n;
  }

  /**
   * Returns the share of leads rejected as junk: {@code junk / entries}.
   *
   * @return the share of leads rejected as junk: {@code junk / entries}
   */
  public Ratio junkRate() {
    return Ratio.of(junk(), entries);
  }

  /**
   * Returns how long converted leads took from entering the funnel to converting; leads whose entry
   * the report did not see are left out.
   *
   * @return how long converted leads took from entering the funnel to converting
   */
  public DurationSketch timeToConvert() {
    return timeToConvert;
  }

  // ----------------------------------------------------------------------------------------------
  // Revenue

  /**
   * Returns what leads paid, in the report's currency.
   *
   * @return what leads paid, in the report's currency
   */
  public Money revenue() {
    Money total = zero();
    for (Sales s : offers.values()) {
      total = total.plus(s.amount);
    }
    return total;
  }

  private Money zero() {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * Returns how many purchases were made.
   *
   * @return how many purchases were made
   */
  public long purchases() {
    long n = 0;
    for (Sales s : offers.values()) {
      n += s.count;
    }
    return n;
  }

  /**
   * Returns the revenue of each offer bought, the funnel's offers first in declaration order.
   *
   * @return the revenue of each offer bought, the funnel's offers first in declaration order
   */
  public ImmutableMap<String, Money> revenueByOffer() {
    ImmutableMap.Builder<String, Money> b = ImmutableMap.builder();
    for (String id : offerOrder()) {
      b.put(id, requireNonNull(offers.get(id)).amount);
    }
    return b.buildOrThrow();
  }

  /**
   * Returns the number of purchases of each offer bought, in the order of {@link #revenueByOffer}.
   *
   * @return the number of purchases of each offer bought, in the order of {@link #revenueByOffer}
   */
  public ImmutableMap<String, Long> purchasesByOffer() {
    ImmutableMap.Builder<String, Long> b = ImmutableMap.builder();
    for (String id : offerOrder()) {
      b.put(id, requireNonNull(offers.get(id)).count);
    }
    return b.buildOrThrow();
  }

  private List<String> offerOrder() {
    List<String> order = new ArrayList<>();
    for (Offer o : funnel.offers()) {
      if (offers.containsKey(o.id())) {
        order.add(o.id());
      }
    }
    for (String id : new TreeSet<>(offers.keySet())) {
      if (funnel.offer(id).isEmpty()) {
        order.add(id);
      }
    }
    return order;
  }

  /**
   * Returns the revenue by offer tier, looking each offer up among the funnel's offers; tiers
   * nothing was bought from are left out, and so are offers the funnel lacks (see {@link
   * #untieredRevenue}).
   *
   * @return the revenue by offer tier, looking each offer up among the funnel's offers
   */
  public ImmutableMap<Offer.Tier, Money> revenueByTier() {
    Map<Offer.Tier, Money> byTier = new EnumMap<>(Offer.Tier.class);
    offers.forEach(
        (id, sales) ->
            funnel.offer(id).ifPresent(o -> byTier.merge(o.tier(), sales.amount, Money::plus)));
    return ImmutableMap.copyOf(byTier);
  }

  /**
   * Returns the revenue of offers the funnel does not declare, so whose tier is unknown.
   *
   * @return the revenue of offers the funnel does not declare, so whose tier is unknown
   */
  public Money untieredRevenue() {
    Money total = zero();
    for (Map.Entry<String, Sales> e : offers.entrySet()) {
      if (funnel.offer(e.getKey()).isEmpty()) {
        total = total.plus(e.getValue().amount);
      }
    }
    return total;
  }

  /**
   * Returns the average check: revenue per purchase, rounded half to even to the minor unit.
   *
   * @return the average, or empty if nothing was bought
   */
  public Optional<Money> averageCheck() {
    return divide(revenue(), purchases());
  }

  /**
   * Returns the revenue per lead: revenue against leads entered, rounded half to even.
   *
   * @return the average, or empty if no lead entered
   */
  public Optional<Money> revenuePerLead() {
    return divide(revenue(), entries);
  }

  /**
   * Returns the lifetime value per customer: all revenue against the leads that bought at least
   * once, so each buyer's purchases over its whole life in the funnel, rounded half to even.
   *
   * @return the average, or empty if nobody bought
   */
  public Optional<Money> ltv() {
    return divide(revenue(), buyers);
  }

  private static Optional<Money> divide(Money total, long n) {
    if (n == 0) {
      return Optional.empty();
    }
    BigDecimal each =
        total
            .amount()
            .divide(BigDecimal.valueOf(n), total.amount().scale(), RoundingMode.HALF_EVEN);
    return Optional.of(new Money(each, total.currency()));
  }

  /**
   * Returns how many leads bought at least once.
   *
   * @return how many leads bought at least once
   */
  public long buyers() {
    return buyers;
  }

  /**
   * Returns how many leads bought at least twice.
   *
   * @return how many leads bought at least twice
   */
  public long repeatBuyers() {
    return repeatBuyers;
  }

  /**
   * Returns the repeat-purchase rate: buyers who bought again against all buyers.
   *
   * @return the repeat-purchase rate: buyers who bought again against all buyers
   */
  public Ratio repeatPurchaseRate() {
    return Ratio.of(repeatBuyers, buyers);
  }

  // ----------------------------------------------------------------------------------------------
  // Channels and owners

  /**
   * Returns the figures of every channel, by channel id.
   *
   * @return the figures of every channel, by channel id
   */
  public ImmutableMap<String, ChannelFigures> channels() {
    return channels;
  }

  /**
   * Returns the figures of one channel.
   *
   * @param channel the channel's id
   * @return the figures, or empty if no record came from it
   */
  public Optional<ChannelFigures> channel(String channel) {
    return Optional.ofNullable(channels.get(channel));
  }

  /**
   * Returns the figures of every owner, by owner id.
   *
   * @return the figures of every owner, by owner id
   */
  public ImmutableMap<String, OwnerFigures> owners() {
    return owners;
  }

  /**
   * Returns the figures of one owner.
   *
   * @param owner the owner's id
   * @return the figures, or empty if no record named them
   */
  public Optional<OwnerFigures> owner(String owner) {
    return Optional.ofNullable(owners.get(owner));
  }

  /**
   * Returns the figures of all owners added up, under the owner id {@code "*"}.
   *
   * @return the figures of all owners added up, under the owner id {@code "*"}
   */
  public OwnerFigures team() {
    OwnerFigures team = new OwnerFigures("*", 0, 0, 0, 0, 0, 0, zero());
    for (OwnerFigures o : owners.values()) {
      team = team.plus(o);
    }
    return team;
  }

  /**
   * Returns the owners the rule flags as black holes, by owner id.
   *
   * @param rule when an owner is a black hole
   * @return the flagged owners' figures
   */
  public ImmutableList<OwnerFigures> blackHoles(BlackHoleRule rule) {
    requireNonNull(rule, "rule");
    OwnerFigures team = team();
    ImmutableList.Builder<OwnerFigures> flagged = ImmutableList.builder();
    for (OwnerFigures o : owners.values()) {
      if (rule.isBlackHole(o, team.minus(o))) {
        flagged.add(o);
      }
    }
    return flagged.build();
  }

  /**
   * Returns the owners {@link BlackHoleRule#DEFAULT} flags as black holes.
   *
   * @return the owners {@link BlackHoleRule#DEFAULT} flags as black holes
   */
  public ImmutableList<OwnerFigures> blackHoles() {
    return blackHoles(BlackHoleRule.DEFAULT);
  }

  // ----------------------------------------------------------------------------------------------
  // Accuracy

  /**
   * Returns how many times a record came for a lead the report was not following: its entry was not
   * seen, or it had been dropped from the bounded table of leads in flight. Zero means every
   * per-lead figure is exact.
   *
   * @return how many times a record came for a lead the report was not following
   */
  public long untrackedLeads() {
    return untrackedLeads;
  }

  /**
   * Returns how many purchases were in another currency and left out of revenue.
   *
   * @return how many purchases were in another currency and left out of revenue
   */
  public long foreignPurchases() {
    return foreignPurchases;
  }

  // ----------------------------------------------------------------------------------------------
  // Merging

  /**
   * Returns the report of this report's records and another's. See the class notes for when the
   * merge equals the report of all records.
   *
   * @param other a report of the same funnel in the same currency
   * @return the merged report; its funnel is the higher version of the two, its range covers both
   * @throws IllegalArgumentException if the funnels or the currencies differ
   */
  public Report merge(Report other) {
    checkArgument(
        funnel.id().equals(other.funnel.id()),
        "cannot merge reports of funnels '%s' and '%s'",
        funnel.id(),
        other.funnel.id());
    checkArgument(
        currency.equals(other.currency),
        "cannot merge reports in %s and %s",
        currency.getCurrencyCode(),
        other.currency.getCurrencyCode());
    return new Report(
        other.funnel.version() > funnel.version() ? other.funnel : funnel,
        range.span(other.range),
        currency,
        entries + other.entries,
        converted + other.converted,
        sum(entered, other.entered, Long::sum),
        sum(flows, other.flows, Long::sum),
        sum(hops, other.hops, Long::sum),
        sum(timeToReach, other.timeToReach, DurationSketch::merge),
        sum(timeInFrom, other.timeInFrom, DurationSketch::merge),
        timeToConvert.merge(other.timeToConvert),
        sum(offers, other.offers, Sales::plus),
        buyers + other.buyers,
        repeatBuyers + other.repeatBuyers,
        sum(channels, other.channels, ChannelFigures::plus),
        sum(owners, other.owners, OwnerFigures::plus),
        untrackedLeads + other.untrackedLeads,
        foreignPurchases + other.foreignPurchases);
  }

  private static <K, V> Map<K, V> sum(
      Map<K, V> a, Map<K, V> b, java.util.function.BinaryOperator<V> plus) {
    Map<K, V> all = new LinkedHashMap<>(a);
    b.forEach((k, v) -> all.merge(k, v, plus));
    return all;
  }

  /**
   * Compares every count, sum, sketch, the funnel, the range and the currency.
   *
   * @return compares every count, sum, sketch, the funnel, the range and the currency
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Report r)) {
      return false;
    }

    return funnel.equals(r.funnel)
        && range.equals(r.range)
        && currency.equals(r.currency)
        && entries == r.entries
        && converted == r.converted
        && entered.equals(r.entered)
        && flows.equals(r.flows)
        && hops.equals(r.hops)
        && timeToReach.equals(r.timeToReach)
        && timeInFrom.equals(r.timeInFrom)
        && timeToConvert.equals(r.timeToConvert)
        && offers.equals(r.offers)
        && buyers == r.buyers
        && repeatBuyers == r.repeatBuyers
        && channels.equals(r.channels)
        && owners.equals(r.owners)
        && untrackedLeads == r.untrackedLeads
        && foreignPurchases == r.foreignPurchases;
  }

  @Override
  public int hashCode() {
    return Objects.hash(funnel.id(), entries, converted, entered, flows, offers, channels, owners);
  }

  /**
   * Returns the funnel's id, the number of leads, conversions and the revenue.
   *
   * @return the funnel's id, the number of leads, conversions and the revenue
   */
  @Override
  public String toString() {
    return MoreObjects.toStringHelper("Report")
        .add("funnel", funnel.id())
        .add("entries", entries)
        .add("converted", converted)
        .add("revenue", revenue())
        .toString();
  }

  // ----------------------------------------------------------------------------------------------
  // Building

  /**
   * Builds a {@link Report} in one pass over step records. Feed each lead's records in the order
   * they happened (leads may interleave); {@link #build} may be called at any time and the builder
   * fed on. Not thread-safe: give each thread or shard its own builder and {@linkplain Report#merge
   * merge} the reports.
   */
  public static final class Builder {
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Funnel funnel;
    private TimeRange range = TimeRange.ALL;
    private Currency currency;
    private int maxTrackedLeads = 100_000;
    private final Map<String, LeadState> leads;

    private final Map<String, StageAcc> stages = new HashMap<>();
    private final Map<String, OfferAcc> offers = new HashMap<>();
    private final Map<String, PartyAcc> channels = new HashMap<>();
    private final Map<String, PartyAcc> owners = new HashMap<>();
    private final DurationSketch.Recorder timeToConvert = new DurationSketch.Recorder();
    private long entries;
    private long converted;
    private long buyers;
    private long repeatBuyers;
    private long untrackedLeads;
    private long foreignPurchases;

    /** What the builder remembers of a lead in flight. */
    private static final class LeadState {
      final long enteredAt;
      long stageAt;
      @Nullable String owner;
      int purchases;
      boolean converted;

      LeadState(long enteredAt) {
        this.enteredAt = enteredAt;
        this.stageAt = enteredAt;
      }
    }

    private static final class StageAcc {
      final Stage.Kind kind;
      long entered;
      final DurationSketch.Recorder timeToReach = new DurationSketch.Recorder();
      final Map<String, FlowAcc> out = new HashMap<>(4);
      final Map<String, Map<String, long[]>> taken = new HashMap<>(4);

      StageAcc(Stage.Kind kind) {
        this.kind = kind;
      }
    }

    private static final class FlowAcc {
      long count;
      final DurationSketch.Recorder time = new DurationSketch.Recorder();
    }

    private static final class OfferAcc {
      long count;
      BigDecimal amount = BigDecimal.ZERO;
    }

    /** A channel's or an owner's running figures. */
    private static final class PartyAcc {
      long leads;
      long converted;
      long won;
      long lost;
      long junk;
      long purchases;
      long buyers;
      BigDecimal revenue = BigDecimal.ZERO;
    }

    private Builder(Funnel funnel) {
      this.funnel = requireNonNull(funnel, "funnel");
      this.currency = defaultCurrency(funnel);
      for (Stage s : funnel.stages()) {
        stages.put(s.id(), new StageAcc(s.kind()));
      }
      this.leads = newLeadTable();
    }

    private Map<String, LeadState> newLeadTable() {
      return new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LeadState> eldest) {
          return size() > maxTrackedLeads;
        }
      };
    }

    static Currency defaultCurrency(Funnel funnel) {
      for (Offer o : funnel.offers()) {
        Money price = o.price();
        if (price != null) {
          return price.currency();
        }
      }
      return Currency.getInstance(NO_CURRENCY);
    }

    /**
     * Counts only records in a time range; all time by default.
     *
     * @param range the range
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder range(TimeRange range) {
      this.range = requireNonNull(range, "range");
      return this;
    }

    /**
     * Counts money in a currency; by default the currency of the funnel's first priced offer, or
     * {@code XXX} (no currency) if it prices nothing. Set it before feeding records.
     *
     * @param currency an ISO 4217 code such as {@code "EUR"}
     * @return this builder
     * @throws IllegalArgumentException if the code is unknown
     */
    @CanIgnoreReturnValue
    public Builder currency(String currency) {
      this.currency = Money.zero(currency).currency();
      return this;
    }

    /**
     * Bounds the table of leads in flight; 100,000 by default. See the notes on per-lead state in
     * {@link Report}.
     *
     * @param max the most leads followed at once; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    @CanIgnoreReturnValue
    public Builder maxTrackedLeads(int max) {
      checkArgument(max >= 1, "max tracked leads must be at least 1");
      this.maxTrackedLeads = max;
      return this;
    }

    /**
     * Counts one step record.
     *
     * @param step the record, of this builder's funnel
     * @return this builder
     * @throws IllegalArgumentException if the record belongs to another funnel
     */
    @CanIgnoreReturnValue
    public Builder add(Step step) {
      String funnelId = step.funnelId();
      checkArgument(
          funnelId.equals(funnel.id()),
          "a record of funnel '%s' cannot be counted in a report of funnel '%s'",
          funnelId,
          funnel.id());
      boolean in = range.contains(step.at());
      long at = step.at().toEpochMilli();
      StageAcc to = stage(step.to());
      boolean entersStage = step.isEntry() || step.isMove();
      LeadState lead;
      PartyAcc channel = in ? party(channels, step.channel()) : null;
      if (step.isEntry()) {
        lead = new LeadState(at);
        leads.put(step.leadId(), lead);
        if (in) {
          entries++;
          to.entered++;
          requireNonNull(channel).leads++;
        }
      } else {
        LeadState known = leads.get(step.leadId());
        if (known == null) {
          known = new LeadState(UNKNOWN);
          leads.put(step.leadId(), known);
          if (in) {
            untrackedLeads++;
          }
        }
        lead = known;
        String from = step.from();
        String event = step.eventType();
        if (in && from != null && event != null) {
          stage(from)
              .taken
              .computeIfAbsent(event, k -> new HashMap<>(2))
              .computeIfAbsent(step.to(), k -> new long[1])[0]++;
        }
        if (entersStage && from != null) {
          if (in) {
            to.entered++;
            FlowAcc flow = stage(from).out.computeIfAbsent(step.to(), k -> new FlowAcc());
            flow.count++;
            if (lead.stageAt != UNKNOWN) {
              flow.time.record(at - lead.stageAt);
            }
            if (lead.enteredAt != UNKNOWN) {
              to.timeToReach.record(at - lead.enteredAt);
            }
          }
          lead.stageAt = at;
        }
      }

      String ownerId = step.owner();
      PartyAcc owner = null;
      if (ownerId == null) {
        lead.owner = null;
      } else {
        owner = in ? party(owners, ownerId) : null;
        if (!ownerId.equals(lead.owner)) {
          lead.owner = ownerId;
          if (owner != null) {
            owner.leads++;
          }
        }
      }

      Money amount = step.amount();
      if (amount != null) {
        if (!amount.currency().equals(currency)) {
          if (in) {
            foreignPurchases++;
          }
        } else {
          lead.purchases++;
          if (in) {
            OfferAcc o = offers.computeIfAbsent(offerOf(step), k -> new OfferAcc());
            o.count++;
            o.amount = o.amount.add(amount.amount());
            PartyAcc c = requireNonNull(channel);
            c.purchases++;
            c.revenue = c.revenue.add(amount.amount());
            if (owner != null) {
              owner.purchases++;
              owner.revenue = owner.revenue.add(amount.amount());
            }
            if (lead.purchases == 1) {
              buyers++;
              c.buyers++;
            } else if (lead.purchases == 2) {
              repeatBuyers++;
            }
          }
          convert(lead, at, in, channel, owner);
        }
      }

      if (entersStage && to.kind != Stage.Kind.ACTIVE) {
        if (in) {
          PartyAcc c = requireNonNull(channel);
          switch (to.kind) {
            case WON -> {
              c.won++;
              if (owner != null) {
                owner.won++;
              }
            }
            case LOST -> {
              c.lost++;
              if (owner != null) {
                owner.lost++;
              }
            }
            default -> {
              c.junk++;
              if (owner != null) {
                owner.junk++;
              }
            }
          }
        }
        if (to.kind == Stage.Kind.WON) {
          convert(lead, at, in, channel, owner);
        }
        // A terminal stage absorbs every event: nothing more will come for this lead.
        leads.remove(step.leadId());
      }
      return this;
    }

    private static String offerOf(Step step) {
      String offer = step.offer();
      checkArgument(offer != null, "a purchase record of lead '%s' names no offer", step.leadId());
      return offer;
    }

    private void convert(
        LeadState lead, long at, boolean in, @Nullable PartyAcc channel, @Nullable PartyAcc owner) {
      if (lead.converted) {
        return;
      }
      lead.converted = true;
      if (!in) {
        return;
      }
      converted++;
      if (channel != null) {
        channel.converted++;
      }
      if (owner != null) {
        owner.converted++;
      }
      if (lead.enteredAt != UNKNOWN) {
        timeToConvert.record(at - lead.enteredAt);
      }
    }

    private StageAcc stage(String id) {
      StageAcc s = stages.get(id);
      if (s == null) {
        s = new StageAcc(Stage.Kind.ACTIVE);
        stages.put(id, s);
      }
      return s;
    }

    private static PartyAcc party(Map<String, PartyAcc> parties, String id) {
      PartyAcc p = parties.get(id);
      if (p == null) {
        p = new PartyAcc();
        parties.put(id, p);
      }
      return p;
    }

    /**
     * Counts step records, in order.
     *
     * @param steps the records
     * @return this builder
     * @throws IllegalArgumentException if a record belongs to another funnel
     */
    @CanIgnoreReturnValue
    public Builder addAll(Iterable<Step> steps) {
      for (Step s : steps) {
        add(s);
      }
      return this;
    }

    /**
     * Forgets a lead whose records have all been fed, freeing its place in the table of leads in
     * flight. Not needed for leads that reached a terminal stage. A later record of the lead counts
     * as untracked.
     *
     * @param leadId the lead's id
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder forget(String leadId) {
      leads.remove(leadId);
      return this;
    }

    /**
     * Returns the report of the records fed so far.
     *
     * @return the report of the records fed so far
     */
    public Report build() {
      Map<String, Long> entered = new HashMap<>();
      Map<Edge, Long> flows = new HashMap<>();
      Map<Hop, Long> hops = new HashMap<>();
      Map<String, DurationSketch> reach = new HashMap<>();
      Map<Edge, DurationSketch> inFrom = new HashMap<>();
      stages.forEach(
          (id, s) -> {
            if (s.entered > 0) {
              entered.put(id, s.entered);
            }
            DurationSketch r = s.timeToReach.build();
            if (!r.isEmpty()) {
              reach.put(id, r);
            }
            s.taken.forEach(
                (event, targets) ->
                    targets.forEach((to, n) -> hops.put(new Hop(id, event, to), n[0])));
            s.out.forEach(
                (to, f) -> {
                  Edge e = new Edge(id, to);
                  flows.put(e, f.count);
                  DurationSketch t = f.time.build();
                  if (!t.isEmpty()) {
                    inFrom.put(e, t);
                  }
                });
          });
      Map<String, Sales> sales = new TreeMap<>();
      offers.forEach((id, o) -> sales.put(id, new Sales(o.count, money(o.amount))));
      Map<String, ChannelFigures> channelFigures = new HashMap<>();
      channels.forEach(
          (id, c) ->
              channelFigures.put(
                  id,
                  new ChannelFigures(
                      id,
                      c.leads,
                      c.converted,
                      c.won,
                      c.lost,
                      c.junk,
                      c.purchases,
                      c.buyers,
                      money(c.revenue))));
      Map<String, OwnerFigures> ownerFigures = new HashMap<>();
      owners.forEach(
          (id, o) ->
              ownerFigures.put(
                  id,
                  new OwnerFigures(
                      id,
                      o.leads,
                      o.converted,
                      o.won,
                      o.lost,
                      o.junk,
                      o.purchases,
                      money(o.revenue))));
      return new Report(
          funnel,
          range,
          currency,
          entries,
          converted,
          entered,
          flows,
          hops,
          reach,
          inFrom,
          timeToConvert.build(),
          sales,
          buyers,
          repeatBuyers,
          channelFigures,
          ownerFigures,
          untrackedLeads,
          foreignPurchases);
    }

    private Money money(BigDecimal amount) {
      return new Money(amount, currency);
    }
  }
}
