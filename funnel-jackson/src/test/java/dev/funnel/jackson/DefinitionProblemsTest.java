package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Problem;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class DefinitionProblemsTest {

  private static List<String> located(FunnelFormatException e) {
    return e.problems().stream()
        .map(p -> p.problem().code() + " " + p.pointer() + " " + p.line())
        .collect(Collectors.toList());
  }

  @Test
  void read_invalidDefinition_reportsEveryProblemWhereItIs() {
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readDefinition(Resources.text("broken.yaml"), Syntax.YAML));

    assertEquals(Code.INVALID_DEFINITION, e.code());
    assertEquals(
        List.of(
            "DUPLICATE_ID /stages/2 6",
            "UNKNOWN_STAGE /transitions/1/to 13",
            "UNKNOWN_OFFER /transitions/2/guard/not 14",
            "TRANSITION_FROM_TERMINAL /transitions/3/from/0 15",
            "INVALID_ACTION /transitions/4/actions/1 19",
            "UNKNOWN_STAGE /timers/0/stage 21",
            "INVALID_OFFER /offers/0 10",
            "UNREACHABLE_STAGE /stages/3 7",
            "NO_WAY_OUT /stages/3 7"),
        located(e));
    assertEquals("/stages/2", e.pointer());
    assertEquals(6, e.line());
  }

  @Test
  void read_repeatedIdsAndAmbiguity_areLocatedAtTheRepeat() {
    String json =
        """
        {"format": 1, "id": "b2",
        "stages": [{"id": "a", "entry": true}, {"id": "b", "kind": "lost"}],
        "offers": [
        {"id": "o", "tier": "tripwire", "price": {"amount": "5", "currency": "EUR"}},
        {"id": "o", "tier": "core-product", "price": {"amount": "4", "currency": "EUR"}}],
        "transitions": [
        {"event": "e", "from": ["a"], "to": "b"},
        {"event": "e", "fromAny": true, "to": "b"}],
        "timers": [
        {"stage": "a", "after": "P1D", "event": "e"},
        {"stage": "a", "after": "PT24H", "event": "e"}]}""";

    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class, () -> FunnelFormat.readDefinition(json, Syntax.JSON));

    assertEquals(
        List.of(
            "DUPLICATE_ID /offers/1 5",
            "DUPLICATE_ID /timers/1 11",
            "INVALID_OFFER /offers/0 4",
            "AMBIGUOUS_TRANSITIONS /transitions/1 8"),
        located(e));
  }

  @Test
  void read_invalidDefinition_keepsTheProblemsButEchoesNoIds() {
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> FunnelFormat.readDefinition(Resources.text("broken.yaml"), Syntax.YAML));
    String message = String.valueOf(e.getMessage());

    assertInstanceOf(IllegalArgumentException.class, e);
    assertFalse(message.contains("ghost"), message);
    assertFalse(message.contains("nowhere"), message);
    Problem first = e.problems().get(0).problem();
    assertEquals(List.of("visitor"), first.ids());
  }
}
