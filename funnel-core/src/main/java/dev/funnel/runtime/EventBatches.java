package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Event;
import dev.funnel.Lead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of a batch of events, as {@link FunnelRuntime#handleAll} describes: each event taken as
 * {@link Changes#change} takes one, in the batch's order, but a segment of the batch at a time, its
 * leads loaded together, worked out in hand (an event fires on what the events before it for the
 * same lead left), stored with one {@link LeadStore#commitAll} of one commit per lead, and then
 * told and delivered event by event, the deliveries settled with one {@link
 * LeadStore#deliveredAll}. Thread-safe.
 *
 * <p>A segment ends before an {@value FunnelRuntime#UNSUBSCRIBED} event, whose withdrawn consent
 * counts from its own event on, and after an event whose effects include work the runtime carries
 * out itself (a hand-off, a pool assignment: {@link CarriedActions}), which may change leads the
 * rest of the batch is for. So what each event fires on, what is decided when its messages are
 * delivered, and what listeners hear are what handling the events one after the other would give.
 */
final class EventBatches {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final LeadStore store;
  private final Changes changes;
  private final Intake intake;
  private final Listeners listeners;

  EventBatches(LeadStore store, Changes changes, Intake intake, Listeners listeners) {
    this.store = store;
    this.changes = changes;
    this.intake = intake;
    this.listeners = listeners;
  }

  /** One event of a segment worked out on its lead, not yet stored. */
  private record Worked(
      Lead before,
      Changes.Worked worked,
      ImmutableList<OutboxEntry> outbox,
      ImmutableList<String> accepted,
      boolean knownDuplicate) {
    boolean writes() {
      return !worked.units().isEmpty();
    }
  }

  /** The events of one lead in a segment, in the batch's order, and what came of them. */
  private static final class Group {
    final LeadKey key;
    final List<Integer> events = new ArrayList<>(1);
    final List<Worked> worked = new ArrayList<>(1);
    @Nullable Lead loaded;
    boolean optimistic;
    boolean refused;
    int told;

    Group(LeadKey key) {
      this.key = key;
    }

    /** Drops what was worked out for events at or after {@code end}. */
    void truncate(int end) {
      while (!worked.isEmpty() && events.get(worked.size() - 1) >= end) {
        worked.remove(worked.size() - 1);
      }
    }

    boolean hasEventsBefore(int end) {
      return events.get(0) < end;
    }
  }

  /** Handles the events, which the runtime has checked, and returns their receipts in order. */
  ImmutableList<Receipt> handleAll(ImmutableList<LeadEvent> events) {
    ImmutableList.Builder<Receipt> receipts = ImmutableList.builderWithExpectedSize(events.size());
    int start = 0;
    while (start < events.size()) {
      start = segment(events, start, receipts);
    }
    return receipts.build();
  }

  /**
   * Handles the segment of the batch that begins at {@code start}; returns where the next begins.
   */
  private int segment(
      ImmutableList<LeadEvent> events, int start, ImmutableList.Builder<Receipt> receipts) {
    LeadEvent first = events.get(start);
    intake.unsubscribe(first.leadId(), first.event());
    int end = start + 1;
    while (end < events.size() && !Intake.isUnsubscribe(events.get(end).event())) {
      end++;
    }
    Map<LeadKey, Group> groups = new LinkedHashMap<>();
    List<Group> ofEvent = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      Group g = groups.computeIfAbsent(events.get(i).key(), Group::new);
      g.events.add(i);
      ofEvent.add(g);
    }
    load(groups.values(), store.optimisticChanges());
    end = work(events, start, end, groups.values());
    truncate(groups.values(), end);
    // An optimistic group whose commit would not vouch for all it read is worked out again on its
    // lead as stored, asking the store about its ids, as Changes#change does for one event.
    while (true) {
      List<Group> unvouched = new ArrayList<>();
      for (Group g : groups.values()) {
        if (g.optimistic && g.hasEventsBefore(end) && !vouched(g, events)) {
          unvouched.add(g);
        }
      }
      if (unvouched.isEmpty()) {
        break;
      }
      load(unvouched, false);
      end = work(events, start, end, unvouched);
      truncate(groups.values(), end);
    }
    commit(groups.values());
    List<EffectKey> settled = new ArrayList<>();
    for (int i = start; i < end; i++) {
      receipts.add(tell(events.get(i), ofEvent.get(i - start), settled));
    }
    if (!settled.isEmpty()) {
      store.deliveredAll(settled);
    }
    return end;
  }

  /**
   * Loads the groups' leads: with {@code optimistic}, as the store has them to change ({@link
   * LeadStore#loadAllToChange}); the rest, and those it lacks, as stored ({@link
   * LeadStore#loadAll}).
   */
  private void load(Collection<Group> groups, boolean optimistic) {
    List<LeadKey> keys = new ArrayList<>(groups.size());
    for (Group g : groups) {
      g.worked.clear();
      g.loaded = null;
      g.optimistic = false;
      keys.add(g.key);
    }
    if (optimistic) {
      ImmutableMap<LeadKey, Lead> kept = store.loadAllToChange(keys);
      keys.clear();
      for (Group g : groups) {
        g.loaded = kept.get(g.key);
        if (g.loaded == null) {
          keys.add(g.key);
        } else {
          g.optimistic = true;
        }
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    ImmutableMap<LeadKey, Lead> found = store.loadAll(keys);
    for (Group g : groups) {
      if (!g.optimistic) {
        g.loaded = found.get(g.key);
      }
    }
  }

  /**
   * Works out the groups' events before {@code end} in order on their loaded leads; returns where
   * the segment ends now: after the first event with carried work, or before the first event whose
   * working out failed (rethrown if it is the segment's first, nothing of the segment stored).
   */
  private int work(ImmutableList<LeadEvent> events, int start, int end, Collection<Group> groups) {
    int until = end;
    for (Group g : groups) {
      Lead lead = g.loaded;
      if (lead == null) {
        continue;
      }
      g.worked.clear();
      for (int k = 0; k < g.events.size() && g.events.get(k) < until; k++) {
        int i = g.events.get(k);
        Worked w;
        try {
          w = workOne(g, lead, events.get(i).event());
        } catch (RuntimeException e) {
          if (i == start) {
            throw e;
          }
          until = i;
          break;
        }
        g.worked.add(w);
        lead = w.worked().lead();
        if (carries(w.outbox())) {
          until = i + 1;
          break;
        }
      }
    }
    return until;
  }

  private static void truncate(Collection<Group> groups, int end) {
    for (Group g : groups) {
      g.truncate(end);
    }
  }

  private Worked workOne(Group g, Lead before, Event event) {
    String id = event.id();
    boolean duplicate = false;
    if (changes.remembersIds()) {
      // An id accepted earlier in the batch is remembered by the store once that is stored; here
      // it is not stored yet, and may have left the lead's recent ids.
      for (Worked w : g.worked) {
        if (w.accepted().contains(id)) {
          duplicate = true;
          break;
        }
      }
    }
    Mdc saved = Mdc.put(g.key.funnelId(), g.key.leadId(), id);
    try {
      Changes.Worked w =
          changes.work(
              g.key,
              before,
              event.at(),
              id,
              (f, lead) -> f.fire(lead, event),
              !g.optimistic,
              duplicate);
      ImmutableList<OutboxEntry> outbox =
          w.units().isEmpty() ? ImmutableList.of() : OutboxEntry.keyed(w.units());
      return new Worked(before, w, outbox, changes.accepted(w, id), duplicate);
    } finally {
      saved.restore();
    }
  }

  private static boolean carries(ImmutableList<OutboxEntry> outbox) {
    for (OutboxEntry e : outbox) {
      if (BuiltInActions.isCarried(e.action())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether the commit of an optimistic group vouches for all it read, as one event's would
   * ({@link Changes#vouchesForId}): it writes something, and each event's id is in it, known to the
   * lead, or refused as accepted earlier in the batch.
   */
  private boolean vouched(Group g, ImmutableList<LeadEvent> events) {
    boolean writes = false;
    for (int k = 0; k < g.worked.size(); k++) {
      Worked w = g.worked.get(k);
      writes |= w.writes();
      String id = events.get(g.events.get(k)).event().id();
      if (!w.knownDuplicate() && !changes.vouchesForId(w.worked(), id)) {
        return false;
      }
    }
    return writes;
  }

  /**
   * Stores every group that writes something with one commit of its lead over the version it was
   * loaded at, all in one {@link LeadStore#commitAll}; marks the groups whose commit was refused.
   */
  private void commit(Collection<Group> groups) {
    List<Group> writing = new ArrayList<>();
    List<LeadStore.Commit> commits = new ArrayList<>();
    for (Group g : groups) {
      Lead loaded = g.loaded;
      if (loaded == null || g.worked.isEmpty()) {
        continue;
      }
      boolean writes = false;
      ImmutableList.Builder<OutboxEntry> outbox = ImmutableList.builder();
      ImmutableList.Builder<String> accepted = ImmutableList.builder();
      for (Worked w : g.worked) {
        writes |= w.writes();
        outbox.addAll(w.outbox());
        accepted.addAll(w.accepted());
      }
      if (!writes) {
        continue;
      }
      Changes.Worked last = g.worked.get(g.worked.size() - 1).worked();
      commits.add(
          changes.commit(
              loaded.version(), last.funnel(), last.lead(), outbox.build(), accepted.build()));
      writing.add(g);
    }
    if (commits.isEmpty()) {
      return;
    }
    boolean[] written = store.commitAll(commits);
    int refused = 0;
    for (int i = 0; i < written.length; i++) {
      if (!written[i]) {
        writing.get(i).refused = true;
        refused++;
      }
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "stored {} leads of a batch; {} changed concurrently, handled again",
          written.length - refused,
          refused);
    }
  }

  /**
   * Tells the listeners of one event of a stored segment and delivers its effects, or, if its
   * lead's commit was refused, handles it again from the lead as stored; returns its receipt.
   */
  private Receipt tell(LeadEvent le, Group g, List<EffectKey> settled) {
    Event event = le.event();
    LeadKey key = g.key;
    Mdc saved = Mdc.put(key.funnelId(), key.leadId(), event.id());
    try {
      Receipt r;
      if (g.loaded == null) {
        r = new Receipt(key, Receipt.Status.NO_LEAD, null, null, ImmutableList.of());
      } else if (g.refused) {
        r =
            changes.change(
                key, event.at(), event, event.id(), (f, l) -> f.fire(l, event), new Call());
      } else {
        Worked w = g.worked.get(g.told++);
        r = changes.told(key, w.before(), w.worked(), event, w.outbox(), new Call(), settled);
      }
      return listeners.reported(key, event, r);
    } finally {
      saved.restore();
    }
  }
}
