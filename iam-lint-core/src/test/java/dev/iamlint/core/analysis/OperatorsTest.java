package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {

  @Test
  void namesWithIfExistsButNotForNull() {
    List<String> all = Operators.names(b -> true);
    assertTrue(all.contains("StringEqualsIfExists") && all.contains("Null"));
    assertFalse(all.contains("NullIfExists"));
    List<String> time = Operators.names(b -> b.startsWith("Date"));
    assertTrue(time.contains("DateLessThanEqualsIfExists"));
    assertFalse(time.contains("StringEquals"));
  }

  @Test
  void numbers() {
    for (String n : new String[] {"1", "-2.5", ".5", "1e9", "+3."}) assertTrue(Operators.isNumber(n), n);
    for (String n : new String[] {"", "1,5", "0x10", "one"}) assertFalse(Operators.isNumber(n), n);
  }
}
