package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Lead;
import dev.funnel.Purpose;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.OutboxEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contact gate's records read back as written, and refused at the pointer of what is wrong. */
final class ContactJsonTest {
  static final Instant T0 = Instant.parse("2026-03-28T19:00:00.123456789Z");

  @Test
  void contactRecord_readsBackExactly() throws Exception {
    ContactRecord r =
        ContactRecord.EMPTY
            .withSent("shop", "email", T0)
            .withdraw("sms", Purpose.MARKETING, T0.plusNanos(1))
            .withSent("webinar", "email", T0.minusSeconds(60));

    assertEquals(r, ContactJson.record(ContactJson.record(r)));
    assertEquals(
        r,
        ContactJson.RECORD_SERDE
            .deserializer()
            .deserialize("t", ContactJson.RECORD_SERDE.serializer().serialize("t", r)));
  }

  @Test
  void contactRecord_isStoredBinary_andTheJsonOfEarlierVersionsReadsBack() throws Exception {
    ContactRecord r =
        ContactRecord.EMPTY
            .withSent("shop", "email", T0)
            .withdraw("sms", Purpose.MARKETING, T0.plusNanos(1));

    assertEquals(ContactJson.RECORD_FORMAT, ContactJson.record(r)[0]);
    assertEquals('{', ContactJson.recordJson(r)[0]);
    assertEquals(r, ContactJson.record(ContactJson.recordJson(r)));
    assertEquals(ContactRecord.EMPTY, ContactJson.record(ContactJson.record(ContactRecord.EMPTY)));
  }

  @Test
  void contactRecord_corruptBinary_isRefusedNamingNoValue() {
    byte[] good = ContactJson.record(ContactRecord.EMPTY.withSent("shop", "ada@example.com", T0));
    for (int n = 1; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      ContactJson.BadValue e =
          assertThrows(ContactJson.BadValue.class, () -> ContactJson.record(cut));
      assertFalse(String.valueOf(e.getMessage()).contains("ada"));
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(ContactJson.BadValue.class, () -> ContactJson.record(longer));
    byte[] withdrawn =
        ContactJson.record(ContactRecord.EMPTY.withdraw("sms", Purpose.MARKETING, T0));
    // The purpose's wire name, one of a few lower-case words, spoilt in its first letter.
    int p = new String(withdrawn, UTF_8).indexOf(Purpose.MARKETING.wireName());
    withdrawn[p] = 'X';
    assertEquals(
        "/withdrawals/0/purpose",
        assertThrows(ContactJson.BadValue.class, () -> ContactJson.record(withdrawn)).pointer());
  }

  @Test
  void contactRecord_badParts_areNamedByPointerNotValue() {
    ContactJson.BadValue e =
        assertThrows(
            ContactJson.BadValue.class,
            () ->
                ContactJson.record(
                    ("{\"version\":1,\"withdrawals\":[],\"sent\":[{\"funnel\":\"shop\","
                            + "\"channel\":\"email\",\"at\":\"ada@example.com\"}]}")
                        .getBytes(UTF_8)));
    assertEquals("/sent/0/at", e.pointer());
    assertFalse(String.valueOf(e.getMessage()).contains("ada"));
    assertEquals(
        "/version",
        assertThrows(
                ContactJson.BadValue.class,
                () ->
                    ContactJson.record(
                        "{\"version\":-1,\"withdrawals\":[],\"sent\":[]}".getBytes(UTF_8)))
            .pointer());
    assertThrows(
        IllegalStateException.class,
        () -> ContactJson.RECORD_SERDE.deserializer().deserialize("t", "[]".getBytes(UTF_8)));
  }

  @Test
  void dueMessage_readsBackWithItsLeadAndHeldTime() throws Exception {
    Lead lead = Lead.builder("p-1", "shop").stage("cold-lead", T0).channel("ads").build();
    OutboxEntry e =
        new OutboxEntry(new EffectKey("shop", "p-1", "e-1", 2), Actions.send("offer", "email"), T0);
    ContactJson.Due due = new ContactJson.Due(e, T0.plusSeconds(5), lead, null);

    assertEquals(due, ContactJson.due(ContactJson.due(due)));
    ContactJson.Due held = due.held(T0.plusSeconds(3600));
    assertEquals(held, ContactJson.due(ContactJson.due(held)));
    assertEquals(ContactJson.DUE_FORMAT, ContactJson.due(due)[0]);
  }

  @Test
  void dueMessage_keepsEveryKindOfActionParameter_andReadsThePreviousBinaryForm() throws Exception {
    Lead lead = Lead.builder("p-1", "shop").stage("cold-lead", T0).channel("ads").build();
    Action action =
        Actions.custom(
            "offer",
            Map.of("template", "t-1", "count", 3L, "vip", true, "price", new BigDecimal("9.90")));
    OutboxEntry e = new OutboxEntry(new EffectKey("shop", "p-1", "e-1", 1), action, T0);
    ContactJson.Due due = new ContactJson.Due(e, T0.plusSeconds(5), lead, T0.plusSeconds(9));

    ContactJson.Due back = ContactJson.due(ContactJson.due(due));
    assertEquals(due, back);
    assertEquals(action.params().get("price"), back.entry().action().params().get("price"));
    byte[] previous = EarlierForms.dueActionJson(due);
    assertEquals(ContactJson.DUE_FORMAT_ACTION_JSON, previous[0]);
    assertEquals(due, ContactJson.due(previous));
  }

  @Test
  void dueMessage_inTheJsonFormOfEarlierVersions_readsBack() throws Exception {
    Lead lead = Lead.builder("p-1", "shop").stage("cold-lead", T0).channel("ads").build();
    OutboxEntry e =
        new OutboxEntry(new EffectKey("shop", "p-1", "e-1", 2), Actions.send("offer", "email"), T0);
    ContactJson.Due held = new ContactJson.Due(e, T0.plusSeconds(5), lead, T0.plusSeconds(60));

    assertEquals(held, ContactJson.due(EarlierForms.dueJson(held)));
  }

  @Test
  void dueMessage_cutShort_isRefused() {
    Lead lead = Lead.builder("p-1", "shop").stage("cold-lead", T0).channel("ads").build();
    OutboxEntry e =
        new OutboxEntry(new EffectKey("shop", "p-1", "e-1", 0), Actions.send("offer"), T0);
    byte[] bytes = ContactJson.due(new ContactJson.Due(e, T0, lead, null));
    for (int n = 1; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(ContactJson.BadValue.class, () -> ContactJson.due(cut), "cut at " + n);
    }
  }

  @Test
  void dueMessage_forAnotherLead_isRefused() {
    Lead other = Lead.builder("p-2", "shop").stage("cold-lead", T0).channel("ads").build();
    OutboxEntry e =
        new OutboxEntry(new EffectKey("shop", "p-1", "e-1", 0), Actions.send("offer"), T0);
    byte[] bytes = ContactJson.due(new ContactJson.Due(e, T0, other, null));

    assertEquals(
        "/lead", assertThrows(ContactJson.BadValue.class, () -> ContactJson.due(bytes)).pointer());
  }

  @Test
  void dispatch_readsBackForEveryVerdict() throws Exception {
    Dispatch sent =
        new Dispatch(
            "shop",
            "p-1",
            "offer",
            "email",
            Purpose.MARKETING,
            T0,
            Dispatch.Verdict.SEND,
            null,
            null);
    Dispatch held =
        new Dispatch(
            "shop",
            "p-1",
            "offer",
            "email",
            Purpose.MARKETING,
            T0,
            Dispatch.Verdict.HOLD,
            T0.plusSeconds(60),
            Dispatch.Reason.QUIET_HOURS);
    Dispatch suppressed =
        new Dispatch(
            "shop",
            "p-1",
            "offer",
            "sms",
            Purpose.TRANSACTIONAL,
            T0,
            Dispatch.Verdict.SUPPRESS,
            null,
            Dispatch.Reason.NO_CONSENT);

    for (Dispatch d : new Dispatch[] {sent, held, suppressed}) {
      assertEquals(d, FunnelRecords.readDispatch(ContactJson.dispatch(d)));
    }
    assertEquals(
        "the decision does not parse at '/verdict': not one of the known words",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FunnelRecords.readDispatch(
                        new String(ContactJson.dispatch(sent), UTF_8)
                            .replace("\"send\"", "\"maybe\"")
                            .getBytes(UTF_8)))
            .getMessage());
  }

  @Test
  void consentChange_readsBackAndRefusesAnUnknownField() throws Exception {
    ContactJson.ConsentChange c = new ContactJson.ConsentChange("email", Purpose.MARKETING, T0);
    assertEquals(c, ContactJson.consent(ContactJson.consent(c), true));
    ContactJson.ConsentChange back =
        new ContactJson.ConsentChange("email", Purpose.TRANSACTIONAL, null);
    assertEquals(back, ContactJson.consent(ContactJson.consent(back), false));
    assertEquals(
        "/at",
        assertThrows(
                ContactJson.BadValue.class,
                () -> ContactJson.consent(ContactJson.consent(c), false))
            .pointer());
  }
}
