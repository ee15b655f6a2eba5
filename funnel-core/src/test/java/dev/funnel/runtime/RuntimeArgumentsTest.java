package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Purpose;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments to the runtime's values, pools, store and builder are refused, naming the fault.
 */
final class RuntimeArgumentsTest {
  private static final Action SEND = Actions.send("welcome");

  private static void assertRefused(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Test
  void storeQueries_refuseALimitBelowOne_andTakeOne() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    assertRefused("limit must be positive", () -> store.dueBy(T0, 0));
    assertRefused("limit must be positive", () -> store.loadDue(T0, 0));
    assertRefused("limit must be positive", () -> store.claimPending(T0, T0, 0));
    assertRefused("limit must be positive", () -> store.pending(0));
    assertRefused("limit must be positive", () -> store.parked(0));
    assertEquals(ImmutableList.of(), store.dueBy(T0, 1));
    assertEquals(ImmutableList.of(), store.loadDue(T0, 1));
    assertEquals(ImmutableList.of(), store.claimPending(T0, T0, 1));
    assertEquals(ImmutableList.of(), store.pending(1));
    assertEquals(ImmutableList.of(), store.parked(1));
  }

  @Test
  void keys_refuseBlankIdsAndNegativeIndexes_andPrintAsPaths() {
    assertRefused("funnel id is blank", () -> new EffectKey(" ", "l", "e", 0));
    assertRefused("lead id is blank", () -> new EffectKey("f", " ", "e", 0));
    assertRefused("event id is blank", () -> new EffectKey("f", "l", " ", 0));
    assertRefused("effect index is negative", () -> new EffectKey("f", "l", "e", -1));
    assertRefused("funnel id is blank", () -> new LeadKey(" ", "l"));
    assertRefused("lead id is blank", () -> new LeadKey("f", " "));
    assertEquals("f/l/e#2", new EffectKey("f", "l", "e", 2).toString());
    assertEquals("f/l", new LeadKey("f", "l").toString());
    assertEquals(new LeadKey("f", "l"), new EffectKey("f", "l", "e", 0).leadKey());
  }

  @Test
  void outboxEntriesAndDeliveries_refuseImpossibleAttemptCounts() {
    EffectKey key = new EffectKey("f", "l", "e", 0);
    assertRefused(
        "attempts of entry 'f/l/e#0' are negative", () -> new OutboxEntry(key, SEND, T0, -1, T0));
    assertEquals(0, new OutboxEntry(key, SEND, T0, 0, T0).attempts());
    Lead lead = FunnelRuntimeTest.shop().enter("l", "ads", T0).lead();
    assertRefused("attempt must be positive", () -> new Delivery(key, SEND, T0, lead, 0));
    assertEquals(1, new Delivery(key, SEND, T0, lead, 1).attempt());
  }

  @Test
  void ownerPools_refuseBlankIdsMissingOrRepeatedOwners_andRulesThatNameNoOne() {
    assertRefused("owner pool id is blank", () -> OwnerPool.roundRobin(" ", ImmutableList.of("a")));
    assertRefused("owner pool id is blank", () -> OwnerPool.byRule(" ", l -> "a"));
    assertRefused(
        "owner pool 'team' has no owners", () -> OwnerPool.leastLoaded("team", ImmutableList.of()));
    assertRefused(
        "owner pool 'team' lists an owner twice",
        () -> OwnerPool.roundRobin("team", ImmutableList.of("a", "a")));
    assertRefused(
        "owner pool 'team' has a blank owner id",
        () -> OwnerPool.roundRobin("team", ImmutableList.of("a", " ")));
    Lead lead = FunnelRuntimeTest.shop().enter("l", "ads", T0).lead();
    OwnerPool blank = OwnerPool.byRule("team", l -> " ");
    assertRefused(
        "owner pool 'team' rule returned no owner for lead 'l'", () -> blank.pick(lead, o -> 0));
    assertEquals("anna", OwnerPool.byRule("team", l -> "anna").pick(lead, o -> 0));
    assertEquals(
        "OwnerPool{id=team, strategy=ROUND_ROBIN, owners=2}",
        OwnerPool.roundRobin("team", ImmutableList.of("a", "b")).toString());
  }

  @Test
  void builder_refusesALeaseThatIsNotPositive_andTakesTheLongestRetention() {
    FunnelRuntimeBuilder b = FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()));
    assertRefused("lease must be positive", () -> b.lease(Duration.ZERO));
    assertRefused("lease must be positive", () -> b.lease(Duration.ofSeconds(-1)));
    b.eventRetention(FunnelRuntime.MAX_EVENT_RETENTION);
    assertRefused(
        "event retention PT876601H is above the maximum of PT876600H",
        () ->
            FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
                .eventRetention(FunnelRuntime.MAX_EVENT_RETENTION.plusHours(1)));
    InMemoryContactBook book = new InMemoryContactBook();
    b.contacts(book);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.contacts(new InMemoryContactBook()));
    assertEquals("contact book was already set to InMemoryContactBook{people=0}", e.getMessage());
  }

  @Test
  void runtime_refusesABlankOwnerAndAnUnsubscribeNamingNoChannel() {
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .build();
    runtime.enter("shop", "l", "ads", T0);
    assertRefused(
        "owner is blank",
        () -> runtime.reassign("shop", "l", " ", Event.of("e1", Funnel.REASSIGNED, T0)));
    assertRefused(
        "event 'e2' of type 'unsubscribed' lacks its 'channel'",
        () -> runtime.handle("shop", "l", Event.of("e2", FunnelRuntime.UNSUBSCRIBED, T0)));
    assertEquals(
        "FunnelRuntime{catalog=" + runtime.catalog() + ", store=" + runtime.store() + "}",
        runtime.toString());
  }

  @Test
  void contactBook_saysWhetherItForgotAnyone() {
    InMemoryContactBook book = new InMemoryContactBook();
    assertFalse(book.erase("p1"));
    Consent.withdraw(book, "p1", "email", Purpose.MARKETING, T0);
    assertEquals("InMemoryContactBook{people=1}", book.toString());
    assertTrue(book.erase("p1"));
    assertFalse(book.erase("p1"));
    assertEquals("InMemoryContactBook{people=0}", book.toString());
  }
}
