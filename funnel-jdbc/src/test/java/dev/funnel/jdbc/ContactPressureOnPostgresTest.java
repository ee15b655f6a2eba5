package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.ContactPolicy;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Purpose;
import dev.funnel.analytics.ContactFigures;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.ActionHandler;
import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.test.TestClock;
import dev.funnel.testing.ContactShop;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop with quiet hours and a cap, run by runtimes over {@link JdbcLeadStore} and {@link
 * JdbcContactBook} on one PostgreSQL database: a message due at 23:00 in Berlin held to 08:00, a
 * cap counted across two runtimes, an unsubscribe heard by one runtime holding in the other's
 * funnel, and an erasure that leaves no contact row.
 */
final class ContactPressureOnPostgresTest {
  // 20:00 in Berlin on the Saturday before the clocks go forward.
  static final Instant T0 = Instant.parse("2026-03-28T19:00:00Z");

  /** Hears every decision and every handed-over message. */
  static final class Log implements FunnelListener, ActionHandler {
    final List<Dispatch> decisions = new CopyOnWriteArrayList<>();
    final List<Action> handed = new CopyOnWriteArrayList<>();

    @Override
    public void dispatched(EffectKey key, Dispatch dispatch) {
      decisions.add(dispatch);
    }

    @Override
    public void handle(Delivery d) {
      handed.add(d.action());
    }

    ImmutableList<String> templates() {
      return handed.stream()
          .map(a -> a.param("template").orElseThrow())
          .collect(ImmutableList.toImmutableList());
    }
  }

  private final TestClock clock = TestClock.at(T0);
  private final Log log = new Log();
  private HikariDataSource pool;

  @BeforeEach
  void database() {
    pool = Postgres.newPool();
    JdbcLeadStore.builder(pool).build().createSchema();
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private FunnelRuntime runtime() {
    return FunnelRuntime.builder(Catalog.of(ContactShop.shop(), ContactShop.webinarByEmail()))
        .clock(clock)
        .store(JdbcLeadStore.builder(pool).build())
        .contacts(JdbcContactBook.builder(pool).build())
        .handler(Actions.SEND, log)
        .listener(log)
        .build();
  }

  @Test
  void nudgeDueAt23InBerlin_isHeldInTheDatabaseAndHandedOverAt8ByAnotherRuntime() {
    FunnelRuntime first = runtime();
    first.enter(
        ContactShop.shop()
            .newLead("lead-1", "ads")
            .attribute(ContactPolicy.ZONE_ATTRIBUTE, "Europe/Berlin"),
        T0);
    first.handle("shop", "lead-1", Event.of("e1", "contact-left", T0));
    assertEquals(ImmutableList.of("welcome-1"), log.templates());

    clock.set(Instant.parse("2026-03-28T22:00:00Z")); // 23:00 CET: the nudge falls due
    assertEquals(1, first.tick());
    Dispatch held = log.decisions.get(1);
    assertEquals(Dispatch.Verdict.HOLD, held.verdict());
    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), held.until()); // 08:00 CEST
    assertEquals(1, log.handed.size());

    // Another runtime over the same database finds the held message and hands it over at 08:00.
    FunnelRuntime second = runtime();
    clock.set(Instant.parse("2026-03-29T05:59:59Z"));
    second.tick();
    assertEquals(1, log.handed.size());
    clock.set(Instant.parse("2026-03-29T06:00:00Z"));
    second.tick();
    assertEquals(ImmutableList.of("welcome-1", "nudge-1"), log.templates());
    assertTrue(second.pending(10).isEmpty());

    ContactFigures figures =
        Report.of(ContactShop.shop(), ImmutableList.of(), log.decisions).contacts();
    assertEquals(new ContactFigures.Channel("email", 2, 1, 0, 0), figures.channel("email"));
    ContactRecord record = JdbcContactBook.builder(pool).build().load("lead-1");
    assertEquals(2, record.sent().size());
    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), record.sent().get(1).at());
  }

  @Test
  void capOfTwoADay_isCountedAcrossRuntimesSharingTheDatabase() {
    Instant noon = Instant.parse("2026-03-30T10:00:00Z");
    clock.set(noon);
    FunnelRuntime first = runtime();
    FunnelRuntime second = runtime();
    first.enter("shop", "p-1", "ads", noon);
    first.handle("shop", "p-1", Event.of("e1", "contact-left", noon));
    second.handle("shop", "p-1", Event.of("v1", "viewed", noon.plusSeconds(60)));
    first.handle("shop", "p-1", Event.of("v2", "viewed", noon.plusSeconds(120)));
    second.handle("shop", "p-1", Event.of("p1", "paid", noon.plusSeconds(180)));

    assertEquals(ImmutableList.of("welcome-1", "offer", "receipt"), log.templates());
    assertEquals(Dispatch.Reason.CAP, log.decisions.get(2).reason());
    assertEquals(
        new ContactFigures.Channel("email", 3, 0, 0, 1),
        Report.of(ContactShop.shop(), ImmutableList.of(), log.decisions)
            .contacts()
            .channel("email"));
    assertEquals(2, first.contactRecord("p-1").sent().size());
  }

  @Test
  void unsubscribeHeardByOneRuntime_suppressesMarketingInTheOthersFunnel_andErasureDropsTheRow() {
    Instant noon = Instant.parse("2026-03-30T10:00:00Z");
    clock.set(noon);
    FunnelRuntime first = runtime();
    FunnelRuntime second = runtime();
    first.enter("shop", "p-1", "ads", noon);
    second.enter("webinar", "p-1", "ads", noon);
    first.handle(
        "shop",
        "p-1",
        Event.builder("u1", FunnelRuntime.UNSUBSCRIBED, noon).payload("channel", "email").build());

    second.handle("webinar", "p-1", Event.of("i1", "invited", noon.plusSeconds(60)));

    assertEquals(ImmutableList.of("ticket"), log.templates());
    assertEquals(Dispatch.Reason.NO_CONSENT, log.decisions.get(0).reason());
    assertFalse(second.contactRecord("p-1").allows("email", Purpose.MARKETING, noon));
    assertEquals(1, Postgres.count(pool, "SELECT count(*) FROM funnel_contact"));

    assertEquals(
        2, second.erase("p-1", Event.of("gdpr-1", "erasure", noon.plusSeconds(120))).size());

    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_contact"));
    assertEquals(ContactRecord.EMPTY, first.contactRecord("p-1"));
  }
}
