package dev.iamlint.core.analysis;

import static dev.iamlint.core.analysis.Policies.identity;
import static dev.iamlint.core.analysis.Policies.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {

  private static Statement allow(String condition) {
    return statement("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": " + condition + "}");
  }

  @Test
  void theTightestBoundsOfAStatement() {
    TimeWindows.Window w = TimeWindows.of(allow("{"
        + "\"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-01-01T00:00:00Z\"},"
        + "\"DateLessThan\": {\"aws:CurrentTime\": [\"2026-03-01T00:00:00Z\", \"2026-02-01T00:00:00Z\"]}}"));
    assertTrue(w.closed());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), w.start().at());
    // Values of one operator are ORed: the loosest (latest) end counts.
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), w.end().at());
    assertFalse(w.inverted());
  }

  @Test
  void epochSecondsOnEpochTimeAndInvertedWindows() {
    TimeWindows.Window w = TimeWindows.of(allow("{"
        + "\"NumericGreaterThan\": {\"aws:EpochTime\": \"1798675200\"},"
        + "\"NumericLessThan\": {\"aws:EpochTime\": \"1767225600\"}}"));
    assertTrue(w.inverted());
  }

  @Test
  void aDenyWithOneBoundClosesTheAllows() {
    PolicyDocument p = identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},"
        + "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", "
        + "\"Condition\": {\"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-06-01T00:00:00Z\"}}}");
    TimeWindows.Window deny = TimeWindows.denyBounds(p);
    TimeWindows.Window w = TimeWindows.effective(p.statements().get(0), deny);
    assertNull(w.start());
    assertEquals(Instant.parse("2026-06-01T00:00:00Z"), w.end().at());
  }

  @Test
  void comparedAsText() {
    assertTrue(TimeWindows.comparedAsText(allow("{\"StringLessThan\": {\"aws:CurrentTime\": \"2026\"}}").conditions().get(0)));
    assertTrue(TimeWindows.comparedAsText(allow("{\"NumericLessThan\": {\"aws:CurrentTime\": \"1\"}}").conditions().get(0)));
    assertFalse(TimeWindows.comparedAsText(allow("{\"NumericLessThan\": {\"aws:EpochTime\": \"1\"}}").conditions().get(0)));
    assertFalse(TimeWindows.comparedAsText(allow("{\"StringEquals\": {\"aws:username\": \"a\"}}").conditions().get(0)));
  }
}
