package dev.funnel.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The pieces of this module's binary values: variable-length whole numbers (seven bits a byte, low
 * bits first; zig-zag where they may be negative), strings as a length and strict UTF-8, instants
 * as epoch second and nano. Not thread-safe: one buffer or cursor per value.
 */
final class Binary {
  private Binary() {}

  /** A stored or internal value that does not hold what it should: what is wrong, never a value. */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A growing buffer. */
  static final class Out {
    private byte[] buf;
    private int n;

    Out(int size) {
      buf = new byte[size];
    }

    private void room(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    void b(int v) {
      room(1);
      buf[n++] = (byte) v;
    }

    void raw(byte[] v) {
      room(v.length);
      System.arraycopy(v, 0, buf, n, v.length);
      n += v.length;
    }

    /** An unsigned variable-length whole number, seven bits a byte, low bits first. */
    void u(long v) {
      room(10);
      long x = v;
      while ((x & ~0x7FL) != 0) {
        buf[n++] = (byte) ((x & 0x7F) | 0x80);
        x >>>= 7;
      }
      buf[n++] = (byte) x;
    }

    /** A signed one, zig-zag: small magnitudes are short either side of zero. */
    void z(long v) {
      u((v << 1) ^ (v >> 63));
    }

    void s(String v) {
      byte[] utf8 = isAscii(v) ? v.getBytes(UTF_8) : strict(v);
      u(utf8.length);
      raw(utf8);
    }

    private static boolean isAscii(String v) {
      for (int i = 0; i < v.length(); i++) {
        if (v.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }

    /** Encodes refusing an unpaired surrogate, which {@code getBytes} would turn into '?'. */
    private static byte[] strict(String v) {
      try {
        ByteBuffer b = UTF_8.newEncoder().encode(CharBuffer.wrap(v));
        return Arrays.copyOfRange(b.array(), b.arrayOffset(), b.arrayOffset() + b.limit());
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("a string of the lead is not valid Unicode", e);
      }
    }

    void t(Instant v) {
      z(v.getEpochSecond());
      u(v.getNano());
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }
  }

  /** A cursor over a value, every read checked against its end. */
  static final class In {
    private final byte[] bytes;
    private int pos;

    In(byte[] bytes, int from) {
      this.bytes = bytes;
      this.pos = from;
    }

    boolean atEnd() {
      return pos == bytes.length;
    }

    /** The next {@code n} bytes, as a copy. */
    byte[] take(int n) throws Corrupt {
      if (n > bytes.length - pos) {
        throw new Corrupt("a length runs past the end of the value");
      }
      byte[] v = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return v;
    }

    int b() throws Corrupt {
      if (pos >= bytes.length) {
        throw new Corrupt("the value ends early");
      }
      return bytes[pos++] & 0xff;
    }

    long u() throws Corrupt {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = b();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new Corrupt("a number is too long");
    }

    long z() throws Corrupt {
      long v = u();
      return (v >>> 1) ^ -(v & 1);
    }

    int i() throws Corrupt {
      long v = u();
      if (v > Integer.MAX_VALUE) {
        throw new Corrupt("a number is out of range");
      }
      return (int) v;
    }

    /** A count or length, which cannot exceed the bytes left. */
    int count() throws Corrupt {
      int v = i();
      if (v > bytes.length - pos) {
        throw new Corrupt("a length runs past the end of the value");
      }
      return v;
    }

    String s() throws Corrupt {
      int n = count();
      int from = pos;
      pos += n;
      for (int i = from; i < pos; i++) {
        if (bytes[i] < 0) {
          try {
            return UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, n)).toString();
          } catch (CharacterCodingException e) {
            throw new Corrupt("a string is not valid UTF-8");
          }
        }
      }
      return new String(bytes, from, n, UTF_8);
    }

    Instant t() throws Corrupt {
      long seconds = z();
      long nanos = u();
      if (nanos > 999_999_999L) {
        throw new Corrupt("an instant's nanoseconds are out of range");
      }
      try {
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (DateTimeException e) {
        throw new Corrupt("an instant is out of range");
      }
    }
  }
}
