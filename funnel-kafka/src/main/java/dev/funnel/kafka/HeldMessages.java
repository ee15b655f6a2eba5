package dev.funnel.kafka;

import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages the contact gate held until the end of their person's quiet hours, in one task's
 * stores: a due index by the end of the quiet hours (then by when each message first fell due), and
 * an index by lead, so an erasure drops a lead's held messages. Used by one task's {@link
 * LeadProcessor}, on its thread.
 */
final class HeldMessages {
  private static final Logger log = LoggerFactory.getLogger(HeldMessages.class);

  private final KeyValueStore<String, byte[]> held;
  private final KeyValueStore<String, String> byLead;

  HeldMessages(KeyValueStore<String, byte[]> held, KeyValueStore<String, String> byLead) {
    this.held = held;
    this.byLead = byLead;
  }

  /** Keeps a held message of the lead of this store key until a time. */
  void hold(String leadKey, ContactJson.Due due, Instant until) {
    String effect = Keys.effect(due.entry().key());
    // By the end of the quiet hours, for the punctuator's range; then by when it first fell due.
    String entry = Keys.timed(until, Keys.timed(due.due(), effect));
    held.put(entry, ContactJson.due(due));
    byLead.put(leadKey + ' ' + effect, entry);
  }

  /** Drops every held message of the lead of this store key. */
  void drop(String leadKey) {
    List<String> dropped = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        byLead.prefixScan(leadKey + ' ', new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        dropped.add(kv.key);
        held.delete(kv.value);
      }
    }
    dropped.forEach(byLead::delete);
  }

  /**
   * Removes and returns the held messages whose quiet hours have ended by a time, at most {@code
   * budget} of them, in the order the outbox hands them out; a stored message that does not parse
   * is dropped.
   */
  List<OutboxEntry> release(Instant now, int budget) {
    List<OutboxEntry> released = new ArrayList<>();
    if (budget <= 0) {
      return released;
    }
    List<KeyValue<String, byte[]>> batch = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = held.range(null, Keys.timedUpTo(now))) {
      while (it.hasNext() && batch.size() < budget) {
        batch.add(it.next());
      }
    }
    // The outbox hands out the entries whose time has come in commit order: by when each first
    // fell due, then by key, whatever their quiet hours' ends.
    batch.sort(Comparator.comparing(kv -> Keys.timedRest(kv.key)));
    for (KeyValue<String, byte[]> kv : batch) {
      held.delete(kv.key);
      ContactJson.Due due;
      try {
        due = ContactJson.due(kv.value);
      } catch (ContactJson.BadValue e) {
        log.warn("a held message in the store does not parse at '{}'; dropped", e.pointer());
        continue;
      }
      OutboxEntry e = due.entry();
      byLead.delete(Keys.lead(e.key().leadKey()) + ' ' + Keys.effect(e.key()));
      released.add(e);
    }
    return released;
  }
}
