package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attribute names, and the names of actions' parameters, are at most {@link
 * Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters, everywhere: the longest name the funnel format reads.
 */
final class AttributeNameLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int N = Lead.MAX_ATTRIBUTE_NAME_LENGTH;
  private static final String LONGEST = "a".repeat(N);
  private static final String TOO_LONG = "b".repeat(N + 1);

  private static void assertRefused(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    assertEquals("attribute name is longer than 256 characters", message);
    assertFalse(message.contains(TOO_LONG));
  }

  private static FunnelBuilder shop(Action action) {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .on("paid")
        .from("visitor")
        .to("buyer")
        .then(action);
  }

  @Test
  void limit_isTheFormatsLongestPropertyName() {
    assertEquals(256, N);
  }

  @Test
  void leadBuilder_nameOfTheLimit_isKept() {
    Lead lead =
        Lead.builder("lead-1", "shop")
            .stage("visitor", T0)
            .channel("ads")
            .attribute(LONGEST, 1)
            .build();
    assertEquals(ImmutableMap.of(LONGEST, 1L), lead.attributes());
  }

  @Test
  void leadBuilder_nameOneOverTheLimit_isRefusedWithTheLimit() {
    Lead.Builder b = Lead.builder("lead-1", "shop");
    assertRefused(assertThrows(IllegalArgumentException.class, () -> b.attribute(TOO_LONG, 1)));
    assertRefused(
        assertThrows(
            IllegalArgumentException.class, () -> b.attributes(ImmutableMap.of(TOO_LONG, "x"))));
  }

  @Test
  void entry_nameOfTheLimit_isKept() {
    Funnel shop = shop(Actions.segment("paid")).build();
    Outcome o = shop.newLead("lead-1", "ads").attribute(LONGEST, "x").enter(T0);
    assertEquals(ImmutableMap.of(LONGEST, "x"), o.lead().attributes());
  }

  @Test
  void entry_nameOneOverTheLimit_isRefusedWithTheLimit() {
    Funnel.Entry entry = shop(Actions.segment("paid")).build().newLead("lead-1", "ads");
    assertRefused(
        assertThrows(IllegalArgumentException.class, () -> entry.attribute(TOO_LONG, "x")));
  }

  @Test
  void setAndRemove_nameOfTheLimit_areMade() {
    assertEquals(LONGEST, Actions.set(LONGEST, 1).param("attribute").orElseThrow());
    assertEquals(LONGEST, Actions.remove(LONGEST).param("attribute").orElseThrow());
  }

  @Test
  void setAndRemove_nameOneOverTheLimit_areRefusedWithTheLimit() {
    assertRefused(assertThrows(IllegalArgumentException.class, () -> Actions.set(TOO_LONG, 1)));
    assertRefused(assertThrows(IllegalArgumentException.class, () -> Actions.remove(TOO_LONG)));
  }

  @Test
  void definition_setActionOfTheLimit_isValid() {
    Action set = new Action(Actions.SET, ImmutableMap.of("attribute", LONGEST, "value", 1));
    assertEquals(ImmutableList.of(), shop(set).problems());
  }

  @Test
  void definition_setOrRemoveActionOneOverTheLimit_isReported() {
    for (Action a :
        ImmutableList.of(
            new Action(Actions.SET, ImmutableMap.of("attribute", TOO_LONG, "value", 1)),
            new Action(Actions.REMOVE, ImmutableMap.of("attribute", TOO_LONG)))) {
      FunnelDefinitionException e =
          assertThrows(FunnelDefinitionException.class, () -> shop(a).build());
      assertEquals(1, e.problems().size(), e.getMessage());
      Problem p = e.problems().get(0);
      assertEquals(Problem.Code.INVALID_ACTION, p.code());
      assertEquals(ImmutableList.of(a.name(), "paid"), p.ids());
      assertTrue(p.message().contains("longer than 256 characters"), p.message());
      assertFalse(p.message().contains(TOO_LONG));
    }
  }

  @Test
  void definition_experimentWhoseArmAttributeIsOfTheLimit_isValid() {
    String id = "e".repeat(N - Experiment.ATTRIBUTE_PREFIX.length());
    Funnel shop =
        shop(Actions.segment("paid"))
            .experiment(
                Experiment.of(id, "salt", Experiment.Arm.of("a", 1), Experiment.Arm.of("b", 1)))
            .build();
    Lead lead = shop.enter("lead-1", "ads", T0).lead();
    assertTrue(lead.attributes().containsKey(Experiment.ATTRIBUTE_PREFIX + id));
  }

  @Test
  void definition_experimentWhoseArmAttributeIsOneOverTheLimit_isReported() {
    String id = "e".repeat(N - Experiment.ATTRIBUTE_PREFIX.length() + 1);
    FunnelDefinitionException e =
        assertThrows(
            FunnelDefinitionException.class,
            () ->
                shop(Actions.segment("paid"))
                    .experiment(
                        Experiment.of(
                            id, "salt", Experiment.Arm.of("a", 1), Experiment.Arm.of("b", 1)))
                    .build());
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(Problem.Code.INVALID_EXPERIMENT, e.problems().get(0).code());
    assertEquals(ImmutableList.of(id), e.problems().get(0).ids());
  }

  @Test
  void actionParameter_nameOfTheLimit_isKept() {
    Action a = Actions.custom("offer", ImmutableMap.of(LONGEST, "x"));
    assertEquals(ImmutableMap.of(LONGEST, "x"), a.params());
  }

  @Test
  void actionParameter_nameOneOverTheLimit_isRefusedWithTheLimit() {
    for (Map<String, Object> params :
        ImmutableList.<Map<String, Object>>of(
            ImmutableMap.of(TOO_LONG, "x"), new HashMap<>(ImmutableMap.of(TOO_LONG, 1)))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Actions.custom("offer", params));
      assertEquals("action parameter name is longer than 256 characters", e.getMessage());
    }
  }

  @Test
  void payload_nameOfTheLimit_isKept() {
    Event e = Event.builder("e-1", "paid", T0).payload(LONGEST, 1).build();
    assertEquals(ImmutableMap.of(LONGEST, 1L), e.payload());
  }

  @Test
  void payload_nameOneOverTheLimit_isRefusedWithTheLimit() {
    Event.Builder b = Event.builder("e-1", "paid", T0);
    for (Runnable given :
        ImmutableList.<Runnable>of(
            () -> b.payload(TOO_LONG, 1), () -> b.payload(ImmutableMap.of(TOO_LONG, "x")))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, given::run);
      assertEquals("payload name is longer than 256 characters", e.getMessage());
    }
  }
}
