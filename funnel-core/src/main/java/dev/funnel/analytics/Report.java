package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
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
 *   <li><b>Conversion.</b> A lead converts once, at its first purchase, its first entry into a
 *       {@linkplain Stage.Kind#WON won} stage or into a stage {@linkplain Stage#isConversion()
 *       marked as a conversion} (a buyer who moves on to repeat customer), or a goal reached,
 *       whichever comes first.
 *   <li><b>Money.</b> Money is summed exactly and never converted between currencies; averages are
 *       rounded half to even to the currency's minor unit. {@link #revenue()} and the figures made
 *       from it (average check, LTV, revenue by offer, channel and owner revenue) are in the
 *       report's currency. A purchase in another currency is not dropped: it is counted in {@link
 *       #foreignPurchases()} and its money in {@link #revenueByCurrency()} and {@link
 *       #revenue(String)}; such a purchase does not make its lead a buyer or converted.
 * </ul>
 *
 * <h2>Memory and per-lead state</h2>
 *
 * <p>A report holds counts and sums per stage, move, channel, owner and offer, and fixed-size
 * {@link DurationSketch}es for times: its size does not grow with the number of leads. Times,
 * buyers, LTV, repeat purchases and leads received per owner need a lead's past and depend on the
 * order of its records: the {@link ReportBuilder} keeps the past of the leads in flight in a
 * bounded table, and its notes tell when these figures are exact ({@link #untrackedLeads()} is
 * zero). {@link #of} orders a journal itself (lead by lead, each lead's records by version, then
 * time), so it gives the same report for any order of the same records, and no lead is untracked.
 *
 * <h2>Journey controls</h2>
 *
 * <p>The same records give the figures of the funnel's controls: goal conversions and exits per
 * reason ({@link #journey()}), and per experiment arm the journeys started and converted with the
 * lift over the holdout ({@link #experiments()}). A goal reached counts as a conversion, like a
 * first purchase or a won stage. Contact pressure (messages held, skipped and suppressed per
 * channel and reason, {@link #contacts()}) is decided when a message falls due, after its step was
 * stored, so it is no step: feed the gate's decisions ({@link Dispatch}, as {@code
 * FunnelListener.dispatched} hears them) with {@link ReportBuilder#add(Dispatch)} or {@link
 * #of(Funnel, Iterable, Iterable)}.
 *
 * <h2>Merging</h2>
 *
 * <p>{@link #merge} adds two reports of the same funnel and currency: counts and sums add, time
 * sketches merge exactly, and the range becomes the smallest covering both. For any split of a
 * journal, stage, move, channel and revenue counts of the merge equal those of the whole. When the
 * journal is split by lead (every lead's records in one part, as a store partitioned by lead id
 * gives them), the merged report equals the report of the whole journal in every figure. Goal,
 * exit, experiment and contact counts are sums, so they merge exactly for any split.
 */
public final class Report {
  private final Funnel funnel;
  private final TimeRange range;
  private final Currency currency;
  private final Counts counts;
  private final Conversions conversions;
  private final Revenue revenue;
  private final Team team;

  Report(Funnel funnel, TimeRange range, Currency currency, Counts counts) {
    this.funnel = funnel;
    this.range = range;
    this.currency = currency;
    this.counts = counts;
    this.conversions = new Conversions(funnel, counts);
    this.revenue = new Revenue(funnel, currency, counts);
    this.team = new Team(counts, revenue.zero());
  }

  /**
   * Starts a report of a funnel, to be fed its step records.
   *
   * @param funnel the funnel; its stages give the stage kinds and order, its offers the tiers and
   *     the default currency
   * @return a builder counting all time, in the currency of the funnel's first priced offer
   */
  public static ReportBuilder builder(Funnel funnel) {
    return new ReportBuilder(funnel);
  }

  /**
   * Returns the report of a funnel over all its step records, in any range of time. The records may
   * come in any order, as the listeners of a runtime on several threads hear them: they are read
   * lead by lead, by lead id, and each lead's records by version, then time (an entry before
   * anything else at the same version and time), so any order of the same records gives the same
   * report. Every lead is followed from its first record to its last, so no lead is untracked
   * unless its entry is missing. The records are held in memory while they are ordered; to count a
   * journal too large for that, feed a {@link #builder} each lead's records in order.
   *
   * @param funnel the funnel
   * @param steps the funnel's step records, in any order
   * @return the report
   * @throws IllegalArgumentException if a record belongs to another funnel
   */
  public static Report of(Funnel funnel, Iterable<Step> steps) {
    return of(funnel, steps, ImmutableList.of());
  }

  /**
   * Returns the report of a funnel over all its step records, as {@link #of(Funnel, Iterable)}
   * does, and the decisions of the contact gate about its messages, as {@code
   * FunnelListener.dispatched} hears them (see {@link #contacts()}).
   *
   * @param funnel the funnel
   * @param steps the funnel's step records, in any order
   * @param decisions the gate's decisions about the funnel's messages, in any order
   * @return the report
   * @throws IllegalArgumentException if a record or a decision belongs to another funnel
   */
  public static Report of(Funnel funnel, Iterable<Step> steps, Iterable<Dispatch> decisions) {
    ReportBuilder b = builder(funnel);
    b.addDecisions(decisions);
    @Nullable String last = null;
    for (Step s : Tally.inJournalOrder(steps)) {
      if (last != null && !last.equals(s.leadId())) {
        // Every record of the lead before was counted: its place in the table is free.
        b.forget(last);
      }
      b.add(s);
      last = s.leadId();
    }
    return b.build();
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
    return counts.entries();
  }

  /**
   * Returns how many times leads entered a stage.
   *
   * @param stage the stage's id
   * @return the number of entries, zero if none
   */
  public long entered(String stage) {
    return conversions.entered(requireNonNull(stage, "stage"));
  }

  /**
   * Returns the figures of every stage: the funnel's stages in declaration order, then stages that
   * records named but the funnel lacks (from another version of it), by id.
   *
   * @return the figures of every stage
   */
  public ImmutableList<StageFigures> stages() {
    return conversions.stages();
  }

  /**
   * Returns the figures of one stage.
   *
   * @param stage the stage's id
   * @return the figures, all zero if no record entered or left it
   * @throws IllegalArgumentException if neither the funnel nor any record has the stage
   */
  public StageFigures stage(String stage) {
    return conversions.stage(requireNonNull(stage, "stage"));
  }

  /**
   * Returns the figures of every move made from one stage straight to another, ordered by the
   * funnel's stage order of the source, then of the target.
   *
   * @return the figures of every move made from one stage straight to another, ordered by the
   *     funnel's stage order of the source, then of the target
   */
  public ImmutableList<FlowFigures> flows() {
    return conversions.flows();
  }

  /**
   * Returns the figures of the moves from one stage straight to another.
   *
   * @param from the stage left
   * @param to the stage entered
   * @return the figures; zero moves if none were made
   */
  public FlowFigures flow(String from, String to) {
    return conversions.flow(requireNonNull(from, "from"), requireNonNull(to, "to"));
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
    return conversions.taken(
        requireNonNull(from, "from"), requireNonNull(event, "event"), requireNonNull(to, "to"));
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
    return conversions.conversion(requireNonNull(from, "from"), requireNonNull(to, "to"));
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
    return conversion(requireNonNull(visitors, "visitors"), requireNonNull(leads, "leads"));
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
    return conversion(requireNonNull(leads, "leads"), requireNonNull(sales, "sales"));
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
    return conversions.conversionExcludingJunk(
        requireNonNull(leads, "leads"), requireNonNull(sales, "sales"));
  }

  /**
   * Returns how many leads converted: bought for the first time, reached a won stage or a stage
   * marked as a conversion, or reached a goal.
   *
   * @return how many leads converted
   */
  public long converted() {
    return counts.converted();
  }

  /**
   * Returns the end-to-end conversion: converted leads against leads entered, {@code 50/800}.
   *
   * @return the end-to-end conversion: converted leads against leads entered, {@code 50/800}
   */
  public Ratio endToEnd() {
    return Ratio.of(counts.converted(), counts.entries());
  }

  /**
   * Returns how many times leads reached a won stage.
   *
   * @return how many times leads reached a won stage
   */
  public long won() {
    return conversions.enteredOfKind(Stage.Kind.WON);
  }

  /**
   * Returns how many times leads reached a lost stage.
   *
   * @return how many times leads reached a lost stage
   */
  public long lost() {
    return conversions.enteredOfKind(Stage.Kind.LOST);
  }

  /**
   * Returns how many leads were rejected as junk: entries into every junk stage.
   *
   * @return how many leads were rejected as junk: entries into every junk stage
   */
  public long junk() {
    return conversions.junk();
  }

  /**
   * Returns the share of leads rejected as junk: {@code junk / entries}.
   *
   * @return the share of leads rejected as junk: {@code junk / entries}
   */
  public Ratio junkRate() {
    return Ratio.of(junk(), counts.entries());
  }

  /**
   * Returns how long converted leads took from entering the funnel to converting; leads whose entry
   * the report did not see are left out.
   *
   * @return how long converted leads took from entering the funnel to converting
   */
  public DurationSketch timeToConvert() {
    return counts.timeToConvert();
  }

  // ----------------------------------------------------------------------------------------------
  // Revenue

  /**
   * Returns what leads paid, in the report's currency.
   *
   * @return what leads paid, in the report's currency
   */
  public Money revenue() {
    return revenue.total();
  }

  /**
   * Returns what leads paid in each currency: the report's currency first (its {@link #revenue()},
   * zero if nothing was bought), then every other currency a purchase was made in, by ISO 4217
   * code. A report of a shop selling in euros and dollars shows {@code {EUR=4300.00 EUR, USD=99.00
   * USD}}; the amounts are never converted or added across currencies.
   *
   * @return what leads paid in each currency, the report's currency first
   */
  public ImmutableMap<Currency, Money> revenueByCurrency() {
    return revenue.byCurrency();
  }

  /**
   * Returns what leads paid in one currency: {@link #revenue()} for the report's currency, the sum
   * of the purchases in that currency for any other.
   *
   * @param currency an ISO 4217 code such as {@code "USD"}
   * @return what leads paid in that currency, zero if nothing
   * @throws IllegalArgumentException if the code is unknown
   */
  public Money revenue(String currency) {
    return revenue.in(requireNonNull(currency, "currency"));
  }

  /**
   * Returns how many purchases were made.
   *
   * @return how many purchases were made
   */
  public long purchases() {
    return revenue.purchases();
  }

  /**
   * Returns the revenue of each offer bought, the funnel's offers first in declaration order.
   *
   * @return the revenue of each offer bought, the funnel's offers first in declaration order
   */
  public ImmutableMap<String, Money> revenueByOffer() {
    return revenue.byOffer();
  }

  /**
   * Returns the number of purchases of each offer bought, in the order of {@link #revenueByOffer}.
   *
   * @return the number of purchases of each offer bought, in the order of {@link #revenueByOffer}
   */
  public ImmutableMap<String, Long> purchasesByOffer() {
    return revenue.purchasesByOffer();
  }

  /**
   * Returns the revenue by offer tier, looking each offer up among the funnel's offers; tiers
   * nothing was bought from are left out, and so are offers the funnel lacks (see {@link
   * #untieredRevenue}).
   *
   * @return the revenue by offer tier, looking each offer up among the funnel's offers
   */
  public ImmutableMap<Offer.Tier, Money> revenueByTier() {
    return revenue.byTier();
  }

  /**
   * Returns the revenue of offers the funnel does not declare, so whose tier is unknown.
   *
   * @return the revenue of offers the funnel does not declare, so whose tier is unknown
   */
  public Money untieredRevenue() {
    return revenue.untiered();
  }

  /**
   * Returns the average check: revenue per purchase, rounded half to even to the minor unit.
   *
   * @return the average, or empty if nothing was bought
   */
  public Optional<Money> averageCheck() {
    return revenue.averageCheck();
  }

  /**
   * Returns the revenue per lead: revenue against leads entered, rounded half to even.
   *
   * @return the average, or empty if no lead entered
   */
  public Optional<Money> revenuePerLead() {
    return revenue.perLead();
  }

  /**
   * Returns the lifetime value per customer: all revenue against the leads that bought at least
   * once, so each buyer's purchases over its whole life in the funnel, rounded half to even.
   *
   * @return the average, or empty if nobody bought
   */
  public Optional<Money> ltv() {
    return revenue.ltv();
  }

  /**
   * Returns how many leads bought at least once.
   *
   * @return how many leads bought at least once
   */
  public long buyers() {
    return counts.buyers();
  }

  /**
   * Returns how many leads bought at least twice.
   *
   * @return how many leads bought at least twice
   */
  public long repeatBuyers() {
    return counts.repeatBuyers();
  }

  /**
   * Returns the repeat-purchase rate: buyers who bought again against all buyers.
   *
   * @return the repeat-purchase rate: buyers who bought again against all buyers
   */
  public Ratio repeatPurchaseRate() {
    return Ratio.of(counts.repeatBuyers(), counts.buyers());
  }

  // ----------------------------------------------------------------------------------------------
  // Channels and owners

  /**
   * Returns the figures of every channel, by channel id.
   *
   * @return the figures of every channel, by channel id
   */
  public ImmutableMap<String, ChannelFigures> channels() {
    return counts.channels();
  }

  /**
   * Returns the figures of one channel.
   *
   * @param channel the channel's id
   * @return the figures, or empty if no record came from it
   */
  public Optional<ChannelFigures> channel(String channel) {
    return Optional.ofNullable(counts.channels().get(requireNonNull(channel, "channel")));
  }

  /**
   * Returns the figures of every owner, by owner id.
   *
   * @return the figures of every owner, by owner id
   */
  public ImmutableMap<String, OwnerFigures> owners() {
    return counts.owners();
  }

  /**
   * Returns the figures of one owner.
   *
   * @param owner the owner's id
   * @return the figures, or empty if no record named them
   */
  public Optional<OwnerFigures> owner(String owner) {
    return Optional.ofNullable(counts.owners().get(requireNonNull(owner, "owner")));
  }

  /**
   * Returns the figures of all owners added up, under the owner id {@code "*"}.
   *
   * @return the figures of all owners added up, under the owner id {@code "*"}
   */
  public OwnerFigures team() {
    return team.figures();
  }

  /**
   * Returns the owners the rule flags as black holes, by owner id.
   *
   * @param rule when an owner is a black hole
   * @return the flagged owners' figures
   */
  public ImmutableList<OwnerFigures> blackHoles(BlackHoleRule rule) {
    return team.blackHoles(requireNonNull(rule, "rule"));
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
  // Journey controls

  /**
   * Returns the figures of the funnel's journey controls: journeys started (the {@link #entries()},
   * re-entries included), goal conversions per goal and exits per reason, counted from the steps of
   * the types {@code "goal/<id>"} and {@code "exit/<reason>"} in the range.
   *
   * @return the journey figures
   */
  public JourneyFigures journey() {
    return JourneyFigures.of(funnel, counts);
  }

  /**
   * Returns the figures of every experiment of the funnel, in declaration order (then experiments
   * only a merged report of another version knows, by id): per arm the journeys started and
   * converted, and the lift of treated over holdout with its confidence interval.
   *
   * @return the figures of every experiment
   */
  public ImmutableList<ExperimentFigures> experiments() {
    return ExperimentFigures.inOrder(funnel, counts.experiments());
  }

  /**
   * Returns the figures of one experiment.
   *
   * @param experiment the experiment's id
   * @return its figures, or empty if the funnel has no such experiment
   */
  public Optional<ExperimentFigures> experiment(String experiment) {
    return Optional.ofNullable(counts.experiments().get(requireNonNull(experiment, "experiment")));
  }

  /**
   * Returns the contact pressure: the gate's decisions fed to the report ({@link
   * ReportBuilder#add(Dispatch)}) per messaging channel and verdict, and the messages withheld per
   * reason. Steps carry no such decision: without decisions fed, every count is zero.
   *
   * @return the contact figures
   */
  public ContactFigures contacts() {
    return counts.contacts();
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
    return counts.untrackedLeads();
  }

  /**
   * Returns how many purchases were in another currency than the report's, so left out of {@link
   * #revenue()} and shown in {@link #revenueByCurrency()}.
   *
   * @return how many purchases were in another currency than the report's
   */
  public long foreignPurchases() {
    return counts.foreignPurchases();
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
        counts.plus(other.counts));
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
        && counts.equals(r.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(funnel.id(), range, currency, counts);
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
        .add("entries", counts.entries())
        .add("converted", counts.converted())
        .add("revenue", revenue())
        .toString();
  }
}
