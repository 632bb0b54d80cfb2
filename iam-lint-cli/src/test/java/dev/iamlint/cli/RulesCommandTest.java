package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

  @Test
  void alignsColumns() {
    String nl = System.lineSeparator();
    assertEquals("ID      NAME  TAGS" + nl + "IAM001  a     x, y" + nl,
        RulesCommand.table(List.of(new String[] {"ID", "NAME", "TAGS"}, new String[] {"IAM001", "a", "x, y"})));
  }

  @Test
  void levenshtein() {
    assertEquals(1, ExplainCommand.levenshtein("iam20l", "iam201"));
    assertEquals(0, ExplainCommand.levenshtein("", ""));
    assertEquals(3, ExplainCommand.levenshtein("abc", ""));
  }
}
