package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Event;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.Input.Fields;
import dev.funnel.jackson.Input.Mark;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes a {@link Journal}: the leads that arrived, each with the events that came for
 * it, and the instant the record ends; or, in place of the leads, the step records a runtime wrote,
 * read as {@link Journal#fromSteps} reads them. Events and steps are read as {@link RecordReader}
 * reads them anywhere else.
 */
final class JournalFormat {
  private JournalFormat() {}

  private static final String NO_END = "a journal without leads needs its end";

  static void write(JsonGenerator g, Journal j) throws IOException {
    g.writeStartObject();
    g.writeNumberField("format", FunnelFormat.FORMAT_VERSION);
    g.writeStringField("end", j.end().toString());
    g.writeArrayFieldStart("leads");
    for (Journal.Arrival a : j.arrivals()) {
      g.writeStartObject();
      g.writeStringField("id", a.leadId());
      g.writeStringField("channel", a.channel());
      if (a.owner() != null) {
        g.writeStringField("owner", a.owner());
      }
      if (!a.attributes().isEmpty()) {
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
          g.writeFieldName(e.getKey());
          ModelWriter.scalar(g, e.getValue());
        }
        g.writeEndObject();
      }
      if (a.stage() != null) {
        g.writeStringField("stage", a.stage());
      }
      g.writeStringField("at", a.at().toString());
      ImmutableList<Event> events = j.events(a.leadId());
      if (!events.isEmpty()) {
        g.writeArrayFieldStart("events");
        for (Event e : events) {
          ModelWriter.event(g, e);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static Journal read(Input in) throws IOException {
    Fields f = in.object();
    boolean format = false;
    Instant end = null;
    Journal.Builder leads = null;
    Mark leadsMark = null;
    List<Step> steps = null;
    Mark stepsMark = null;
    while (f.next()) {
      switch (f.name()) {
        case "format" -> {
          ModelReader.format(in);
          format = true;
        }
        case "end" -> end = in.readInstant();
        case "leads" -> {
          in.next();
          leadsMark = in.mark();
          leads = leads(in);
        }
        case "steps" -> {
          in.next();
          stepsMark = in.mark();
          steps = steps(in);
        }
        default -> throw f.unknown();
      }
    }
    if (!format) {
      throw f.missing("format");
    }
    if (leads != null && steps != null) {
      throw f.invalid("a journal holds leads or steps, not both");
    }
    if (steps != null && stepsMark != null) {
      Instant last = end;
      for (Step s : steps) {
        last = last == null || s.at().isAfter(last) ? s.at() : last;
      }
      if (last == null) {
        throw stepsMark.error(Code.INVALID_VALUE, NO_END);
      }
      return Journal.fromSteps(steps, end == null ? last : end);
    }
    Journal.Builder b = f.required(leads, "leads");
    if (end != null) {
      b.end(end);
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw (leadsMark == null ? in.mark() : leadsMark).error(Code.INVALID_VALUE, NO_END);
    }
  }

  private static Journal.Builder leads(Input in) throws IOException {
    in.array();
    Journal.Builder b = Journal.builder();
    Set<String> ids = new HashSet<>();
    while (in.element()) {
      Fields f = in.object();
      String id = null;
      Mark idMark = null;
      String channel = null;
      String owner = null;
      ImmutableMap<String, Object> attributes = ImmutableMap.of();
      String stage = null;
      Instant at = null;
      ImmutableList<Event> events = ImmutableList.of();
      while (f.next()) {
        switch (f.name()) {
          case "id" -> {
            id = in.readId();
            idMark = in.mark();
          }
          case "channel" -> channel = in.readId();
          case "owner" -> owner = in.readId();
          case "attributes" -> attributes = ModelReader.scalars(in).toMap();
          case "stage" -> stage = in.readId();
          case "at" -> at = in.readInstant();
          case "events" -> events = ModelReader.list(in, RecordReader::event);
          default -> throw f.unknown();
        }
      }
      id = f.required(id, "id");
      channel = f.required(channel, "channel");
      at = f.required(at, "at");
      if (!ids.add(id) && idMark != null) {
        throw idMark.error(Code.INVALID_VALUE, "lead listed twice");
      }
      b.arrive(new Journal.Arrival(id, channel, owner, attributes, stage, at));
      for (Event e : events) {
        b.event(id, e);
      }
    }
    return b;
  }

  /**
   * Reads step records, refusing those {@link Journal#fromSteps} would: a lead's second entry, and
   * an event's step of a lead that has not entered.
   */
  private static List<Step> steps(Input in) throws IOException {
    in.array();
    List<Step> steps = new ArrayList<>();
    Set<String> entered = new HashSet<>();
    while (in.element()) {
      JsonLocation start = in.location();
      String pointer = in.pointer();
      Step s = RecordReader.step(in);
      String id = s.eventId();
      String type = s.eventType();
      if (s.isEntry()) {
        if (!entered.add(s.leadId())) {
          throw Input.at(Code.INVALID_VALUE, "a lead's second entry step", pointer, start);
        }
      } else if (id != null
          && type != null
          && !id.startsWith("timer:")
          && !type.equals(Migration.MIGRATED)
          && !entered.contains(s.leadId())) {
        throw Input.at(
            Code.INVALID_VALUE, "a step of a lead before its entry step", pointer, start);
      }
      steps.add(s);
    }
    return steps;
  }
}
