package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The default methods of {@link LeadStore}, as a store that implements only the abstract ones gets
 * them: loading to change, loading the due leads, batch commits and batch deliveries.
 */
final class LeadStoreDefaultsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant LEASE = T0.plusSeconds(60);

  private final InMemoryLeadStore memory = new InMemoryLeadStore();
  private final LeadStore store = new ForwardingLeadStore(memory) {};

  private static Lead lead(String id, long version, Instant... timers) {
    Lead.Builder b =
        Lead.builder(id, "shop").stage("cold-lead", T0).channel("ads").version(version);
    for (Instant t : timers) {
      b.timer(new ScheduledTimer("cold-lead", "nudge", t));
    }
    return b.build();
  }

  private static OutboxEntry entry(String leadId, int index) {
    return new OutboxEntry(
        new EffectKey("shop", leadId, "e1", index), Actions.send("welcome-1"), T0);
  }

  private static LeadStore.Commit insert(Lead lead, OutboxEntry... outbox) {
    return new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.copyOf(outbox), LEASE);
  }

  @Test
  void loadToChange_isLoad_andChangesAreNotOptimistic() {
    store.commit(insert(lead("a", 0)));

    assertEquals(Optional.of(lead("a", 0)), store.loadToChange(new LeadKey("shop", "a")));
    assertEquals(Optional.empty(), store.loadToChange(new LeadKey("shop", "b")));
    assertFalse(store.optimisticChanges());
  }

  @Test
  void loadDue_loadsTheDueLeadsInDueOrderUpToTheLimit() {
    store.commit(insert(lead("a", 0, T0.plusSeconds(30))));
    store.commit(insert(lead("b", 0, T0.plusSeconds(10))));
    store.commit(insert(lead("c", 0, T0.plusSeconds(90))));

    assertEquals(
        ImmutableList.of(lead("b", 0, T0.plusSeconds(10)), lead("a", 0, T0.plusSeconds(30))),
        store.loadDue(T0.plusSeconds(60), 10));
    assertEquals(
        ImmutableList.of(lead("b", 0, T0.plusSeconds(10))), store.loadDue(T0.plusSeconds(60), 1));
    assertEquals(ImmutableList.of(), store.loadDue(T0, 10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.loadDue(T0, 0));
    assertEquals("limit must be positive", e.getMessage());
  }

  @Test
  void loadDue_leavesOutALeadTheIndexNamesButTheStoreNoLongerHolds() {
    LeadStore forgetful =
        new ForwardingLeadStore(memory) {
          @Override
          public Optional<Lead> load(LeadKey key) {
            return key.leadId().equals("a") ? Optional.empty() : super.load(key);
          }
        };
    forgetful.commit(insert(lead("a", 0, T0.plusSeconds(10))));
    forgetful.commit(insert(lead("b", 0, T0.plusSeconds(20))));

    assertEquals(ImmutableList.of(lead("b", 0, T0.plusSeconds(20))), forgetful.loadDue(LEASE, 10));
  }

  @Test
  void commitAll_commitsEachAndSaysWhichWereWritten() {
    store.commit(insert(lead("a", 0)));

    boolean[] written =
        store.commitAll(
            List.of(
                new LeadStore.Commit(0, lead("a", 1), true, ImmutableList.of(), LEASE),
                insert(lead("b", 0)),
                new LeadStore.Commit(3, lead("c", 4), true, ImmutableList.of(), LEASE)));

    assertArrayEquals(new boolean[] {true, true, false}, written);
    assertEquals(Optional.of(lead("a", 1)), store.load(new LeadKey("shop", "a")));
    assertEquals(Optional.of(lead("b", 0)), store.load(new LeadKey("shop", "b")));
    assertArrayEquals(new boolean[] {true}, store.commitAll(List.of(insert(lead("c", 0)))));
    assertArrayEquals(new boolean[0], store.commitAll(List.of()));
  }

  @Test
  void commitAll_twoCommitsOfOneLead_areRefusedBeforeAnyIsWritten() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                store.commitAll(
                    List.of(
                        insert(lead("a", 0)),
                        new LeadStore.Commit(0, lead("a", 1), true, ImmutableList.of(), LEASE))));

    assertEquals("lead 'shop/a' has more than one commit in the batch", e.getMessage());
    assertEquals(Optional.empty(), store.load(new LeadKey("shop", "a")));
  }

  @Test
  void deliveredAll_settlesEachPendingEntry_andCountsThoseItSettled() {
    store.commit(insert(lead("a", 0), entry("a", 0), entry("a", 1), entry("a", 2)));
    store.park(entry("a", 1).key());

    int settled =
        store.deliveredAll(
            List.of(
                entry("a", 0).key(),
                entry("a", 1).key(),
                entry("a", 2).key(),
                new EffectKey("shop", "a", "e9", 0)));

    assertEquals(2, settled);
    assertEquals(ImmutableList.of(), store.pending(10));
    assertEquals(ImmutableList.of(entry("a", 1)), store.parked(10));
    assertEquals(0, store.deliveredAll(List.of(entry("a", 0).key())));
  }
}
