package dev.funnel.kafka;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.ContactPolicy;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Purpose;
import dev.funnel.Step;
import dev.funnel.analytics.CatalogReport;
import dev.funnel.analytics.ContactFigures;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.OutboxEntry;
import dev.funnel.testing.ContactShop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact gate, consent and erasure on {@code TopologyTestDriver} against the in-memory runtime
 * on the same inputs, decision for decision: the same steps per lead, the same decisions per
 * message, the same effects, snapshots and contact records. The wall clock of the driver and the
 * runtime's clock move together, as a message is decided when it falls due.
 */
final class ContactGateTopologyTest {
  // 20:00 in Berlin and 15:00 in New York, on the Saturday before Berlin's clocks go forward.
  static final Instant T0 = Instant.parse("2026-03-28T19:00:00Z");

  // Set by JUnit before each test.
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path state;

  static Catalog catalog() {
    return Catalog.of(ContactShop.shop(), ContactShop.webinar());
  }

  /** One input: an entry with a time zone, an event, a tick of both clocks, an erasure. */
  sealed interface Input {}

  record Enter(String funnelId, String leadId, String zone, Instant at) implements Input {}

  record Fire(String funnelId, String leadId, Event event) implements Input {}

  record Tick(Instant until) implements Input {}

  record Erase(String personId, Event request) implements Input {}

  /** What a run produced, keyed so that partitions and topic order do not matter. */
  record Run(
      ImmutableListMultimap<LeadKey, Step> steps,
      ImmutableListMultimap<EffectKey, Dispatch> dispatches,
      ImmutableMap<EffectKey, OutboxEntry> effects,
      ImmutableMap<LeadKey, Lead> leads,
      ImmutableMap<String, ContactRecord> contacts) {

    ImmutableList<Dispatch> allDispatches() {
      return ImmutableList.copyOf(dispatches.values());
    }
  }

  private static Event at(String id, String type, Instant at) {
    return Event.of(id, type, at);
  }

  private static final Instant DUE_AT_23_IN_BERLIN = Instant.parse("2026-03-28T22:00:00Z");
  private static final Instant EIGHT_IN_BERLIN_AFTER_THE_CHANGE =
      Instant.parse("2026-03-29T06:00:00Z");
  private static final Instant HALF_PAST_23_IN_NEW_YORK = Instant.parse("2026-03-29T03:30:00Z");
  private static final Instant EIGHT_IN_NEW_YORK = Instant.parse("2026-03-29T12:00:00Z");

  static ImmutableList<Input> inputs() {
    return ImmutableList.of(
        new Enter("shop", "ber", "Europe/Berlin", T0),
        new Enter("shop", "nyc", "America/New_York", T0),
        new Enter("shop", "gone", "Europe/Berlin", T0),
        new Enter("webinar", "ber", "Europe/Berlin", T0),
        new Fire("shop", "ber", at("b1", "contact-left", T0)),
        new Fire("shop", "nyc", at("n1", "contact-left", T0)),
        new Fire("shop", "gone", at("g1", "contact-left", T0)),
        // The second email of the day goes, the third is over the cap.
        new Fire("shop", "ber", at("b2", "viewed", T0.plusSeconds(60))),
        new Fire("shop", "ber", at("b3", "viewed", T0.plusSeconds(120))),
        // Unsubscribed in the shop (which has no transition for it), heard in the webinar; from
        // the event's time on, which is the clocks' time.
        new Fire(
            "shop",
            "ber",
            Event.builder("b4", FunnelRuntime.UNSUBSCRIBED, T0)
                .payload(FunnelRuntime.UNSUBSCRIBED_CHANNEL, "sms")
                .build()),
        new Fire("webinar", "ber", at("w1", "invited", T0.plusSeconds(240))),
        // The nudges fall due at 23:00 in Berlin (held) and 18:00 in New York (sent).
        new Tick(DUE_AT_23_IN_BERLIN),
        new Tick(Instant.parse("2026-03-29T01:00:00Z")),
        new Erase("gone", at("gdpr-1", "erasure", Instant.parse("2026-03-29T01:00:00Z"))),
        new Tick(HALF_PAST_23_IN_NEW_YORK),
        new Fire("shop", "nyc", at("n2", "viewed", HALF_PAST_23_IN_NEW_YORK)),
        new Tick(EIGHT_IN_BERLIN_AFTER_THE_CHANGE.minusSeconds(1)),
        new Tick(EIGHT_IN_BERLIN_AFTER_THE_CHANGE),
        new Tick(EIGHT_IN_NEW_YORK),
        new Tick(EIGHT_IN_NEW_YORK.plus(Duration.ofDays(2))));
  }

  // ---------------------------------------------------------------------------------------------
  // The in-memory runtime

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock stays in UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Run oneJvm(List<Input> inputs, Set<String> people) {
    List<Step> steps = new ArrayList<>();
    Map<EffectKey, List<Dispatch>> dispatches = new LinkedHashMap<>();
    OneJvm.Recording store = new OneJvm.Recording(new InMemoryLeadStore());
    MovingClock clock = new MovingClock(T0);
    FunnelRuntime rt =
        FunnelRuntime.builder(catalog())
            .store(store)
            .clock(clock)
            .handler(Actions.SEND, d -> {})
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    steps.add(step);
                  }

                  @Override
                  public void dispatched(EffectKey key, Dispatch dispatch) {
                    dispatches.computeIfAbsent(key, k -> new ArrayList<>()).add(dispatch);
                  }
                })
            .build();
    for (Input in : inputs) {
      if (in instanceof Enter e) {
        Funnel f = catalog().latest(e.funnelId()).orElseThrow();
        rt.enter(
            f.newLead(e.leadId(), "ads").attribute(ContactPolicy.ZONE_ATTRIBUTE, e.zone()), e.at());
      } else if (in instanceof Fire f) {
        rt.handle(f.funnelId(), f.leadId(), f.event());
      } else if (in instanceof Erase x) {
        rt.erase(x.personId(), x.request());
      } else {
        clock.set(((Tick) in).until());
        rt.tick();
      }
    }
    List<OutboxEntry> effects = new ArrayList<>();
    for (OutboxEntry e : store.outbox) {
      boolean message = e.action().name().equals(Actions.SEND);
      if (!message
          || dispatches.getOrDefault(e.key(), List.of()).stream().anyMatch(Dispatch::isSent)) {
        effects.add(e);
      }
    }
    Map<String, ContactRecord> contacts = new TreeMap<>();
    for (String p : people) {
      contacts.put(p, rt.contactRecord(p));
    }
    return run(steps, dispatches, effects, store.leads, contacts);
  }

  // ---------------------------------------------------------------------------------------------
  // The topology

  static Run topology(Driven d, List<Input> inputs, Set<String> people) {
    String topic = d.topology.eventsTopic();
    for (Input in : inputs) {
      if (in instanceof Enter e) {
        d.pipe(
            FunnelRecords.entry(e.funnelId(), e.leadId(), "ads", e.at())
                .attribute(ContactPolicy.ZONE_ATTRIBUTE, e.zone())
                .record(topic));
      } else if (in instanceof Fire f) {
        d.pipe(FunnelRecords.fire(topic, f.funnelId(), f.leadId(), f.event()));
      } else if (in instanceof Erase x) {
        d.pipe(FunnelRecords.erasure(d.topology.contactsTopic(), x.personId(), x.request()));
      } else {
        d.tick(((Tick) in).until());
      }
    }
    Map<EffectKey, List<Dispatch>> dispatches = new LinkedHashMap<>();
    for (KeyValue<byte[], byte[]> kv : d.dispatches.readKeyValuesToList()) {
      dispatches
          .computeIfAbsent(Keys.readEffect(kv.key), k -> new ArrayList<>())
          .add(FunnelRecords.readDispatch(kv.value));
    }
    KeyValueStore<String, ContactRecord> store =
        d.driver.getKeyValueStore(d.topology.contactStoreName());
    Map<String, ContactRecord> contacts = new TreeMap<>();
    for (String p : people) {
      ContactRecord r = store.get(p);
      contacts.put(p, r == null ? ContactRecord.EMPTY : r);
    }
    return run(d.drainSteps(), dispatches, d.drainEffects(), d.leads(), contacts);
  }

  private static Run run(
      List<Step> steps,
      Map<EffectKey, List<Dispatch>> dispatches,
      List<OutboxEntry> effects,
      Map<LeadKey, Lead> leads,
      Map<String, ContactRecord> contacts) {
    ImmutableListMultimap.Builder<LeadKey, Step> s = ImmutableListMultimap.builder();
    for (Step step : steps) {
      s.put(new LeadKey(step.funnelId(), step.leadId()), step);
    }
    Map<String, EffectKey> order = new TreeMap<>();
    dispatches.keySet().forEach(k -> order.put(k.toString(), k));
    ImmutableListMultimap.Builder<EffectKey, Dispatch> d = ImmutableListMultimap.builder();
    order.values().forEach(k -> d.putAll(k, requireNonNull(dispatches.get(k))));
    Map<String, OutboxEntry> e = new TreeMap<>();
    for (OutboxEntry entry : effects) {
      assertTrue(e.put(entry.key().toString(), entry) == null, "effect " + entry.key() + " twice");
    }
    ImmutableMap.Builder<EffectKey, OutboxEntry> eb = ImmutableMap.builder();
    e.values().forEach(x -> eb.put(x.key(), x));
    Map<String, Lead> l = new TreeMap<>();
    leads.forEach((k, v) -> l.put(k.toString(), v));
    ImmutableMap.Builder<LeadKey, Lead> lb = ImmutableMap.builder();
    l.values().forEach(x -> lb.put(new LeadKey(x.funnelId(), x.id()), x));
    return new Run(
        s.build(), d.build(), eb.buildOrThrow(), lb.buildOrThrow(), ImmutableMap.copyOf(contacts));
  }

  private static void assertSame(Run expected, Run actual) {
    assertEquals(expected.steps().keySet(), actual.steps().keySet());
    for (LeadKey k : expected.steps().keySet()) {
      assertEquals(expected.steps().get(k), actual.steps().get(k), "steps of " + k);
    }
    assertEquals(expected.dispatches().keySet(), actual.dispatches().keySet());
    for (EffectKey k : expected.dispatches().keySet()) {
      assertEquals(expected.dispatches().get(k), actual.dispatches().get(k), "decisions on " + k);
    }
    assertEquals(expected.effects(), actual.effects());
    assertEquals(expected.leads(), actual.leads());
    assertEquals(expected.contacts(), actual.contacts());
  }

  private static ImmutableList<String> templates(Run run, Dispatch.Verdict verdict) {
    return run.allDispatches().stream()
        .filter(d -> d.verdict() == verdict)
        .map(d -> d.leadId() + ":" + d.template())
        .sorted()
        .collect(ImmutableList.toImmutableList());
  }

  // ---------------------------------------------------------------------------------------------
  // Tests

  @Test
  void quietHoursCapsConsentAndErasure_decideAsTheInMemoryRuntimeDoes() {
    ImmutableList<Input> inputs = inputs();
    Set<String> people = Set.of("ber", "nyc", "gone");
    Run expected = oneJvm(inputs, people);
    Run actual;
    try (Driven d = new Driven(FunnelTopology.builder(catalog()).build(), state, T0)) {
      actual = topology(d, inputs, people);
    }

    assertSame(expected, actual);

    // The numbers, as the issue of quiet hours states them.
    Dispatch heldInBerlin =
        actual.dispatches().get(new EffectKey("shop", "ber", timerEvent(actual, "ber"), 0)).get(0);
    assertEquals(Dispatch.Verdict.HOLD, heldInBerlin.verdict());
    assertEquals(DUE_AT_23_IN_BERLIN, heldInBerlin.due());
    assertEquals(EIGHT_IN_BERLIN_AFTER_THE_CHANGE, heldInBerlin.until());
    Dispatch heldInNewYork = actual.dispatches().get(new EffectKey("shop", "nyc", "n2", 0)).get(0);
    assertEquals(Dispatch.Verdict.HOLD, heldInNewYork.verdict());
    assertEquals(EIGHT_IN_NEW_YORK, heldInNewYork.until());
    assertEquals(
        ImmutableList.of(
            "ber:invite",
            "ber:nudge-1",
            "ber:offer",
            "ber:ticket",
            "ber:welcome-1",
            "gone:welcome-1",
            "nyc:nudge-1",
            "nyc:offer",
            "nyc:welcome-1"),
        templates(actual, Dispatch.Verdict.SEND));
    assertEquals(
        ImmutableList.of("ber:nudge-1", "gone:nudge-1", "nyc:offer"),
        templates(actual, Dispatch.Verdict.HOLD));
    assertEquals(
        ImmutableList.of("ber:invite-sms", "ber:offer"),
        templates(actual, Dispatch.Verdict.SUPPRESS));
    ContactFigures figures =
        CatalogReport.of(catalog(), ImmutableList.of(), actual.allDispatches()).contacts();
    assertEquals(1, figures.withheld(Dispatch.Reason.CAP));
    assertEquals(1, figures.withheld(Dispatch.Reason.NO_CONSENT));
    assertEquals(3, figures.withheld(Dispatch.Reason.QUIET_HOURS));

    // The erased person: no contact record, no held nudge handed over, the lead anonymous.
    assertEquals(ContactRecord.EMPTY, actual.contacts().get("gone"));
    Lead gone = requireNonNull(actual.leads().get(new LeadKey("shop", "gone")));
    assertEquals(ImmutableMap.of(), gone.attributes());
    assertTrue(gone.timers().isEmpty());
    assertEquals(
        Funnel.ERASED,
        actual.steps().get(new LeadKey("shop", "gone")).reverse().get(0).eventType());
    ContactRecord ber = requireNonNull(actual.contacts().get("ber"));
    assertFalse(ber.allows("sms", Purpose.MARKETING, T0));
    assertEquals(4, ber.sent().size());
  }

  @Test
  void consentWithdrawnAndRestoredOnTheContactsTopic_holdsInEveryFunnel() {
    try (Driven d = new Driven(FunnelTopology.builder(catalog()).build(), state, T0)) {
      String topic = d.topology.eventsTopic();
      String contacts = d.topology.contactsTopic();
      d.pipe(FunnelRecords.entry("webinar", "p", "ads", T0).record(topic));
      d.pipe(FunnelRecords.withdrawConsent(contacts, "p", "email", Purpose.MARKETING, T0));
      d.pipe(FunnelRecords.fire(topic, "webinar", "p", at("i1", "invited", T0)));
      d.pipe(FunnelRecords.restoreConsent(contacts, "p", "email", Purpose.MARKETING));
      d.pipe(FunnelRecords.fire(topic, "webinar", "p", at("i2", "invited", T0.plusSeconds(1))));

      List<String> decided = new ArrayList<>();
      for (KeyValue<byte[], byte[]> kv : d.dispatches.readKeyValuesToList()) {
        Dispatch x = FunnelRecords.readDispatch(kv.value);
        decided.add(x.template() + ":" + x.verdict());
      }
      assertEquals(
          ImmutableList.of(
              "invite:SUPPRESS",
              "ticket:SEND",
              "invite-sms:SEND",
              "invite:SEND",
              "ticket:SEND",
              "invite-sms:SEND"),
          decided);
      assertEquals(5, d.drainEffects().size());
      assertTrue(d.deadLetters.isEmpty());
    }
  }

  @Test
  void badContactsRecords_goToTheDeadLetterTopic_andTheStreamGoesOn() {
    try (Driven d = new Driven(FunnelTopology.builder(catalog()).build(), state, T0)) {
      String contacts = d.topology.contactsTopic();
      d.pipe(
          new org.apache.kafka.clients.producer.ProducerRecord<>(
              contacts, null, null, FunnelRecords.personKey("p"), "{}".getBytes(UTF8)));
      var noChannel = FunnelRecords.withdrawConsent(contacts, "p", "email", Purpose.MARKETING, T0);
      d.pipe(
          new org.apache.kafka.clients.producer.ProducerRecord<>(
              contacts,
              null,
              null,
              noChannel.key(),
              "{\"purpose\":\"marketing\",\"at\":\"2026-03-28T19:00:00Z\"}".getBytes(UTF8),
              noChannel.headers()));
      String topic = d.topology.eventsTopic();
      d.pipe(FunnelRecords.entry("shop", "q", "ads", T0).record(topic));
      d.pipe(
          FunnelRecords.fire(
              topic, "shop", "q", Event.of("u", FunnelRuntime.UNSUBSCRIBED, T0.plusSeconds(1))));

      List<String> dead = new ArrayList<>();
      for (var r : d.deadLetters.readRecordsToList()) {
        dead.add(
            new String(r.headers().lastHeader(DeadLetters.CODE_HEADER).value(), UTF8)
                + " "
                + new String(r.headers().lastHeader(DeadLetters.POINTER_HEADER).value(), UTF8));
      }
      assertEquals(
          ImmutableList.of("BAD_VALUE ", "BAD_VALUE /channel", "BAD_VALUE /payload/channel"), dead);
      assertEquals(3, DeadLetters.count(d.driver.metrics(), DeadLetters.Code.BAD_VALUE));
    }
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

  /** Returns the event id of the lead's nudge timer, as the core names it. */
  private static String timerEvent(Run run, String leadId) {
    for (EffectKey k : run.dispatches().keySet()) {
      if (k.leadId().equals(leadId) && k.eventId().startsWith("timer:")) {
        return k.eventId();
      }
    }
    throw new AssertionError("no timer message for " + leadId);
  }
}
