package dev.funnel.analytics;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * What a {@link Report} counted: every count, sum and sketch, and the order its figures are listed
 * in (the funnel's stages and offers in declaration order, then others by id). Two counts of the
 * same funnel and currency add up with {@link #plus}. Immutable.
 *
 * @param entries how many leads entered the funnel
 * @param converted how many leads converted
 * @param entered entries per stage, only stages entered at least once
 * @param flows moves per source and target stage
 * @param hops accepted events per source stage, event type and resulting stage
 * @param timeToReach per stage, the time since entering the funnel at each move into it
 * @param timeInFrom per move, the time the lead had been in the source stage
 * @param timeToConvert the time from entering the funnel to converting
 * @param offers purchases in the report's currency per offer
 * @param buyers how many leads bought at least once
 * @param repeatBuyers how many leads bought at least twice
 * @param channels the figures per channel
 * @param owners the figures per owner
 * @param untrackedLeads records of leads the tally was not following
 * @param foreignPurchases purchases in a currency other than the report's
 * @param foreignRevenue the money of those purchases, per ISO 4217 code
 * @param goals goal conversions per goal id: steps of the type {@code "goal/<id>"}
 * @param exits exits per reason: steps of the type {@code "exit/<reason>"}
 * @param experiments per experiment id, journeys started and converted per arm
 * @param contacts the contact gate's decisions per messaging channel and reason
 */
record Counts(
    long entries,
    long converted,
    ImmutableMap<String, Long> entered,
    ImmutableMap<Edge, Long> flows,
    ImmutableMap<Hop, Long> hops,
    ImmutableMap<String, DurationSketch> timeToReach,
    ImmutableMap<Edge, DurationSketch> timeInFrom,
    DurationSketch timeToConvert,
    ImmutableMap<String, Sales> offers,
    long buyers,
    long repeatBuyers,
    ImmutableSortedMap<String, ChannelFigures> channels,
    ImmutableSortedMap<String, OwnerFigures> owners,
    long untrackedLeads,
    long foreignPurchases,
    ImmutableSortedMap<String, Money> foreignRevenue,
    ImmutableSortedMap<String, Long> goals,
    ImmutableSortedMap<String, Long> exits,
    ImmutableMap<String, ExperimentFigures> experiments,
    ContactFigures contacts) {

  /** A move from one stage straight to another. */
  record Edge(String from, String to) {}

  /** An accepted event in a stage and the stage it left the lead in. */
  record Hop(String from, String event, String to) {}

  /** Purchases of one offer. */
  record Sales(long count, Money amount) {
    Sales plus(Sales o) {
      return new Sales(count + o.count, amount.plus(o.amount));
    }
  }

  /** Returns a stage records name but the funnel lacks, as an active stage. */
  static Stage unknownStage(String id) {
    return new Stage(id, Stage.Kind.ACTIVE, false, false, null);
  }

  /** Returns the ids of every stage a record entered or left. */
  Set<String> stageIdsSeen() {
    java.util.Set<String> ids = new HashSet<>(entered.keySet());
    for (Edge e : flows.keySet()) {
      ids.add(e.from());
      ids.add(e.to());
    }
    return ids;
  }

  /** Returns the figures of one stage. */
  StageFigures figures(Funnel funnel, Stage s) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Edge, Long> e : sortedFlows(funnel)) {
      if (e.getKey().from().equals(s.id())) {
        out.put(e.getKey().to(), e.getValue());
      }
    }
    return new StageFigures(
        s,
        entered.getOrDefault(s.id(), 0L),
        ImmutableMap.copyOf(out),
        timeToReach.getOrDefault(s.id(), DurationSketch.empty()));
  }

  /** Returns the moves by the funnel's stage order of the source, then of the target. */
  List<Map.Entry<Edge, Long>> sortedFlows(Funnel funnel) {
    Map<String, Integer> order = new HashMap<>();
    for (Stage s : funnel.stages()) {
      order.put(s.id(), order.size());
    }
    List<Map.Entry<Edge, Long>> sorted = new ArrayList<>(flows.entrySet());
    sorted.sort(
        (a, b) -> {
          int c = compareStages(order, a.getKey().from(), b.getKey().from());
          return c != 0 ? c : compareStages(order, a.getKey().to(), b.getKey().to());
        });
    return sorted;
  }

  private static int compareStages(Map<String, Integer> order, String a, String b) {
    int ia = order.getOrDefault(a, Integer.MAX_VALUE);
    int ib = order.getOrDefault(b, Integer.MAX_VALUE);
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  /** Returns the offers bought, the funnel's in declaration order, then others by id. */
  List<String> offerOrder(Funnel funnel) {
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

  /** Returns the counts of this part of a journal and another's. */
  Counts plus(Counts o) {
    return new Counts(
        entries + o.entries,
        converted + o.converted,
        sum(entered, o.entered, Long::sum),
        sum(flows, o.flows, Long::sum),
        sum(hops, o.hops, Long::sum),
        sum(timeToReach, o.timeToReach, DurationSketch::merge),
        sum(timeInFrom, o.timeInFrom, DurationSketch::merge),
        timeToConvert.merge(o.timeToConvert),
        sum(offers, o.offers, Sales::plus),
        buyers + o.buyers,
        repeatBuyers + o.repeatBuyers,
        ImmutableSortedMap.copyOf(sum(channels, o.channels, ChannelFigures::plus)),
        ImmutableSortedMap.copyOf(sum(owners, o.owners, OwnerFigures::plus)),
        untrackedLeads + o.untrackedLeads,
        foreignPurchases + o.foreignPurchases,
        ImmutableSortedMap.copyOf(sum(foreignRevenue, o.foreignRevenue, Money::plus)),
        ImmutableSortedMap.copyOf(sum(goals, o.goals, Long::sum)),
        ImmutableSortedMap.copyOf(sum(exits, o.exits, Long::sum)),
        sum(experiments, o.experiments, ExperimentFigures::plus),
        contacts.plus(o.contacts));
  }

  private static <K, V> ImmutableMap<K, V> sum(Map<K, V> a, Map<K, V> b, BinaryOperator<V> plus) {
    Map<K, V> all = new LinkedHashMap<>(a);
    b.forEach((k, v) -> all.merge(k, v, plus));
    return ImmutableMap.copyOf(all);
  }
}
