package dev.funnel.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.FunnelModule;

/** The one strict mapper of the records this module reads and writes besides whole documents. */
final class Json {
  private Json() {}

  /** The funnel format's limits, so a record is held to what a document is. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxDocumentLength(FunnelFormat.MAX_DOCUMENT_LENGTH)
          .maxNestingDepth(FunnelFormat.MAX_DEPTH)
          .maxStringLength(FunnelFormat.MAX_STRING_LENGTH)
          .maxNameLength(FunnelFormat.MAX_NAME_LENGTH)
          .build();

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(LIMITS)
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .addModule(new FunnelModule())
          .build();
}
