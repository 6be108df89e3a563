package org.policyflow.shared.workingdays;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Working-day deadlines for BPMN expressions, exposed as the bean {@code workingDays}:
 * {@code timeDate="${workingDays.end(noticeDays)}"} or {@code camunda:dueDate="${workingDays.end(5)}"}.
 * Counting starts from the engine clock, as the engine's own timers do.
 */
public class WorkingDayExpressions {

  private final WorkingDayCalendar calendar;

  public WorkingDayExpressions(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  /** 24:00 China Standard Time of the last of {@code days} working days after today. */
  public Date end(int days) {
    return calendar.periodEnd(ClockUtil.getCurrentTime(), days);
  }
}
