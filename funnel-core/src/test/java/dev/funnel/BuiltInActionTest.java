package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class BuiltInActionTest {
  private static final ImmutableList<Action> MADE =
      ImmutableList.of(
          Actions.send("welcome-1"),
          Actions.send("welcome-1", "email"),
          Actions.assign("anna"),
          Actions.assignFrom("sales"),
          Actions.set("score", 3),
          Actions.remove("score"),
          Actions.segment("riders"),
          Actions.present("rider-gear"),
          Actions.handOff("gear", "engaged"));

  @Test
  void named_eachDeclaration_isFoundByItsName() {
    for (BuiltInAction a : BuiltInAction.values()) {
      assertEquals(Optional.of(a), BuiltInAction.named(a.actionName()));
    }
    assertEquals(Optional.empty(), BuiltInAction.named("count"));
  }

  @Test
  void actions_madeByTheFactories_takeOnlyDeclaredParametersAndHaveTheRequiredOnes() {
    for (Action a : MADE) {
      BuiltInAction kind = a.builtIn().orElseThrow();
      assertTrue(kind.params().containsAll(a.params().keySet()), a.toString());
      assertTrue(a.params().keySet().containsAll(kind.required(a)), a.toString());
    }
    assertEquals(
        ImmutableSet.copyOf(BuiltInAction.values()),
        MADE.stream().map(a -> a.builtIn().orElseThrow()).collect(ImmutableSet.toImmutableSet()));
  }

  @Test
  void declarations_sayWhatChangesTheProfileNeedsAHandlerOrIsTheRuntimes() {
    assertEquals(
        "assign,set,remove,segment",
        names(Stream.of(BuiltInAction.values()).filter(BuiltInAction::changesProfile)));
    assertEquals(
        "send,present",
        names(Stream.of(BuiltInAction.values()).filter(BuiltInAction::needsHandler)));
    assertEquals(
        "assign,hand-off",
        MADE.stream()
            .filter(Action::isCarriedOutByRuntime)
            .map(Action::name)
            .collect(Collectors.joining(",")));
    assertTrue(Actions.assignFrom("sales").isCarriedOutByRuntime());
    assertFalse(Actions.assign("anna").isCarriedOutByRuntime());
    assertEquals(ImmutableList.of("pool"), BuiltInAction.ASSIGN.required(Actions.assignFrom("x")));
    assertEquals(ImmutableList.of("owner"), BuiltInAction.ASSIGN.required(Actions.assign("x")));
  }

  @Test
  void customAction_needsAHandlerAndIsNotTheRuntimes() {
    Action custom = Actions.custom("count");
    assertFalse(custom.isBuiltIn());
    assertTrue(custom.needsHandler());
    assertFalse(custom.isCarriedOutByRuntime());
    assertEquals(Optional.empty(), custom.builtIn());
  }

  @Test
  void isScalar_onlyTheValueOfSet() {
    for (BuiltInAction a : BuiltInAction.values()) {
      for (String p : a.params()) {
        assertEquals(a == BuiltInAction.SET && p.equals("value"), a.isScalar(p), a + "." + p);
      }
    }
  }

  private static String names(Stream<BuiltInAction> actions) {
    return actions.map(BuiltInAction::actionName).collect(Collectors.joining(","));
  }
}
