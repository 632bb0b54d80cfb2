package dev.iamlint.rules.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** IAM407's {@code maxWindow} option: ISO-8601 durations, day-based or time-based. */
class TimeWindowTooLongTest {

  @Test
  void readsMaxWindowDurations() {
    assertEquals(Duration.ofDays(90), TimeWindowTooLong.parse("P90D"));
    assertEquals(Duration.ofHours(72), TimeWindowTooLong.parse("PT72H"));
    assertEquals(Period.ofMonths(3), TimeWindowTooLong.parse("P3M"));
    assertNull(TimeWindowTooLong.parse("90 days"));
  }
}
