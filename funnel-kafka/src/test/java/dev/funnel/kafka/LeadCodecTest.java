package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class LeadCodecTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private static final ImmutableList<String> IDS =
      ImmutableList.of(
          "a",
          "lead-1",
          "ü-straße",
          "日本",
          "\ud83d\ude00",
          "a b",
          "x".repeat(FunnelFormat.MAX_NAME_LENGTH));

  private static final ImmutableList<String> TEXTS =
      ImmutableList.of("", " padded ", "a\nb", "\u0000", "\u00e9\u0301", "{\"json\":1}", "日本");

  @Provide
  Arbitrary<Lead> leads() {
    return Arbitraries.randomValue(LeadCodecTest::lead);
  }

  private static String id(Random r, String prefix) {
    return r.nextInt(3) == 0 ? IDS.get(r.nextInt(IDS.size())) : prefix + "-" + r.nextInt(50);
  }

  private static Instant instant(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
      case 1 -> Instant.ofEpochSecond(-r.nextInt(2_000_000_000), r.nextInt(3) * 1000L);
      default -> T0.plusSeconds(r.nextInt(100_000_000));
    };
  }

  private static Object scalar(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> r.nextBoolean();
      case 1 -> r.nextLong();
      case 2 -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
      case 3 -> (long) r.nextInt(1000) - 500;
      case 4 -> BigDecimal.valueOf(r.nextInt(1_000_000) - 500_000, 1 + r.nextInt(6));
      case 5 -> new BigDecimal(r.nextBoolean() ? "1E+30" : "-123456789012345678901234567890.5");
      case 6 -> TEXTS.get(r.nextInt(TEXTS.size()));
      default -> id(r, "v");
    };
  }

  private static Money money(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> Money.of(BigDecimal.valueOf(r.nextInt(100_000) - 500, 2), "EUR");
      case 1 -> Money.of(BigDecimal.valueOf(r.nextInt(100_000)), "JPY");
      default -> Money.of(BigDecimal.valueOf(r.nextLong(), 3), "BHD");
    };
  }

  /** A lead with every field the funnel format writes drawn independently. */
  static Lead lead(Random r) {
    String stage = id(r, "stage");
    Instant entered = instant(r);
    Lead.Builder b =
        Lead.builder(id(r, "lead"), id(r, "funnel"))
            .funnelVersion(1 + r.nextInt(r.nextBoolean() ? 9 : Integer.MAX_VALUE - 1))
            .stage(stage, entered)
            .channel(id(r, "channel"))
            .version(r.nextBoolean() ? r.nextInt(1000) : Math.abs(r.nextLong() >>> 1));
    if (r.nextBoolean()) {
      b.updatedAt(entered.plusSeconds(r.nextInt(100_000)).plusNanos(r.nextInt(1000)));
    }
    if (r.nextBoolean()) {
      b.owner(id(r, "owner"));
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      attributes.put(id(r, "attr"), scalar(r));
    }
    b.attributes(attributes);
    for (int i = r.nextInt(4); i > 0; i--) {
      b.segment(id(r, "segment"));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.purchase(new Purchase(id(r, "offer"), money(r), instant(r), id(r, "evt")));
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      b.timer(
          new ScheduledTimer(
              stage, id(r, "event"), entered.plus(Duration.ofSeconds(1 + r.nextInt(1_000_000)))));
    }
    List<String> recent = new ArrayList<>();
    for (int i = r.nextInt(2 * Lead.RECENT_EVENT_IDS + 1); i > 0; i--) {
      recent.add("evt-" + i + (r.nextInt(4) == 0 ? "-" + id(r, "x") : ""));
    }
    b.recentEventIds(recent);
    if (r.nextBoolean()) {
      List<Instant> entries = new ArrayList<>();
      Instant t = instant(r);
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        entries.add(t);
        t = t.plusSeconds(r.nextInt(10_000));
      }
      b.entries(entries);
    }
    if (r.nextBoolean()) {
      int points = r.nextBoolean() ? r.nextInt(200) - 100 : r.nextInt();
      b.score(points == 0 ? 1 : points, instant(r));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.goalReached(id(r, "goal"));
    }
    return b.build();
  }

  private static Lead read(byte[] bytes) throws Binary.Corrupt {
    return LeadCodec.read(bytes);
  }

  @Property(tries = 500)
  void write_thenRead_isTheSameLead(@ForAll("leads") Lead lead) throws Exception {
    byte[] bytes = LeadCodec.write(lead);
    Lead back = read(bytes);
    assertThat(back).isEqualTo(lead);
    // Equal leads could still differ in what equals leaves out: the funnel format's JSON does not.
    assertThat(FunnelFormat.writeLead(back, Syntax.JSON))
        .isEqualTo(FunnelFormat.writeLead(lead, Syntax.JSON));
    assertThat(bytes[0]).isEqualTo(LeadCodec.FORMAT);
  }

  @Property(tries = 200)
  void read_ofTheJsonForm_isTheSameLead(@ForAll("leads") Lead lead) throws Exception {
    // A store written by earlier versions of this module holds the funnel format's JSON.
    assertThat(read(FunnelFormat.writeLead(lead, Syntax.JSON).getBytes(UTF_8))).isEqualTo(lead);
  }

  @Property(tries = 100)
  void read_ofEveryTruncation_isRefused(@ForAll("leads") Lead lead) {
    byte[] bytes = LeadCodec.write(lead);
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> read(cut)).isInstanceOf(Binary.Corrupt.class);
    }
  }

  @Property(tries = 100)
  void read_withBytesAfterTheSnapshot_isRefused(@ForAll("leads") Lead lead) {
    byte[] bytes = Arrays.copyOf(LeadCodec.write(lead), LeadCodec.write(lead).length + 1);
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessage("the value has bytes after the snapshot");
  }

  /**
   * Every property the funnel format writes for a lead, at the top and in its journey: a lead field
   * added to the format fails here until the binary form keeps it too.
   */
  @Test
  void write_everyFieldTheJsonFormWrites_isKept() throws Exception {
    Lead full =
        Lead.builder("lead-1", "shop")
            .funnelVersion(3)
            .stage("visitor", T0)
            .updatedAt(T0.plusSeconds(5))
            .channel("ads")
            .owner("ann")
            .attribute("email", "a@example.com")
            .attribute("vip", true)
            .attribute("visits", 7L)
            .attribute("ratio", new BigDecimal("0.25"))
            .segment("eu")
            .purchase(new Purchase("mini", Money.of("9.90", "EUR"), T0, "evt-p"))
            .timer(new ScheduledTimer("visitor", "nudge", T0.plusSeconds(60)))
            .recentEventIds(List.of("evt-2", "evt-1"))
            .version(2)
            .entries(List.of(T0))
            .score(12, T0)
            .goalReached("signed-up")
            .build();
    JsonNode json = Json.MAPPER.readTree(FunnelFormat.writeLead(full, Syntax.JSON));
    assertThat(names(json))
        .containsExactlyInAnyOrder(
            "format",
            "id",
            "funnelId",
            "funnelVersion",
            "stage",
            "enteredAt",
            "updatedAt",
            "version",
            "channel",
            "owner",
            "attributes",
            "segments",
            "purchases",
            "timers",
            "recentEventIds",
            "journey");
    assertThat(names(json.get("journey")))
        .containsExactlyInAnyOrder("entries", "score", "scoreSince", "goals");
    assertThat(names(json.get("purchases").get(0)))
        .containsExactlyInAnyOrder("offer", "amount", "at", "eventId");
    assertThat(names(json.get("timers").get(0))).containsExactlyInAnyOrder("stage", "event", "due");
    Lead back = read(LeadCodec.write(full));
    assertThat(back).isEqualTo(full);
    assertThat(FunnelFormat.writeLead(back, Syntax.JSON))
        .isEqualTo(FunnelFormat.writeLead(full, Syntax.JSON));
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void write_longestNameTheJsonFormTakes_readsBack() throws Exception {
    // A longer name is refused by the lead's builder, as the JSON form refuses it.
    Lead lead =
        Lead.builder("l", "f")
            .stage("s", T0)
            .channel("c")
            .attribute("n".repeat(FunnelFormat.MAX_NAME_LENGTH), 1L)
            .build();
    assertThat(read(LeadCodec.write(lead))).isEqualTo(lead);
    assertThatThrownBy(
            () ->
                Lead.builder("l", "f").attribute("n".repeat(FunnelFormat.MAX_NAME_LENGTH + 1), 1L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readStored_corruptValue_namesTheKey() {
    byte[] bytes = LeadCodec.write(lead(new Random(7)));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
    assertThatThrownBy(() -> LeadCodec.readStored("[\"shop\",\"lead-1\"]", cut))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "the lead store's value under key [\"shop\",\"lead-1\"] is not a lead: ");
  }

  @Test
  void read_unknownForm_isRefused() {
    byte[] bytes = LeadCodec.write(lead(new Random(8)));
    bytes[0] = 2;
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessage("the value is in an unknown form 2");
    assertThatThrownBy(() -> read(new byte[0])).hasMessage("the value is empty");
  }

  @Test
  void read_jsonThatIsNotALead_isRefusedWithItsPointer() {
    byte[] bytes = "{\"format\":1,\"id\":\"\"}".getBytes(UTF_8);
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessageContaining("at '/id'");
  }

  @Test
  void read_malformedUtf8_isRefused() throws Exception {
    Lead lead = Lead.builder("lead-\u00e9", "shop").stage("visitor", T0).channel("ads").build();
    byte[] bytes = LeadCodec.write(lead);
    // The id's length byte follows the form byte; its last byte is the second of the é.
    bytes[1 + 1 + "lead-".length() + 1] = (byte) 0x41;
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessage("a string is not valid UTF-8");
  }

  @Test
  void read_attributeOfUnknownTag_isRefused() throws Exception {
    Lead lead = Lead.builder("l", "f").stage("s", T0).channel("c").attribute("vip", true).build();
    byte[] bytes = LeadCodec.write(lead);
    int tag = indexOf(bytes, "vip".getBytes(UTF_8)) + 3;
    bytes[tag] = 9;
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessage("an attribute has an unknown tag 9");
  }

  @Test
  void read_invalidIdInTheValue_isRefusedAsNotALead() throws Exception {
    Lead lead = Lead.builder("l", "f").stage("s", T0).channel("c").build();
    byte[] bytes = LeadCodec.write(lead);
    bytes[2] = ' '; // the lead id "l" becomes a blank one
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(Binary.Corrupt.class)
        .hasMessageStartingWith("the snapshot is not a valid lead: ");
  }

  @Test
  void write_isSmallerThanTheJsonForm() throws IOException {
    Lead lead = lead(new Random(3));
    assertThat(LeadCodec.write(lead).length)
        .isLessThan(FunnelFormat.writeLead(lead, Syntax.JSON).getBytes(UTF_8).length);
    assertThat(ImmutableSet.of(LeadCodec.FORMAT)).doesNotContain((byte) '{');
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
