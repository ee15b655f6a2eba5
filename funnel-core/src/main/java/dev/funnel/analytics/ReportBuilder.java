package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Report} in one pass over step records; made by {@link Report#builder}. Feed each
 * lead's records in the order they happened (leads may interleave): a record of a lead in flight
 * whose version is below that of a record already counted for it is refused, since counting it
 * would give wrong times, buyers and owners; {@link Report#of} reads a journal in any order. {@link
 * #build} may be called at any time and the builder fed on. Each option may be set once, before the
 * first record. Not thread-safe: give each thread or shard its own builder and {@linkplain
 * Report#merge merge} the reports.
 *
 * <h2>Leads in flight</h2>
 *
 * <p>Some figures need to know a lead's past, which a single record does not carry: when it entered
 * the funnel and its current stage (for times), whether it bought before (for buyers, LTV and
 * repeat purchases), and its previous owner (for leads received per owner). The builder keeps that
 * in a table of leads in flight, bounded by {@link #maxTrackedLeads} (100,000 by default): a lead
 * leaves the table when it reaches a terminal stage or is {@linkplain #forget forgotten}, and when
 * the table is full the least recently seen lead is dropped. A later record of a lead not in the
 * table starts a fresh entry and counts in {@link Report#untrackedLeads()}; for such a lead times
 * are not measured, its next purchase counts as a first purchase and its owner as newly received.
 * So these figures are exact when no lead is untracked (always the case when the journal is read
 * lead by lead, or when fewer leads are in flight at once than the bound), and {@code
 * untrackedLeads} bounds how far buyers and received leads may be overcounted.
 *
 * <h2>Order of records</h2>
 *
 * <p>Times, buyers and owners depend on the order of a lead's records, and the listeners of a
 * runtime on several threads may hear them out of order. The builder counts in one pass and cannot
 * reorder: it refuses a record of a lead in flight that is older, by version, than one already
 * counted for the lead. {@link Report#of} orders a journal itself, so it gives the same report for
 * any order of the same records.
 */
public final class ReportBuilder {
  /** The ISO 4217 code for "no currency", used when the funnel prices nothing. */
  private static final String NO_CURRENCY = "XXX";

  private final Funnel funnel;
  private final ReportOptions options = new ReportOptions();
  private @Nullable Tally tally;

  ReportBuilder(Funnel funnel) {
    this.funnel = requireNonNull(funnel, "funnel");
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
   * Counts only records in a time range; all time by default. Set it before feeding records.
   *
   * @param range the range
   * @return this builder
   * @throws IllegalStateException if the range was already set or a record was already fed
   */
  @CanIgnoreReturnValue
  public ReportBuilder range(TimeRange range) {
    options.range(range);
    return this;
  }

  /**
   * Counts money in a currency; by default the currency of the funnel's first priced offer, or
   * {@code XXX} (no currency) if it prices nothing. Set it before feeding records.
   *
   * @param currency an ISO 4217 code such as {@code "EUR"}
   * @return this builder
   * @throws IllegalArgumentException if the code is unknown
   * @throws IllegalStateException if the currency was already set or a record was already fed
   */
  @CanIgnoreReturnValue
  public ReportBuilder currency(String currency) {
    options.currency(currency);
    return this;
  }

  /**
   * Bounds the table of leads in flight; 100,000 by default. See the notes on per-lead state in
   * {@link Report}. Set it before feeding records.
   *
   * @param max the most leads followed at once; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code max} is below 1
   * @throws IllegalStateException if the bound was already set or a record was already fed
   */
  @CanIgnoreReturnValue
  public ReportBuilder maxTrackedLeads(int max) {
    options.maxTrackedLeads(max);
    return this;
  }

  private Tally tally() {
    Tally t = tally;
    if (t == null) {
      options.startCounting();
      t =
          new Tally(
              funnel,
              options.range(),
              options.currency(defaultCurrency(funnel)),
              options.maxTrackedLeads());
      tally = t;
    }
    return t;
  }

  /**
   * Counts one step record.
   *
   * @param step the record, of this builder's funnel
   * @return this builder
   * @throws IllegalArgumentException if the record belongs to another funnel, or is of a lead in
   *     flight and older (by version) than a record already counted for it
   */
  @CanIgnoreReturnValue
  public ReportBuilder add(Step step) {
    tally().add(step);
    return this;
  }

  /**
   * Counts step records, in order.
   *
   * @param steps the records
   * @return this builder
   * @throws IllegalArgumentException if a record belongs to another funnel, or is of a lead in
   *     flight and older than a record already counted for it
   */
  @CanIgnoreReturnValue
  public ReportBuilder addAll(Iterable<Step> steps) {
    Tally t = tally();
    for (Step s : steps) {
      t.add(s);
    }
    return this;
  }

  /**
   * Counts one decision of the contact gate about a message of this builder's funnel, as {@code
   * FunnelListener.dispatched} hears it; it counts when the message fell due in the range. See
   * {@link Report#contacts()}.
   *
   * @param decision the decision
   * @return this builder
   * @throws IllegalArgumentException if the decision is about a message of another funnel
   */
  @CanIgnoreReturnValue
  public ReportBuilder add(Dispatch decision) {
    tally().add(requireNonNull(decision, "decision"));
    return this;
  }

  /**
   * Counts decisions of the contact gate, in any order.
   *
   * @param decisions the decisions
   * @return this builder
   * @throws IllegalArgumentException if a decision is about a message of another funnel
   */
  @CanIgnoreReturnValue
  public ReportBuilder addDecisions(Iterable<Dispatch> decisions) {
    requireNonNull(decisions, "decisions");
    Tally t = tally();
    for (Dispatch d : decisions) {
      t.add(requireNonNull(d, "decision"));
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
  public ReportBuilder forget(String leadId) {
    tally().forget(requireNonNull(leadId, "leadId"));
    return this;
  }

  /**
   * Returns the report of the records fed so far.
   *
   * @return the report of the records fed so far
   */
  public Report build() {
    Tally t = tally();
    return new Report(funnel, t.range(), t.currency(), t.counts());
  }
}
