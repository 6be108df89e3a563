package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The test-only 2027 arrangement that the browser and cluster tests load (they run on the real clock) is a
 * valid calendar file, and it is not shipped: without it 2027 stays unknown.
 */
class ProvisionalTestCalendarTest {

  @Test
  void workingDaysF_theProvisionalTestFileLoadsAndIsNotPartOfTheShippedCalendar() {
    WorkingDayCalendar withTestFile = new WorkingDayCalendar(Path.of("src/test/resources/working-days-provisional"));
    assertThat(withTestFile.years()).contains(2027);
    assertThat(withTestFile.addWorkingDays(LocalDate.of(2026, 12, 28), 5)).isEqualTo(LocalDate.of(2027, 1, 5));
    assertThat(new WorkingDayCalendar(null).years()).doesNotContain(2027);
  }
}
