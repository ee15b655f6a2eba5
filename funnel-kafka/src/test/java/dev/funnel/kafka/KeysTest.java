package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

final class KeysTest {
  private static final List<String> IDS =
      List.of("shop", "lead-1", "a b", "x", "ü-straße", "日本", "q\"uote", "back\\slash", "~1/0");

  /** The compact key as Jackson's generator writes it, the form the keys are defined by. */
  private static String generated(String... parts) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (String p : parts) {
        g.writeString(p);
      }
      g.writeEndArray();
    }
    return out.toString();
  }

  @Test
  void lead_writesWhatTheGeneratorWrites_andReadsBack() throws Exception {
    for (String funnel : IDS) {
      for (String lead : IDS) {
        String key = Keys.lead(funnel, lead);
        assertThat(key).isEqualTo(generated(funnel, lead));
        assertThat(Keys.readLead(key.getBytes(UTF_8))).isEqualTo(new LeadKey(funnel, lead));
      }
    }
  }

  @Test
  void effect_writesWhatTheGeneratorWrites() throws Exception {
    EffectKey k = new EffectKey("shop", "lead-1", "evt-1", 3);
    assertThat(Keys.effect(k)).isEqualTo(generated("shop", "lead-1", "evt-1").replace("]", ",3]"));
    assertThat(Keys.readEffect(Keys.effect(k).getBytes(UTF_8))).isEqualTo(k);
  }

  @Test
  void readLead_otherSpellingsAndBadIds_areRefusedWithTheirPointer() {
    assertBad(
        "[\"shop\", \"lead-1\"]", "", "the key is not in compact form, which partitions leads");
    assertBad("[\"shop\",\"lead-1\",\"x\"]", "/2", "the key has more than funnel id and lead id");
    assertBad("[\"shop\",\" lead-1\"]", "/1", "the id is blank or has surrounding whitespace");
    assertBad("[\"\",\"lead-1\"]", "/0", "the id is blank or has surrounding whitespace");
    assertBad(
        "[\"sh\\u006fp\",\"lead-1\"]",
        "",
        "the key is not in compact form, which partitions leads");
    assertBad("[\"shop\"]", "/1", "the key lacks a string here");
    assertBad("[\"shop\",\"lead-1\"", "", "the key is not well-formed JSON");
  }

  private static void assertBad(String key, String pointer, String reason) {
    assertThatThrownBy(() -> Keys.readLead(key.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            Keys.BadKey.class,
            e -> {
              assertThat(e.pointer()).as(key).isEqualTo(pointer);
              assertThat(e.reason()).as(key).isEqualTo(reason);
            });
  }
}
