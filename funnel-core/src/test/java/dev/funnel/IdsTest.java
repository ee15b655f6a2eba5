package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class IdsTest {

  @Test
  void isValid_printableAsciiWithInnerSpaces_isValid() {
    assertTrue(Ids.isValid("a"));
    assertTrue(Ids.isValid("a b"));
    assertTrue(Ids.isValid("~"));
    assertTrue(Ids.isValid("lead-1/2:3"));
  }

  @Test
  void isValid_emptyOrAsciiSpaceAtAnEnd_isInvalid() {
    assertFalse(Ids.isValid(""));
    assertFalse(Ids.isValid(" "));
    assertFalse(Ids.isValid(" a"));
    assertFalse(Ids.isValid("a "));
  }

  @Test
  void isValid_asciiControls_areInvalid() {
    assertFalse(Ids.isValid("a\u0000b"));
    assertFalse(Ids.isValid("a\tb"));
    assertFalse(Ids.isValid("a\u001Fb"));
    assertFalse(Ids.isValid("a\u007Fb"));
    assertFalse(Ids.isValid("\u007F"));
  }

  @Test
  void isValid_otherScriptsAndSymbols_areValid() {
    assertTrue(Ids.isValid("café"));
    assertTrue(Ids.isValid("注文"));
    assertTrue(Ids.isValid("a\u00A0b"));
    assertTrue(Ids.isValid("a\u3000b"));
    assertTrue(Ids.isValid("\uFFFD"));
    assertTrue(Ids.isValid("\uFDCF"));
    assertTrue(Ids.isValid("\uFDF0"));
    assertTrue(Ids.isValid("\uFFFC"));
  }

  @Test
  void isValid_nonAsciiWhitespaceAtAnEnd_isInvalid() {
    assertFalse(Ids.isValid("\u3000"));
    assertFalse(Ids.isValid("\u3000a"));
    assertFalse(Ids.isValid("a\u3000"));
    assertFalse(Ids.isValid("é "));
    assertFalse(Ids.isValid(" é"));
    assertFalse(Ids.isValid("\u2003é"));
  }

  @Test
  void isValid_c1ControlsFormatCharactersAndSeparators_areInvalid() {
    assertFalse(Ids.isValid("a\u0080b"));
    assertFalse(Ids.isValid("a\u009Fb"));
    assertFalse(Ids.isValid("a\u200Bb"));
    assertFalse(Ids.isValid("a\u202Eb"));
    assertFalse(Ids.isValid("a\u2066b"));
    assertFalse(Ids.isValid("\uFEFFa"));
    assertFalse(Ids.isValid("a\u2028b"));
    assertFalse(Ids.isValid("a\u2029b"));
  }

  @Test
  void isValid_noncharacters_areInvalid() {
    assertFalse(Ids.isValid("a\uFDD0"));
    assertFalse(Ids.isValid("a\uFDE7"));
    assertFalse(Ids.isValid("a\uFDEF"));
    assertFalse(Ids.isValid("a\uFFFE"));
    assertFalse(Ids.isValid("a\uFFFF"));
    assertFalse(Ids.isValid("a" + new String(Character.toChars(0x1FFFE))));
    assertFalse(Ids.isValid("a" + new String(Character.toChars(0x10FFFF))));
  }

  @Test
  void isValid_surrogatePairs_areValidAndUnpairedSurrogatesAreNot() {
    assertTrue(Ids.isValid("\uD83D\uDE00"));
    assertTrue(Ids.isValid("a\uD83D\uDE00b"));
    assertTrue(Ids.isValid("\uD83D\uDE00\uD83D\uDE01"));
    assertFalse(Ids.isValid("a\uD83D"));
    assertFalse(Ids.isValid("\uD83Da"));
    assertFalse(Ids.isValid("\uD83D\uD83D"));
    assertFalse(Ids.isValid("\uDE00"));
    assertFalse(Ids.isValid("a\uDE00b"));
    // A format character outside the basic plane (a tag character) is refused like one inside it.
    assertFalse(Ids.isValid("a" + new String(Character.toChars(0xE0041))));
  }

  @Test
  void check_validId_returnsIt() {
    String id = "lead-1";

    assertSame(id, Ids.check(id, "lead id"));
  }

  @Test
  void check_blankId_saysItIsBlank() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ids.check("  ", "lead id"));

    assertEquals("lead id is blank", e.getMessage());
  }

  @Test
  void check_idWithAControl_saysWhatIsWrongWithoutQuotingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ids.check("secret\nx", "lead id"));

    assertEquals(
        "lead id has whitespace at an end, a control or format character or an unpaired"
            + " surrogate",
        e.getMessage());
  }

  @Test
  void isValid_controlsAmongDigitsAndPunctuation_areInvalid() {
    assertFalse(Ids.isValid("\t"));
    assertFalse(Ids.isValid("1\t2"));
    assertFalse(Ids.isValid("#\u0001"));
  }

  @Test
  void isValid_asciiSpaceInsideAnIdWithOtherScripts_isValid() {
    assertTrue(Ids.isValid("café au lait"));
    assertTrue(Ids.isValid("注文 1"));
  }
}
