package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonParser;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A whole document in memory, no larger than {@link FunnelFormat#MAX_DOCUMENT_LENGTH}, from which
 * parsers are made: a document is parsed more than once when its format version is checked first or
 * an invalid definition's problems are located.
 */
final class Source {
  private @Nullable String text; // a YAML stream's bytes are decoded once, on the first parser
  private final byte @Nullable [] bytes;
  private final int length; // of the bytes used

  private Source(@Nullable String text, byte @Nullable [] bytes, int length) {
    this.text = text;
    this.bytes = bytes;
    this.length = length;
  }

  static Source of(String text) {
    if (text.length() > FunnelFormat.MAX_DOCUMENT_LENGTH) {
      throw tooLarge(text.substring(0, FunnelFormat.MAX_DOCUMENT_LENGTH));
    }
    return new Source(text, null, 0);
  }

  static Source of(Reader in) {
    StringBuilder s = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        s.append(buffer, 0, n);
        if (s.length() > FunnelFormat.MAX_DOCUMENT_LENGTH) {
          throw tooLarge(s.substring(0, FunnelFormat.MAX_DOCUMENT_LENGTH));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Source(s.toString(), null, 0);
  }

  static Source of(InputStream in) {
    // Up to one byte past the limit, into one array as large as the stream says it is (8 KiB if
    // it does not say), grown if it has more. A small document gets a small array: in a profile of
    // the fuzz test's reads, zeroing 8 KiB per read was the largest cost of refusing a small one.
    byte[] b;
    int n = 0;
    try {
      int available = in.available();
      long expected = (available > 0 ? available : 8192 - 1) + 1L;
      b = new byte[(int) Math.min(expected, FunnelFormat.MAX_DOCUMENT_LENGTH + 1L)];
      for (int read; (read = in.read(b, n, b.length - n)) >= 0; ) {
        n += read;
        if (n == b.length) {
          if (n > FunnelFormat.MAX_DOCUMENT_LENGTH) {
            break;
          }
          b = Arrays.copyOf(b, (int) Math.min(2L * n, FunnelFormat.MAX_DOCUMENT_LENGTH + 1L));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n > FunnelFormat.MAX_DOCUMENT_LENGTH) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < FunnelFormat.MAX_DOCUMENT_LENGTH; i++) {
        if (b[i] == '\n') {
          line++;
          column = 1;
        } else if ((b[i] & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
          column++;
        }
      }
      throw new FunnelFormatException(Code.TOO_LARGE, tooLargeMessage(), "", line, column);
    }
    return new Source(null, b, n);
  }

  private static FunnelFormatException tooLarge(String prefix) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < prefix.length(); i++) {
      if (prefix.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new FunnelFormatException(
        Code.TOO_LARGE, tooLargeMessage(), "", line, prefix.length() - lineStart + 1);
  }

  private static String tooLargeMessage() {
    return "document larger than " + FunnelFormat.MAX_DOCUMENT_LENGTH + " bytes or characters";
  }

  /** Returns a parser of the document, made by the mapper that parses its syntax and length. */
  JsonParser parser(Syntax syntax) throws IOException {
    String t = text;
    if (t != null) {
      return Mappers.parsing(syntax, t.length()).createParser(t);
    }
    // Jackson detects JSON's encoding itself; its YAML parser reads bytes as UTF-8 only.
    if (syntax == Syntax.JSON) {
      return Mappers.parsing(syntax, length).createParser(requireBytes(), 0, length);
    }
    String decoded = decodeYaml(requireBytes(), length);
    text = decoded;
    return Mappers.of(syntax).createParser(decoded);
  }

  /**
   * Decodes a YAML document as YAML 1.2 (section 5.2) says: by its byte order mark if it has one,
   * otherwise by where the first character's zero bytes are, UTF-8 if there are none. Malformed
   * input is refused rather than replaced, so what is read is what was written.
   */
  static String decodeYaml(byte[] b, int n) {
    Charset charset;
    int skip = 0;
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      charset = Charset.forName("UTF-32BE");
      skip = 4;
    } else if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      charset = Charset.forName("UTF-32LE");
      skip = 4;
    } else if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      charset = StandardCharsets.UTF_8;
      skip = 3;
    } else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0) {
      charset = Charset.forName("UTF-32BE");
    } else if (n >= 4 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      charset = Charset.forName("UTF-32LE");
    } else if (n >= 2 && b[0] == 0) {
      charset = StandardCharsets.UTF_16BE;
    } else if (n >= 2 && b[1] == 0) {
      charset = StandardCharsets.UTF_16LE;
    } else {
      charset = StandardCharsets.UTF_8;
    }
    // Checked a window at a time, then decoded into the string at once: decoding into a buffer of
    // as many characters as bytes and copying it into the string held three times the document's
    // bytes at once, 3 MiB for a document of 1 MiB (ReadCost, see BENCHMARKS.md).
    CharBuffer window = CharBuffer.allocate(Math.min(n - skip, 8192));
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, skip, n - skip);
    int line = 1;
    int decoded = 0; // characters before the window
    int lineStart = 0;
    while (true) {
      CoderResult r = decoder.decode(in, window, true);
      window.flip();
      for (int i = 0; i < window.limit(); i++) {
        if (window.get(i) == '\n') {
          line++;
          lineStart = decoded + i + 1;
        }
      }
      decoded += window.limit();
      window.clear();
      if (r.isError()) {
        throw new FunnelFormatException(
            Code.SYNTAX,
            "malformed YAML: not valid " + charset.name(),
            "",
            line,
            decoded - lineStart + 1);
      }
      if (r.isUnderflow()) {
        break;
      }
    }
    return new String(b, skip, n - skip, charset);
  }

  private byte[] requireBytes() {
    byte[] b = bytes;
    if (b == null) {
      throw new IllegalStateException("source has neither text nor bytes");
    }
    return b;
  }
}
