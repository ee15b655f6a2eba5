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

  @ParameterizedTest
  @EnumSource(Syntax.class)
  void writeLead_longestAttributeName_readsBack(Syntax syntax) {
    String longest = "a".repeat(Lead.MAX_ATTRIBUTE_NAME_LENGTH);
    Lead lead =
        Lead.builder("lead-1", "shop")
            .stage("visitor", T0)
            .channel("ads")
            .attribute(longest, "x")
            .build();
    Lead read = FunnelFormat.readLead(FunnelFormat.writeLead(lead, syntax), syntax);
    assertEquals(ImmutableMap.of(longest, "x"), read.attributes());
    assertEquals(lead, read);
  }

  @ParameterizedTest
  @EnumSource(Syntax.class)
  void readLead_attributeNameOneOverTheCoresLimit_isRefusedAsTooLong(Syntax syntax) {
    String longest = "a".repeat(Lead.MAX_ATTRIBUTE_NAME_LENGTH);
    Lead lead =
        Lead.builder("lead-1", "shop")
            .stage("visitor", T0)
            .channel("ads")
            .attribute(longest, "x")
            .build();
    String tooLong = FunnelFormat.writeLead(lead, syntax).replace(longest, longest + "b");
    FunnelFormatException e =
        assertThrows(FunnelFormatException.class, () -> FunnelFormat.readLead(tooLong, syntax));
    assertEquals(Code.TOO_LONG, e.code());
  }
}
