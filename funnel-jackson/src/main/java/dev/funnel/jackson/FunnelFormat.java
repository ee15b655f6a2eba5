package dev.funnel.jackson;

import static java.util.Objects.requireNonNull;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
 * read holds at most 10 MiB of heap at its peak beside the document, its result included: the
 * costliest value the limits allow, a lead of 99,936 segments read from YAML, needs 8.75 MiB, its
 * decoded text included, nearly all the rest the ids and set the lead keeps (an event of 50,000
 * payload values needs 7.25); a document refused at the token limit holds what it read until there,
 * at most 8 MiB (a YAML event of 50,000 payload values, its decoded text included) (measured on
 * OpenJDK 17 with compressed references; see BENCHMARKS.md). An invalid definition reports at most
 * a thousand errors (see {@link dev.funnel.FunnelDefinitionException}). Ids, text, durations and
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
    return DocumentReader.read(Source.of(text), syntax, ModelReader::funnel, true);
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
    return DocumentReader.read(Source.of(in), syntax, ModelReader::funnel, true);
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
    return DocumentReader.read(Source.of(in), syntax, ModelReader::funnel, true);
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
    return DocumentReader.read(Source.of(text), syntax, RecordReader::lead, true);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::lead, true);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::lead, true);
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
    return DocumentReader.read(Source.of(text), syntax, RecordReader::event, false);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::event, false);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::event, false);
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
    return DocumentReader.read(Source.of(text), syntax, RecordReader::step, false);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::step, false);
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
    return DocumentReader.read(Source.of(in), syntax, RecordReader::step, false);
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
    return DocumentReader.readMigration(Source.of(text), syntax, from, to);
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
    return DocumentReader.readMigration(Source.of(in), syntax, from, to);
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
    return DocumentReader.readMigration(Source.of(in), syntax, from, to);
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
    return DocumentReader.read(Source.of(text), syntax, JournalFormat::read, true);
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
    return DocumentReader.read(Source.of(in), syntax, JournalFormat::read, true);
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
    return DocumentReader.read(Source.of(in), syntax, JournalFormat::read, true);
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
    return Mappers.writeIndented(funnel, syntax);
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
    return Mappers.writeCompact(lead, syntax);
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
    return Mappers.writeCompact(event, syntax);
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
    return Mappers.writeCompact(step, syntax);
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
    return Mappers.writeIndented(migration, syntax);
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
    return Mappers.writeIndented(journal, syntax);
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
    return Mappers.writeCompact(outcome, syntax);
  }
}
