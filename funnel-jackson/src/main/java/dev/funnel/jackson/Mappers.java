package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The format's own JSON and YAML mappers, which no caller's settings can weaken: strict (unknown
 * properties, duplicate keys, coercion and type ids refused), held to the limits of {@link
 * FunnelFormat}, and writing as the format writes (definitions indented, YAML restyled). Their
 * set-up checks first that the Jackson on the class path is new enough. Thread-safe.
 */
final class Mappers {
  private Mappers() {}

  static {
    Requirements.check(); // before LIMITS, whose builder methods Jackson 2.16 introduced
  }

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxDocumentLength(FunnelFormat.MAX_DOCUMENT_LENGTH)
          .maxNestingDepth(FunnelFormat.MAX_DEPTH)
          .maxTokenCount(FunnelFormat.MAX_TOKENS)
          .maxStringLength(FunnelFormat.MAX_STRING_LENGTH)
          .maxNameLength(FunnelFormat.MAX_NAME_LENGTH)
          .build();

  private static final ObjectMapper JSON = json(true);

  /**
   * The length in bytes or characters above which a JSON document is parsed without a symbol table
   * of its property names: such a document may hold tens of thousands of distinct names (a lead's
   * attributes, an event's payload), and the table held them all again in its own arrays until the
   * read ended, 2.5 MiB beside 50,000 names (ReadCost, see BENCHMARKS.md). A document this short
   * has at most a few thousand names, and keeps the table's savings on repeated ones.
   */
  static final int SYMBOLS_UP_TO = 64 * 1024;

  private static final ObjectMapper LONG_JSON = json(false);

  private static ObjectMapper json(boolean symbols) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Names are not interned: for a lead of 50,000 distinct attribute names interning
            // took most of a 0.25 s refusal (WideReadBenchmark, jsonAttributes), and the format
            // compares names by value. Up to SYMBOLS_UP_TO they stay in the symbol table, which
            // spares a definition's repeated names an allocation each (JacksonBenchmark: 580 KB a
            // read against 745 KB without it).
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, symbols)
            .build();
    return strict(JsonMapper.builder(factory));
  }

  private static final ObjectMapper YAML = yaml();

  private static ObjectMapper yaml() {
    return strict(
        YAMLMapper.builder(
            new YamlGuard.Factory(
                YAMLFactory.builder()
                    .streamReadConstraints(LIMITS)
                    .loaderOptions(loaderOptions())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                    .disable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .stringQuotingChecker(new YamlQuoting())
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))));
  }

  private static final ObjectWriter INDENTED_JSON = JSON.writer(prettyPrinter());

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(FunnelFormat.MAX_DOCUMENT_LENGTH);
    o.setNestingDepthLimit(FunnelFormat.MAX_DEPTH);
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(0);
    return o;
  }

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      M strict(B builder) {
    // The module's deserializers are strict on their own; these settings keep anything else the
    // mapper might do strict too. Trailing content is checked by DocumentReader, to report it with
    // its own code even when it is malformed.
    return builder
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
        // Locations of an invalid definition's problems are found by a second pass, see
        // DocumentReader.located.
        .addModule(new FunnelModule(false))
        .build();
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    p.indentArraysWith(indenter);
    p.indentObjectsWith(indenter);
    return p;
  }

  /** Returns the mapper of a syntax. */
  static ObjectMapper of(Syntax syntax) {
    return syntax == Syntax.JSON ? JSON : YAML;
  }

  /**
   * Returns the mapper that parses a document of a syntax and length: for JSON longer than {@link
   * #SYMBOLS_UP_TO}, one without a symbol table of property names.
   */
  static ObjectMapper parsing(Syntax syntax, int length) {
    return syntax == Syntax.JSON && length > SYMBOLS_UP_TO ? LONG_JSON : of(syntax);
  }

  /**
   * Writes a value indented, as definitions, migrations and journals are, ending with a new line.
   */
  static String writeIndented(Object value, Syntax syntax) {
    return write(syntax == Syntax.JSON ? INDENTED_JSON : YAML.writer(), value, true);
  }

  /** Writes a value compact, as leads, events, steps and outcomes are. */
  static String writeCompact(Object value, Syntax syntax) {
    return write(of(syntax).writer(), value, false);
  }

  private static String write(ObjectWriter writer, Object value, boolean newline) {
    try {
      String s = writer.writeValueAsString(value);
      if (writer.getFactory() instanceof YAMLFactory) {
        s = YamlStyle.restyle(s);
      }
      return newline && !s.endsWith("\n") ? s + "\n" : s;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e.getCause();
      }
      throw new IllegalStateException("writing failed", e);
    }
  }
}
