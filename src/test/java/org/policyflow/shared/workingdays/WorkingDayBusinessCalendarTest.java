package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PnWD syntax and the hand-over of everything else to Camunda's calendars (policy-rules F). */
class WorkingDayBusinessCalendarTest {

  private final WorkingDayCalendar calendar = new WorkingDayCalendar(null);
  private final WorkingDayBusinessCalendar duration =
      new WorkingDayBusinessCalendar(new DurationBusinessCalendar(), calendar);
  private final WorkingDayBusinessCalendar dueDate =
      new WorkingDayBusinessCalendar(new DueDateBusinessCalendar(), calendar);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void workingDaysF_onlyPnWDIsAWorkingDayPeriod() {
    assertThat(WorkingDayBusinessCalendar.workingDays("P5WD")).hasValue(5);
    assertThat(WorkingDayBusinessCalendar.workingDays(" P10WD ")).hasValue(10);
    assertThat(WorkingDayBusinessCalendar.workingDays("P5D")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.workingDays("P1W")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.workingDays("PT5H")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.workingDays("R3/P5WD")).isEmpty();
  }

  @Test
  void noticeTZP_N1_P5WDFromNow_andFromAGivenStart() {
    ClockUtil.setCurrentTime(at("2025-09-26T15:00+08:00"));
    assertThat(duration.resolveDuedate("P5WD")).isEqualTo(at("2025-10-11T00:00+08:00"));
    assertThat(dueDate.resolveDuedate("P5WD", (Task) null))
        .isEqualTo(at("2025-10-11T00:00+08:00"));
    assertThat(duration.resolveDuedate("P5WD", at("2026-09-30T10:00+08:00"))).isEqualTo(at("2026-10-14T00:00+08:00"));
  }

  @Test
  void workingDaysF_isoDurationsAndDatesStayCamundas() {
    ClockUtil.setCurrentTime(at("2026-09-30T10:00+08:00"));
    assertThat(duration.resolveDuedate("P3D")).isEqualTo(at("2026-10-03T10:00+08:00"));
    assertThat(dueDate.resolveDuedate("2026-10-08T09:00:00")).isEqualTo(at("2026-10-08T09:00+08:00"));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
