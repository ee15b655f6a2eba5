package dev.funnel.jackson;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Problem;

/**
 * Thrown when a document does not follow the funnel format: a syntax error, a property the format
 * does not know, a value of the wrong type, a limit exceeded, or a definition that parses but fails
 * validation. Carries a stable {@link Code}, the JSON Pointer of the offending value and its line
 * and column in the document.
 *
 * <p>The message names the code, the pointer and the position; it never repeats a value from the
 * document, since values may be personal data. Pointers are made of property names and array
 * indices only. A definition that fails validation lists every problem in {@link #problems()}, each
 * with its own pointer. Immutable.
 */
public final class FunnelFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What kind of format error it is. */
  public enum Code {
    /** The document is not well-formed JSON or YAML. */
    SYNTAX,
    /** Something follows the document's single value. */
    TRAILING_TOKENS,
    /** An object has the same property twice. */
    DUPLICATE_KEY,
    /** An object has a property the format does not define. */
    UNKNOWN_PROPERTY,
    /** A required property is absent. */
    MISSING_PROPERTY,
    /**
     * A value has the wrong JSON type: a string for a number, a decimal for a whole number, a null,
     * or a YAML 1.1 word such as {@code yes} where a boolean is required.
     */
    WRONG_TYPE,
    /** A value has the right type but is not allowed, such as a blank id or a bad duration. */
    INVALID_VALUE,
    /**
     * A type name outside the format's registry: an unknown condition or action kind, a property
     * such as {@code @class} or {@code @type}, or a YAML tag. No class is ever loaded by name.
     */
    UNKNOWN_TYPE,
    /** A YAML anchor or alias; the format has no references. */
    ANCHOR_OR_ALIAS,
    /** The document nests deeper than {@value FunnelFormat#MAX_DEPTH} levels. */
    TOO_DEEP,
    /**
     * The document is larger than {@value FunnelFormat#MAX_DOCUMENT_LENGTH} bytes or chars, or has
     * more than {@value FunnelFormat#MAX_TOKENS} tokens.
     */
    TOO_LARGE,
    /**
     * A string or a property name is longer than the format allows; for a name, the pointer is the
     * one of the object holding it.
     */
    TOO_LONG,
    /** The document's {@code format} version is not one this library reads. */
    UNSUPPORTED_FORMAT,
    /** The definition parses but fails validation; see {@link FunnelFormatException#problems}. */
    INVALID_DEFINITION,
    /**
     * The migration parses but does not fit the two definitions it joins; see {@link
     * FunnelFormatException#migrationProblems}.
     */
    INVALID_MIGRATION
  }

  /**
   * A validation problem of a definition, located in the document.
   *
   * @param problem the problem as validation reported it
   * @param pointer the JSON Pointer of the part of the definition it concerns; empty for the root
   * @param line the line of that part, from 1; -1 if unknown
   * @param column the column of that part, from 1; -1 if unknown
   */
  public record Located(Problem problem, String pointer, int line, int column) {
    /**
     * Creates a located problem.
     *
     * @param problem the problem
     * @param pointer the JSON Pointer of the part it concerns
     * @param line the line of that part, or -1
     * @param column the column of that part, or -1
     */
    public Located {
      requireNonNull(problem, "problem");
      requireNonNull(pointer, "pointer");
    }
  }

  /**
   * A problem of a migration that does not fit the definitions it joins, located in the document.
   *
   * @param problem what is wrong and how to fix it, as {@link
   *     dev.funnel.migration.MigrationException#problems()} words it; it names ids, never values
   * @param pointer the JSON Pointer of the part of the migration it concerns; empty for the root
   * @param line the line of that part, from 1; -1 if unknown
   * @param column the column of that part, from 1; -1 if unknown
   */
  public record MigrationProblem(String problem, String pointer, int line, int column) {
    /**
     * Creates a located migration problem.
     *
     * @param problem what is wrong and how to fix it
     * @param pointer the JSON Pointer of the part it concerns
     * @param line the line of that part, or -1
     * @param column the column of that part, or -1
     */
    public MigrationProblem {
      requireNonNull(problem, "problem");
      requireNonNull(pointer, "pointer");
    }
  }

  /** What kind of error it is. */
  private final Code code;

  /** The JSON Pointer of the offending value. */
  private final String pointer;

  /** The line of the offending value, or -1. */
  private final int line;

  /** The column of the offending value, or -1. */
  private final int column;

  /** The located validation problems, for {@link Code#INVALID_DEFINITION}. */
  @SuppressWarnings("serial") // ImmutableList is serializable; Located is not, like Problem
  private final ImmutableList<Located> problems;

  /** The located problems of a migration, for {@link Code#INVALID_MIGRATION}. */
  @SuppressWarnings("serial") // ImmutableList is serializable; MigrationProblem is not
  private final ImmutableList<MigrationProblem> migrationProblems;

  FunnelFormatException(Code code, String what, String pointer, int line, int column) {
    this(code, what, pointer, line, column, ImmutableList.of());
  }

  FunnelFormatException(
      String what, String pointer, int line, int column, ImmutableList<MigrationProblem> found) {
    super(message(Code.INVALID_MIGRATION, what, pointer, line, column));
    this.code = Code.INVALID_MIGRATION;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
    this.problems = ImmutableList.of();
    this.migrationProblems = found;
  }

  FunnelFormatException(
      Code code,
      String what,
      String pointer,
      int line,
      int column,
      ImmutableList<Located> problems) {
    super(message(code, what, pointer, line, column));
    this.code = code;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
    this.problems = problems;
    this.migrationProblems = ImmutableList.of();
  }

  private static String message(Code code, String what, String pointer, int line, int column) {
    StringBuilder s =
        new StringBuilder(code.name())
            .append(": ")
            .append(what)
            .append(" at ")
            .append(pointer.isEmpty() ? "the document root" : pointer);
    if (line > 0) {
      s.append(" (line ").append(line).append(", column ").append(column).append(')');
    }
    return s.toString();
  }

  /**
   * Returns what kind of error it is.
   *
   * @return what kind of error it is
   */
  public Code code() {
    return code;
  }

  /**
   * Returns the JSON Pointer of the offending value; empty for the document root.
   *
   * @return the JSON Pointer of the offending value; empty for the document root
   */
  public String pointer() {
    return pointer;
  }

  /**
   * Returns the line of the offending value, from 1; -1 if unknown.
   *
   * @return the line of the offending value, from 1; -1 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns the column of the offending value, from 1; -1 if unknown.
   *
   * @return the column of the offending value, from 1; -1 if unknown
   */
  public int column() {
    return column;
  }

  /**
   * Returns the validation problems of a definition with code {@link Code#INVALID_DEFINITION}, in
   * the order validation reported them; empty for other codes.
   *
   * @return the validation problems of a definition with code {@link Code#INVALID_DEFINITION}, in
   *     the order validation reported them
   */
  public ImmutableList<Located> problems() {
    return problems;
  }

  /**
   * Returns the problems of a migration with code {@link Code#INVALID_MIGRATION}, in the order they
   * were found; empty for other codes.
   *
   * @return the problems of a migration with code {@link Code#INVALID_MIGRATION}, in the order they
   *     were found
   */
  public ImmutableList<MigrationProblem> migrationProblems() {
    return migrationProblems;
  }
}
