package dev.funnel.kafka;

import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import dev.funnel.runtime.OutboxEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes the forms of a message due that earlier versions of this module wrote, so that the tests
 * can check that this version still reads them.
 */
final class EarlierForms {

  private EarlierForms() {}

  /** Writes a message due in JSON, the first form. */
  static byte[] dueJson(ContactJson.Due d) {
    OutboxEntry e = d.entry();
    return ContactJson.write(
        g -> {
          g.writeFieldName("key");
          g.writeRawValue(Keys.effect(e.key()));
          g.writeStringField("at", e.at().toString());
          g.writeFieldName("action");
          Json.MAPPER.writeValue(g, e.action());
          g.writeStringField("due", d.due().toString());
          Instant until = d.until();
          if (until != null) {
            g.writeStringField("until", until.toString());
          }
          g.writeFieldName("lead");
          g.writeRawValue(FunnelFormat.writeLead(d.lead(), Syntax.JSON));
        });
  }

  /** Writes a message due in the binary form with its action as JSON, the second form. */
  static byte[] dueActionJson(ContactJson.Due d) {
    OutboxEntry e = d.entry();
    Binary.Out o = ContactJson.dueHeader(ContactJson.DUE_FORMAT_ACTION_JSON, e);
    try {
      o.s(Json.MAPPER.writeValueAsString(e.action()));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    o.t(d.due());
    Instant until = d.until();
    o.b(until == null ? 0 : 1);
    if (until != null) {
      o.t(until);
    }
    LeadCodec.write(o, d.lead());
    return o.bytes();
  }
}
