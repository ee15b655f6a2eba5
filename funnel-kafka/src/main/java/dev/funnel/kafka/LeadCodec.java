package dev.funnel.kafka;

import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelFormatException;
import dev.funnel.jackson.Syntax;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The lead store's values: a lead's snapshot in a compact binary form of this module's own, not a
 * format for anyone else. The first byte says the form, so stored state can evolve: {@value
 * #FORMAT} is the form below, and an opening brace a snapshot in the funnel format's JSON, as
 * earlier versions of this module stored it, which is read as JSON. Then, in the order {@code
 * FunnelFormat.writeLead} writes them: id, funnel id, funnel version, stage, entered and updated
 * at, version, channel, owner, attributes, segments, purchases, timers, recent event ids, and the
 * journey (entries, score and since when, goals). Strings are a length and UTF-8; whole numbers are
 * variable-length (zig-zag where they may be negative); an instant is its epoch second and nano.
 *
 * <p>Reading refuses a value that does not hold exactly one valid snapshot ({@link
 * Binary.Corrupt}); the lead is built through {@link Lead#builder}, so it is held to the same rules
 * as one read from JSON. Thread-safe.
 */
final class LeadCodec {
  private LeadCodec() {}

  /** The first byte of the current form. */
  static final byte FORMAT = 1;

  private static final byte JSON = '{';

  private static final int STRING = 0;
  private static final int FALSE = 1;
  private static final int TRUE = 2;
  private static final int WHOLE = 3;
  private static final int DECIMAL = 4;

  // ---------------------------------------------------------------------------------------------
  // Writing

  static byte[] write(Lead l) {
    Binary.Out o = new Binary.Out(96 + 24 * l.recentEventIds().size());
    o.b(FORMAT);
    write(o, l);
    return o.bytes();
  }

  /** Writes the snapshot's fields, without the form's byte, into a value that holds more. */
  static void write(Binary.Out o, Lead l) {
    o.s(l.id());
    o.s(l.funnelId());
    o.u(l.funnelVersion());
    o.s(l.stage());
    o.t(l.enteredAt());
    o.t(l.updatedAt());
    o.u(l.version());
    o.s(l.channel());
    String owner = l.owner().orElse(null);
    o.b(owner == null ? 0 : 1);
    if (owner != null) {
      o.s(owner);
    }
    o.u(l.attributes().size());
    for (Map.Entry<String, Object> a : l.attributes().entrySet()) {
      o.s(a.getKey());
      scalar(o, a.getValue());
    }
    o.u(l.segments().size());
    for (String s : l.segments()) {
      o.s(s);
    }
    o.u(l.purchases().size());
    for (Purchase p : l.purchases()) {
      o.s(p.offer());
      decimal(o, p.amount().amount());
      o.s(p.amount().currency().getCurrencyCode());
      o.t(p.at());
      o.s(p.eventId());
    }
    o.u(l.timers().size());
    for (ScheduledTimer t : l.timers()) {
      // The stage is the lead's: the builder refuses a timer of another.
      o.s(t.event());
      o.t(t.due());
    }
    List<String> recent = l.recentEventIds();
    o.u(recent.size());
    for (String id : recent) {
      o.s(id);
    }
    o.u(l.entries().size());
    for (Instant t : l.entries()) {
      o.t(t);
    }
    Instant since = l.scoreSince().orElse(null);
    // As the JSON form: a score without its time is not written, nor a time without a score.
    if (l.score() != 0 && since != null) {
      o.z(l.score());
      o.t(since);
    } else {
      o.z(0);
    }
    o.u(l.goalsReached().size());
    for (String g : l.goalsReached()) {
      o.s(g);
    }
  }

  /** Writes an attribute's or an action parameter's value: a string, boolean, long or decimal. */
  static void scalar(Binary.Out o, Object v) {
    if (v instanceof String s) {
      o.b(STRING);
      o.s(s);
    } else if (v instanceof Boolean b) {
      o.b(b ? TRUE : FALSE);
    } else if (v instanceof Long n) {
      o.b(WHOLE);
      o.z(n);
    } else if (v instanceof BigDecimal d) {
      o.b(DECIMAL);
      decimal(o, d);
    } else {
      // Lead.Builder normalises every attribute to one of the four above.
      throw new IllegalArgumentException(
          "an attribute of type " + v.getClass().getSimpleName() + " has no stored form");
    }
  }

  private static void decimal(Binary.Out o, BigDecimal d) {
    o.z(d.scale());
    byte[] unscaled = d.unscaledValue().toByteArray();
    o.u(unscaled.length);
    o.raw(unscaled);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Reads a stored snapshot.
   *
   * @throws Binary.Corrupt if the bytes are not exactly one valid snapshot in a known form
   */
  static Lead read(byte[] bytes) throws Binary.Corrupt {
    if (bytes.length == 0) {
      throw new Binary.Corrupt("the value is empty");
    }
    if (bytes[0] == JSON) {
      try {
        return FunnelFormat.readLead(new ByteArrayInputStream(bytes), Syntax.JSON);
      } catch (FunnelFormatException e) {
        throw new Binary.Corrupt("the JSON snapshot does not parse at '" + e.pointer() + "'");
      }
    }
    if (bytes[0] != FORMAT) {
      throw new Binary.Corrupt("the value is in an unknown form " + (bytes[0] & 0xff));
    }
    Binary.In in = new Binary.In(bytes, 1);
    Lead lead = read(in);
    if (!in.atEnd()) {
      throw new Binary.Corrupt("the value has bytes after the snapshot");
    }
    return lead;
  }

  /**
   * Reads the fields {@link #write(Binary.Out, Lead)} wrote.
   *
   * @throws Binary.Corrupt if they are not a valid snapshot
   */
  static Lead read(Binary.In in) throws Binary.Corrupt {
    try {
      return fields(in);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      // The builder's and Money's messages name ids and options, never attribute values.
      throw new Binary.Corrupt("the snapshot is not a valid lead: " + e.getMessage());
    }
  }

  /** Reads a stored snapshot, refusing a corrupt one with an error naming its key. */
  static @Nullable Lead readStored(String key, byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return read(bytes);
    } catch (Binary.Corrupt e) {
      throw new IllegalStateException(
          "the lead store's value under key " + key + " is not a lead: " + e.getMessage(), e);
    }
  }

  private static Lead fields(Binary.In in) throws Binary.Corrupt {
    String id = in.s();
    String funnelId = in.s();
    Lead.Builder b = Lead.builder(id, funnelId).funnelVersion(in.i());
    String stage = in.s();
    b.stage(stage, in.t());
    b.updatedAt(in.t());
    b.version(in.u());
    b.channel(in.s());
    int owned = in.b();
    if (owned == 1) {
      b.owner(in.s());
    } else if (owned != 0) {
      throw new Binary.Corrupt("the owner's flag is neither 0 nor 1");
    }
    for (int n = in.count(); n > 0; n--) {
      b.attribute(in.s(), scalar(in));
    }
    for (int n = in.count(); n > 0; n--) {
      b.segment(in.s());
    }
    for (int n = in.count(); n > 0; n--) {
      String offer = in.s();
      BigDecimal amount = decimal(in);
      Currency currency = currency(in.s());
      Instant at = in.t();
      b.purchase(new Purchase(offer, new Money(amount, currency), at, in.s()));
    }
    for (int n = in.count(); n > 0; n--) {
      String event = in.s();
      b.timer(new ScheduledTimer(stage, event, in.t()));
    }
    int recent = in.count();
    List<String> ids = new ArrayList<>(recent);
    for (int n = recent; n > 0; n--) {
      ids.add(in.s());
    }
    b.recentEventIds(ids);
    int entries = in.count();
    if (entries > 0) {
      List<Instant> times = new ArrayList<>(entries);
      for (int n = entries; n > 0; n--) {
        times.add(in.t());
      }
      b.entries(times);
    }
    long points = in.z();
    if (points != 0) {
      if (points != (int) points) {
        throw new Binary.Corrupt("the score is out of range");
      }
      b.score((int) points, in.t());
    }
    for (int n = in.count(); n > 0; n--) {
      b.goalReached(in.s());
    }
    return b.build();
  }

  static Object scalar(Binary.In in) throws Binary.Corrupt {
    int tag = in.b();
    return switch (tag) {
      case STRING -> in.s();
      case FALSE -> false;
      case TRUE -> true;
      case WHOLE -> in.z();
      case DECIMAL -> decimal(in);
      default -> throw new Binary.Corrupt("an attribute has an unknown tag " + tag);
    };
  }

  private static BigDecimal decimal(Binary.In in) throws Binary.Corrupt {
    long scale = in.z();
    if (scale != (int) scale) {
      throw new Binary.Corrupt("a decimal's scale is out of range");
    }
    int n = in.count();
    if (n == 0) {
      throw new Binary.Corrupt("a decimal has no digits");
    }
    byte[] unscaled = in.take(n);
    return new BigDecimal(new BigInteger(unscaled), (int) scale);
  }

  private static Currency currency(String code) throws Binary.Corrupt {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new Binary.Corrupt("a purchase has an unknown currency");
    }
  }
}
