package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
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
import dev.funnel.testing.ContactShop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contact pressure, consent and erasure as the runtime carries them out. */
final class ContactControlsTest {
  // 20:00 in Berlin on the Saturday before the clocks go forward.
  static final Instant T0 = Instant.parse("2026-03-28T19:00:00Z");

  /** Hears every decision, every step and every handed-over message. */
  static final class Log implements FunnelListener, ActionHandler {
    final List<Dispatch> decisions = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Action> handed = new ArrayList<>();

    @Override
    public synchronized void dispatched(EffectKey key, Dispatch dispatch) {
      decisions.add(dispatch);
    }

    @Override
    public synchronized void stepped(Step step) {
      steps.add(step);
    }

    @Override
    public synchronized void handle(Delivery d) {
      handed.add(d.action());
    }
  }

  private final TestClock clock = new TestClock(T0);
  private final Log log = new Log();

  private FunnelRuntime runtime(Funnel... funnels) {
    return FunnelRuntime.builder(Catalog.of(funnels))
        .clock(clock)
        .handler(Actions.SEND, log)
        .listener(log)
        .build();
  }

  @Test
  void nudgeDueAt23InBerlin_isHeldAndHandedOverAt8AfterTheClocksWentForward() {
    FunnelRuntime rt = runtime(ContactShop.shop());
    rt.enter(
        ContactShop.shop()
            .newLead("lead-1", "ads")
            .attribute(ContactPolicy.ZONE_ATTRIBUTE, "Europe/Berlin"),
        T0);
    rt.handle("shop", "lead-1", Event.of("e1", "contact-left", T0));
    assertEquals(ImmutableList.of("welcome-1"), templates(log.handed));

    clock.set(Instant.parse("2026-03-28T22:00:00Z")); // 23:00 CET: the nudge falls due
    assertEquals(1, rt.tick());
    assertEquals(ImmutableList.of("welcome-1"), templates(log.handed));
    Dispatch held = log.decisions.get(1);
    assertEquals(Dispatch.Verdict.HOLD, held.verdict());
    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), held.until()); // 08:00 CEST

    clock.set(Instant.parse("2026-03-29T05:59:59Z"));
    rt.tick();
    assertEquals(1, log.handed.size());
    clock.set(Instant.parse("2026-03-29T06:00:00Z"));
    rt.tick();
    assertEquals(ImmutableList.of("welcome-1", "nudge-1"), templates(log.handed));
    assertTrue(rt.pending(10).isEmpty());

    ContactFigures figures =
        CatalogReport.builder(rt.catalog()).addDecisions(log.decisions).build().contacts();
    assertEquals(new ContactFigures.Channel("email", 2, 1, 0, 0), figures.channel("email"));
    assertEquals(1, figures.withheld(Dispatch.Reason.QUIET_HOURS));
    assertEquals(2, rt.contactRecord("lead-1").sent().size());
  }

  @Test
  void unsubscribeInOneFunnel_suppressesMarketingOnThatChannelInEveryFunnel() {
    Instant noon = Instant.parse("2026-03-30T10:00:00Z");
    clock.set(noon);
    FunnelRuntime rt = runtime(ContactShop.shop(), ContactShop.webinar());
    rt.enter("shop", "p-1", "ads", noon);
    rt.enter("webinar", "p-1", "ads", noon);
    rt.handle(
        "shop",
        "p-1",
        Event.builder("u1", FunnelRuntime.UNSUBSCRIBED, noon).payload("channel", "email").build());

    rt.handle("webinar", "p-1", Event.of("i1", "invited", noon.plusSeconds(60)));

    assertEquals(ImmutableList.of("ticket", "invite-sms"), templates(log.handed));
    Dispatch invite = log.decisions.get(0);
    assertEquals("invite", invite.template());
    assertEquals(Dispatch.Verdict.SUPPRESS, invite.verdict());
    assertEquals(Dispatch.Reason.NO_CONSENT, invite.reason());
    assertEquals(
        new ContactFigures.Channel("email", 1, 0, 0, 1),
        CatalogReport.of(rt.catalog(), ImmutableList.of(), log.decisions)
            .contacts()
            .channel("email"));
    ContactRecord record = rt.contactRecord("p-1");
    assertTrue(!record.allows("email", Purpose.MARKETING, noon));
    assertTrue(record.allows("email", Purpose.TRANSACTIONAL, noon));

    rt.restoreConsent("p-1", "email", Purpose.MARKETING);
    rt.handle("webinar", "p-1", Event.of("i2", "invited", noon.plusSeconds(120)));
    assertEquals(
        ImmutableList.of("ticket", "invite-sms", "invite", "ticket", "invite-sms"),
        templates(log.handed));
  }

  @Test
  void erase_removesThePersonFromEveryFunnelTheStoreAndTheContactBook() {
    Instant noon = Instant.parse("2026-03-30T10:00:00Z");
    clock.set(noon);
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(ContactShop.shop(), ContactShop.webinar()))
            .clock(clock)
            .store(store)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalArgumentException("mailer refuses");
                })
            .listener(log)
            .build();
    rt.enter(
        ContactShop.shop()
            .newLead("p-1", "ads")
            .attribute("name", "Ada")
            .attribute("city", "Berlin"),
        noon);
    rt.enter("webinar", "p-1", "ads", noon);
    rt.enter("shop", "p-2", "ads", noon);
    rt.handle("shop", "p-1", Event.of("e1", "contact-left", noon));
    rt.handle("shop", "p-2", Event.of("e2", "contact-left", noon));
    assertEquals(2, rt.parked(10).size());

    ImmutableList<Receipt> receipts =
        rt.erase("p-1", Event.builder("gdpr-1", "erasure", noon.plusSeconds(60)).build());

    assertEquals(2, receipts.size());
    Lead shopLead = rt.lead("shop", "p-1").orElseThrow();
    assertEquals(ImmutableMap.of(), shopLead.attributes());
    assertEquals("cold-lead", shopLead.stage());
    assertTrue(shopLead.timers().isEmpty());
    assertEquals(ImmutableMap.of(), rt.lead("webinar", "p-1").orElseThrow().attributes());
    assertEquals(1, rt.parked(10).size());
    assertEquals("p-2", rt.parked(10).get(0).key().leadId());
    assertEquals(ContactRecord.EMPTY, rt.contactRecord("p-1"));
    assertEquals(2, log.steps.stream().filter(s -> Funnel.ERASED.equals(s.eventType())).count());
    // Nothing more happens to the erased person: their nudge timer is gone, the other's fires.
    int before = log.steps.size();
    clock.set(noon.plus(Duration.ofDays(1)));
    assertEquals(1, rt.tick());
    assertEquals("p-2", log.steps.get(before).leadId());
    assertEquals(1, log.steps.size() - before);
  }

  private static ImmutableList<String> templates(List<Action> actions) {
    return actions.stream()
        .map(a -> a.param("template").orElseThrow())
        .collect(ImmutableList.toImmutableList());
  }
}
