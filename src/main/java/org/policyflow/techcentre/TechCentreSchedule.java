package org.policyflow.techcentre;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Calendar dates of the centres' supervision for BPMN expressions, bean {@code ticSchedule}. Supervision
 * runs for many years, beyond the years the working-day calendar holds, so its timers are plain calendar
 * dates: the annual report is due "每年年底前" — by the configured day of its year (31 December), China time.
 */
@Component("ticSchedule")
public class TechCentreSchedule {

  private final TechCentreProperties properties;

  public TechCentreSchedule(TechCentreProperties properties) {
    this.properties = properties;
  }

  /** The end of supervision year {@code year} (00:00 China time of 1 January of the next year). */
  public Date yearEnd(int year) {
    return Date.from(WorkingDayCalendar.endOfDay(LocalDate.of(year, 12, 31)).toInstant());
  }

  /** TIC-R1: the last day on which the annual report of {@code year} counts as submitted in time (configured). */
  public LocalDate reportDueDay(int year) {
    return properties.reportDueDay().atYear(year);
  }

  /** TIC-R1: the end of {@code year}'s report due day (24:00 China time): the deadline timer and the task's due date. */
  public Date reportDue(int year) {
    return Date.from(WorkingDayCalendar.endOfDay(reportDueDay(year)).toInstant());
  }

  /** The due day as the report form shows it, e.g. 2027年12月31日. */
  public String reportDueLabel(int year) {
    LocalDate day = reportDueDay(year);
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /** TIC-R1: whether a report received on {@code receivedOn} was submitted in time for {@code year}. */
  public boolean reportInTime(int year, LocalDate receivedOn) {
    return !receivedOn.isAfter(reportDueDay(year));
  }

  /** Today by the engine clock, China time. */
  public LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
  }

  /** Start of supervision year {@code year} (00:00 China time of 1 January): its report cannot come earlier. */
  public Date yearStart(int year) {
    return Date.from(LocalDate.of(year, 1, 1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
  }

  /** The calendar year of the engine clock, in China time. */
  public int currentYear() {
    return ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).getYear();
  }

  /** TIC-A1: supervision year {@code year} of a centre licensed in {@code licenceYear} ends with an assessment. */
  public boolean assessmentDue(int licenceYear, int year) {
    int served = year - licenceYear;
    return served > 0 && served % properties.assessmentIntervalYears() == 0;
  }
}
