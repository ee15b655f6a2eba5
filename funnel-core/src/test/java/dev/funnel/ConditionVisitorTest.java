package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ConditionVisitorTest {
  /** Names the method each condition was visited by. */
  private static final Condition.Visitor<String> KIND =
      new Condition.Visitor<>() {
        @Override
        public String always(Condition.Always c) {
          return "always";
        }

        @Override
        public String attribute(Condition.Attribute c) {
          return "attribute";
        }

        @Override
        public String channelIs(Condition.ChannelIs c) {
          return "channelIs";
        }

        @Override
        public String ownerIs(Condition.OwnerIs c) {
          return "ownerIs";
        }

        @Override
        public String inSegment(Condition.InSegment c) {
          return "inSegment";
        }

        @Override
        public String bought(Condition.Bought c) {
          return "bought";
        }

        @Override
        public String offerIs(Condition.OfferIs c) {
          return "offerIs";
        }

        @Override
        public String timeInStage(Condition.TimeInStage c) {
          return "timeInStage";
        }

        @Override
        public String all(Condition.All c) {
          return "all";
        }

        @Override
        public String any(Condition.Any c) {
          return "any";
        }

        @Override
        public String not(Condition.Not c) {
          return "not";
        }

        @Override
        public String custom(Condition.Custom c) {
          return "custom";
        }
      };

  @Test
  void accept_eachKind_callsItsOwnMethod() {
    ImmutableList<Condition> all =
        ImmutableList.of(
            Conditions.always(),
            Conditions.attr("score").gt(1),
            Conditions.channel("ads"),
            Conditions.owner("anna"),
            Conditions.inSegment("riders"),
            Conditions.bought("board"),
            Conditions.offer("board"),
            Conditions.timeInStage(Duration.ofDays(1)),
            Conditions.all(Conditions.channel("ads"), Conditions.owner("anna")),
            Conditions.any(Conditions.channel("ads"), Conditions.owner("anna")),
            Conditions.not(Conditions.channel("ads")),
            Conditions.custom("vip"));
    StringBuilder kinds = new StringBuilder();
    for (Condition c : all) {
      kinds.append(c.accept(KIND)).append(' ');
    }
    assertEquals(
        "always attribute channelIs ownerIs inSegment bought offerIs timeInStage all any not custom ",
        kinds.toString());
    assertEquals(Condition.class.getPermittedSubclasses().length, all.size());
  }

  @Test
  void mentions_walkTheWholeTree_inOrder() {
    Condition guard =
        Conditions.all(
            Conditions.bought("board"),
            Conditions.any(Conditions.custom("vip"), Conditions.not(Conditions.offer("gear"))),
            Conditions.custom("late"));
    Mentions m = Mentions.of(guard);
    assertEquals(ImmutableList.of("board", "gear"), m.offers());
    assertEquals(ImmutableList.of("vip", "late"), m.customGuards());
  }
}
