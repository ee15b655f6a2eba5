package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class AcceptedIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final LeadKey ANNA = new LeadKey("shop", "anna");
  private static final LeadKey BORIS = new LeadKey("shop", "boris");

  private final AcceptedIds ids = new AcceptedIds();

  @Test
  void forgetBefore_forgetsExactlyTheIdsCommittedBeforeTheCutoff_whateverOrderTheyCameIn() {
    ids.add(ANNA, "evt-3", T0.plusSeconds(3));
    ids.add(ANNA, "evt-1", T0.plusSeconds(1)); // the clock went back: kept aside, still exact
    ids.add(BORIS, "evt-2", T0.plusSeconds(2));
    ids.add(ANNA, "evt-0", T0);

    assertEquals(2, ids.forgetBefore(T0.plusSeconds(2)));

    assertFalse(ids.contains(ANNA, "evt-0"));
    assertFalse(ids.contains(ANNA, "evt-1"));
    assertTrue(ids.contains(BORIS, "evt-2"));
    assertTrue(ids.contains(ANNA, "evt-3"));
    assertEquals(2, ids.size());
    assertEquals(0, ids.forgetBefore(T0.plusSeconds(2)), "forgotten twice");
    assertEquals(2, ids.forgetBefore(T0.plusSeconds(4)));
    assertEquals(0, ids.size());
  }

  @Test
  void add_anIdRemembered_keepsItsFirstTime() {
    ids.add(ANNA, "evt-1", T0);
    ids.add(ANNA, "evt-1", T0.plusSeconds(10));

    assertEquals(1, ids.size());
    assertEquals(1, ids.forgetBefore(T0.plusSeconds(1)));
    assertFalse(ids.contains(ANNA, "evt-1"));
  }

  @Test
  void add_theSameIdOfAnotherLead_isAnotherId() {
    ids.add(ANNA, "evt-1", T0);

    assertFalse(ids.contains(BORIS, "evt-1"));
    assertTrue(ids.contains(ANNA, "evt-1"));
  }

  @Test
  void forgetBefore_whileThreadsAddInShuffledOrder_leavesNoOldIdBehind() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  List<Integer> order = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    order.add(i);
                  }
                  Collections.shuffle(order, new Random(thread));
                  for (int i : order) {
                    LeadKey lead = new LeadKey("shop", "lead-" + (i % 50));
                    ids.add(lead, "evt-" + thread + "-" + i, T0.plusMillis(i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(threads * perThread / 2, ids.forgetBefore(T0.plusMillis(perThread / 2)));
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        LeadKey lead = new LeadKey("shop", "lead-" + (i % 50));
        assertEquals(i >= perThread / 2, ids.contains(lead, "evt-" + t + "-" + i));
      }
    }
  }
}
