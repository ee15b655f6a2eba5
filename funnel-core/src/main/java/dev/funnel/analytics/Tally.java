package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.funnel.Dispatch;
import dev.funnel.Exit;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import dev.funnel.Goal;
import dev.funnel.Money;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The running counts of one funnel's report, fed one step record at a time: one method per kind of
 * record (an entry, an accepted event, a move, an owner change, a purchase, an ending), and a
 * bounded table of what it remembers of each lead in flight. Not thread-safe.
 */
final class Tally {
  private static final long UNKNOWN = Long.MIN_VALUE;

  /**
   * The order {@link Report#of} reads a journal in: by funnel, then lead by lead, each lead's
   * records by version, then time, an entry before anything else at the same version and time.
   */
  static final Comparator<Step> JOURNAL_ORDER =
      Comparator.comparing(Step::funnelId)
          .thenComparing(Step::leadId)
          .thenComparingLong(Step::version)
          .thenComparing(Step::at)
          .thenComparing(s -> !s.isEntry());

  private final Funnel funnel;
  private final TimeRange range;
  private final Currency currency;
  private final int maxTrackedLeads;
  private final Map<String, LeadState> leads;

  private final Map<String, StageAcc> stages = new HashMap<>();
  private final Map<String, OfferAcc> offers = new HashMap<>();
  private final Map<String, PartyAcc> channels = new HashMap<>();
  private final Map<String, PartyAcc> owners = new HashMap<>();
  private final Map<Currency, Money> foreignRevenue = new HashMap<>();
  private final DurationSketch.Recorder timeToConvert = new DurationSketch.Recorder();
  private final Map<String, long[]> goals = new HashMap<>();
  private final Map<String, long[]> exits = new HashMap<>();
  private final List<ExperimentAcc> experiments = new ArrayList<>();
  private final Map<String, ChannelAcc> contactChannels = new HashMap<>();
  private final Map<Dispatch.Reason, long[]> contactReasons = new EnumMap<>(Dispatch.Reason.class);
  private long entries;
  private long converted;
  private long buyers;
  private long repeatBuyers;
  private long untrackedLeads;
  private long foreignPurchases;

  /** What the tally remembers of a lead in flight. */
  private static final class LeadState {
    final long enteredAt;
    long stageAt;
    long version;
    @Nullable String owner;
    int purchases;
    boolean converted;

    LeadState(long enteredAt, long version) {
      this.enteredAt = enteredAt;
      this.stageAt = enteredAt;
      this.version = version;
    }
  }

  private static final class StageAcc {
    final Stage.Kind kind;

    /** An active stage marked as a conversion: reaching it converts the lead, who moves on. */
    final boolean converts;

    long entered;
    final DurationSketch.Recorder timeToReach = new DurationSketch.Recorder();
    final Map<String, FlowAcc> out = new HashMap<>(4);
    final Map<String, Map<String, long[]>> taken = new HashMap<>(4);

    StageAcc(Stage.Kind kind, boolean converts) {
      this.kind = kind;
      this.converts = converts;
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

  /**
   * An experiment's running figures: per arm, in the experiment's order, the journeys that started
   * in it and those that converted.
   */
  private static final class ExperimentAcc {
    final Experiment experiment;
    final long[] leads;
    final long[] converted;

    ExperimentAcc(Experiment experiment) {
      this.experiment = experiment;
      this.leads = new long[experiment.arms().size()];
      this.converted = new long[experiment.arms().size()];
    }

    /**
     * Returns the index of the arm a lead is in, worked out again from its id as the contact gate
     * does, so no stored attribute is needed.
     */
    int armOf(String leadId) {
      return experiment.arms().indexOf(experiment.armOf(leadId));
    }
  }

  /** The gate's decisions about the messages of one messaging channel, by verdict. */
  private static final class ChannelAcc {
    long sent;
    long held;
    long skipped;
    long suppressed;
  }

  /** The channel and owner a record counts for, when it is inside the range. */
  private record Parties(@Nullable PartyAcc channel, @Nullable PartyAcc owner) {}

  Tally(Funnel funnel, TimeRange range, Currency currency, int maxTrackedLeads) {
    this.funnel = funnel;
    this.range = range;
    this.currency = currency;
    this.maxTrackedLeads = maxTrackedLeads;
    for (Stage s : funnel.stages()) {
      stages.put(s.id(), new StageAcc(s.kind(), s.kind() == Stage.Kind.ACTIVE && s.isConversion()));
    }
    for (Experiment e : funnel.experiments()) {
      if (!e.arms().isEmpty()) {
        experiments.add(new ExperimentAcc(e));
      }
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

  /** Returns a journal's records in {@link #JOURNAL_ORDER}. */
  static List<Step> inJournalOrder(Iterable<Step> steps) {
    List<Step> all = new ArrayList<>();
    for (Step s : steps) {
      all.add(requireNonNull(s, "step"));
    }
    all.sort(JOURNAL_ORDER);
    return all;
  }

  /** Counts one record. */
  void add(Step step) {
    checkArgument(
        step.funnelId().equals(funnel.id()),
        "a record of funnel '%s' cannot be counted in a report of funnel '%s'",
        step.funnelId(),
        funnel.id());
    boolean in = range.contains(step.at());
    long at = step.at().toEpochMilli();
    PartyAcc channel = in ? party(channels, step.channel()) : null;
    LeadState lead;
    if (step.isEntry()) {
      lead = entry(step, at, in, channel);
    } else {
      lead = known(step, in);
      accepted(step, in);
      if (step.isMove()) {
        move(step, lead, at, in);
      }
    }
    Parties parties = new Parties(channel, owner(step, lead, in));
    String control = step.eventType();
    if (control != null && control.startsWith(Goal.STEP_PREFIX)) {
      if (in) {
        count(goals, control.substring(Goal.STEP_PREFIX.length()));
      }
      convert(step, lead, at, in, parties);
    } else if (in && control != null && control.startsWith(Exit.STEP_PREFIX)) {
      count(exits, control.substring(Exit.STEP_PREFIX.length()));
    }
    Money amount = step.amount();
    if (amount != null) {
      purchase(step, amount, lead, at, in, parties);
    }
    StageAcc to = stage(step.to());
    if ((step.isEntry() || step.isMove()) && to.kind != Stage.Kind.ACTIVE) {
      ending(step, to.kind, lead, at, in, parties);
    } else if ((step.isEntry() || step.isMove()) && to.converts) {
      convert(step, lead, at, in, parties);
    }
  }

  /**
   * Counts one decision of the contact gate, by channel and verdict, and by reason when the message
   * was withheld; a decision is in the range when the message fell due in it.
   */
  void add(Dispatch decision) {
    checkArgument(
        decision.funnelId().equals(funnel.id()),
        "a decision about a message of funnel '%s' cannot be counted in a report of funnel '%s'",
        decision.funnelId(),
        funnel.id());
    if (!range.contains(decision.due())) {
      return;
    }
    ChannelAcc c = contactChannels.computeIfAbsent(decision.channel(), k -> new ChannelAcc());
    switch (decision.verdict()) {
      case SEND -> c.sent++;
      case HOLD -> c.held++;
      case SKIP -> c.skipped++;
      case SUPPRESS -> c.suppressed++;
    }
    Dispatch.Reason reason = decision.reason();
    if (reason != null) {
      contactReasons.computeIfAbsent(reason, k -> new long[1])[0]++;
    }
  }

  /** A lead entering the funnel: a fresh entry in the table. */
  private LeadState entry(Step step, long at, boolean in, @Nullable PartyAcc channel) {
    LeadState lead = new LeadState(at, step.version());
    leads.put(step.leadId(), lead);
    if (in) {
      entries++;
      stage(step.to()).entered++;
      requireNonNull(channel).leads++;
      for (ExperimentAcc e : experiments) {
        e.leads[e.armOf(step.leadId())]++;
      }
    }
    return lead;
  }

  /** The lead a later record is of, refusing a record older than one already counted. */
  private LeadState known(Step step, boolean in) {
    LeadState lead = leads.get(step.leadId());
    if (lead == null) {
      lead = new LeadState(UNKNOWN, step.version());
      leads.put(step.leadId(), lead);
      if (in) {
        untrackedLeads++;
      }
      return lead;
    }
    checkArgument(
        step.version() >= lead.version,
        "a record of lead '%s' at version %s came after one at version %s; feed each lead's"
            + " records in the order they happened, or read the whole journal with Report.of",
        step.leadId(),
        step.version(),
        lead.version);
    lead.version = step.version();
    return lead;
  }

  /** An accepted event: one more take of its transition. */
  private void accepted(Step step, boolean in) {
    String from = step.from();
    String event = step.eventType();
    if (in && from != null && event != null) {
      stage(from)
          .taken
          .computeIfAbsent(event, k -> new HashMap<>(2))
          .computeIfAbsent(step.to(), k -> new long[1])[0]++;
    }
  }

  /** A move from one stage to another: entries, flows and times. */
  private void move(Step step, LeadState lead, long at, boolean in) {
    if (in) {
      StageAcc to = stage(step.to());
      to.entered++;
      FlowAcc flow =
          stage(requireNonNull(step.from())).out.computeIfAbsent(step.to(), k -> new FlowAcc());
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

  /** The owner named on a record: a lead received when the owner changes. */
  private @Nullable PartyAcc owner(Step step, LeadState lead, boolean in) {
    String ownerId = step.owner();
    if (ownerId == null) {
      lead.owner = null;
      return null;
    }
    PartyAcc owner = in ? party(owners, ownerId) : null;
    if (!ownerId.equals(lead.owner)) {
      lead.owner = ownerId;
      if (owner != null) {
        owner.leads++;
      }
    }
    return owner;
  }

  /** A purchase: revenue, buyers and the lead's conversion; other currencies are kept apart. */
  private void purchase(
      Step step, Money amount, LeadState lead, long at, boolean in, Parties parties) {
    if (!amount.currency().equals(currency)) {
      if (in) {
        foreignPurchases++;
        foreignRevenue.merge(amount.currency(), amount, Money::plus);
      }
      return;
    }
    lead.purchases++;
    if (in) {
      OfferAcc o = offers.computeIfAbsent(offerOf(step), k -> new OfferAcc());
      o.count++;
      o.amount = o.amount.add(amount.amount());
      PartyAcc c = requireNonNull(parties.channel);
      c.purchases++;
      c.revenue = c.revenue.add(amount.amount());
      PartyAcc owner = parties.owner;
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
    convert(step, lead, at, in, parties);
  }

  /** Reaching a terminal stage: won, lost or junk, and the lead leaves the table. */
  private void ending(
      Step step, Stage.Kind kind, LeadState lead, long at, boolean in, Parties parties) {
    if (in) {
      PartyAcc c = requireNonNull(parties.channel);
      PartyAcc owner = parties.owner;
      switch (kind) {
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
    if (kind == Stage.Kind.WON) {
      convert(step, lead, at, in, parties);
    }
    // A terminal stage absorbs every event: nothing more will come for this lead.
    leads.remove(step.leadId());
  }

  private static String offerOf(Step step) {
    String offer = step.offer();
    checkArgument(offer != null, "a purchase record of lead '%s' names no offer", step.leadId());
    return offer;
  }

  private void convert(Step step, LeadState lead, long at, boolean in, Parties parties) {
    if (lead.converted) {
      return;
    }
    lead.converted = true;
    if (!in) {
      return;
    }
    converted++;
    for (ExperimentAcc e : experiments) {
      e.converted[e.armOf(step.leadId())]++;
    }
    if (parties.channel != null) {
      parties.channel.converted++;
    }
    if (parties.owner != null) {
      parties.owner.converted++;
    }
    if (lead.enteredAt != UNKNOWN) {
      timeToConvert.record(at - lead.enteredAt);
    }
  }

  private static void count(Map<String, long[]> counts, String key) {
    counts.computeIfAbsent(key, k -> new long[1])[0]++;
  }

  private StageAcc stage(String id) {
    return stages.computeIfAbsent(id, k -> new StageAcc(Stage.Kind.ACTIVE, false));
  }

  private static PartyAcc party(Map<String, PartyAcc> parties, String id) {
    return parties.computeIfAbsent(id, k -> new PartyAcc());
  }

  /** Returns the range records are counted in. */
  TimeRange range() {
    return range;
  }

  /** Returns the currency money is counted in. */
  Currency currency() {
    return currency;
  }

  /** Forgets a lead, freeing its place in the table. */
  void forget(String leadId) {
    leads.remove(leadId);
  }

  /** Returns the counts so far. */
  Counts counts() {
    Map<String, Long> entered = new HashMap<>();
    Map<Counts.Edge, Long> flows = new HashMap<>();
    Map<Counts.Hop, Long> hops = new HashMap<>();
    Map<String, DurationSketch> reach = new HashMap<>();
    Map<Counts.Edge, DurationSketch> inFrom = new HashMap<>();
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
                  targets.forEach((to, n) -> hops.put(new Counts.Hop(id, event, to), n[0])));
          s.out.forEach(
              (to, f) -> {
                Counts.Edge e = new Counts.Edge(id, to);
                flows.put(e, f.count);
                DurationSketch t = f.time.build();
                if (!t.isEmpty()) {
                  inFrom.put(e, t);
                }
              });
        });
    Map<String, Counts.Sales> sales = new TreeMap<>();
    offers.forEach((id, o) -> sales.put(id, new Counts.Sales(o.count, money(o.amount))));
    Map<String, ChannelFigures> channelFigures = new HashMap<>();
    channels.forEach((id, c) -> channelFigures.put(id, channel(id, c)));
    Map<String, OwnerFigures> ownerFigures = new HashMap<>();
    owners.forEach((id, o) -> ownerFigures.put(id, owner(id, o)));
    Map<String, Money> foreign = new HashMap<>();
    foreignRevenue.forEach((c, m) -> foreign.put(c.getCurrencyCode(), m));
    Map<String, ExperimentFigures> arms = new LinkedHashMap<>();
    for (ExperimentAcc e : experiments) {
      ImmutableList.Builder<ExperimentFigures.Arm> figures = ImmutableList.builder();
      for (int i = 0; i < e.leads.length; i++) {
        Experiment.Arm a = e.experiment.arms().get(i);
        figures.add(new ExperimentFigures.Arm(a.name(), a.holdout(), e.leads[i], e.converted[i]));
      }
      arms.put(e.experiment.id(), new ExperimentFigures(e.experiment.id(), figures.build()));
    }
    Map<String, ContactFigures.Channel> contacts = new TreeMap<>();
    contactChannels.forEach(
        (id, n) ->
            contacts.put(
                id, new ContactFigures.Channel(id, n.sent, n.held, n.skipped, n.suppressed)));
    Map<Dispatch.Reason, Long> reasons = new EnumMap<>(Dispatch.Reason.class);
    contactReasons.forEach((r, n) -> reasons.put(r, n[0]));
    return new Counts(
        entries,
        converted,
        ImmutableMap.copyOf(entered),
        ImmutableMap.copyOf(flows),
        ImmutableMap.copyOf(hops),
        ImmutableMap.copyOf(reach),
        ImmutableMap.copyOf(inFrom),
        timeToConvert.build(),
        ImmutableMap.copyOf(sales),
        buyers,
        repeatBuyers,
        ImmutableSortedMap.copyOf(channelFigures),
        ImmutableSortedMap.copyOf(ownerFigures),
        untrackedLeads,
        foreignPurchases,
        ImmutableSortedMap.copyOf(foreign),
        totals(goals),
        totals(exits),
        ImmutableMap.copyOf(arms),
        new ContactFigures(ImmutableSortedMap.copyOf(contacts), ImmutableMap.copyOf(reasons)));
  }

  private static ImmutableSortedMap<String, Long> totals(Map<String, long[]> counts) {
    Map<String, Long> totals = new TreeMap<>();
    counts.forEach((k, n) -> totals.put(k, n[0]));
    return ImmutableSortedMap.copyOf(totals);
  }

  private ChannelFigures channel(String id, PartyAcc c) {
    return new ChannelFigures(
        id, c.leads, c.converted, c.won, c.lost, c.junk, c.purchases, c.buyers, money(c.revenue));
  }

  private OwnerFigures owner(String id, PartyAcc o) {
    return new OwnerFigures(
        id, o.leads, o.converted, o.won, o.lost, o.junk, o.purchases, money(o.revenue));
  }

  private Money money(BigDecimal amount) {
    return new Money(amount, currency);
  }
}
