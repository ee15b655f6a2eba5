package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Catalog;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of every funnel of a {@link Catalog} over a time range: one {@link Report} per
 * funnel, and channels, owners and revenue added up across funnels. A person in several funnels is
 * a lead in each, so cross-funnel sums count funnel leads, not people. Immutable and thread-safe.
 *
 * <p>Records are routed by their funnel's id to a report of the newest version of that funnel in
 * the catalog (a record does not say which version its lead entered; stages a newer version lacks
 * are still counted, as active stages). Records of funnels the catalog lacks are counted in {@link
 * #ignoredRecords()} and otherwise left out. All reports count money in one currency.
 */
public final class CatalogReport {
  private final ImmutableSortedMap<String, Report> reports;
  private final Currency currency;
  private final long ignoredRecords;

  private CatalogReport(Map<String, Report> reports, Currency currency, long ignoredRecords) {
    this.reports = ImmutableSortedMap.copyOf(reports);
    this.currency = currency;
    this.ignoredRecords = ignoredRecords;
  }

  /**
   * Starts a report of a catalog, to be fed step records of its funnels.
   *
   * @param catalog the catalog
   * @return a builder counting all time, in the currency of the first priced offer of the catalog's
   *     funnels
   */
  public static Builder builder(Catalog catalog) {
    return new Builder(catalog);
  }

  /**
   * Returns the report of a catalog over all its step records.
   *
   * @param catalog the catalog
   * @param steps step records of its funnels, in any order: they are read as {@link
   *     Report#of(Funnel, Iterable)} reads them, so any order of the same records gives the same
   *     report
   * @return the report
   */
  public static CatalogReport of(Catalog catalog, Iterable<Step> steps) {
    return of(catalog, steps, ImmutableList.of());
  }

  /**
   * Returns the report of a catalog over all its step records and the contact gate's decisions
   * about its messages (see {@link Report#contacts()}).
   *
   * @param catalog the catalog
   * @param steps step records of its funnels, in any order
   * @param decisions the gate's decisions, in any order
   * @return the report
   */
  public static CatalogReport of(
      Catalog catalog, Iterable<Step> steps, Iterable<Dispatch> decisions) {
    Builder b = builder(catalog);
    b.addDecisions(decisions);
    @org.jspecify.annotations.Nullable Step last = null;
    for (Step s : Tally.inJournalOrder(steps)) {
      if (last != null
          && !(last.funnelId().equals(s.funnelId()) && last.leadId().equals(s.leadId()))) {
        b.forget(last.funnelId(), last.leadId());
      }
      b.add(s);
      last = s;
    }
    return b.build();
  }

  /**
   * Returns the report of every funnel of the catalog, by funnel id.
   *
   * @return the report of every funnel of the catalog, by funnel id
   */
  public ImmutableSortedMap<String, Report> reports() {
    return reports;
  }

  /**
   * Returns the report of one funnel.
   *
   * @param funnelId the funnel's id
   * @return the report, or empty if the catalog lacks the funnel
   */
  public Optional<Report> report(String funnelId) {
    return Optional.ofNullable(reports.get(requireNonNull(funnelId, "funnelId")));
  }

  /**
   * Returns the currency money is counted in.
   *
   * @return the currency money is counted in
   */
  public Currency currency() {
    return currency;
  }

  /**
   * Returns the revenue of all funnels.
   *
   * @return the revenue of all funnels
   */
  public Money revenue() {
    Money total = new Money(BigDecimal.ZERO, currency);
    for (Report r : reports.values()) {
      total = total.plus(r.revenue());
    }
    return total;
  }

  /**
   * Returns what leads paid in each currency across all funnels: the catalog report's currency
   * first, then every other currency by ISO 4217 code; see {@link Report#revenueByCurrency()}.
   *
   * @return what leads paid in each currency, the report's currency first
   */
  public ImmutableMap<Currency, Money> revenueByCurrency() {
    Map<Currency, Money> all = new LinkedHashMap<>();
    all.put(currency, new Money(BigDecimal.ZERO, currency));
    Map<String, Money> others = new TreeMap<>();
    for (Report r : reports.values()) {
      r.revenueByCurrency()
          .forEach(
              (c, m) -> {
                if (c.equals(currency)) {
                  all.merge(c, m, Money::plus);
                } else {
                  others.merge(c.getCurrencyCode(), m, Money::plus);
                }
              });
    }
    others.values().forEach(m -> all.put(m.currency(), m));
    return ImmutableMap.copyOf(all);
  }

  /**
   * Returns how many leads entered any funnel of the catalog.
   *
   * @return how many leads entered any funnel of the catalog
   */
  public long entries() {
    long n = 0;
    for (Report r : reports.values()) {
      n += r.entries();
    }
    return n;
  }

  /**
   * Returns the figures of every channel added up across funnels, by channel id.
   *
   * @return the figures of every channel added up across funnels, by channel id
   */
  public ImmutableMap<String, ChannelFigures> channels() {
    Map<String, ChannelFigures> all = new TreeMap<>();
    for (Report r : reports.values()) {
      r.channels().forEach((id, c) -> all.merge(id, c, ChannelFigures::plus));
    }
    return ImmutableMap.copyOf(all);
  }

  /**
   * Returns the figures of every owner added up across funnels, by owner id.
   *
   * @return the figures of every owner added up across funnels, by owner id
   */
  public ImmutableMap<String, OwnerFigures> owners() {
    Map<String, OwnerFigures> all = new TreeMap<>();
    for (Report r : reports.values()) {
      r.owners().forEach((id, o) -> all.merge(id, o, OwnerFigures::plus));
    }
    return ImmutableMap.copyOf(all);
  }

  /**
   * Returns the contact pressure added up across funnels: the gate's decisions per messaging
   * channel and reason. Caps and consent hold per person across every funnel, so this is the
   * pressure each channel's audience felt.
   *
   * @return the contact figures of every funnel added up
   */
  public ContactFigures contacts() {
    ContactFigures all = ContactFigures.NONE;
    for (Report r : reports.values()) {
      all = all.plus(r.contacts());
    }
    return all;
  }

  /**
   * Returns how many records and decisions named a funnel the catalog lacks.
   *
   * @return how many records and decisions named a funnel the catalog lacks
   */
  public long ignoredRecords() {
    return ignoredRecords;
  }

  /**
   * Returns the report of this report's records and another's, funnel by funnel.
   *
   * @param other a report in the same currency
   * @return the merged report
   * @throws IllegalArgumentException if the currencies differ
   */
  public CatalogReport merge(CatalogReport other) {
    checkArgument(
        currency.equals(other.currency),
        "cannot merge reports in %s and %s",
        currency.getCurrencyCode(),
        other.currency.getCurrencyCode());
    Map<String, Report> all = new LinkedHashMap<>(reports);
    other.reports.forEach((id, r) -> all.merge(id, r, Report::merge));
    return new CatalogReport(all, currency, ignoredRecords + other.ignoredRecords);
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CatalogReport c)) {
      return false;
    }

    return reports.equals(c.reports)
        && currency.equals(c.currency)
        && ignoredRecords == c.ignoredRecords;
  }

  @Override
  public int hashCode() {
    return reports.hashCode();
  }

  @Override
  public String toString() {
    return "CatalogReport" + reports.values();
  }

  /**
   * Builds a {@link CatalogReport} in one pass over step records of the catalog's funnels, each
   * lead's in the order they happened (see {@link ReportBuilder}). Each option may be set once,
   * before the first record. Not thread-safe.
   */
  public static final class Builder {
    private final Catalog catalog;
    private final Map<String, ReportBuilder> builders = new LinkedHashMap<>();
    private final ReportOptions options = new ReportOptions();
    private final Currency defaultCurrency;
    private long ignoredRecords;

    private Builder(Catalog catalog) {
      this.catalog = requireNonNull(catalog, "catalog");
      Currency found = null;
      for (Funnel f : catalog.all()) {
        for (Offer o : f.offers()) {
          Money price = o.price();
          if (found == null && price != null) {
            found = price.currency();
          }
        }
      }
      this.defaultCurrency = found == null ? Currency.getInstance("XXX") : found;
    }

    /**
     * Counts only records in a time range; all time by default. Set it before feeding records.
     *
     * @param range the range
     * @return this builder
     * @throws IllegalStateException if the range was already set or a record was already fed
     */
    @CanIgnoreReturnValue
    public Builder range(TimeRange range) {
      options.range(range);
      return this;
    }

    /**
     * Counts money in a currency. Set it before feeding records.
     *
     * @param currency an ISO 4217 code such as {@code "EUR"}
     * @return this builder
     * @throws IllegalArgumentException if the code is unknown
     * @throws IllegalStateException if the currency was already set or a record was already fed
     */
    @CanIgnoreReturnValue
    public Builder currency(String currency) {
      options.currency(currency);
      return this;
    }

    /**
     * Bounds each funnel's table of leads in flight; 100,000 by default. Set it before feeding
     * records.
     *
     * @param max the most leads followed at once per funnel; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is below 1
     * @throws IllegalStateException if the bound was already set or a record was already fed
     */
    @CanIgnoreReturnValue
    public Builder maxTrackedLeads(int max) {
      options.maxTrackedLeads(max);
      return this;
    }

    /**
     * Counts one step record.
     *
     * @param step the record
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder add(Step step) {
      options.startCounting();
      ReportBuilder b = builders.get(step.funnelId());
      if (b == null) {
        Optional<Funnel> funnel = catalog.latest(step.funnelId());
        if (funnel.isEmpty()) {
          ignoredRecords++;
          return this;
        }
        b = reportOf(funnel.get());
      }
      b.add(step);
      return this;
    }

    /**
     * Counts one decision of the contact gate in the report of its message's funnel; a decision
     * about a funnel the catalog lacks counts in {@link CatalogReport#ignoredRecords()}.
     *
     * @param decision the decision, as {@code FunnelListener.dispatched} hears it
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder add(Dispatch decision) {
      requireNonNull(decision, "decision");
      options.startCounting();
      ReportBuilder b = builders.get(decision.funnelId());
      if (b == null) {
        Optional<Funnel> funnel = catalog.latest(decision.funnelId());
        if (funnel.isEmpty()) {
          ignoredRecords++;
          return this;
        }
        b = reportOf(funnel.get());
      }
      b.add(decision);
      return this;
    }

    /**
     * Counts decisions of the contact gate, in any order.
     *
     * @param decisions the decisions
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder addDecisions(Iterable<Dispatch> decisions) {
      for (Dispatch d : requireNonNull(decisions, "decisions")) {
        add(d);
      }
      return this;
    }

    /** Starts one funnel's report with this builder's options and remembers it. */
    private ReportBuilder reportOf(Funnel funnel) {
      ReportBuilder b = Report.builder(funnel);
      options.applyTo(b, defaultCurrency);
      builders.put(funnel.id(), b);
      return b;
    }

    /**
     * Counts step records, in order.
     *
     * @param steps the records
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder addAll(Iterable<Step> steps) {
      for (Step s : steps) {
        add(s);
      }
      return this;
    }

    /**
     * Returns the report of the records fed so far; funnels without records have empty reports.
     *
     * @return the report of the records fed so far; funnels without records have empty reports
     */
    public CatalogReport build() {
      Map<String, Report> all = new LinkedHashMap<>();
      for (Funnel f : catalog.all()) {
        ReportBuilder b = builders.get(f.id());
        if (b == null) {
          b = reportOf(catalog.latest(f.id()).orElse(f));
        }
        all.put(f.id(), b.build());
      }
      return new CatalogReport(all, options.currency(defaultCurrency), ignoredRecords);
    }

    /** Forgets a lead of one funnel whose records have all been fed. */
    void forget(String funnelId, String leadId) {
      ReportBuilder b = builders.get(funnelId);
      if (b != null) {
        b.forget(leadId);
      }
    }
  }
}
