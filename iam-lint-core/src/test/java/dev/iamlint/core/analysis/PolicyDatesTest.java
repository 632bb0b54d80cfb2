package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The W3C ISO 8601 / epoch reading shared by IAM008 and the IAM4xx rules. */
class PolicyDatesTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void readsW3cFormsAsUtcUnlessZoned() {
    assertEquals(Optional.of(at("2026-12-01T00:00:00Z")), PolicyDates.parse("2026-12"));
    assertEquals(Optional.of(at("2026-12-01T00:00:00Z")), PolicyDates.parse("2026-12-01"));
    assertEquals(Optional.of(at("2026-12-01T10:30:00Z")), PolicyDates.parse("2026-12-01T10:30Z"));
    assertEquals(Optional.of(at("2026-12-01T10:30:00Z")), PolicyDates.parse("2026-12-01T10:30:00"));
    assertEquals(Optional.of(at("2026-12-01T10:30:00.250Z")), PolicyDates.parse("2026-12-01T10:30:00.25Z"));
    assertEquals(Optional.of(at("2026-11-30T14:00:00Z")), PolicyDates.parse("2026-12-01T00:00:00+10:00"));
    assertEquals(Optional.of(at("2026-12-01T05:30:00Z")), PolicyDates.parse("2026-12-01T00:00:00-0530"));
    assertEquals(Optional.of(at("2027-01-01T00:00:00Z")), PolicyDates.parse("2026-12-31T23:59:60Z"));
  }

  @Test
  void readsEpochSeconds() {
    assertEquals(Optional.of(at("2026-12-31T00:00:00Z")), PolicyDates.parse("1798675200"));
    assertTrue(PolicyDates.isEpoch("1798675200"));
    assertFalse(PolicyDates.isDate("1798675200000"));
    // An all-digit value is epoch seconds, as in cloud-copilot/iam-simulate: "2026" is not the year 2026.
    assertEquals(Optional.of(Instant.ofEpochSecond(2026)), PolicyDates.parse("2026"));
  }

  @Test
  void rejectsWhatAwsRejects() {
    for (String bad : new String[] {"2026-13-01", "2026-02-30", "01/12/2026", "2026-12-01 00:00:00", "tomorrow",
        "2026-12-01T25:00:00Z", "2026-12-*", "${aws:CurrentTime}", ""}) {
      assertFalse(PolicyDates.isDate(bad), bad);
    }
  }
}
