package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML parser that refuses anchors, aliases and explicit tags wherever they are, in the same
 * single pass as Jackson reads the document. Jackson's YAML parser reports aliases and anchors on
 * collections, but not anchors on scalars, so this check on SnakeYAML's events is what guarantees
 * the format has no references. Checking each event as Jackson pulls it keeps reading within
 * Jackson's limits: a document nested too deep is refused at the first level too many, before the
 * rest is scanned, and nothing is kept per open level beyond Jackson's own parsing context.
 */
final class YamlGuard extends YAMLParser {
  private boolean checking = true;

  /** The events counted as Jackson's JSON parser counts tokens: nodes and collection ends. */
  private long tokens;

  private YamlGuard(
      IOContext context,
      int parserFeatures,
      int formatFeatures,
      LoaderOptions options,
      @Nullable ObjectCodec codec,
      Reader reader) {
    super(context, parserFeatures, formatFeatures, options, codec, reader);
  }

  /**
   * Stops checking for anchors, aliases and tags, for a first pass that looks only for the format
   * version, so that a wrong version is reported before anything else.
   */
  static void uncheck(com.fasterxml.jackson.core.JsonParser p) {
    if (p instanceof YamlGuard g) {
      g.checking = false;
    }
  }

  @Override
  protected Event getEvent() throws IOException {
    Event e = super.getEvent();
    if ((e instanceof NodeEvent || e instanceof CollectionEndEvent)
        && ++tokens > FunnelFormat.MAX_TOKENS) {
      throw error(
          Code.TOO_LARGE, "document of more than " + FunnelFormat.MAX_TOKENS + " tokens", e);
    }
    if (checking && e instanceof NodeEvent node) {
      if (e instanceof AliasEvent) {
        throw error(Code.ANCHOR_OR_ALIAS, "YAML aliases are not allowed", e);
      }
      if (node.getAnchor() != null) {
        throw error(Code.ANCHOR_OR_ALIAS, "YAML anchors are not allowed", e);
      }
      String tag =
          e instanceof ScalarEvent scalar
              ? scalar.getTag()
              : e instanceof CollectionStartEvent start ? start.getTag() : null;
      if (tag != null) {
        throw error(Code.UNKNOWN_TYPE, "YAML tags are not allowed", e);
      }
    }
    return e;
  }

  /** Returns an error about a node Jackson has not seen yet, located where that node will be. */
  private FunnelFormatException error(Code code, String what, Event e) {
    JsonStreamContext c = getParsingContext();
    String pointer;
    if (c == null || c.inRoot()) {
      pointer = "";
    } else if (e instanceof CollectionEndEvent) {
      // The end of the object or array Jackson is in: the pointer is that value's own.
      pointer = c.inObject() ? Input.objectPointer(this) : Input.pointer(c.getParent());
    } else if (c.inObject()) {
      pointer =
          currentToken() == JsonToken.FIELD_NAME
              ? Input.pointer(c)
              : Input.objectPointer(this)
                  + "/"
                  + escape(e instanceof ScalarEvent key ? key.getValue() : "");
    } else {
      pointer = Input.pointer(c.getParent()) + "/" + c.getEntryCount();
    }
    Mark m = e.getStartMark();
    return new FunnelFormatException(
        code, what, pointer, m == null ? -1 : m.getLine() + 1, m == null ? -1 : m.getColumn() + 1);
  }

  /**
   * Refuses lines longer than {@link FunnelFormat#MAX_LINE_LENGTH} as they are read. SnakeYAML
   * copies the unread part of its window each time it reads on within one token, so a token as long
   * as the document would take time growing with the square of its length; a line holds any token
   * that matters (a scalar's run between blanks, a comment, a line of a block scalar).
   */
  private static final class Lines extends Reader {
    private final Reader in;
    private int line = 1;
    private int column;

    Lines(Reader in) {
      this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      for (int i = offset; i < offset + n; i++) {
        char c = buffer[i];
        if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
          if (c != '\n' || i == offset || buffer[i - 1] != '\r') {
            line++;
          }
          column = 0;
        } else if (++column > FunnelFormat.MAX_LINE_LENGTH) {
          throw new FunnelFormatException(
              Code.TOO_LONG,
              "line longer than " + FunnelFormat.MAX_LINE_LENGTH + " characters",
              "",
              line,
              column);
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** Makes {@link YamlGuard} parsers, with the settings of the builder it is made from. */
  static final class Factory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder b) {
      super(b);
    }

    private Factory(Factory source) {
      super(source, null);
    }

    @Override
    public YAMLFactory copy() {
      return new Factory(this);
    }

    private YAMLParser parser(IOContext context, Reader reader) {
      return new YamlGuard(
          context,
          _parserFeatures,
          _yamlParserFeatures,
          _loaderOptions,
          _objectCodec,
          new Lines(reader));
    }

    /**
     * Makes a parser of a whole document. One no longer than {@link FunnelFormat#MAX_LINE_LENGTH}
     * cannot hold a line too long, so its characters are not counted: under the fuzz profile's
     * instrumentation counting them was a tenth of the time of a definition's read (JFR and perf
     * samples of {@code DefinitionFuzzTest}), and it is a pass over every character on any read.
     */
    @Override
    public YAMLParser createParser(String content) throws IOException {
      if (content.length() > FunnelFormat.MAX_LINE_LENGTH) {
        return super.createParser(content);
      }
      Reader r = new StringReader(content);
      IOContext context = _createContext(_createContentReference(r), false);
      return new YamlGuard(
          context,
          _parserFeatures,
          _yamlParserFeatures,
          _loaderOptions,
          _objectCodec,
          _decorate(r, context));
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext context) throws IOException {
      return parser(context, _createReader(in, null, context));
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext context) throws IOException {
      return parser(context, r);
    }

    @Override
    protected YAMLParser _createParser(
        char[] data, int offset, int length, IOContext context, boolean recyclable)
        throws IOException {
      return parser(context, new CharArrayReader(data, offset, length));
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context)
        throws IOException {
      return parser(context, _createReader(data, offset, length, null, context));
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
      DumperOptions options = _dumperOptions;
      return options == null
          ? new Generator(
              context,
              _generatorFeatures,
              _yamlGeneratorFeatures,
              _quotingChecker,
              _objectCodec,
              out,
              _version)
          : new Generator(
              context,
              _generatorFeatures,
              _yamlGeneratorFeatures,
              _quotingChecker,
              _objectCodec,
              out,
              options);
    }
  }

  /**
   * Jackson's YAML generator, except that text holding both LF and another line break (CR, NEL, LS
   * or PS) is written double-quoted. Jackson writes any text with an LF as a literal block, where
   * SnakeYAML writes the other breaks as they are and reading turns them into LFs, so the text
   * would not read back as it was.
   */
  static final class Generator extends YAMLGenerator {
    Generator(
        IOContext context,
        int features,
        int yamlFeatures,
        StringQuotingChecker quoting,
        @Nullable ObjectCodec codec,
        Writer out,
        DumperOptions.@Nullable Version version)
        throws IOException {
      super(context, features, yamlFeatures, quoting, codec, out, version);
    }

    Generator(
        IOContext context,
        int features,
        int yamlFeatures,
        StringQuotingChecker quoting,
        @Nullable ObjectCodec codec,
        Writer out,
        DumperOptions options)
        throws IOException {
      super(context, features, yamlFeatures, quoting, codec, out, options);
    }

    @Override
    public void writeString(@Nullable String text) throws IOException {
      if (text != null && text.indexOf('\n') >= 0 && hasOtherLineBreak(text)) {
        _verifyValueWrite("write String value");
        _writeScalar(text, "string", DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        return;
      }
      super.writeString(text);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
      writeString(new String(text, offset, length));
    }

    private static boolean hasOtherLineBreak(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
          return true;
        }
      }
      return false;
    }
  }
}
