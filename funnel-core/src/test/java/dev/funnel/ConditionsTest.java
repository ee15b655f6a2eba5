package dev.funnel;

import static dev.funnel.Conditions.all;
import static dev.funnel.Conditions.any;
import static dev.funnel.Conditions.attr;
import static dev.funnel.Conditions.not;
import static dev.funnel.Conditions.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Guards, each evaluated the way the funnel does: by firing a guarded transition. */
final class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Money PRICE = Money.of("9.90", "EUR");

  /** "go" moves start to end when the guard holds; "buy" records purchases without moving. */
  private static Funnel guarded(Condition guard) {
    return Funnel.builder("guards")
        .stage("start")
        .entry()
        .stage("end")
        .won()
        .offer(Offer.tripwire("mini-set", PRICE))
        .on("buy")
        .from("start")
        .on("go")
        .from("start")
        .to("end")
        .when(guard)
        .build();
  }

  /** Fires "go" and tells whether the guard let it through; a refusal must be the guard's. */
  private static boolean accepts(Funnel f, Lead lead, Event event) {
    Outcome out = f.fire(lead, event);
    if (out.isRefused()) {
      assertEquals(Optional.of(Outcome.Refusal.GUARD_REJECTED), out.refusal());
      return false;
    }
    assertEquals("end", out.lead().stage());
    return true;
  }

  private static boolean holds(Condition guard, Map<String, ?> attributes) {
    Funnel f = guarded(guard);
    Lead lead = f.newLead("lead-1", "google-ads").attributes(attributes).enter(T0).lead();
    return accepts(f, lead, Event.of("go-1", "go", T0.plus(HOUR)));
  }

  private static boolean holds(Condition guard) {
    return holds(guard, ImmutableMap.of());
  }

  private static boolean holdsForPayload(Condition guard, Map<String, ?> payload) {
    Funnel f = guarded(guard);
    Lead lead = f.enter("lead-1", "google-ads", T0).lead();
    return accepts(f, lead, Event.builder("go-1", "go", T0.plus(HOUR)).payload(payload).build());
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  @Test
  void eq_sameString_holds() {
    assertTrue(holds(attr("country").eq("DE"), ImmutableMap.of("country", "DE")));
    assertFalse(holds(attr("country").eq("DE"), ImmutableMap.of("country", "AT")));
  }

  @Test
  void eq_missingAttribute_doesNotHold() {
    assertFalse(holds(attr("country").eq("DE")));
  }

  @Test
  void eq_boolean_holds() {
    assertTrue(holds(attr("vip").eq(true), ImmutableMap.of("vip", true)));
    assertFalse(holds(attr("vip").eq(true), ImmutableMap.of("vip", false)));
    assertFalse(holds(attr("vip").eq(true), ImmutableMap.of("vip", "true")));
  }

  @Test
  void eq_numbers_compareNumericallyAcrossTypes() {
    List<Object> fives =
        List.of(
            5,
            5L,
            (short) 5,
            BigInteger.valueOf(5),
            new BigDecimal("5"),
            new BigDecimal("5.0"),
            new BigDecimal("5.00"),
            5.0d);
    for (Object attribute : fives) {
      for (Object operand : fives) {
        assertTrue(
            holds(attr("n").eq(operand), ImmutableMap.of("n", attribute)),
            attribute.getClass().getSimpleName() + " vs " + operand.getClass().getSimpleName());
      }
    }
    assertFalse(holds(attr("n").eq(new BigDecimal("5.01")), ImmutableMap.of("n", 5)));
    assertFalse(holds(attr("n").eq("5"), ImmutableMap.of("n", 5)));
  }

  @Test
  void in_oneOfTheOperands_holds() {
    Condition dach = attr("country").in("DE", "AT", "CH");

    assertTrue(holds(dach, ImmutableMap.of("country", "AT")));
    assertFalse(holds(dach, ImmutableMap.of("country", "FR")));
    assertFalse(holds(dach));
  }

  @Test
  void in_numbers_compareNumerically() {
    Condition oneOf = attr("n").in(1, new BigDecimal("2.50"), 3L);

    assertTrue(holds(oneOf, Map.of("n", new BigDecimal("2.5"))));
    assertTrue(holds(attr("n").in(1, 3L), Map.of("n", new BigDecimal("3.000"))));
    assertFalse(holds(attr("n").in(1, 3L), Map.of("n", 2)));
  }

  @Test
  void in_noOperands_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> attr("country").in());
  }

  @Test
  void gtGeLtLe_compareNumericallyAcrossTypes() {
    Map<String, Object> ten = ImmutableMap.of("n", 10);

    assertTrue(holds(attr("n").gt(new BigDecimal("9.99")), ten));
    assertFalse(holds(attr("n").gt(10L), ten));
    assertTrue(holds(attr("n").ge(10), ten));
    assertTrue(holds(attr("n").ge(new BigDecimal("10.00")), ten));
    assertFalse(holds(attr("n").ge(new BigDecimal("10.01")), ten));
    assertTrue(holds(attr("n").lt(new BigDecimal("10.01")), ten));
    assertFalse(holds(attr("n").lt(10), ten));
    assertTrue(holds(attr("n").le(10L), ten));
    assertFalse(holds(attr("n").le(new BigDecimal("9.999")), ten));
  }

  @Test
  void gt_decimalAttribute_comparesWithWholeOperand() {
    assertTrue(holds(attr("total").gt(99), ImmutableMap.of("total", new BigDecimal("99.01"))));
    assertFalse(holds(attr("total").gt(99), ImmutableMap.of("total", new BigDecimal("98.99"))));
  }

  @Test
  void gt_largeNumbers_compareExactly() {
    BigDecimal huge = new BigDecimal("1e30");

    assertTrue(holds(attr("n").gt(Long.MAX_VALUE), ImmutableMap.of("n", huge)));
    assertTrue(holds(attr("n").lt(huge), ImmutableMap.of("n", Long.MAX_VALUE)));
  }

  @Test
  void comparison_onNonNumberOrMissingAttribute_doesNotHold() {
    assertFalse(holds(attr("n").gt(0), ImmutableMap.of("n", "lots")));
    assertFalse(holds(attr("n").le(0), ImmutableMap.of("n", true)));
    assertFalse(holds(attr("n").lt(0)));
  }

  @Test
  void exists_presentAttribute_holds() {
    assertTrue(holds(attr("email").exists(), ImmutableMap.of("email", "someone")));
    assertTrue(holds(attr("flag").exists(), ImmutableMap.of("flag", false)));
    assertFalse(holds(attr("email").exists()));
  }

  @Test
  void attribute_unsupportedOperand_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> attr("n").eq(List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> attr(" "));
  }

  @Test
  void attribute_equalOperandsOfDifferentTypes_giveEqualConditions() {
    assertEquals(attr("n").eq(5), attr("n").eq(5L));
    assertEquals(attr("n").gt((short) 5), attr("n").gt(BigInteger.valueOf(5)));
  }

  @Test
  void attribute_wholeOrTrailingZeroDecimalOperands_giveEqualConditions() {
    assertEquals(attr("n").eq(5), attr("n").eq(new BigDecimal("5.0")));
    assertEquals(attr("n").eq(5), attr("n").eq(5.0d));
    assertEquals(attr("n").gt(new BigDecimal("99.5")), attr("n").gt(new BigDecimal("99.50")));
  }

  // ---------------------------------------------------------------------------------------------
  // Payload

  @Test
  void payload_readsTheEventNotTheLead() {
    Condition bigOrder = payload("total").gt(100);
    Funnel f = guarded(bigOrder);
    Lead rich = f.newLead("lead-1", "ads").attribute("total", 500).enter(T0).lead();

    assertFalse(accepts(f, rich, Event.of("go-1", "go", T0)));
    assertTrue(holdsForPayload(bigOrder, ImmutableMap.of("total", new BigDecimal("100.50"))));
    assertFalse(holdsForPayload(bigOrder, ImmutableMap.of("total", 100)));
  }

  @Test
  void payload_eqInExists_work() {
    assertTrue(holdsForPayload(payload("method").eq("card"), ImmutableMap.of("method", "card")));
    assertTrue(
        holdsForPayload(
            payload("method").in("card", "paypal"), ImmutableMap.of("method", "paypal")));
    assertTrue(holdsForPayload(payload("coupon").exists(), ImmutableMap.of("coupon", "X1")));
    assertFalse(holdsForPayload(payload("coupon").exists(), ImmutableMap.of()));
    assertTrue(holdsForPayload(payload("qty").ge(2), ImmutableMap.of("qty", 2L)));
    assertTrue(
        holdsForPayload(payload("qty").le(new BigDecimal("2.0")), ImmutableMap.of("qty", 2)));
    assertFalse(holdsForPayload(payload("qty").lt(2), ImmutableMap.of("qty", 2)));
  }

  // ---------------------------------------------------------------------------------------------
  // What is known about the lead

  @Test
  void channel_holdsForListedChannels() {
    assertTrue(holds(Conditions.channel("google-ads")));
    assertTrue(holds(Conditions.channel("facebook", "google-ads")));
    assertFalse(holds(Conditions.channel("facebook")));
  }

  @Test
  void owner_holdsForThatOwner() {
    Funnel f = guarded(Conditions.owner("anna"));
    Lead anna = f.newLead("l1", "ads").owner("anna").enter(T0).lead();
    Lead ben = f.newLead("l2", "ads").owner("ben").enter(T0).lead();
    Lead nobody = f.newLead("l3", "ads").enter(T0).lead();

    assertTrue(accepts(f, anna, Event.of("go-1", "go", T0)));
    assertFalse(accepts(f, ben, Event.of("go-1", "go", T0)));
    assertFalse(accepts(f, nobody, Event.of("go-1", "go", T0)));
  }

  @Test
  void inSegment_holdsForMembers() {
    Funnel f = guarded(Conditions.inSegment("rational"));
    Lead member = f.newLead("l1", "ads").segment("rational").enter(T0).lead();
    Lead other = f.newLead("l2", "ads").segment("impulsive").enter(T0).lead();

    assertTrue(accepts(f, member, Event.of("go-1", "go", T0)));
    assertFalse(accepts(f, other, Event.of("go-1", "go", T0)));
  }

  @Test
  void bought_holdsAfterAPurchaseOfThatOffer() {
    Funnel f = guarded(Conditions.bought("mini-set"));
    Lead lead = f.enter("l1", "ads", T0).lead();
    Lead buyer =
        f.fire(lead, Event.purchase("p1", T0).type("buy").offer("mini-set").amount(PRICE).build())
            .lead();
    Lead decliner =
        f.fire(lead, Event.builder("p1", "buy", T0).offer("mini-set").reason("no").build()).lead();

    assertFalse(accepts(f, lead, Event.of("go-1", "go", T0)));
    assertTrue(accepts(f, buyer, Event.of("go-1", "go", T0)));
    assertFalse(accepts(f, decliner, Event.of("go-1", "go", T0)));
  }

  @Test
  void timeInStage_holdsFromTheGivenDurationAtTheEventsTime() {
    Funnel f = guarded(Conditions.timeInStage(Duration.ofDays(2)));
    Lead lead = f.enter("l1", "ads", T0).lead();

    Instant justBefore = T0.plus(Duration.ofDays(2)).minusMillis(1);

    assertFalse(accepts(f, lead, Event.of("go-1", "go", justBefore)));
    assertTrue(accepts(f, lead, Event.of("go-1", "go", T0.plus(Duration.ofDays(2)))));
    assertTrue(accepts(f, lead, Event.of("go-1", "go", T0.plus(Duration.ofDays(3)))));
  }

  @Test
  void timeInStage_countsFromStageEntryNotFromLastStep() {
    Funnel f = guarded(Conditions.timeInStage(Duration.ofDays(2)));
    Lead lead = f.enter("l1", "ads", T0).lead();
    Lead busy = f.fire(lead, Event.of("b1", "buy", T0.plus(Duration.ofDays(1)))).lead();

    assertTrue(accepts(f, busy, Event.of("go-1", "go", T0.plus(Duration.ofDays(2)))));
  }

  @Test
  void timeInStage_negative_throwsIae() {
    assertThrows(
        IllegalArgumentException.class, () -> Conditions.timeInStage(Duration.ofSeconds(-1)));
  }

  // ---------------------------------------------------------------------------------------------
  // Combinations

  @Test
  void all_holdsWhenEveryConditionHolds() {
    Map<String, Object> de = ImmutableMap.of("country", "DE");

    assertTrue(holds(all(attr("country").eq("DE"), Conditions.channel("google-ads")), de));
    assertFalse(holds(all(attr("country").eq("DE"), Conditions.channel("facebook")), de));
    assertTrue(holds(all()));
  }

  @Test
  void any_holdsWhenOneConditionHolds() {
    Map<String, Object> de = ImmutableMap.of("country", "DE");

    assertTrue(holds(any(attr("country").eq("AT"), Conditions.channel("google-ads")), de));
    assertFalse(holds(any(attr("country").eq("AT"), Conditions.channel("facebook")), de));
    assertFalse(holds(any()));
  }

  @Test
  void not_negates() {
    assertTrue(holds(not(Conditions.channel("facebook"))));
    assertFalse(holds(not(Conditions.channel("google-ads"))));
    assertTrue(holds(not(not(Conditions.always()))));
  }

  @Test
  void always_holds() {
    assertTrue(holds(Conditions.always()));
    assertEquals(Condition.ALWAYS, Conditions.always());
  }

  @Test
  void nested_combinationsAreEvaluatedAsWritten() {
    Condition guard =
        all(
            attr("country").in("DE", "AT"),
            any(payload("total").gt(100), Conditions.inSegment("vip")),
            not(Conditions.bought("mini-set")));
    Funnel f = guarded(guard);
    Lead de = f.newLead("l1", "ads").attribute("country", "DE").enter(T0).lead();
    Lead vip = f.newLead("l2", "ads").attribute("country", "AT").segment("vip").enter(T0).lead();

    assertTrue(accepts(f, de, Event.builder("g", "go", T0).payload("total", 150).build()));
    assertFalse(accepts(f, de, Event.builder("g", "go", T0).payload("total", 50).build()));
    assertTrue(accepts(f, vip, Event.of("g", "go", T0)));
    Lead vipBuyer =
        f.fire(vip, Event.purchase("p", T0).type("buy").offer("mini-set").amount(PRICE).build())
            .lead();
    assertFalse(accepts(f, vipBuyer, Event.of("g", "go", T0)));
  }

  // ---------------------------------------------------------------------------------------------
  // Custom guards

  @Test
  void custom_boundPredicate_decidesWithLeadAndEvent() {
    Funnel f = guarded(Conditions.custom("is-business"));
    List<String> seen = new ArrayList<>();
    BiPredicate<Lead, Event> isBusiness =
        (lead, event) -> {
          seen.add(lead.id() + "/" + event.id());
          return lead.attribute("vat-id").isPresent();
        };
    Funnel bound = f.withGuards(ImmutableMap.of("is-business", isBusiness));
    Lead business = bound.newLead("l1", "ads").attribute("vat-id", "DE123").enter(T0).lead();
    Lead person = bound.newLead("l2", "ads").enter(T0).lead();

    assertTrue(accepts(bound, business, Event.of("g1", "go", T0)));
    assertFalse(accepts(bound, person, Event.of("g2", "go", T0)));
    assertEquals(List.of("l1/g1", "l2/g2"), seen);
  }

  @Test
  void withGuards_keepsTheDefinition() {
    Funnel f = guarded(Conditions.custom("is-business"));
    BiPredicate<Lead, Event> yes = (lead, event) -> true;

    Funnel bound = f.withGuards(ImmutableMap.of("is-business", yes, "unused", yes));

    assertEquals(f, bound);
    assertEquals(f.transitions(), bound.transitions());
    assertEquals(ImmutableSet.of("is-business"), bound.customGuards());
  }

  @Test
  void withGuards_missingName_throwsIae() {
    Funnel f = guarded(all(Conditions.custom("is-business"), not(Conditions.custom("blocked"))));
    BiPredicate<Lead, Event> yes = (lead, event) -> true;

    assertThrows(
        IllegalArgumentException.class, () -> f.withGuards(ImmutableMap.of("is-business", yes)));
    assertThrows(IllegalArgumentException.class, () -> f.withGuards(ImmutableMap.of()));
  }

  @Test
  void fire_unboundCustomGuardToBeDecided_throwsIse() {
    Funnel f = guarded(Conditions.custom("is-business"));
    Lead lead = f.enter("l1", "ads", T0).lead();

    assertThrows(IllegalStateException.class, () -> f.fire(lead, Event.of("g", "go", T0)));
    assertThrows(IllegalStateException.class, () -> f.canAccept(lead, Event.of("g", "go", T0)));
  }

  @Test
  void fire_unboundCustomGuardNotReached_isNotNeeded() {
    Funnel f = guarded(any(Conditions.channel("ads"), Conditions.custom("is-business")));
    Lead lead = f.enter("l1", "ads", T0).lead();

    assertTrue(accepts(f, lead, Event.of("g", "go", T0)));
    assertEquals(
        Optional.of(Outcome.Refusal.NO_TRANSITION),
        f.fire(lead, Event.of("g", "other", T0)).refusal());
  }

  @Test
  void customGuards_areFoundInsideCombinations() {
    Funnel f =
        guarded(any(all(Conditions.custom("a")), not(Conditions.custom("b")), attr("x").exists()));

    assertEquals(ImmutableSet.of("a", "b"), f.customGuards());
    assertEquals(ImmutableList.of(), guarded(Conditions.always()).customGuards().asList());
  }

  @Test
  void attribute_operandsNotFittingTheOperator_areRefusedNamingTheAttribute() {
    assertEquals(
        "exists on 'plan' takes no operand",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Condition.Attribute(
                        Condition.Scope.LEAD, "plan", Condition.Op.EXISTS, ImmutableList.of(1L)))
            .getMessage());
    assertEquals(
        "in on 'plan' needs at least one operand",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Condition.Attribute(
                        Condition.Scope.LEAD, "plan", Condition.Op.IN, ImmutableList.of()))
            .getMessage());
    assertEquals(
        "eq on 'plan' needs exactly one operand",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Condition.Attribute(
                        Condition.Scope.LEAD, "plan", Condition.Op.EQ, ImmutableList.of("a", "b")))
            .getMessage());
    assertEquals(
        "gt on 'plan' needs exactly one number",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Condition.Attribute(
                        Condition.Scope.LEAD, "plan", Condition.Op.GT, ImmutableList.of("a")))
            .getMessage());
  }

  @Test
  void channelWithoutChannels_andNegativeTimeInStage_areRefused() {
    assertEquals(
        "channel condition needs at least one channel",
        assertThrows(
                IllegalArgumentException.class, () -> new Condition.ChannelIs(ImmutableSet.of()))
            .getMessage());
    assertEquals(
        "time in stage must not be negative",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Condition.TimeInStage(Duration.ofSeconds(-1)))
            .getMessage());
  }
}
