package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purpose;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import dev.funnel.runtime.OwnerPool;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of one task (one partition of the events topic): the same path as {@code
 * FunnelRuntime} takes for an event (load, catch up due timers, fire, outbox keys, store), with the
 * stores of the task in place of a {@code LeadStore} and the effects, steps and hand-offs forwarded
 * to topics, all inside the task's transaction under exactly-once. A message ({@code send}) is not
 * forwarded as an effect: it goes to its person's partition of the contacts topic for the contact
 * gate ({@link ContactProcessor}); one the gate held comes back to wait in the held-message due
 * index, which the punctuator reads after the timers. Unsubscribe events are sent to the person's
 * contact partition before they are fired; an erasure commits {@link Funnel#erase} and drops the
 * lead's held messages.
 */
final class LeadProcessor implements Processor<byte[], byte[], Routed, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(LeadProcessor.class);
  private static final byte[] EMPTY = new byte[0];

  /** How many due entries the punctuator reads at a time, within the tick's budget. */
  private static final int BATCH = 512;

  /** What to do to a lead once it is up to time; null if nothing more than advancing. */
  @FunctionalInterface
  private interface Change {
    @Nullable Outcome apply(Funnel funnel, Lead lead);
  }

  private final FunnelTopology config;
  private final Catalog catalog;
  private final ImmutableMap<String, OwnerPool> pools;
  private @Nullable ProcessorContext<Routed, byte[]> context;
  private @Nullable KeyValueStore<String, byte[]> leads;
  private @Nullable KeyValueStore<String, byte[]> due;
  private @Nullable KeyValueStore<String, Long> accepted;
  private @Nullable KeyValueStore<String, byte[]> acceptedByTime;
  private @Nullable KeyValueStore<String, Long> owners;
  private @Nullable HeldMessages held;
  private @Nullable DeadLetterSink deadLetters;

  /**
   * The due index's changes not yet written: puts, and deletes as null values, in order. Written
   * with one {@code putAll} at the end of each record and each batch of timers, one RocksDB write
   * batch instead of a write per timer (BENCHMARKS.md, "The Kafka topology without its per-record
   * JSON": a delete per timer fired was 4.6% of the punctuator's time). Nothing reads the index
   * between a change and its write: the punctuator writes them before it reads the next range.
   */
  private final List<KeyValue<String, byte[]>> dueWrites = new ArrayList<>();

  /** The earliest due entry written since the punctuator last read the index, if any. */
  private @Nullable String earliestWritten;

  /**
   * Where the punctuator reads the due index from, null for its start: every entry before it has
   * fired and been deleted, or was written since ({@link #earliestWritten}). RocksDB keeps a
   * deleted entry as a tombstone until compaction, and a range from the start steps over all of
   * them: reading from the start for every batch made a tick over n timers cost n^2/batch steps.
   */
  private @Nullable String scanFrom;

  LeadProcessor(FunnelTopology config) {
    this.config = config;
    this.catalog = config.catalog();
    this.pools = config.pools();
  }

  @Override
  public void init(ProcessorContext<Routed, byte[]> ctx) {
    this.context = ctx;
    this.leads = ctx.getStateStore(config.leadStoreName());
    this.due = ctx.getStateStore(config.dueStoreName());
    this.accepted = ctx.getStateStore(config.acceptedStoreName());
    this.acceptedByTime = ctx.getStateStore(config.acceptedByTimeStoreName());
    this.owners = ctx.getStateStore(config.ownerStoreName());
    this.held =
        new HeldMessages(
            ctx.getStateStore(config.heldStoreName()),
            ctx.getStateStore(config.heldByLeadStoreName()));
    this.deadLetters = new DeadLetterSink(ctx);
    // A task revived after an aborted transaction restores its stores: read the index afresh.
    this.scanFrom = null;
    this.earliestWritten = null;
    this.dueWrites.clear();
    ctx.schedule(config.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  @Override
  public void process(Record<byte[], byte[]> r) {
    try {
      route(r);
    } finally {
      writeDue();
    }
  }

  private void route(Record<byte[], byte[]> r) {
    LeadKey key;
    try {
      key = Keys.readLead(r.key());
    } catch (Keys.BadKey e) {
      dead(r, DeadLetters.Code.BAD_KEY, e.pointer(), e.reason());
      return;
    }
    Optional<Funnel> latest = catalog.latest(key.funnelId());
    if (latest.isEmpty()) {
      dead(r, DeadLetters.Code.UNKNOWN_FUNNEL, "/0", "the catalog has no funnel of this id");
      return;
    }
    String command = header(r.headers(), FunnelRecords.COMMAND_HEADER);
    if (command == null) {
      Event event = event(r);
      if (event != null
          && (!event.type().equals(FunnelRuntime.UNSUBSCRIBED) || withdraw(r, key, event))) {
        handle(r, key, event, (f, lead) -> f.fire(lead, event));
      }
    } else if (command.equals(FunnelRecords.ERASE)) {
      Event request = event(r);
      if (request != null) {
        erase(r, key, request);
      }
    } else if (command.equals(FunnelRecords.HOLD)) {
      hold(r, key);
    } else if (command.equals(FunnelRecords.ENTER)) {
      enter(r, key, latest.get());
    } else if (command.equals(FunnelRecords.REASSIGN)) {
      String owner = header(r.headers(), FunnelRecords.OWNER_HEADER);
      if (owner == null || owner.isBlank()) {
        dead(r, DeadLetters.Code.BAD_VALUE, "", "a reassign command without an owner header");
        return;
      }
      Event event = event(r);
      if (event != null) {
        handle(r, key, event, (f, lead) -> f.reassign(lead, owner, event));
      }
    } else {
      dead(r, DeadLetters.Code.BAD_VALUE, "", "unknown command header");
    }
  }

  private @Nullable Event event(Record<byte[], byte[]> r) {
    byte[] value = r.value();
    if (value == null) {
      dead(r, DeadLetters.Code.BAD_VALUE, "", "the record has no value");
      return null;
    }
    try {
      return FunnelFormat.readEvent(new ByteArrayInputStream(value), Syntax.JSON);
    } catch (FunnelFormatException e) {
      dead(r, DeadLetters.Code.BAD_VALUE, e.pointer(), words(e.code().name()));
      return null;
    }
  }

  /**
   * Sends an unsubscribe to the person's contact partition before the event is fired, as {@code
   * FunnelRuntime} records it before firing: from the event's time on, no marketing message on that
   * channel goes to the person, in any funnel. Returns false if the event lacks its channel.
   */
  private boolean withdraw(Record<byte[], byte[]> r, LeadKey key, Event event) {
    Object channel = event.payload().get(FunnelRuntime.UNSUBSCRIBED_CHANNEL);
    if (!(channel instanceof String c)) {
      dead(
          r,
          DeadLetters.Code.BAD_VALUE,
          "/payload/" + FunnelRuntime.UNSUBSCRIBED_CHANNEL,
          "an unsubscribe without its channel");
      return false;
    }
    Headers headers = new RecordHeaders();
    headers.add(FunnelRecords.COMMAND_HEADER, FunnelRecords.WITHDRAW.getBytes(UTF_8));
    context()
        .forward(
            new Record<>(
                new Routed(Routed.Route.CONTACTS, key.leadId().getBytes(UTF_8)),
                ContactJson.consent(
                    new ContactJson.ConsentChange(c, Purpose.MARKETING, event.at())),
                r.timestamp(),
                headers));
    return true;
  }

  /**
   * Erases the lead as {@code FunnelRuntime.erase} does: {@link Funnel#erase} committed as a step,
   * without firing the timers that were due, and the lead's held messages dropped. A lead the store
   * lacks is nothing to erase.
   */
  private void erase(Record<byte[], byte[]> r, LeadKey key, Event request) {
    String k = Keys.lead(key);
    held().drop(k);
    Lead lead = lead(k);
    if (lead == null) {
      return;
    }
    Funnel funnel = catalog.funnelOf(lead).orElse(null);
    if (funnel == null) {
      dead(r, DeadLetters.Code.UNKNOWN_FUNNEL, "", "the catalog lacks the lead's funnel version");
      return;
    }
    if (accepted().get(Keys.accepted(key, request.id())) != null) {
      return; // erased by this request already
    }
    Outcome erased = funnel.erase(lead, request);
    if (erased.isAccepted()) {
      commit(
          key,
          lead,
          funnel,
          ImmutableList.of(erased),
          ImmutableList.of(request.id()),
          r.timestamp());
    }
  }

  /** Keeps a message the contact gate held in the held-message due index until its time. */
  private void hold(Record<byte[], byte[]> r, LeadKey key) {
    byte[] value = r.value();
    ContactJson.Due due;
    try {
      due = ContactJson.due(value == null ? EMPTY : value);
    } catch (ContactJson.BadValue e) {
      dead(r, DeadLetters.Code.BAD_VALUE, e.pointer(), e.reason());
      return;
    }
    Instant until = due.until();
    if (until == null || !due.entry().key().leadKey().equals(key)) {
      dead(r, DeadLetters.Code.BAD_VALUE, "/until", "a held message without its time or lead");
      return;
    }
    String k = Keys.lead(key);
    if (lead(k) == null) {
      return; // erased meanwhile
    }
    held().hold(k, due, until);
  }

  /** Sends a message that fell due to its person's contact partition, for the contact gate. */
  private void toGate(ContactJson.Due due, long timestamp) {
    Headers headers = new RecordHeaders();
    headers.add(FunnelRecords.COMMAND_HEADER, FunnelRecords.DISPATCH.getBytes(UTF_8));
    context()
        .forward(
            new Record<>(
                new Routed(Routed.Route.CONTACTS, due.lead().id().getBytes(UTF_8)),
                ContactJson.due(due),
                timestamp,
                headers));
  }

  private void enter(Record<byte[], byte[]> r, LeadKey key, Funnel funnel) {
    EntryCommand c;
    try {
      c = EntryCommand.read(r.value());
    } catch (EntryCommand.BadValue e) {
      dead(r, DeadLetters.Code.BAD_VALUE, e.pointer(), e.reason());
      return;
    }
    String k = Keys.lead(key);
    if (lead(k) != null) {
      // Already in the funnel: a re-sent sign-up or a repeated hand-off changes nothing.
      return;
    }
    Outcome entered;
    try {
      Funnel.Entry entry = funnel.newLead(key.leadId(), c.channel()).attributes(c.attributes());
      if (c.stage() != null) {
        entry.stage(c.stage());
      }
      if (c.owner() != null) {
        entry.owner(c.owner());
      }
      for (String s : c.segments()) {
        entry.segment(s);
      }
      entered = entry.enter(c.at());
    } catch (IllegalArgumentException e) {
      dead(r, DeadLetters.Code.BAD_VALUE, "/stage", "not an entry stage of the funnel");
      return;
    }
    commit(key, null, funnel, ImmutableList.of(entered), ImmutableList.of(), r.timestamp());
  }

  private void handle(Record<byte[], byte[]> r, LeadKey key, Event event, Change change) {
    Lead before = lead(Keys.lead(key));
    if (before == null) {
      dead(r, DeadLetters.Code.NO_LEAD, "", "the lead has not entered the funnel");
      return;
    }
    Funnel funnel = catalog.funnelOf(before).orElse(null);
    if (funnel == null) {
      dead(r, DeadLetters.Code.UNKNOWN_FUNNEL, "", "the catalog lacks the lead's funnel version");
      return;
    }
    if (accepted().get(Keys.accepted(key, event.id())) != null) {
      dead(r, DeadLetters.Code.REFUSED, "/id", "duplicate");
      return;
    }
    Outcome last = change(key, before, funnel, event.at(), change, r.timestamp());
    if (last != null && last.isRefused()) {
      dead(
          r,
          DeadLetters.Code.REFUSED,
          "/type",
          words(last.refusal().map(Enum::name).orElse("refused")));
    }
  }

  /**
   * Brings a lead up to {@code at}, applies the change and stores what came of it; returns the
   * change's outcome, accepted or not.
   */
  private @Nullable Outcome change(
      LeadKey key, Lead before, Funnel funnel, Instant at, Change change, long timestamp) {
    List<Outcome> units = new ArrayList<>(2);
    Lead lead = before;
    // One advance fires every timer due by then, in due order, as FunnelRuntime's catch-up does,
    // so that the effects of a catch-up are keyed alike on both.
    Outcome caughtUp = funnel.advance(lead, at);
    if (caughtUp.isAccepted()) {
      units.add(caughtUp);
      lead = caughtUp.lead();
    }
    Outcome last = change.apply(funnel, lead);
    ImmutableList<String> eventIds = ImmutableList.of();
    if (last != null && last.isAccepted()) {
      units.add(last);
      ImmutableList<Step> steps = last.steps();
      String id = steps.isEmpty() ? null : steps.get(0).eventId();
      if (id != null) {
        eventIds = ImmutableList.of(id);
      }
    }
    if (!units.isEmpty()) {
      commit(key, before, funnel, units, eventIds, timestamp);
    }
    return last;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes the lead after the units, its due entry, its owner's load and the accepted event ids,
   * forwards its steps and effects, then carries out hand-offs and pool assignments.
   */
  private void commit(
      LeadKey key,
      @Nullable Lead before,
      Funnel funnel,
      List<Outcome> units,
      ImmutableList<String> eventIds,
      long timestamp) {
    Lead after = units.get(units.size() - 1).lead();
    String k = Keys.lead(key);
    leads().put(k, LeadCodec.write(after));
    Optional<LeadStore.Due> dueBefore =
        before == null ? Optional.empty() : LeadStore.Due.of(before);
    Optional<LeadStore.Due> dueAfter = LeadStore.Due.of(after);
    if (!dueBefore.equals(dueAfter)) {
      dueBefore.ifPresent(d -> dueWrites.add(KeyValue.pair(Keys.timed(d.due(), k), null)));
      if (dueAfter.isPresent()) {
        String written = Keys.timed(dueAfter.get().due(), k);
        dueWrites.add(KeyValue.pair(written, EMPTY));
        if (earliestWritten == null || written.compareTo(earliestWritten) < 0) {
          earliestWritten = written;
        }
      }
    }
    load(before, false, funnel);
    load(after, true, funnel);
    if (!eventIds.isEmpty()) {
      long now = context().currentSystemTimeMs();
      for (String id : eventIds) {
        String a = Keys.accepted(key, id);
        accepted().put(a, now);
        acceptedByTime().put(Keys.timed(Instant.ofEpochMilli(now), a), EMPTY);
      }
    }
    byte[] keyBytes = k.getBytes(UTF_8);
    ProcessorContext<Routed, byte[]> ctx = context();
    for (Outcome u : units) {
      for (Step s : u.steps()) {
        ctx.forward(
            new Record<>(
                new Routed(Routed.Route.STEPS, keyBytes),
                FunnelFormat.writeStep(s, Syntax.JSON).getBytes(UTF_8),
                timestamp));
      }
    }
    List<OutboxEntry> work = null;
    Instant now = Instant.ofEpochMilli(ctx.currentSystemTimeMs());
    for (OutboxEntry e : OutboxEntry.keyed(units)) {
      if (e.action().name().equals(Actions.SEND)) {
        // Contact pressure is decided when the message falls due, now, on the person's partition.
        toGate(new ContactJson.Due(e, now, after, null), timestamp);
        continue;
      }
      ctx.forward(
          new Record<>(
              new Routed(Routed.Route.EFFECTS, Keys.effect(e.key()).getBytes(UTF_8)),
              FunnelRecords.effectValue(e),
              timestamp));
      String name = e.action().name();
      if (name.equals(Actions.HAND_OFF)
          || (name.equals(Actions.ASSIGN) && e.action().params().containsKey("pool"))) {
        if (work == null) {
          work = new ArrayList<>(2);
        }
        work.add(e);
      }
    }
    if (work != null) {
      for (OutboxEntry e : work) {
        if (e.action().name().equals(Actions.HAND_OFF)) {
          handOff(key, e, timestamp);
        } else {
          assignFromPool(key, e, timestamp);
        }
      }
    }
  }

  /** Keeps the count of active leads per owner that least-loaded pools read. */
  private void load(@Nullable Lead lead, boolean add, Funnel funnel) {
    if (lead == null || lead.owner().isEmpty() || !isActive(funnel, lead)) {
      return;
    }
    String owner = lead.owner().get();
    Long n = owners().get(owner);
    long next = (n == null ? 0 : n) + (add ? 1 : -1);
    if (next <= 0) {
      owners().delete(owner);
    } else {
      owners().put(owner, next);
    }
  }

  /** Routes the entry into the target funnel through the events topic: it may live elsewhere. */
  private void handOff(LeadKey key, OutboxEntry e, long timestamp) {
    Lead source = lead(Keys.lead(key));
    if (source == null) {
      return;
    }
    Action action = e.action();
    String target = action.param("funnel").orElseThrow();
    String stage = action.param("stage").orElseThrow();
    FunnelRecords.Entry entry =
        FunnelRecords.entry(target, source.id(), source.channel(), e.at())
            .stage(stage)
            .attributes(source.attributes());
    source.owner().ifPresent(entry::owner);
    for (String s : source.segments()) {
      entry.segment(s);
    }
    Headers headers = new RecordHeaders();
    headers.add(FunnelRecords.COMMAND_HEADER, FunnelRecords.ENTER.getBytes(UTF_8));
    context()
        .forward(
            new Record<>(
                new Routed(Routed.Route.EVENTS, Keys.lead(target, source.id()).getBytes(UTF_8)),
                entry.value(),
                timestamp,
                headers));
  }

  /** Picks an owner from the pool and records it as a step of its own, as the runtime does. */
  private void assignFromPool(LeadKey key, OutboxEntry e, long timestamp) {
    String poolId = e.action().param("pool").orElseThrow();
    OwnerPool pool = pools.get(poolId);
    Lead lead = lead(Keys.lead(key));
    if (pool == null || lead == null) {
      return;
    }
    Funnel funnel = catalog.funnelOf(lead).orElse(null);
    if (funnel == null) {
      return;
    }
    EffectKey ek = e.key();
    // Derived from the effect's key, so a re-delivered assignment is refused as a duplicate.
    String eventId = "assign:" + ek.eventId() + "#" + ek.index();
    Outcome o =
        change(
            key,
            lead,
            funnel,
            e.at(),
            (f, l) -> {
              Instant at = l.updatedAt().isAfter(e.at()) ? l.updatedAt() : e.at();
              String owner =
                  pool.pick(
                      l,
                      id -> {
                        Long n = owners().get(id);
                        return n == null ? 0 : n.intValue();
                      });
              return f.reassign(l, owner, Event.of(eventId, Funnel.REASSIGNED, at));
            },
            timestamp);
    if (log.isDebugEnabled() && o != null) {
      log.debug("assignment from pool {}: {}", poolId, o.status());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  /**
   * Fires the timers due by the wall clock, earliest first, at most the configured batch per tick,
   * reading the due index from its start; then forgets accepted event ids past the retention.
   */
  void punctuate(long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    int budget = config.timerBatch();
    String upTo = Keys.timedUpTo(now);
    while (budget > 0) {
      rewind();
      String from = scanFrom;
      if (from != null && from.compareTo(upTo) > 0) {
        break;
      }
      int size = Math.min(budget, BATCH);
      List<String> batch = new ArrayList<>(size);
      try (KeyValueIterator<String, byte[]> it = due().range(from, upTo)) {
        while (it.hasNext() && batch.size() < size) {
          batch.add(it.next().key);
        }
      }
      if (batch.isEmpty()) {
        break;
      }
      for (String entry : batch) {
        String written = earliestWritten;
        if (written != null && written.compareTo(entry) < 0) {
          // A timer just fired scheduled one due before the rest of the batch: read again.
          break;
        }
        budget--;
        // The least key after the entry: the scan goes on from there.
        scanFrom = entry + '\u0000';
        fireDue(entry, nowMs);
      }
      writeDue();
    }
    rewind();
    releaseHeld(now, budget);
    purge(now.minus(config.retention()));
  }

  /** Moves the scan back to the earliest entry written since it last moved, if that is before. */
  private void rewind() {
    String written = earliestWritten;
    String from = scanFrom;
    if (written != null && from != null && written.compareTo(from) < 0) {
      scanFrom = written;
    }
    earliestWritten = null;
  }

  /**
   * Sends the held messages whose quiet hours have ended back to the contact gate, with the lead as
   * it stands now, after the timers due, as {@code FunnelRuntime}'s tick delivers the outbox after
   * firing timers; at most {@code budget} of them.
   */
  private void releaseHeld(Instant now, int budget) {
    for (OutboxEntry e : held().release(now, budget)) {
      Lead lead = lead(Keys.lead(e.key().leadKey()));
      if (lead != null) {
        toGate(new ContactJson.Due(e, now, lead, null), now.toEpochMilli());
      }
    }
  }

  private void fireDue(String entry, long nowMs) {
    Instant at = Keys.timedInstant(entry);
    String k = Keys.timedRest(entry);
    Lead lead = lead(k);
    if (lead == null || lead.timers().isEmpty() || !lead.timers().get(0).due().equals(at)) {
      dueWrites.add(KeyValue.pair(entry, null));
      return;
    }
    Funnel funnel = catalog.funnelOf(lead).orElse(null);
    Outcome o = funnel == null ? null : funnel.advance(lead, at);
    if (funnel == null || o == null || !o.isAccepted()) {
      // Kept in the index it would be read again on every tick; the lead keeps its timers.
      log.warn("due timer of lead {} cannot fire; dropped from the due index", k);
      dueWrites.add(KeyValue.pair(entry, null));
      return;
    }
    commit(Keys.parseLead(k), lead, funnel, ImmutableList.of(o), ImmutableList.of(), nowMs);
  }

  /** Writes the due index's pending changes in one batch. */
  private void writeDue() {
    if (!dueWrites.isEmpty()) {
      due().putAll(dueWrites);
      dueWrites.clear();
    }
  }

  private void purge(Instant cutoff) {
    int budget = config.timerBatch();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it =
        acceptedByTime().range(null, Keys.timedUpTo(cutoff.minusNanos(1)))) {
      while (it.hasNext() && old.size() < budget) {
        old.add(it.next().key);
      }
    }
    for (String entry : old) {
      acceptedByTime().delete(entry);
      accepted().delete(Keys.timedRest(entry));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Dead letters and helpers

  private void dead(
      Record<byte[], byte[]> r, DeadLetters.Code code, String pointer, String reason) {
    checkInit(deadLetters).send(r, code, pointer, reason);
  }

  private static @Nullable String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
  }

  private static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static boolean isActive(Funnel funnel, Lead lead) {
    return funnel.stage(lead.stage()).map(s -> !s.isTerminal()).orElse(Boolean.TRUE);
  }

  private ProcessorContext<Routed, byte[]> context() {
    return checkInit(context);
  }

  private KeyValueStore<String, byte[]> leads() {
    return checkInit(leads);
  }

  /** Reads a lead from the store; a stored value that is not a lead stops the task, named. */
  private @Nullable Lead lead(String k) {
    return LeadCodec.readStored(k, leads().get(k));
  }

  private KeyValueStore<String, byte[]> due() {
    return checkInit(due);
  }

  private KeyValueStore<String, Long> accepted() {
    return checkInit(accepted);
  }

  private KeyValueStore<String, byte[]> acceptedByTime() {
    return checkInit(acceptedByTime);
  }

  private HeldMessages held() {
    return checkInit(held);
  }

  private KeyValueStore<String, Long> owners() {
    return checkInit(owners);
  }

  private static <T> T checkInit(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the processor is not initialised");
    }
    return value;
  }
}
