package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void countGroupsThousandsWithCommasWhateverTheLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // "%,d" would give 1.234 here
      assertEquals("0", Texts.count(0));
      assertEquals("7", Texts.count(7));
      assertEquals("999", Texts.count(999));
      assertEquals("1,000", Texts.count(1000));
      assertEquals("22,000", Texts.count(22_000));
      assertEquals("123,456", Texts.count(123_456));
      assertEquals("1,234,567", Texts.count(1_234_567));
      assertEquals("-1,234", Texts.count(-1234));
      for (long n : new long[] {Long.MIN_VALUE, 1, 12, 123, 1234, 12345, 123456, 1234567, 12345678, Long.MAX_VALUE}) {
        assertEquals(String.format(Locale.ROOT, "%,d", n), Texts.count(n));
      }
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void orListNamesAtMostMax() {
    assertEquals("a", Texts.orList(List.of("a"), 3));
    assertEquals("a or b", Texts.orList(List.of("a", "b"), 3));
    assertEquals("a, b or c", Texts.orList(List.of("a", "b", "c", "d"), 3));
  }
}
