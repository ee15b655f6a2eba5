package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The snapshots of a lead share the bytes of its remembered event ids, and a fire appends to them:
 * no snapshot may see another's ids, whichever snapshot is fired again, in whatever order and from
 * however many threads.
 */
final class SharedIdMemoryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String[] KINDS = {"n-", "café-", "注文-", "\uD83D\uDE00-", "x".repeat(70)};

  private static final Funnel NOTES =
      Funnel.builder("notes")
          .stage("new")
          .entry()
          .stage("done")
          .won()
          .on("note")
          .from("new")
          .on("finish")
          .from("new")
          .to("done")
          .build();

  private static Lead entered() {
    return NOTES.enter("l", "ads", T0).lead();
  }

  private static Lead fire(Lead lead, String id) {
    Outcome out = NOTES.fire(lead, Event.of(id, "note", T0));
    assertTrue(out.isAccepted(), () -> id + " refused: " + out.refusal());
    return out.lead();
  }

  /** The ids a lead remembers after one more: all of them up to 24, then the newest 16 and it. */
  private static ImmutableList<String> after(List<String> newestFirst, String id) {
    int keep = newestFirst.size() < RecentIds.MOST ? newestFirst.size() : Lead.RECENT_EVENT_IDS;
    return ImmutableList.<String>builder().add(id).addAll(newestFirst.subList(0, keep)).build();
  }

  @Test
  void anOlderSnapshotFiredAgain_keepsItsOwnIdsAndTheNewerOneKeepsTheirs() {
    Lead first = fire(entered(), "a");
    Lead second = fire(first, "b");
    Lead branch = fire(first, "c");

    assertEquals(ImmutableList.of("a"), first.recentEventIds());
    assertEquals(ImmutableList.of("b", "a"), second.recentEventIds());
    assertEquals(ImmutableList.of("c", "a"), branch.recentEventIds());
    assertFalse(first.hasApplied("b"));
    assertFalse(first.hasApplied("c"));
    assertFalse(second.hasApplied("c"));
    assertFalse(branch.hasApplied("b"));
    assertEquals(
        Optional.of(Outcome.Refusal.DUPLICATE),
        NOTES.fire(branch, Event.of("a", "note", T0)).refusal());
    assertTrue(NOTES.fire(branch, Event.of("b", "note", T0)).isAccepted());
    assertTrue(fire(second, "c").hasApplied("c"));
  }

  @Test
  void snapshotsFiredInAnyOrder_rememberExactlyTheirOwnLine() {
    Random random = new Random(20261201);
    List<Lead> leads = new ArrayList<>();
    List<ImmutableList<String>> expected = new ArrayList<>();
    leads.add(entered());
    expected.add(ImmutableList.of());
    for (int i = 0; i < 3_000; i++) {
      // Mostly the newest snapshot, as a store fires; sometimes any older one, as a retry does.
      int from = random.nextInt(4) == 0 ? random.nextInt(leads.size()) : leads.size() - 1;
      String id = KINDS[random.nextInt(KINDS.length)] + i;
      Lead next = fire(leads.get(from), id);
      ImmutableList<String> remembered = after(expected.get(from), id);
      leads.add(next);
      expected.add(remembered);

      assertEquals(remembered, next.recentEventIds(), "fired from snapshot " + from);
      for (String each : remembered) {
        assertTrue(next.hasApplied(each), each);
      }
      Lead restored = next.toBuilder().build();
      assertEquals(next, restored);
      assertEquals(remembered, restored.recentEventIds());
    }
    for (int i = 0; i < leads.size(); i++) {
      assertEquals(expected.get(i), leads.get(i).recentEventIds(), "snapshot " + i + " changed");
      if (i > 0) {
        assertFalse(leads.get(i - 1).hasApplied(leads.get(i).recentEventIds().get(0)));
      }
    }
  }

  @Test
  void oneSnapshotFiredFromTwoThreadsAtOnce_givesEachItsOwnId() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Lead lead = entered();
      for (int round = 0; round < 2_000; round++) {
        Lead from = lead;
        ImmutableList<String> before = from.recentEventIds();
        CountDownLatch start = new CountDownLatch(1);
        String left = "left-" + round;
        String right = "right-" + round;
        Future<Lead> a = pool.submit(() -> fireWhen(start, from, left));
        Future<Lead> b = pool.submit(() -> fireWhen(start, from, right));
        start.countDown();
        Lead l = a.get(10, TimeUnit.SECONDS);
        Lead r = b.get(10, TimeUnit.SECONDS);

        assertEquals(after(before, left), l.recentEventIds());
        assertEquals(after(before, right), r.recentEventIds());
        assertEquals(before, from.recentEventIds());
        assertFalse(l.hasApplied(right));
        assertFalse(r.hasApplied(left));
        lead = round % 2 == 0 ? l : r;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Lead fireWhen(CountDownLatch start, Lead lead, String id)
      throws InterruptedException {
    start.await();
    return fire(lead, id);
  }

  @Test
  void aLeadWithoutIds_equalsItsRestoredCopyAndAnotherWithout() {
    Lead lead = entered();
    assertEquals(lead, lead.toBuilder().build());
    assertEquals(ImmutableList.of(), lead.toBuilder().build().recentEventIds());
  }
}
