package org.policyflow.shared.workingdays;

import java.util.Date;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Lets timers and task due dates say "N working days" as {@code PnWD} (for example {@code P5WD}).
 * Anything else goes unchanged to Camunda's own calendar, so ISO durations and dates keep working.
 *
 * <p>{@code PnWD} is not valid ISO 8601 (which has {@code PnW} and {@code PnD} but no combination
 * without a time part), so it can never shadow a period the standard calendar would accept.
 */
public class WorkingDayBusinessCalendar implements BusinessCalendar {

  private static final Pattern WORKING_DAYS = Pattern.compile("P(\\d{1,4})WD");

  private final BusinessCalendar standard;
  private final WorkingDayCalendar calendar;

  public WorkingDayBusinessCalendar(BusinessCalendar standard, WorkingDayCalendar calendar) {
    this.standard = standard;
    this.calendar = calendar;
  }

  /** The number of working days of a {@code PnWD} period, empty for any other text. */
  public static OptionalInt workingDays(String text) {
    Matcher matcher = WORKING_DAYS.matcher(text == null ? "" : text.trim());
    return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }

  @Override
  public Date resolveDuedate(String duedateDescription) {
    return resolveDuedate(duedateDescription, (Date) null);
  }

  @Override
  public Date resolveDuedate(String duedateDescription, Date startDate) {
    OptionalInt days = workingDays(duedateDescription);
    if (days.isEmpty()) {
      return startDate == null ? standard.resolveDuedate(duedateDescription)
          : standard.resolveDuedate(duedateDescription, startDate);
    }
    Date start = startDate == null ? ClockUtil.getCurrentTime() : startDate;
    return calendar.periodEnd(start, days.getAsInt());
  }

  /** A task's period starts when the task is created, which is the engine's current time here. */
  @Override
  public Date resolveDuedate(String duedateDescription, Task task) {
    OptionalInt days = workingDays(duedateDescription);
    if (days.isEmpty()) {
      return standard.resolveDuedate(duedateDescription, task);
    }
    return calendar.periodEnd(ClockUtil.getCurrentTime(), days.getAsInt());
  }
}
