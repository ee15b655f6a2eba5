package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

/** The exception's message lists the first 20 problems and says how many more there are. */
final class FunnelDefinitionExceptionTest {

  private static ImmutableList<Problem> problems(int n) {
    ImmutableList.Builder<Problem> out = ImmutableList.builder();
    for (int i = 0; i < n; i++) {
      out.add(
          new Problem(
              Problem.Code.UNREACHABLE_STAGE,
              ImmutableList.of("s" + i),
              "stage 's" + i + "' cannot be reached from any entry stage",
              "add a transition into it or remove it"));
    }
    return out.build();
  }

  @Test
  void message_twentyProblems_listsAllWithoutSayingMore() {
    String message = String.valueOf(new FunnelDefinitionException("f", problems(20)).getMessage());
    assertTrue(message.startsWith("funnel 'f' has 20 problems\n  UNREACHABLE_STAGE: "), message);
    assertTrue(
        message.endsWith(
            "stage 's19' cannot be reached from any entry stage; "
                + "add a transition into it or remove it"),
        message);
    assertEquals(21, message.lines().count());
  }

  @Test
  void message_moreThanTwentyProblems_listsTwentyAndCountsTheRest() {
    FunnelDefinitionException e = new FunnelDefinitionException("f", problems(23));
    String message = String.valueOf(e.getMessage());
    assertEquals(22, message.lines().count());
    assertTrue(message.endsWith("\n  and 3 more"), message);
    assertEquals(23, e.problems().size());
  }
}
