package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.migration.Migration;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one document of the format from its source with one of the format's readers: the format
 * version is reported before any other error, wherever it stands; Jackson's errors become {@link
 * FunnelFormatException}s with a code, a pointer and a location; an invalid definition's problems
 * are located by a second pass; content after the document's value is refused. Stateless.
 */
final class DocumentReader {
  private DocumentReader() {}

  /** Reads a migration between two definitions. */
  static Migration readMigration(Source source, Syntax syntax, Funnel from, Funnel to) {
    return read(
        source,
        syntax,
        true,
        p -> {
          // The problems of a migration that does not fit are located by a second pass.
          Input in = new Input(p, false);
          in.next();
          return MigrationFormat.read(in, from, to, wanted -> locations(source, syntax, wanted));
        });
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
  static <T> T read(Source source, Syntax syntax, FunnelModule.Read<T> reader, boolean versioned) {
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
    try (JsonParser p = source.parser(syntax)) {
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
    try (JsonParser p = source.parser(syntax)) {
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
    Map<String, JsonLocation> found =
        locations(source, syntax, Locator.wanted(unlocated.problems()));
    return Locator.locate(unlocated.problems(), found::get);
  }

  /**
   * Reads a document's tokens again and returns where the values at the pointers wanted start, the
   * first token at each: only those and their ancestors are looked into, so every wanted pointer's
   * ancestors must be wanted too.
   */
  private static Map<String, JsonLocation> locations(
      Source source, Syntax syntax, Set<String> wanted) throws IOException {
    Map<String, JsonLocation> found = new HashMap<>();
    try (JsonParser p = source.parser(syntax)) {
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
      // The full read stopped at the invalid value before it met this malformed content; the
      // problems keep the locations found so far.
    }
    return found;
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
        what = "nesting deeper than " + FunnelFormat.MAX_DEPTH + " levels";
      } else if (m.startsWith("token count")) {
        code = Code.TOO_LARGE;
        what = "document of more than " + FunnelFormat.MAX_TOKENS + " tokens";
      } else if (m.startsWith("document length")) {
        code = Code.TOO_LARGE;
        what = "document larger than " + FunnelFormat.MAX_DOCUMENT_LENGTH + " bytes or characters";
      } else if (m.startsWith("name length")) {
        pointer = Input.objectPointer(p);
        code = Code.TOO_LONG;
        what = "property name longer than " + FunnelFormat.MAX_NAME_LENGTH + " characters";
      } else if (m.startsWith("number value length")) {
        code = Code.TOO_LONG;
        what = "number with too many digits";
      } else {
        code = Code.TOO_LONG;
        what = "string longer than " + FunnelFormat.MAX_STRING_LENGTH + " characters";
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
}
