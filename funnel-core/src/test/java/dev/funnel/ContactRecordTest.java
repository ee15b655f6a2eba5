package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A person's contact record: consents withdrawn and given again, each change counted. */
final class ContactRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void record_withANegativeVersion_isRefused_andVersionZeroIsNot() {
    assertEquals(
        "contact record version is negative",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContactRecord(ImmutableList.of(), ImmutableList.of(), -1))
            .getMessage());
    assertEquals(0, new ContactRecord(ImmutableList.of(), ImmutableList.of(), 0).version());
  }

  @Test
  void withdraw_earlierThanAKnownWithdrawal_replacesItAndKeepsTheOthers() {
    ContactRecord record =
        ContactRecord.EMPTY
            .withdraw("sms", Purpose.MARKETING, T0)
            .withdraw("email", Purpose.MARKETING, T0.plus(DAY))
            .withdraw("email", Purpose.TRANSACTIONAL, T0.plus(DAY));
    ContactRecord earlier = record.withdraw("email", Purpose.MARKETING, T0);
    assertEquals(
        ImmutableList.of(
            new ContactRecord.Withdrawal("sms", Purpose.MARKETING, T0),
            new ContactRecord.Withdrawal("email", Purpose.TRANSACTIONAL, T0.plus(DAY)),
            new ContactRecord.Withdrawal("email", Purpose.MARKETING, T0)),
        earlier.withdrawals());
    assertEquals(4, earlier.version());
    assertEquals(record, record.withdraw("email", Purpose.MARKETING, T0.plus(DAY.multipliedBy(2))));
  }

  @Test
  void restore_givesTheConsentAgain_andCountsTheChange() {
    ContactRecord record =
        ContactRecord.EMPTY
            .withdraw("email", Purpose.MARKETING, T0)
            .withdraw("sms", Purpose.MARKETING, T0);
    ContactRecord restored = record.restore("email", Purpose.MARKETING);
    assertEquals(
        ImmutableList.of(new ContactRecord.Withdrawal("sms", Purpose.MARKETING, T0)),
        restored.withdrawals());
    assertEquals(3, restored.version());
    assertTrue(restored.allows("email", Purpose.MARKETING, T0.plus(DAY)));
  }
}
