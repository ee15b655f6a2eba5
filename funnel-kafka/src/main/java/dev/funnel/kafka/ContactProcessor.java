package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.funnel.Catalog;
import dev.funnel.ContactGate;
import dev.funnel.ContactRecord;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.OutboxEntry;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of one partition of the contacts topic, which is keyed by person id: it keeps each
 * person's {@link ContactRecord} in a persistent keyed state store and is the only writer of it, so
 * a person's records are changed one at a time without compare-and-set. It decides about each
 * message that fell due with the pure {@link ContactGate} and forwards the decision to the
 * dispatches topic; a message handed over goes on to the effects topic and is counted in the
 * record, a held one goes back to its lead's partition (through the events topic) to wait in the
 * held-message due index. It records consent withdrawn and given again, and erases a person: it
 * forgets their record and sends an erasure to their lead in every funnel of the catalog.
 */
final class ContactProcessor implements Processor<byte[], byte[], Routed, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(ContactProcessor.class);

  private final FunnelTopology config;
  private final Catalog catalog;
  private @Nullable ProcessorContext<Routed, byte[]> context;
  private @Nullable KeyValueStore<String, ContactRecord> contacts;
  private @Nullable DeadLetterSink deadLetters;

  ContactProcessor(FunnelTopology config) {
    this.config = config;
    this.catalog = config.catalog();
  }

  @Override
  public void init(ProcessorContext<Routed, byte[]> ctx) {
    this.context = ctx;
    this.contacts = ctx.getStateStore(config.contactStoreName());
    this.deadLetters = new DeadLetterSink(ctx);
  }

  @Override
  public void process(Record<byte[], byte[]> r) {
    byte[] key = r.key();
    String person = key == null ? "" : new String(key, UTF_8);
    if (person.isBlank() || !person.strip().equals(person)) {
      dead(r, DeadLetters.Code.BAD_KEY, "", "the key is not a person id");
      return;
    }
    byte[] value = r.value();
    if (value == null) {
      dead(r, DeadLetters.Code.BAD_VALUE, "", "the record has no value");
      return;
    }
    String command = header(r.headers());
    if (command == null) {
      dead(r, DeadLetters.Code.BAD_VALUE, "", "a contacts record without a command header");
    } else if (command.equals(FunnelRecords.DISPATCH)) {
      dispatch(r, person, value);
    } else if (command.equals(FunnelRecords.WITHDRAW) || command.equals(FunnelRecords.RESTORE)) {
      consent(r, person, value, command.equals(FunnelRecords.WITHDRAW));
    } else if (command.equals(FunnelRecords.ERASE)) {
      erase(r, person, value);
    } else {
      dead(r, DeadLetters.Code.BAD_VALUE, "", "unknown command header");
    }
  }

  private void dispatch(Record<byte[], byte[]> r, String person, byte[] value) {
    ContactJson.Due due;
    try {
      due = ContactJson.due(value);
    } catch (ContactJson.BadValue e) {
      dead(r, DeadLetters.Code.BAD_VALUE, e.pointer(), e.reason());
      return;
    }
    if (!due.lead().id().equals(person)) {
      dead(r, DeadLetters.Code.BAD_KEY, "", "the key is not the person of the message");
      return;
    }
    Funnel funnel = catalog.funnelOf(due.lead()).orElse(null);
    if (funnel == null) {
      dead(r, DeadLetters.Code.UNKNOWN_FUNNEL, "/lead", "the catalog lacks the lead's funnel");
      return;
    }
    OutboxEntry e = due.entry();
    ContactRecord record = contacts().get(person);
    if (record == null) {
      record = ContactRecord.EMPTY;
    }
    Dispatch d;
    try {
      d = ContactGate.decide(funnel, due.lead(), e.action(), due.due(), record);
    } catch (IllegalArgumentException ex) {
      dead(r, DeadLetters.Code.BAD_VALUE, "/action", "not a message");
      return;
    }
    ContactRecord next = record.after(d);
    if (next.version() != record.version()) {
      contacts().put(person, next);
    }
    ProcessorContext<Routed, byte[]> ctx = context();
    byte[] effectKey = Keys.effect(e.key()).getBytes(UTF_8);
    ctx.forward(
        new Record<>(
            new Routed(Routed.Route.DISPATCHES, effectKey),
            ContactJson.dispatch(d),
            r.timestamp()));
    Instant until = d.until();
    if (d.isSent()) {
      ctx.forward(
          new Record<>(
              new Routed(Routed.Route.EFFECTS, effectKey),
              FunnelRecords.effectValue(e),
              r.timestamp()));
    } else if (until != null) {
      Headers headers = new RecordHeaders();
      headers.add(FunnelRecords.COMMAND_HEADER, FunnelRecords.HOLD.getBytes(UTF_8));
      ctx.forward(
          new Record<>(
              new Routed(Routed.Route.EVENTS, Keys.lead(e.key().leadKey()).getBytes(UTF_8)),
              ContactJson.due(due.held(until)),
              r.timestamp(),
              headers));
    }
    if (log.isDebugEnabled()) {
      log.debug("message {} decided: {}", e.key(), d.verdict());
    }
  }

  private void consent(Record<byte[], byte[]> r, String person, byte[] value, boolean withdraw) {
    ContactJson.ConsentChange c;
    try {
      c = ContactJson.consent(value, withdraw);
    } catch (ContactJson.BadValue e) {
      dead(r, DeadLetters.Code.BAD_VALUE, e.pointer(), e.reason());
      return;
    }
    ContactRecord record = contacts().get(person);
    if (record == null) {
      record = ContactRecord.EMPTY;
    }
    Instant at = c.at();
    ContactRecord next;
    try {
      next =
          at != null
              ? record.withdraw(c.channel(), c.purpose(), at)
              : record.restore(c.channel(), c.purpose());
    } catch (IllegalArgumentException e) {
      dead(r, DeadLetters.Code.BAD_VALUE, "/channel", "not a channel");
      return;
    }
    if (next.version() != record.version()) {
      contacts().put(person, next);
    }
  }

  private void erase(Record<byte[], byte[]> r, String person, byte[] value) {
    Event request;
    try {
      request = FunnelFormat.readEvent(new ByteArrayInputStream(value), Syntax.JSON);
    } catch (FunnelFormatException e) {
      dead(
          r,
          DeadLetters.Code.BAD_VALUE,
          e.pointer(),
          e.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      return;
    }
    contacts().delete(person);
    // Every funnel's lead of the person may live on another partition: each gets the erasure
    // through the events topic, keyed by that lead.
    Set<String> seen = new HashSet<>();
    for (Funnel f : catalog.all()) {
      if (!seen.add(f.id())) {
        continue;
      }
      Headers headers = new RecordHeaders();
      headers.add(FunnelRecords.COMMAND_HEADER, FunnelRecords.ERASE.getBytes(UTF_8));
      context()
          .forward(
              new Record<>(
                  new Routed(Routed.Route.EVENTS, Keys.lead(f.id(), person).getBytes(UTF_8)),
                  FunnelFormat.writeEvent(request, Syntax.JSON).getBytes(UTF_8),
                  r.timestamp(),
                  headers));
    }
    log.debug("person erased from the contact store; erasures sent to {} funnels", seen.size());
  }

  private void dead(
      Record<byte[], byte[]> r, DeadLetters.Code code, String pointer, String reason) {
    checkInit(deadLetters).send(r, code, pointer, reason);
  }

  private static @Nullable String header(Headers headers) {
    Header h = headers.lastHeader(FunnelRecords.COMMAND_HEADER);
    return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
  }

  private ProcessorContext<Routed, byte[]> context() {
    return checkInit(context);
  }

  private KeyValueStore<String, ContactRecord> contacts() {
    return checkInit(contacts);
  }

  private static <T> T checkInit(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the processor is not initialised");
    }
    return value;
  }
}
