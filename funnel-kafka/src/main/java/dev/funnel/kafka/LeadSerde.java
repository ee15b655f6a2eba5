package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.funnel.Lead;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.ByteArrayInputStream;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Leads in the funnel format's JSON, as the lead store and its changelog keep them. */
final class LeadSerde implements Serde<Lead> {
  static final LeadSerde INSTANCE = new LeadSerde();

  private LeadSerde() {}

  @Override
  public Serializer<Lead> serializer() {
    return (topic, lead) ->
        lead == null ? null : FunnelFormat.writeLead(lead, Syntax.JSON).getBytes(UTF_8);
  }

  @Override
  public Deserializer<Lead> deserializer() {
    return (topic, bytes) ->
        bytes == null ? null : FunnelFormat.readLead(new ByteArrayInputStream(bytes), Syntax.JSON);
  }
}
