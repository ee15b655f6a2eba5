package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Bounds;
import dev.funnel.Ids;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads tokens strictly, whatever the parser's or mapper's settings: every token is checked against
 * the format's limits, YAML anchors, aliases and tags are refused, and each value reader accepts
 * exactly one JSON type (no coercion). Errors carry the JSON Pointer and position of the current
 * token. Not thread-safe; one per document.
 */
final class Input {
  private final JsonParser p;
  private final @Nullable YAMLParser yaml;
  private final @Nullable Map<String, JsonLocation> locations;

  /**
   * Creates an input over a parser.
   *
   * @param p the parser
   * @param record whether to remember where each value starts, for {@link #location}
   */
  Input(JsonParser p, boolean record) {
    this.p = p;
    this.yaml = p instanceof YAMLParser yAMLParser ? yAMLParser : null;
    this.locations = record ? new HashMap<>() : null;
  }

  /** Returns where the value at a pointer started, if locations are recorded and it was seen. */
  @Nullable JsonLocation location(String pointer) {
    return locations == null ? null : locations.get(pointer);
  }

  /** Checks the parser's current token, the first one of a value handed over by Jackson. */
  @CanIgnoreReturnValue
  JsonToken current() throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw error(Code.SYNTAX, "the document has no value");
    }
    check(t);
    return t;
  }

  /** Advances to the next token and checks it. */
  @CanIgnoreReturnValue
  JsonToken next() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw error(Code.SYNTAX, "the document ends early");
    }
    check(t);
    return t;
  }

  private void check(JsonToken t) throws IOException {
    YAMLParser y = yaml;
    if (y != null) {
      if (y.isCurrentAlias()) {
        throw error(Code.ANCHOR_OR_ALIAS, "YAML aliases are not allowed");
      }
      if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.FIELD_NAME)
          && y.getObjectId() != null) {
        throw error(Code.ANCHOR_OR_ALIAS, "YAML anchors are not allowed");
      }
      if (!t.isStructEnd() && y.getTypeId() != null) {
        throw error(Code.UNKNOWN_TYPE, "YAML tags are not allowed");
      }
    }
    switch (t) {
      case START_OBJECT, START_ARRAY -> {
        if (p.getParsingContext().getNestingDepth() > FunnelFormat.MAX_DEPTH) {
          throw error(Code.TOO_DEEP, "nesting deeper than " + FunnelFormat.MAX_DEPTH + " levels");
        }
      }
      case FIELD_NAME -> {
        if (!wellFormed(p.currentName())) {
          throw at(
              Code.INVALID_VALUE,
              "property name with an unpaired surrogate",
              objectPointer(p),
              p.currentTokenLocation());
        }
        if (p.currentName().length() > FunnelFormat.MAX_NAME_LENGTH) {
          // The pointer names the object: one ending in the overlong name would be overlong too.
          throw at(
              Code.TOO_LONG,
              "property name longer than " + FunnelFormat.MAX_NAME_LENGTH + " characters",
              objectPointer(p),
              p.currentTokenLocation());
        }
      }
      case VALUE_STRING -> {
        if (p.getTextLength() > FunnelFormat.MAX_STRING_LENGTH) {
          throw error(
              Code.TOO_LONG,
              "string longer than " + FunnelFormat.MAX_STRING_LENGTH + " characters");
        }
        if (!wellFormed(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
          throw error(Code.INVALID_VALUE, "string with an unpaired surrogate");
        }
      }
      case VALUE_EMBEDDED_OBJECT ->
          throw error(Code.WRONG_TYPE, "embedded binary values are not allowed");
      default -> {}
    }
    Map<String, JsonLocation> l = locations;
    if (l != null && !t.isStructEnd()) {
      l.putIfAbsent(pointer(), p.currentTokenLocation());
    }
  }

  /**
   * Returns whether text is well-formed UTF-16, every surrogate in a pair: text that is not could
   * not be written back as it was read (YAML has no way to write a lone surrogate).
   */
  static boolean wellFormed(char[] text, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      char c = text[i];
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == end || !Character.isLowSurrogate(text[++i])) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean wellFormed(String text) {
    // Not through toCharArray: a copy of every property name read (JacksonBenchmark).
    for (int i = 0, end = text.length(); i < end; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == end
            || !Character.isLowSurrogate(text.charAt(++i))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Returns the JSON Pointer of the object the parser is in, without the current property. */
  static String objectPointer(JsonParser p) {
    JsonStreamContext c = p.getParsingContext();
    return c != null && c.inObject() && c.hasCurrentName() ? pointer(c.getParent()) : pointer(c);
  }

  /** Returns the JSON Pointer of the current token. */
  String pointer() {
    return pointer(p.getParsingContext());
  }

  /**
   * Returns the JSON Pointer of a parsing context, as {@link JsonStreamContext#pathAsPointer()}
   * writes it, without building a {@link com.fasterxml.jackson.core.JsonPointer} segment by
   * segment: an object or array that has no current property or element yet is left out, and so is
   * the root.
   */
  static String pointer(@Nullable JsonStreamContext context) {
    JsonStreamContext c = context;
    if (c != null && !c.hasPathSegment()) {
      c = c.getParent();
    }
    if (c == null || c.inRoot()) {
      return "";
    }
    StringBuilder s = new StringBuilder(48);
    append(s, c);
    return s.toString();
  }

  private static void append(StringBuilder s, JsonStreamContext c) {
    JsonStreamContext parent = c.getParent();
    if (parent != null) {
      append(s, parent);
    }
    if (c.inObject()) {
      String name = c.getCurrentName();
      s.append('/');
      if (name != null) {
        for (int i = 0; i < name.length(); i++) {
          char ch = name.charAt(i);
          switch (ch) {
            case '~' -> s.append("~0");
            case '/' -> s.append("~1");
            default -> s.append(ch);
          }
        }
      }
    } else if (c.inArray()) {
      s.append('/').append(c.getCurrentIndex());
    }
  }

  /** Where a value is: its pointer and position, kept to report an error about it later. */
  record Mark(String pointer, @Nullable JsonLocation location) {
    FunnelFormatException error(Code code, String what) {
      return at(code, what, pointer, location);
    }
  }

  /** Returns where the current token starts. */
  JsonLocation location() {
    return p.currentTokenLocation();
  }

  /** Returns where the current token is. */
  Mark mark() {
    return new Mark(pointer(), p.currentTokenLocation());
  }

  /** Returns an error about the current token. */
  FunnelFormatException error(Code code, String what) {
    return at(code, what, pointer(), p.currentTokenLocation());
  }

  static FunnelFormatException at(
      Code code, String what, String pointer, @Nullable JsonLocation location) {
    int line = location == null ? -1 : location.getLineNr();
    int column = location == null ? -1 : location.getColumnNr();
    return new FunnelFormatException(code, what, pointer, line, column);
  }

  private FunnelFormatException wrongType(String expected) {
    JsonToken t = p.currentToken();
    String found;
    if (t == null) {
      found = "nothing";
    } else if (yamlWord()) {
      found = "a YAML 1.1 boolean-like word, which this format reads as a string";
    } else {
      found =
          switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
          };
    }
    return error(Code.WRONG_TYPE, "expected " + expected + ", found " + found);
  }

  /** Whether the current token is a YAML 1.1 boolean such as {@code yes}, which stays a string. */
  private boolean yamlWord() {
    JsonToken t = p.currentToken();
    if (yaml == null || (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE)) {
      return false;
    }
    try {
      return switch (yaml.getText()) {
        case "true", "True", "TRUE", "false", "False", "FALSE" -> false;
        default -> true;
      };
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Objects and arrays

  /**
   * The properties of one object, read in order; refuses duplicates and type ids. The object's
   * pointer is worked out only when an error needs it, from the context that holds the object: it
   * must be asked for before the parser moves past the object's end, as every error about the
   * object as a whole is raised at that end at the latest.
   */
  final class Fields {
    private @Nullable String pointer;
    private final @Nullable JsonStreamContext holder;
    private final JsonLocation location;
    private final boolean names;
    // Whether the parser refuses repeated names itself; if not, the names so far, to refuse them.
    private final boolean parserChecks;
    private @Nullable Distinct seen;
    private String name = "";

    Fields(JsonStreamContext context, JsonLocation location, boolean names) {
      // A new object's context has no property yet, so its pointer is the one of the context that
      // holds it, which stays put until the object ends.
      if (context.hasPathSegment()) {
        this.pointer = Input.pointer(context);
        this.holder = null;
      } else {
        this.holder = context.getParent();
      }
      this.location = location;
      this.names = names;
      this.parserChecks = context instanceof JsonReadContext r && r.getDupDetector() != null;
    }

    /** Advances to the next property; returns false at the end of the object. */
    boolean next() throws IOException {
      JsonToken t = Input.this.next();
      if (t == JsonToken.END_OBJECT) {
        return false;
      }
      if (t != JsonToken.FIELD_NAME) {
        throw error(Code.SYNTAX, "expected a property name");
      }
      name = p.currentName();
      // Not startsWith: the fuzz profile's hooks trace every call of it (JFR, DefinitionFuzzTest).
      if (!names && !name.isEmpty() && name.charAt(0) == '@') {
        throw error(Code.UNKNOWN_TYPE, "type ids are not part of the format");
      }
      if (!parserChecks && !seen().add(name)) {
        throw error(Code.DUPLICATE_KEY, "property given twice");
      }
      return true;
    }

    private Distinct seen() {
      Distinct d = seen;
      if (d == null) {
        d = new Distinct();
        seen = d;
      }
      return d;
    }

    /** Returns the current property's name. */
    String name() {
      return name;
    }

    /** Returns the error for a property the format does not define: the current one. */
    FunnelFormatException unknown() {
      return error(Code.UNKNOWN_PROPERTY, "unknown property");
    }

    /** Returns the error for a required property that is absent. */
    FunnelFormatException missing(String property) {
      return at(Code.MISSING_PROPERTY, "missing property '" + property + "'", pointer(), location);
    }

    /** Returns the value read for a required property, or throws that the property is missing. */
    <T> T required(@Nullable T value, String property) {
      if (value == null) {
        throw missing(property);
      }
      return value;
    }

    /** Returns an error about the object as a whole. */
    FunnelFormatException invalid(String what) {
      return at(Code.INVALID_VALUE, what, pointer(), location);
    }

    /** Returns the object's pointer. */
    String pointer() {
      String s = pointer;
      if (s == null) {
        s = Input.pointer(holder);
        pointer = s;
      }
      return s;
    }
  }

  /** Starts reading the object of the format at the current token. */
  Fields object() throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType("an object");
    }
    return new Fields(p.getParsingContext(), p.currentTokenLocation(), false);
  }

  /** Advances to an object of the format and starts reading it. */
  Fields readObject() throws IOException {
    next();
    return object();
  }

  /**
   * Advances to an object whose keys are names chosen by the user (attributes, payload values,
   * parameters) and starts reading it. Such keys are data, never type ids, so any name is allowed.
   */
  Fields readNames() throws IOException {
    next();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType("an object");
    }
    JsonStreamContext context = p.getParsingContext();
    if (context instanceof JsonReadContext r) {
      // Fields refuses repeated names itself, at a tenth of the bytes of the parser's HashSet:
      // such an object may hold as many names as the token limit allows. Its values are scalars,
      // so no object within it needs the parser's detector either.
      r.withDupDetector(null);
    }
    return new Fields(context, p.currentTokenLocation(), true);
  }

  /** Starts reading the array at the current token; call {@link #element} until it says false. */
  void array() throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType("an array");
    }
  }

  /** Advances to an array and starts reading it. */
  void readArray() throws IOException {
    next();
    array();
  }

  /** Advances to the next element of the array being read; returns false at its end. */
  boolean element() throws IOException {
    return next() != JsonToken.END_ARRAY;
  }

  // ---------------------------------------------------------------------------------------------
  // Values at the current token

  String text() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING || yamlWord()) {
      return p.getText();
    }
    throw wrongType("a string");
  }

  /** Reads an id, as {@link Ids} defines them. */
  String id() throws IOException {
    String s = text();
    if (!Ids.isValid(s)) {
      throw error(Code.INVALID_VALUE, ID_RULE);
    }
    return s;
  }

  /** What an id is, for the errors about one that is not. */
  static final String ID_RULE =
      "expected an id: not blank, no whitespace at either end, no control or format characters,"
          + " no unpaired surrogates";

  boolean bool() throws IOException {
    JsonToken t = p.currentToken();
    if ((t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) && !yamlWord()) {
      return t == JsonToken.VALUE_TRUE;
    }
    throw wrongType("true or false");
  }

  long whole() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType("a whole number");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw error(Code.INVALID_VALUE, "number out of range");
    }
    return p.getLongValue();
  }

  int integer() throws IOException {
    long v = whole();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(Code.INVALID_VALUE, "number out of range");
    }
    return (int) v;
  }

  /** Reads a number: a whole number as {@link Long} (or a big one as a decimal), or a decimal. */
  Object number() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return new BigDecimal(p.getBigIntegerValue());
      }
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        return p.getDecimalValue();
      } catch (NumberFormatException e) {
        throw error(Code.INVALID_VALUE, "not a finite decimal number");
      }
    }
    throw wrongType("a number");
  }

  /** Reads a string, a boolean or a number: the values of attributes, payloads and parameters. */
  Object scalar() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING || yamlWord()) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return number();
    }
    throw wrongType("a string, boolean or number");
  }

  Duration duration() throws IOException {
    String s = text();
    Duration simple = Durations.simple(s);
    if (simple != null) {
      return bounded(simple);
    }
    Duration d;
    try {
      d = Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw error(Code.INVALID_VALUE, "expected an ISO-8601 duration such as P2D or PT30M");
    }
    return bounded(d);
  }

  private Duration bounded(Duration d) {
    if (d.compareTo(Bounds.LONGEST) > 0) {
      throw error(Code.INVALID_VALUE, "duration longer than " + Bounds.LONGEST);
    }
    return d;
  }

  /**
   * Reads an instant within {@link Bounds}. One written with an offset, such as {@code
   * 2026-01-31T10:30:00+01:00}, is the same moment in UTC, and is written back in UTC.
   */
  Instant instant() throws IOException {
    Instant at = anyInstant();
    if (!Bounds.isValid(at)) {
      throw error(
          Code.INVALID_VALUE, "instant outside " + Bounds.EARLIEST + " to " + Bounds.LATEST);
    }
    return at;
  }

  /** Reads when a pending timer falls due: an instant up to {@link Bounds#LATEST_DUE}. */
  Instant due() throws IOException {
    Instant at = anyInstant();
    if (!Bounds.isValidDue(at)) {
      throw error(
          Code.INVALID_VALUE, "instant outside " + Bounds.EARLIEST + " to " + Bounds.LATEST_DUE);
    }
    return at;
  }

  private Instant anyInstant() throws IOException {
    String s = text();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw error(Code.INVALID_VALUE, "expected an ISO-8601 instant such as 2026-01-31T09:30:00Z");
    }
  }

  /** Reads one of an enum's constants, written in lower case with hyphens. */
  <E extends Enum<E>> E constant(Class<E> type) throws IOException {
    E e = EnumNames.named(type, text());
    if (e == null) {
      throw error(Code.INVALID_VALUE, "expected one of " + EnumNames.all(type));
    }
    return e;
  }

  // Reading conveniences: advance, then read.

  String readText() throws IOException {
    next();
    return text();
  }

  String readId() throws IOException {
    next();
    return id();
  }

  boolean readBool() throws IOException {
    next();
    return bool();
  }

  long readWhole() throws IOException {
    next();
    return whole();
  }

  int readInt() throws IOException {
    next();
    return integer();
  }

  Object readScalar() throws IOException {
    next();
    return scalar();
  }

  Duration readDuration() throws IOException {
    next();
    return duration();
  }

  Instant readInstant() throws IOException {
    next();
    return instant();
  }

  Instant readDue() throws IOException {
    next();
    return due();
  }

  <E extends Enum<E>> E readConstant(Class<E> type) throws IOException {
    next();
    return constant(type);
  }
}
