package dev.funnel.jackson;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes funnel definitions, leads, events, steps, migrations and journals in the funnel
 * format, in JSON or YAML, and writes outcomes. The entry point for untrusted input:
 *
 * <pre>{@code
 * Funnel shop = FunnelFormat.readDefinition(Files.newInputStream(path), Syntax.YAML);
 * String json = FunnelFormat.writeDefinition(shop, Syntax.JSON);
 * }</pre>
 *
 * <p>Reading uses this class's own mappers, which no caller's settings can weaken: unknown
 * properties, duplicate keys and trailing content fail; there is no coercion (a decimal where a
 * whole number belongs, a string where a boolean belongs); the YAML 1.1 words {@code yes}, {@code
 * no}, {@code on} and {@code off} stay strings; YAML anchors, aliases and tags are refused; type
 * ids are refused and no class is ever loaded because of the input. A definition's, lead's,
 * migration's or journal's {@code format} version is checked before anything else, wherever it
 * stands in the document. The limits, chosen for hand-written definitions and stored leads, are:
 *
 * <ul>
 *   <li>document size: {@value #MAX_DOCUMENT_LENGTH} bytes (from a stream) or characters (from a
 *       string or reader);
 *   <li>tokens: {@value #MAX_TOKENS} (each property name, each scalar value, and the start and the
 *       end of each object and array count one);
 *   <li>nesting depth: {@value #MAX_DEPTH} objects and arrays;
 *   <li>string length: {@value #MAX_STRING_LENGTH} characters;
 *   <li>property name length: {@value #MAX_NAME_LENGTH} characters;
 *   <li>YAML line length: {@value #MAX_LINE_LENGTH} characters.
 * </ul>
 *
 * <p>They are enforced while the document is parsed, by Jackson's stream constraints and, for YAML,
 * on SnakeYAML's events and lines as Jackson pulls them: a document nested too deep is refused at
 * the first level too many and one with a reference at the first anchor or alias. Within them a
 * read holds at most 15 MiB of heap at its peak beside the document, its result included: the
 * widest value the limits allow, an event of 50,000 payload values, needs 13.5 MiB, most of it the
 * copies its builder makes; a YAML document of 1 MiB of any shape about 5 MiB, its decoded text
 * included; a document refused at the token limit no more than the widest read (measured on OpenJDK
 * 17 with compressed references; see BENCHMARKS.md). An invalid definition reports at most a
 * thousand errors (see {@link dev.funnel.FunnelDefinitionException}). Ids, text, durations and
 * instants follow the rules of the format (see the package documentation).
 *
 * <p>Every format error is a {@link FunnelFormatException} with a stable code, the JSON Pointer of
 * the offending value and its line and column; a definition that parses but fails validation is
 * reported with every problem located. Writing definitions gives indented JSON; leads, events,
 * steps and outcomes are written as compact JSON. YAML is written as people write it: the document
 * and its sections in block style, each shorter collection below them on one line in flow style
 * ({@code - {stage: cold-lead, after: P2D, event: nudge}}), plain scalars wherever YAML reads them
 * back as the same text, and long lines folded. This class is thread-safe.
 */
public final class FunnelFormat {
  private FunnelFormat() {}

  /** The version of the format this library reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** The largest document read, in bytes from a stream or characters otherwise: 1 MiB. */
  public static final int MAX_DOCUMENT_LENGTH = 1 << 20;

  /**
   * The most tokens a document may have: each property name, each scalar value, and the start and
   * the end of each object and array count one. It bounds the work a document within the size limit
   * can cause: parsing YAML costs about a microsecond a token, and each stage, transition or value
   * read is built and validated (WideReadBenchmark in funnel-benchmarks). A definition of a
   * thousand stages, each with a guarded transition, two actions and a timer, has about 60,000.
   */
  public static final int MAX_TOKENS = 100_000;

  /** The deepest nesting of objects and arrays read. */
  public static final int MAX_DEPTH = 64;

  /** The longest string value read, in characters: 64 KiB. */
  public static final int MAX_STRING_LENGTH = 1 << 16;

  /** The longest property name read, in characters. */
  public static final int MAX_NAME_LENGTH = 256;

  /**
   * The longest line of a YAML document read, in characters: 128 KiB, room for the longest string
   * on one line. YAML is written with long lines folded, so any document written reads back.
   */
  public static final int MAX_LINE_LENGTH = 1 << 17;

  /**
   * The name of the JSON Schema (draft 2020-12) for definitions, a resource of this module beside
   * this class; {@link #definitionSchema()} returns its text.
   */
  public static final String DEFINITION_SCHEMA = "funnel-definition.schema.json";

  /**
   * The name of the JSON Schema (draft 2020-12) for migrations, a resource of this module beside
   * this class; {@link #migrationSchema()} returns its text.
   */
  public static final String MIGRATION_SCHEMA = "funnel-migration.schema.json";

  /**
   * The name of the JSON Schema (draft 2020-12) for journals, a resource of this module beside this
   * class; {@link #journalSchema()} returns its text.
   */
  public static final String JOURNAL_SCHEMA = "funnel-journal.schema.json";

  static {
    Requirements.check(); // before LIMITS, whose builder methods Jackson 2.16 introduced
  }

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxDocumentLength(MAX_DOCUMENT_LENGTH)
          .maxNestingDepth(MAX_DEPTH)
          .maxTokenCount(MAX_TOKENS)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .build();

  private static final ObjectMapper JSON = json();

  private static ObjectMapper json() {
    return strict(
        JsonMapper.builder(
            JsonFactory.builder()
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Names are not interned: for a lead of 50,000 distinct attribute names interning
                // took most of a 0.25 s refusal (WideReadBenchmark, jsonAttributes), and the format
                // compares names by value. They stay in the symbol table, which spares a
                // definition's repeated names an allocation each (JacksonBenchmark: 580 KB a read
                // against 745 KB without it).
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build()));
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
    o.setCodePointLimit(MAX_DOCUMENT_LENGTH);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(0);
    return o;
  }

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      M strict(B builder) {
    // The module's deserializers are strict on their own; these settings keep anything else the
    // mapper might do strict too. Trailing content is checked by this class, to report it with
    // its own code even when it is malformed.
    return builder
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
        // Locations of an invalid definition's problems are found by a second pass, see located.
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

  /**
   * Returns the JSON Schema (draft 2020-12) for definitions in this format version. It checks the
   * document's shape; the reader also validates the definition itself.
   *
   * @return the schema's text
   */
  public static String definitionSchema() {
    return schema(DEFINITION_SCHEMA);
  }

  /**
   * Returns the JSON Schema (draft 2020-12) for migrations in this format version. It checks the
   * document's shape; the reader also validates the migration against the two definitions it joins.
   *
   * @return the schema's text
   */
  public static String migrationSchema() {
    return schema(MIGRATION_SCHEMA);
  }

  /**
   * Returns the JSON Schema (draft 2020-12) for journals in this format version.
   *
   * @return the schema's text
   */
  public static String journalSchema() {
    return schema(JOURNAL_SCHEMA);
  }

  private static String schema(String name) {
    try (InputStream in = FunnelFormat.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Reads a funnel definition.
   *
   * @param text the document
   * @param syntax its syntax
   * @return the validated funnel
   * @throws FunnelFormatException if the document does not follow the format or the definition is
   *     invalid ({@link FunnelFormatException.Code#INVALID_DEFINITION})
   */
  public static Funnel readDefinition(String text, Syntax syntax) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    return read(Source.of(text), syntax, ModelReader::funnel, true);
  }

  /**
   * Reads a funnel definition. The reader is read to its end (or past the size limit) but not
   * closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the validated funnel
   * @throws FunnelFormatException if the document does not follow the format or the definition is
   *     invalid
   * @throws UncheckedIOException if reading fails
   */
  public static Funnel readDefinition(Reader in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, ModelReader::funnel, true);
  }

  /**
   * Reads a funnel definition. The stream is read to its end (or past the size limit) but not
   * closed; its encoding (UTF-8, UTF-16 or UTF-32) is detected.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the validated funnel
   * @throws FunnelFormatException if the document does not follow the format or the definition is
   *     invalid
   * @throws UncheckedIOException if reading fails
   */
  public static Funnel readDefinition(InputStream in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, ModelReader::funnel, true);
  }

  /**
   * Reads a lead, restored exactly as it was written: stage, pending timers, purchases, version and
   * recent event ids.
   *
   * @param text the document
   * @param syntax its syntax
   * @return the lead
   * @throws FunnelFormatException if the document does not follow the format
   */
  public static Lead readLead(String text, Syntax syntax) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    return read(Source.of(text), syntax, RecordReader::lead, true);
  }

  /**
   * Reads a lead; see {@link #readLead(String, Syntax)}. The reader is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the lead
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Lead readLead(Reader in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::lead, true);
  }

  /**
   * Reads a lead; see {@link #readLead(String, Syntax)}. The stream is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the lead
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Lead readLead(InputStream in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::lead, true);
  }

  /**
   * Reads an event.
   *
   * @param text the document
   * @param syntax its syntax
   * @return the event
   * @throws FunnelFormatException if the document does not follow the format
   */
  public static Event readEvent(String text, Syntax syntax) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    return read(Source.of(text), syntax, RecordReader::event, false);
  }

  /**
   * Reads an event. The reader is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the event
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Event readEvent(Reader in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::event, false);
  }

  /**
   * Reads an event. The stream is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the event
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Event readEvent(InputStream in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::event, false);
  }

  /**
   * Reads a step, a journal record.
   *
   * @param text the document
   * @param syntax its syntax
   * @return the step
   * @throws FunnelFormatException if the document does not follow the format
   */
  public static Step readStep(String text, Syntax syntax) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    return read(Source.of(text), syntax, RecordReader::step, false);
  }

  /**
   * Reads a step, a journal record. The reader is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the step
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Step readStep(Reader in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::step, false);
  }

  /**
   * Reads a step, a journal record. The stream is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the step
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Step readStep(InputStream in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, RecordReader::step, false);
  }

  /**
   * Reads a migration between two versions of a funnel and validates it against them: the funnel
   * and the versions it names must be theirs, and {@link Migration.Builder#build()} must accept it.
   *
   * @param text the document
   * @param syntax its syntax
   * @param from the version the leads are pinned to
   * @param to the version they move to
   * @return the migration
   * @throws FunnelFormatException if the document does not follow the format, or the migration does
   *     not fit the two definitions ({@link FunnelFormatException.Code#INVALID_MIGRATION}, every
   *     problem in {@link FunnelFormatException#migrationProblems()})
   */
  public static Migration readMigration(String text, Syntax syntax, Funnel from, Funnel to) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return readMigration(Source.of(text), syntax, from, to);
  }

  /**
   * Reads a migration; see {@link #readMigration(String, Syntax, Funnel, Funnel)}. The reader is
   * not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @param from the version the leads are pinned to
   * @param to the version they move to
   * @return the migration
   * @throws FunnelFormatException if the document does not follow the format, or the migration does
   *     not fit the two definitions
   * @throws UncheckedIOException if reading fails
   */
  public static Migration readMigration(Reader in, Syntax syntax, Funnel from, Funnel to) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return readMigration(Source.of(in), syntax, from, to);
  }

  /**
   * Reads a migration; see {@link #readMigration(String, Syntax, Funnel, Funnel)}. The stream is
   * not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @param from the version the leads are pinned to
   * @param to the version they move to
   * @return the migration
   * @throws FunnelFormatException if the document does not follow the format, or the migration does
   *     not fit the two definitions
   * @throws UncheckedIOException if reading fails
   */
  public static Migration readMigration(InputStream in, Syntax syntax, Funnel from, Funnel to) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return readMigration(Source.of(in), syntax, from, to);
  }

  private static Migration readMigration(Source source, Syntax syntax, Funnel from, Funnel to) {
    return read(
        source,
        syntax,
        true,
        p -> {
          // Locations are kept, for the problems of a migration that does not fit.
          Input in = new Input(p, true);
          in.next();
          return MigrationFormat.read(in, from, to);
        });
  }

  /**
   * Reads a journal to replay: the leads with their events, or the step records of a runtime.
   *
   * @param text the document
   * @param syntax its syntax
   * @return the journal
   * @throws FunnelFormatException if the document does not follow the format
   */
  public static Journal readJournal(String text, Syntax syntax) {
    requireNonNull(text, "text");
    requireNonNull(syntax, "syntax");
    return read(Source.of(text), syntax, JournalFormat::read, true);
  }

  /**
   * Reads a journal; see {@link #readJournal(String, Syntax)}. The reader is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the journal
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Journal readJournal(Reader in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, JournalFormat::read, true);
  }

  /**
   * Reads a journal; see {@link #readJournal(String, Syntax)}. The stream is not closed.
   *
   * @param in the document
   * @param syntax its syntax
   * @return the journal
   * @throws FunnelFormatException if the document does not follow the format
   * @throws UncheckedIOException if reading fails
   */
  public static Journal readJournal(InputStream in, Syntax syntax) {
    requireNonNull(in, "in");
    requireNonNull(syntax, "syntax");
    return read(Source.of(in), syntax, JournalFormat::read, true);
  }

  /** Reads a document's value, from the parser's first token on. */
  private interface Value<T> {
    T read(JsonParser p) throws IOException;
  }

  /**
   * Reads a document with one of the format's readers, straight from the parser rather than through
   * the mapper's {@code readValue}, which set up a deserialization context and looked up the reader
   * for every document (JFR of JacksonBenchmark.readDefinition and of the fuzz tests).
   */
  private static <T> T read(
      Source source, Syntax syntax, FunnelModule.Read<T> reader, boolean versioned) {
    return read(
        source,
        syntax,
        versioned,
        p -> {
          if (p.nextToken() == null) {
            throw Input.at(Code.SYNTAX, malformed(syntax), "", p.currentLocation());
          }
          Input in = new Input(p, false);
          in.current();
          return reader.read(in);
        });
  }

  private static String malformed(Syntax syntax) {
    return syntax == Syntax.JSON ? "malformed JSON" : "malformed YAML";
  }

  private static <T> T read(Source source, Syntax syntax, boolean versioned, Value<T> reader) {
    try {
      try {
        return readValue(source, syntax, reader);
      } catch (RuntimeException | CharConversionException e) {
        // The format version is reported before anything else, wherever it stands: a document
        // that is read was of the right version (the readers check it where it stands), so only a
        // refused one is read again, up to its version (WideReadBenchmark: checking the version
        // in a pass of its own first read every document whose version came last twice). A
        // document refused as malformed or too large is not: that pass would stop at the same
        // token with the same error, unless it met the version before, which the read checked.
        if (versioned && !sameInEveryPass(e)) {
          checkFormat(source, syntax);
        }
        if (e instanceof FunnelFormatException f && f.code() == Code.INVALID_DEFINITION) {
          throw located(source, syntax, f);
        }
        throw e;
      }
    } catch (CharConversionException e) {
      // Jackson's readers of UTF-32 report a code point out of range so, not as a parse error.
      throw new FunnelFormatException(Code.SYNTAX, "malformed JSON: not valid UTF-32", "", -1, -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean sameInEveryPass(Exception e) {
    return e instanceof CharConversionException
        || (e instanceof FunnelFormatException f
            && (f.code() == Code.SYNTAX || f.code() == Code.TOO_LARGE));
  }

  private static <T> T readValue(Source source, Syntax syntax, Value<T> reader) throws IOException {
    ObjectMapper mapper = mapper(syntax);
    try (JsonParser p = source.parser(mapper, syntax)) {
      T value;
      try {
        value = reader.read(p);
      } catch (JsonProcessingException e) {
        throw translate(e, syntax, p);
      }
      if (value == null) {
        throw Input.at(
            Code.WRONG_TYPE, "expected an object, found null", "", p.currentTokenLocation());
      }
      try {
        if (p.nextToken() != null) {
          throw Input.at(
              Code.TRAILING_TOKENS,
              "content after the document's value",
              "",
              p.currentTokenLocation());
        }
      } catch (JsonProcessingException e) {
        throw Input.at(
            Code.TRAILING_TOKENS, "content after the document's value", "", e.getLocation());
      }
      return value;
    }
  }

  /**
   * Reads a refused document up to its format version, without the checks of references and tags,
   * and throws if that version is not the one this library reads, or if the document is malformed
   * before it.
   */
  private static void checkFormat(Source source, Syntax syntax) throws IOException {
    try (JsonParser p = source.parser(mapper(syntax), syntax)) {
      YamlGuard.uncheck(p);
      try {
        checkFormat(p);
      } catch (JsonProcessingException e) {
        throw translate(e, syntax, p);
      }
    }
  }

  /**
   * Reads an invalid definition's tokens again and returns the exception whose problems carry lines
   * and columns: only the locations of the problems' values and their ancestors are kept. Valid
   * definitions never pay for that.
   */
  private static FunnelFormatException located(
      Source source, Syntax syntax, FunnelFormatException unlocated) throws IOException {
    Set<String> wanted = Locator.wanted(unlocated.problems());
    Map<String, JsonLocation> found = new HashMap<>();
    try (JsonParser p = source.parser(mapper(syntax), syntax)) {
      // Wanted holds every wanted pointer's ancestors, so a value that is not wanted holds none:
      // it is skipped, and the pass ends when everything wanted is found (WideReadBenchmark: a
      // pointer for every token took a third of refusing a definition of 87,000 stages).
      for (JsonToken t; found.size() < wanted.size() && (t = p.nextToken()) != null; ) {
        if (!t.isStructEnd()) {
          String pointer = Input.pointer(p.getParsingContext());
          if (wanted.contains(pointer)) {
            found.putIfAbsent(pointer, p.currentTokenLocation());
          } else if (t.isStructStart()) {
            p.skipChildren();
          }
        } else if (p.getParsingContext().inRoot()) {
          break; // the definition's value ends here; what follows is not part of it
        }
      }
    } catch (JsonProcessingException e) {
      // The full read stopped at the invalid definition before it met this malformed content;
      // the problems keep the locations found so far.
    }
    return Locator.locate(unlocated.problems(), found::get);
  }

  /** Checks the format version of the root object first, so it is reported before all else. */
  private static void checkFormat(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return; // the full read reports it
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("format")) {
        Input in = new Input(p, false);
        in.current();
        ModelReader.formatValue(in);
        return;
      }
      p.skipChildren();
    }
  }

  private static FunnelFormatException translate(
      JsonProcessingException e, Syntax syntax, JsonParser p) {
    // Constraint violations carry neither parser nor location: the parser stands where it failed.
    String pointer = p.getParsingContext().pathAsPointer().toString();
    JsonLocation location = e.getLocation() != null ? e.getLocation() : p.currentLocation();
    String message = e.getOriginalMessage();
    Code code;
    String what;
    if (e instanceof StreamConstraintsException) {
      String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
      if (m.contains("nesting depth")) {
        code = Code.TOO_DEEP;
        what = "nesting deeper than " + MAX_DEPTH + " levels";
      } else if (m.startsWith("token count")) {
        code = Code.TOO_LARGE;
        what = "document of more than " + MAX_TOKENS + " tokens";
      } else if (m.startsWith("document length")) {
        code = Code.TOO_LARGE;
        what = "document larger than " + MAX_DOCUMENT_LENGTH + " bytes or characters";
      } else if (m.startsWith("name length")) {
        pointer = Input.objectPointer(p);
        code = Code.TOO_LONG;
        what = "property name longer than " + MAX_NAME_LENGTH + " characters";
      } else if (m.startsWith("number value length")) {
        code = Code.TOO_LONG;
        what = "number with too many digits";
      } else {
        code = Code.TOO_LONG;
        what = "string longer than " + MAX_STRING_LENGTH + " characters";
      }
    } else if (e instanceof JsonParseException
        && message != null
        && message.startsWith("Duplicate field")) {
      code = Code.DUPLICATE_KEY;
      what = "property given twice";
    } else {
      code = Code.SYNTAX;
      what = malformed(syntax);
    }
    return Input.at(code, what, pointer, location);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes a funnel definition, indented, ending with a new line.
   *
   * @param funnel the funnel
   * @param syntax the syntax to write
   * @return the document
   * @throws IllegalArgumentException if the definition has a built-in action with parameters its
   *     kind does not define, which the format cannot hold
   */
  public static String writeDefinition(Funnel funnel, Syntax syntax) {
    requireNonNull(funnel, "funnel");
    requireNonNull(syntax, "syntax");
    return write(syntax == Syntax.JSON ? INDENTED_JSON : YAML.writer(), funnel, true);
  }

  /**
   * Writes a lead with everything needed to continue where it was.
   *
   * @param lead the lead
   * @param syntax the syntax to write
   * @return the document
   */
  public static String writeLead(Lead lead, Syntax syntax) {
    requireNonNull(lead, "lead");
    requireNonNull(syntax, "syntax");
    return write(mapper(syntax).writer(), lead, false);
  }

  /**
   * Writes an event.
   *
   * @param event the event
   * @param syntax the syntax to write
   * @return the document
   */
  public static String writeEvent(Event event, Syntax syntax) {
    requireNonNull(event, "event");
    requireNonNull(syntax, "syntax");
    return write(mapper(syntax).writer(), event, false);
  }

  /**
   * Writes a step, a journal record.
   *
   * @param step the step
   * @param syntax the syntax to write
   * @return the document
   */
  public static String writeStep(Step step, Syntax syntax) {
    requireNonNull(step, "step");
    requireNonNull(syntax, "syntax");
    return write(mapper(syntax).writer(), step, false);
  }

  /**
   * Writes a migration, indented, ending with a new line: the funnel, the two versions, the
   * renames, the moves and the timer policies that were given. Read it back with {@link
   * #readMigration(String, Syntax, Funnel, Funnel)} and the same two definitions.
   *
   * @param migration the migration
   * @param syntax the syntax to write
   * @return the document
   */
  public static String writeMigration(Migration migration, Syntax syntax) {
    requireNonNull(migration, "migration");
    requireNonNull(syntax, "syntax");
    return write(syntax == Syntax.JSON ? INDENTED_JSON : YAML.writer(), migration, true);
  }

  /**
   * Writes a journal, indented, ending with a new line: its end, and each lead as it arrived with
   * its events.
   *
   * @param journal the journal
   * @param syntax the syntax to write
   * @return the document
   */
  public static String writeJournal(Journal journal, Syntax syntax) {
    requireNonNull(journal, "journal");
    requireNonNull(syntax, "syntax");
    return write(syntax == Syntax.JSON ? INDENTED_JSON : YAML.writer(), journal, true);
  }

  /**
   * Writes an outcome: status, refusal, the lead after it, effects and steps. Outcomes are made by
   * a funnel and cannot be read back; read their lead and steps instead.
   *
   * @param outcome the outcome
   * @param syntax the syntax to write
   * @return the document
   * @throws IllegalArgumentException if an effect is a built-in action with parameters its kind
   *     does not define
   */
  public static String writeOutcome(Outcome outcome, Syntax syntax) {
    requireNonNull(outcome, "outcome");
    requireNonNull(syntax, "syntax");
    return write(mapper(syntax).writer(), outcome, false);
  }

  private static ObjectMapper mapper(Syntax syntax) {
    return syntax == Syntax.JSON ? JSON : YAML;
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
