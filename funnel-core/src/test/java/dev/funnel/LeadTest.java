package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class LeadTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+49 170 1234567";
  private static final Money PLAN = Money.of("49.00", "EUR");

  private static final Funnel CRM =
      Funnel.builder("crm")
          .stage("new")
          .entry()
          .stage("working")
          .manual()
          .stage("won")
          .won()
          .offer(Offer.coreProduct("plan", PLAN))
          .offer(Offer.profitMaximizer("support", Money.of("9", "EUR")))
          .on("note")
          .fromAny()
          .then(Actions.set("noted", true))
          .on("call")
          .from("new")
          .to("working")
          .then(Actions.assign("anna"), Actions.segment("callers"))
          .on("extra")
          .from("working")
          .on("follow-up")
          .from("working")
          .then(Actions.send("follow-up"))
          .on("paid")
          .from("working")
          .to("won")
          .after(Duration.ofDays(1))
          .in("working")
          .fire("follow-up")
          .after(Duration.ofDays(3))
          .in("working")
          .fire("follow-up")
          .build();

  private static Lead entered() {
    return CRM.newLead("lead-1", "google-ads")
        .attribute("email", EMAIL)
        .attribute("phone", PHONE)
        .attribute("visits", 3)
        .segment("newsletter")
        .enter(T0)
        .lead();
  }

  private static Lead fire(Lead lead, String id, String type, Instant at) {
    Outcome out = CRM.fire(lead, Event.of(id, type, at));
    assertTrue(out.isAccepted(), () -> id + " refused: " + out.refusal());
    return out.lead();
  }

  /** A lead with a manual stage, an owner, segments, a purchase, timers and many event ids. */
  private static Lead busy() {
    Lead lead = fire(entered(), "call-1", "call", T0.plus(MINUTE));
    lead =
        CRM.fire(
                lead,
                Event.purchase("buy-1", T0.plus(MINUTE.multipliedBy(2)))
                    .type("extra")
                    .offer("support")
                    .amount(Money.of("9", "EUR"))
                    .build())
            .lead();
    for (int i = 0; i < 20; i++) {
      lead = fire(lead, "note-" + i, "note", T0.plus(MINUTE.multipliedBy(3 + i)));
    }
    return lead;
  }

  @Test
  void lead_exposesWhatIsKnown() {
    Lead lead = busy();

    assertEquals("lead-1", lead.id());
    assertEquals("crm", lead.funnelId());
    assertEquals(1, lead.funnelVersion());
    assertEquals("working", lead.stage());
    assertEquals(T0.plus(MINUTE), lead.enteredAt());
    assertEquals(T0.plus(MINUTE.multipliedBy(22)), lead.updatedAt());
    assertEquals("google-ads", lead.channel());
    assertEquals(Optional.of("anna"), lead.owner());
    assertEquals(
        ImmutableMap.of("email", EMAIL, "phone", PHONE, "visits", 3L, "noted", true),
        lead.attributes());
    assertEquals(Optional.of(EMAIL), lead.attribute("email"));
    assertEquals(Optional.empty(), lead.attribute("age"));
    assertEquals(ImmutableList.of("newsletter", "callers"), lead.segments().asList());
    Instant bought = T0.plus(MINUTE.multipliedBy(2));
    assertEquals(
        ImmutableList.of(new Purchase("support", Money.of("9", "EUR"), bought, "buy-1")),
        lead.purchases());
    assertTrue(lead.hasBought("support"));
    assertFalse(lead.hasBought("plan"));
    assertEquals(
        ImmutableList.of(
            new ScheduledTimer("working", "follow-up", T0.plus(MINUTE).plus(Duration.ofDays(1))),
            new ScheduledTimer("working", "follow-up", T0.plus(MINUTE).plus(Duration.ofDays(3)))),
        lead.timers());
    assertEquals(22, lead.version());
  }

  @Test
  void timeInStage_isTimeSinceStageWasEntered() {
    Lead lead = fire(entered(), "call-1", "call", T0.plus(MINUTE));

    assertEquals(Duration.ofHours(2), lead.timeInStage(T0.plus(MINUTE).plus(Duration.ofHours(2))));
    assertEquals(Duration.ZERO, lead.timeInStage(T0.plus(MINUTE)));
  }

  @Test
  void timeInStage_beforeStageWasEntered_isZero() {
    assertEquals(Duration.ZERO, entered().timeInStage(T0.minusSeconds(5)));
  }

  @Test
  void version_isZeroOnEnterAndGrowsByOnePerAcceptedEvent() {
    Lead lead = entered();
    assertEquals(0, lead.version());

    for (int i = 1; i <= 5; i++) {
      lead = fire(lead, "note-" + i, "note", T0.plus(MINUTE.multipliedBy(i)));
      assertEquals(i, lead.version());
    }
  }

  @Test
  void version_unchangedByRefusedEvents() {
    Lead lead = fire(entered(), "note-1", "note", T0.plus(MINUTE));

    Lead after = CRM.fire(lead, Event.of("x", "paid", T0.plus(MINUTE))).lead();

    assertEquals(1, after.version());
  }

  @Test
  void recentEventIds_keepsAtLeastTheNewestAndNeverMoreThanTwice() {
    Lead lead = entered();
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < 5 * Lead.RECENT_EVENT_IDS; i++) {
      String id = "note-" + i;
      lead = fire(lead, id, "note", T0.plus(MINUTE.multipliedBy(i)));
      applied.add(0, id);

      ImmutableList<String> recent = lead.recentEventIds();
      int guaranteed = Math.min(applied.size(), Lead.RECENT_EVENT_IDS);
      assertEquals(applied.subList(0, guaranteed), recent.subList(0, guaranteed));
      assertEquals(applied.subList(0, recent.size()), recent, "newest first, no gaps");
      assertTrue(recent.size() <= 2 * Lead.RECENT_EVENT_IDS, "at most twice the window");
      for (String remembered : applied.subList(0, guaranteed)) {
        assertTrue(lead.hasApplied(remembered));
      }
    }
  }

  @Test
  void recentEventIds_idsOfAnyCharactersAndLength_areRememberedExactlyAndRestored() {
    String[] kinds = {"n-", "café-", "注文-", "\uD83D\uDE00-", "x".repeat(70) + "-", "a b-"};
    Lead lead = entered();
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < 3 * Lead.RECENT_EVENT_IDS + 3; i++) {
      String id = kinds[i % kinds.length] + i;
      lead = fire(lead, id, "note", T0.plus(MINUTE.multipliedBy(i)));
      applied.add(0, id);

      ImmutableList<String> recent = lead.recentEventIds();
      assertEquals(applied.subList(0, recent.size()), recent, "newest first, exactly as given");
      assertTrue(recent.size() >= Math.min(applied.size(), Lead.RECENT_EVENT_IDS));
      assertTrue(recent.size() <= Lead.RECENT_EVENT_IDS + Lead.RECENT_EVENT_IDS / 2);
      for (String remembered : recent) {
        assertTrue(lead.hasApplied(remembered), remembered);
      }
      assertFalse(lead.hasApplied(kinds[i % kinds.length] + (i + 1)));
      Lead restored = lead.toBuilder().build();
      assertEquals(lead, restored);
      Instant later = T0.plus(MINUTE.multipliedBy(i + 1));
      assertEquals(
          fire(lead, "next", "note", later).recentEventIds(),
          fire(restored, "next", "note", later).recentEventIds(),
          "a restored lead remembers as the lead it was restored from");
    }
  }

  @Test
  void recentEventIds_anyOfTheLastWindowIsRefusedAsDuplicate() {
    Lead lead = entered();
    int n = 3 * Lead.RECENT_EVENT_IDS + 5;
    for (int i = 0; i < n; i++) {
      lead = fire(lead, "note-" + i, "note", T0.plus(MINUTE.multipliedBy(i)));
    }

    for (int i = n - Lead.RECENT_EVENT_IDS; i < n; i++) {
      Outcome again = CRM.fire(lead, Event.of("note-" + i, "note", T0.plus(Duration.ofDays(1))));
      assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal(), "note-" + i);
    }
  }

  @Test
  void hasApplied_unknownId_isFalse() {
    assertFalse(busy().hasApplied("never-sent"));
    assertFalse(entered().hasApplied("call-1"));
  }

  @Test
  void toString_showsIdsButNoAttributeValues() {
    Lead lead = busy();

    String text = lead.toString();

    assertTrue(text.contains("lead-1"));
    assertTrue(text.contains("working"));
    assertTrue(text.contains("email"));
    assertFalse(text.contains(EMAIL));
    assertFalse(text.contains(PHONE));
  }

  @Test
  void builder_restoresEqualLead() {
    Lead original = busy();

    Lead.Builder b =
        Lead.builder(original.id(), original.funnelId())
            .funnelVersion(original.funnelVersion())
            .stage(original.stage(), original.enteredAt())
            .updatedAt(original.updatedAt())
            .channel(original.channel())
            .owner(original.owner().orElse(null))
            .attributes(original.attributes())
            .recentEventIds(original.recentEventIds())
            .version(original.version());
    original.segments().forEach(b::segment);
    original.purchases().forEach(b::purchase);
    original.timers().forEach(b::timer);
    Lead restored = b.build();

    assertEquals(original, restored);
    assertEquals(original.hashCode(), restored.hashCode());
    assertEquals(original.recentEventIds(), restored.recentEventIds());
  }

  @Test
  void toBuilder_build_equalsOriginal() {
    for (Lead lead : List.of(entered(), busy())) {
      Lead copy = lead.toBuilder().build();

      assertEquals(lead, copy);
      assertEquals(lead.hashCode(), copy.hashCode());
    }
  }

  @Test
  void restoredLead_continuesExactlyLikeTheOriginal() {
    Lead original = busy();
    Lead restored = original.toBuilder().build();
    Instant t = original.updatedAt();
    List<Event> events =
        List.of(
            Event.of("note-19", "note", t.plus(MINUTE)), // duplicate, in the newer generation
            Event.of("note-3", "note", t.plus(MINUTE)), // duplicate, in the older generation
            Event.of("late", "note", t.minus(MINUTE)), // stale
            Event.of("wrong", "call", t.plus(MINUTE)), // no transition in this stage
            Event.of("more-1", "note", t.plus(MINUTE)),
            Event.purchase("buy-2", t.plus(MINUTE.multipliedBy(2)))
                .type("extra")
                .offer("plan")
                .amount(PLAN)
                .build());
    for (int i = 0; i < 30; i++) {
      events = new ArrayList<>(events);
      events.add(Event.of("more-n" + i, "note", t.plus(MINUTE.multipliedBy(3 + i))));
    }

    Lead a = original;
    Lead b = restored;
    for (Event e : events) {
      Outcome x = CRM.fire(a, e);
      Outcome y = CRM.fire(b, e);
      assertSameOutcome(x, y);
      a = x.lead();
      b = y.lead();
    }
    Instant later = t.plus(Duration.ofDays(4));
    assertSameOutcome(CRM.advance(a, later), CRM.advance(b, later));
    Outcome paidA = CRM.fire(CRM.advance(a, later).lead(), Event.of("pay", "paid", later));
    Outcome paidB = CRM.fire(CRM.advance(b, later).lead(), Event.of("pay", "paid", later));
    assertSameOutcome(paidA, paidB);
    assertEquals("won", paidA.lead().stage());
  }

  private static void assertSameOutcome(Outcome x, Outcome y) {
    assertEquals(x.status(), y.status());
    assertEquals(x.refusal(), y.refusal());
    assertEquals(x.lead(), y.lead());
    assertEquals(x.lead().recentEventIds(), y.lead().recentEventIds());
    assertEquals(x.effects(), y.effects());
    assertEquals(x.steps(), y.steps());
  }

  @Test
  void builder_minimal_usesDefaults() {
    Lead lead = Lead.builder("lead-1", "crm").stage("new", T0).channel("ads").build();

    assertEquals(1, lead.funnelVersion());
    assertEquals(T0, lead.updatedAt());
    assertEquals(0, lead.version());
    assertEquals(Optional.empty(), lead.owner());
    assertEquals(ImmutableList.of(), lead.recentEventIds());
    assertEquals(ImmutableSet.of(), lead.segments());
  }

  @Test
  void builder_sortsTimersEarliestFirst() {
    ScheduledTimer late = new ScheduledTimer("working", "follow-up", T0.plus(Duration.ofDays(3)));
    ScheduledTimer soon = new ScheduledTimer("working", "follow-up", T0.plus(Duration.ofDays(1)));

    Lead lead =
        Lead.builder("lead-1", "crm")
            .stage("working", T0)
            .channel("ads")
            .timer(late)
            .timer(soon)
            .build();

    assertEquals(ImmutableList.of(soon, late), lead.timers());
  }

  @Test
  void builder_missingStageOrChannel_throwsIse() {
    assertThrows(
        IllegalStateException.class, () -> Lead.builder("lead-1", "crm").channel("ads").build());
    assertThrows(
        IllegalStateException.class, () -> Lead.builder("lead-1", "crm").stage("new", T0).build());
  }

  @Test
  void builder_timerOfAnotherStage_throwsIae() {
    Lead.Builder b =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .timer(new ScheduledTimer("working", "follow-up", T0));

    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void builder_updatedBeforeStageEntered_throwsIae() {
    Lead.Builder b =
        Lead.builder("lead-1", "crm").stage("new", T0).channel("ads").updatedAt(T0.minusSeconds(1));

    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void builder_badValues_throwIae() {
    Lead.Builder b = Lead.builder("lead-1", "crm");

    assertThrows(IllegalArgumentException.class, () -> b.version(-1));
    assertThrows(IllegalArgumentException.class, () -> b.funnelVersion(0));
    assertThrows(IllegalArgumentException.class, () -> b.attribute("tags", List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> b.recentEventIds(List.of("ok", " ")));
    assertThrows(IllegalArgumentException.class, () -> Lead.builder(" ", "crm"));
  }

  @Test
  void builder_numbersAreNormalised() {
    Lead a = Lead.builder("l", "crm").stage("new", T0).channel("ads").attribute("n", 5).build();
    Lead b = Lead.builder("l", "crm").stage("new", T0).channel("ads").attribute("n", 5L).build();
    Lead c =
        Lead.builder("l", "crm")
            .stage("new", T0)
            .channel("ads")
            .attribute("n", new BigDecimal("5"))
            .build();

    Lead d =
        Lead.builder("l", "crm")
            .stage("new", T0)
            .channel("ads")
            .attribute("n", new BigDecimal("5.00"))
            .build();
    Lead e = Lead.builder("l", "crm").stage("new", T0).channel("ads").attribute("n", 5.0d).build();

    assertEquals(a, b);
    assertEquals(a, c);
    assertEquals(a, d);
    assertEquals(a, e);
    assertEquals(a.hashCode(), d.hashCode());
    assertEquals(Optional.of(5L), a.attribute("n"));
  }

  @Test
  void builder_recentEventIds_restoresTheDuplicateWindow() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2 * Lead.RECENT_EVENT_IDS; i++) {
      ids.add("e" + i);
    }

    Lead lead =
        Lead.builder("l", "crm").stage("new", T0).channel("ads").recentEventIds(ids).build();

    assertEquals(ids, lead.recentEventIds());
    assertTrue(lead.hasApplied("e0"));
    assertTrue(lead.hasApplied("e" + (2 * Lead.RECENT_EVENT_IDS - 1)));
  }

  @Test
  void builder_moreThanTwiceTheWindowOfEventIds_keepsTheNewestInsteadOfThrowing() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3 * Lead.RECENT_EVENT_IDS; i++) {
      ids.add("e" + i);
    }

    Lead lead =
        Lead.builder("l", "crm").stage("new", T0).channel("ads").recentEventIds(ids).build();

    assertEquals(ids.subList(0, 2 * Lead.RECENT_EVENT_IDS), lead.recentEventIds());
    assertFalse(lead.hasApplied("e" + (3 * Lead.RECENT_EVENT_IDS - 1)));
  }

  @Test
  void equals_differentVersionOrStage_isNotEqual() {
    Lead lead = busy();

    assertNotEquals(lead, lead.toBuilder().version(lead.version() + 1).build());
    assertNotEquals(lead, lead.toBuilder().owner("ben").build());
    assertNotEquals(entered(), entered().toBuilder().stage("working", T0).build());
    assertNotEquals(lead, lead.toBuilder().recentEventIds(Collections.emptyList()).build());
  }

  @Test
  void equals_differentIdOrTimeOfEntryOrOfLastStep_isNotEqual() {
    Instant later = T0.plusSeconds(5);
    Lead lead = Lead.builder("l", "crm").stage("new", T0).channel("ads").updatedAt(later).build();

    assertEquals(
        lead, Lead.builder("l", "crm").stage("new", T0).channel("ads").updatedAt(later).build());
    assertNotEquals(
        lead, Lead.builder("m", "crm").stage("new", T0).channel("ads").updatedAt(later).build());
    assertNotEquals(
        lead,
        Lead.builder("l", "crm")
            .stage("new", T0.plusSeconds(1))
            .channel("ads")
            .updatedAt(later)
            .build());
    assertNotEquals(lead, Lead.builder("l", "crm").stage("new", T0).channel("ads").build());
    assertNotEquals(lead, lead.toBuilder().attribute("visits", 1).build());
    assertFalse(lead.equals("l"));
  }

  @Test
  void builder_smallestFunnelVersionAndLeadVersion_areAccepted() {
    Lead lead =
        Lead.builder("l", "crm")
            .stage("new", T0)
            .channel("ads")
            .funnelVersion(1)
            .version(0)
            .build();

    assertEquals(1, lead.funnelVersion());
    assertEquals(0, lead.version());
    assertEquals(
        "lead version must not be negative",
        assertThrows(IllegalArgumentException.class, () -> Lead.builder("l", "crm").version(-1))
            .getMessage());
    assertEquals(
        "funnel version must be positive",
        assertThrows(
                IllegalArgumentException.class, () -> Lead.builder("l", "crm").funnelVersion(0))
            .getMessage());
  }

  @Test
  void builder_entriesAtTheSameTime_areInOrder() {
    Lead lead =
        Lead.builder("l", "crm")
            .stage("new", T0)
            .channel("ads")
            .entries(List.of(T0, T0, T0.plusSeconds(1)))
            .build();

    assertEquals(List.of(T0, T0, T0.plusSeconds(1)), lead.entries());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Lead.builder("l", "crm").entries(List.of(T0.plusSeconds(1), T0)));
    assertEquals("lead 'l' has entries out of order", e.getMessage());
  }

  @Test
  void attributes_anImmutableMapGivenFirst_isKeptAsIs() {
    ImmutableMap<String, Object> attributes = ImmutableMap.of("email", EMAIL, "score", 3L);

    Lead lead =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .attributes(attributes)
            .build();

    assertSame(attributes, lead.attributes());
  }

  @Test
  void attributes_afterAMapKeptAsIs_refusesItsNamesAndKeepsTheOrder() {
    Lead.Builder b =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .attributes(ImmutableMap.of("email", EMAIL, "score", 3L));

    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> b.attribute("email", PHONE));
    b.attribute("phone", PHONE);

    assertEquals("attribute 'email' was already set", again.getMessage());
    assertEquals(List.of("email", "score", "phone"), List.copyOf(b.build().attributes().keySet()));
  }

  @Test
  void attributes_aMapWithAnOverlongName_isRefusedAsOneByOne() {
    String name = "a".repeat(Lead.MAX_ATTRIBUTE_NAME_LENGTH + 1);
    Lead.Builder b = Lead.builder("lead-1", "crm").stage("new", T0).channel("ads");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.attributes(ImmutableMap.of(name, 1L)));

    assertEquals("attribute name is longer than 256 characters", e.getMessage());
  }

  @Test
  void segments_anImmutableSetGivenFirst_isKeptAsIs() {
    ImmutableSet<String> segments = ImmutableSet.of("vip", "newsletter");

    Lead lead =
        Lead.builder("lead-1", "crm").stage("new", T0).channel("ads").segments(segments).build();

    assertSame(segments, lead.segments());
    assertSame(segments, lead.toBuilder().build().segments());
  }

  @Test
  void segments_afterASetKeptAsIs_addEachOnceAndKeepTheOrder() {
    Lead.Builder b =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .segments(ImmutableSet.of("vip", "newsletter"));

    b.segment("vip").segment("riders").segments(List.of("newsletter", "club"));

    assertEquals(List.of("vip", "newsletter", "riders", "club"), b.build().segments().asList());
  }

  @Test
  void segments_afterOneGiven_areAddedOneByOne() {
    Lead lead =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .segment("riders")
            .segments(ImmutableSet.of("vip", "riders"))
            .build();

    assertEquals(List.of("riders", "vip"), lead.segments().asList());
  }

  @Test
  void segments_aSetWithAnInvalidId_isRefusedAsOneByOne() {
    Lead.Builder b = Lead.builder("lead-1", "crm").stage("new", T0).channel("ads");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> b.segments(ImmutableSet.of("vip", " club")));

    assertEquals(
        "segment has whitespace at an end, a control or format character or an unpaired"
            + " surrogate",
        e.getMessage());
    assertEquals(List.of("vip"), b.build().segments().asList());
  }

  @Test
  void segments_aToBuilderCopyGivenAnother_keepsTheOriginalAsItWas() {
    Lead original =
        Lead.builder("lead-1", "crm")
            .stage("new", T0)
            .channel("ads")
            .segments(ImmutableSet.of("vip"))
            .build();

    Lead changed = original.toBuilder().segment("club").build();

    assertEquals(List.of("vip"), original.segments().asList());
    assertEquals(List.of("vip", "club"), changed.segments().asList());
  }
}
