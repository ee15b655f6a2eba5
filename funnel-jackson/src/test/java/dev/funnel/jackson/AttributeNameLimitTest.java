package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Lead;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The core's longest attribute name is the format's longest property name. */
final class AttributeNameLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String LONGEST = "a".repeat(Lead.MAX_ATTRIBUTE_NAME_LENGTH);

  private static Lead withLongestAttributeName() {
    return Lead.builder("lead-1", "shop")
        .stage("visitor", T0)
        .channel("ads")
        .attribute(LONGEST, "x")
        .build();
  }

  @ParameterizedTest
  @EnumSource(Syntax.class)
  void writeLead_longestAttributeName_readsBack(Syntax syntax) {
    Lead lead = withLongestAttributeName();
    Lead read = FunnelFormat.readLead(FunnelFormat.writeLead(lead, syntax), syntax);
    assertEquals(ImmutableMap.of(LONGEST, "x"), read.attributes());
    assertEquals(lead, read);
  }

  @ParameterizedTest
  @EnumSource(Syntax.class)
  void readLead_attributeNameOneOverTheCoresLimit_isRefusedAsTooLong(Syntax syntax) {
    Lead lead = withLongestAttributeName();
    String tooLong = FunnelFormat.writeLead(lead, syntax).replace(LONGEST, LONGEST + "b");
    FunnelFormatException e =
        assertThrows(FunnelFormatException.class, () -> FunnelFormat.readLead(tooLong, syntax));
    assertEquals(Code.TOO_LONG, e.code());
  }
}
