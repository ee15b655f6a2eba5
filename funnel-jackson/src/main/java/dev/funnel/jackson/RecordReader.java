package dev.funnel.jackson;

import com.google.common.collect.ImmutableList;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.Input.Fields;
import dev.funnel.jackson.Input.Mark;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a funnel's runtime keeps and exchanges (leads, events and steps) from an {@link
 * Input}, the way {@link ModelReader} reads definitions: one value at a time, every property listed
 * explicitly, anything else refused.
 */
final class RecordReader {
  private RecordReader() {}

  static Lead lead(Input in) throws IOException {
    Fields f = in.object();
    String id = null;
    String funnelId = null;
    int funnelVersion = 1;
    String stage = null;
    Instant enteredAt = null;
    Instant updatedAt = null;
    Mark updatedMark = null;
    long version = 0;
    String channel = null;
    String owner = null;
    ModelReader.Scalars attributes = null;
    // Not a LinkedHashSet: a lead refused at the token limit held 100,000 segments' nodes in one.
    Distinct segments = new Distinct();
    ImmutableList<Purchase> purchases = ImmutableList.of();
    List<ScheduledTimer> timers = new ArrayList<>();
    List<Mark> timerMarks = new ArrayList<>();
    ImmutableList<String> recent = ImmutableList.of();
    JourneyFormat.LeadJourney journey = null;
    boolean format = false;
    while (f.next()) {
      switch (f.name()) {
        case "format" -> {
          ModelReader.format(in);
          format = true;
        }
        case "id" -> id = in.readId();
        case "funnelId" -> funnelId = in.readId();
        case "funnelVersion" -> {
          funnelVersion = in.readInt();
          if (funnelVersion < 1) {
            throw in.error(Code.INVALID_VALUE, "funnel version must be positive");
          }
        }
        case "stage" -> stage = in.readId();
        case "enteredAt" -> enteredAt = in.readInstant();
        case "updatedAt" -> {
          updatedAt = in.readInstant();
          updatedMark = in.mark();
        }
        case "version" -> {
          version = in.readWhole();
          if (version < 0) {
            throw in.error(Code.INVALID_VALUE, "lead version must not be negative");
          }
        }
        case "channel" -> channel = in.readId();
        case "owner" -> owner = in.readId();
        case "attributes" -> attributes = ModelReader.scalars(in);
        case "segments" -> {
          in.readArray();
          while (in.element()) {
            String s = in.id();
            if (!segments.add(s)) {
              throw in.error(Code.INVALID_VALUE, "segment listed twice");
            }
          }
        }
        case "purchases" -> purchases = ModelReader.list(in, RecordReader::purchase);
        case "timers" -> {
          in.readArray();
          while (in.element()) {
            timerMarks.add(in.mark());
            timers.add(ModelReader.scheduledTimer(in));
          }
        }
        case "recentEventIds" -> {
          in.next();
          Mark recentMark = in.mark();
          recent = ModelReader.elements(in, Input::id);
          if (recent.size() > 2 * Lead.RECENT_EVENT_IDS) {
            throw recentMark.error(
                Code.INVALID_VALUE, "more than " + 2 * Lead.RECENT_EVENT_IDS + " recent event ids");
          }
        }
        case "journey" -> journey = JourneyFormat.journey(in);
        default -> throw f.unknown();
      }
    }
    if (!format) {
      throw f.missing("format");
    }
    id = f.required(id, "id");
    funnelId = f.required(funnelId, "funnelId");
    stage = f.required(stage, "stage");
    enteredAt = f.required(enteredAt, "enteredAt");
    channel = f.required(channel, "channel");
    if (updatedAt != null && updatedMark != null && updatedAt.isBefore(enteredAt)) {
      throw updatedMark.error(Code.INVALID_VALUE, "updatedAt is before enteredAt");
    }
    for (int i = 0; i < timers.size(); i++) {
      if (!timers.get(i).stage().equals(stage)) {
        Mark m = timerMarks.get(i);
        throw m.error(
            Code.INVALID_VALUE, "a pending timer belongs to another stage than the lead's");
      }
    }
    Lead.Builder b =
        Lead.builder(id, funnelId)
            .funnelVersion(funnelVersion)
            .stage(stage, enteredAt)
            .channel(channel)
            .owner(owner)
            .recentEventIds(recent)
            .version(version);
    if (updatedAt != null) {
      b.updatedAt(updatedAt);
    }
    if (attributes != null) {
      b.attributes(attributes.take());
    }
    for (int i = 0; i < segments.size(); i++) {
      b.segment(segments.get(i));
    }
    purchases.forEach(b::purchase);
    timers.forEach(b::timer);
    try {
      if (journey != null) {
        journey.declare(b);
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw f.invalid("the lead is inconsistent");
    }
  }

  static Purchase purchase(Input in) throws IOException {
    Fields f = in.object();
    String offer = null;
    Money amount = null;
    Instant at = null;
    String eventId = null;
    while (f.next()) {
      switch (f.name()) {
        case "offer" -> offer = in.readId();
        case "amount" -> {
          in.next();
          amount = ModelReader.money(in);
        }
        case "at" -> at = in.readInstant();
        case "eventId" -> eventId = in.readId();
        default -> throw f.unknown();
      }
    }
    offer = f.required(offer, "offer");
    amount = f.required(amount, "amount");
    at = f.required(at, "at");
    eventId = f.required(eventId, "eventId");
    return new Purchase(offer, amount, at, eventId);
  }

  static Event event(Input in) throws IOException {
    Fields f = in.object();
    String id = null;
    String type = null;
    Instant at = null;
    ModelReader.Scalars payload = null;
    String offer = null;
    Money amount = null;
    Mark amountMark = null;
    String actor = null;
    String reason = null;
    while (f.next()) {
      switch (f.name()) {
        case "id" -> id = in.readId();
        case "type" -> type = in.readId();
        case "at" -> at = in.readInstant();
        case "payload" -> payload = ModelReader.scalars(in);
        case "offer" -> offer = in.readId();
        case "amount" -> {
          in.next();
          amountMark = in.mark();
          amount = ModelReader.money(in);
        }
        case "actor" -> actor = in.readId();
        case "reason" -> reason = in.readText();
        default -> throw f.unknown();
      }
    }
    id = f.required(id, "id");
    type = f.required(type, "type");
    at = f.required(at, "at");
    Event.Builder b = Event.builder(id, type, at);
    if (payload != null) {
      b.payload(payload.take());
    }
    if (offer != null) {
      b.offer(offer);
    }
    if (amount != null && amountMark != null) {
      if (offer == null) {
        throw amountMark.error(Code.INVALID_VALUE, "an amount needs an offer");
      }
      b.amount(amount);
    }
    if (actor != null) {
      b.actor(actor);
    }
    if (reason != null) {
      b.reason(reason);
    }
    return b.build();
  }

  static Step step(Input in) throws IOException {
    Fields f = in.object();
    String funnelId = null;
    String leadId = null;
    String from = null;
    String to = null;
    String eventId = null;
    String eventType = null;
    Instant at = null;
    String channel = null;
    String owner = null;
    String offer = null;
    Money amount = null;
    String actor = null;
    String reason = null;
    long version = 0;
    boolean hasVersion = false;
    while (f.next()) {
      switch (f.name()) {
        case "funnelId" -> funnelId = in.readId();
        case "leadId" -> leadId = in.readId();
        case "from" -> from = in.readId();
        case "to" -> to = in.readId();
        case "eventId" -> eventId = in.readId();
        case "eventType" -> eventType = in.readId();
        case "at" -> at = in.readInstant();
        case "channel" -> channel = in.readId();
        case "owner" -> owner = in.readId();
        case "offer" -> offer = in.readId();
        case "amount" -> {
          in.next();
          amount = ModelReader.money(in);
        }
        case "actor" -> actor = in.readId();
        case "reason" -> reason = in.readText();
        case "version" -> {
          version = in.readWhole();
          if (version < 0) {
            throw in.error(Code.INVALID_VALUE, "lead version must not be negative");
          }
          hasVersion = true;
        }
        default -> throw f.unknown();
      }
    }
    funnelId = f.required(funnelId, "funnelId");
    leadId = f.required(leadId, "leadId");
    to = f.required(to, "to");
    at = f.required(at, "at");
    channel = f.required(channel, "channel");
    if (!hasVersion) {
      throw f.missing("version");
    }
    return new Step(
        funnelId, leadId, from, to, eventId, eventType, at, channel, owner, offer, amount, actor,
        reason, version);
  }
}
