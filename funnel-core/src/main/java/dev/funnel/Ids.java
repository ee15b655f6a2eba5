package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;

/**
 * The rule for the ids that name funnels, stages, events, offers, leads, owners, channels,
 * segments, templates, attributes and payload values, applied by every builder and by the readers.
 * Ids reach logs and diagnostic contexts, so they hold nothing that could forge or hide a line. An
 * id is a string that:
 *
 * <ul>
 *   <li>is not blank and has no whitespace at either end ({@link String#strip()});
 *   <li>is well-formed UTF-16: every surrogate is part of a pair;
 *   <li>holds no control character (general category Cc, such as NUL, TAB, CR, LF, ESC, DEL and the
 *       C1 controls), no format character (Cf, such as the bidirectional overrides and isolates
 *       U+202A to U+202E and U+2066 to U+2069, zero-width characters and the byte order mark), no
 *       line or paragraph separator (U+2028, U+2029) and no noncharacter (U+FDD0 to U+FDEF and the
 *       last two code points of each plane).
 * </ul>
 *
 * <p>Any other character is allowed, spaces inside included. This class is thread-safe.
 */
public final class Ids {
  private Ids() {}

  /**
   * Returns whether a string is a valid id by the rule of this class.
   *
   * @param id the string
   * @return whether it is a valid id
   */
  public static boolean isValid(String id) {
    int length = id.length();
    if (length == 0) {
      return false;
    }
    // Printable ASCII, what most ids are, is passed by one comparison a character (U+0020 to
    // U+007E); the checks of the others start at the first other character. Every event checks its
    // id and type, and EventBenchmark found the checks a fifth of a plain event's time.
    int i = 0;
    while (i < length && (char) (id.charAt(i) - 0x20) < 0x5F) {
      i++;
    }
    if (i == length) {
      return id.charAt(0) != ' ' && id.charAt(length - 1) != ' ';
    }
    // The loop above stopped at a character outside printable ASCII: a control, refused below, or
    // a character of another script, so the id is not plain ASCII and is checked as Unicode.
    for (; i < length; i++) {
      char c = id.charAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == 0x7F) {
          return false;
        }
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == length || !Character.isLowSurrogate(id.charAt(i + 1))) {
          return false;
        }
        cp = Character.toCodePoint(c, id.charAt(++i));
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
      if (!allowed(cp)) {
        return false;
      }
    }
    return !id.isBlank() && id.strip().equals(id);
  }

  private static boolean allowed(int cp) {
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** Returns the id if {@link #isValid} accepts it; the message never quotes a refused id. */
  @CanIgnoreReturnValue
  static String check(String id, String what) {
    requireNonNull(id, what);
    // A valid id, the common case, is scanned once; which rule a refused one broke is found after.
    if (!isValid(id)) {
      checkArgument(!id.isBlank(), "%s is blank", what);
      throw new IllegalArgumentException(
          what
              + " has whitespace at an end, a control or format character or an unpaired"
              + " surrogate");
    }
    return id;
  }

  /**
   * Returns the attribute name if {@link #isValid} accepts it and it is at most {@link
   * Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters long; the message gives the limit, not the name.
   */
  @CanIgnoreReturnValue
  static String checkAttributeName(String name) {
    return checkName(name, "attribute name");
  }

  /**
   * Returns the name of a value (an attribute, a payload value, an action's parameter) if {@link
   * #isValid} accepts it and it is at most {@link Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters long,
   * the longest name the funnel format reads back; the message gives the limit, not the name.
   */
  @CanIgnoreReturnValue
  static String checkName(String name, String what) {
    check(name, what);
    checkArgument(
        name.length() <= Lead.MAX_ATTRIBUTE_NAME_LENGTH,
        "%s is longer than %s characters",
        what,
        Lead.MAX_ATTRIBUTE_NAME_LENGTH);
    return name;
  }
}
