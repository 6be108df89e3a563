package org.policyflow.techcentre;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Calendar dates of the centres' supervision for BPMN expressions, bean {@code ticSchedule}. Supervision
 * runs for many years, beyond the years the working-day calendar holds, so its timers are plain calendar
 * dates: the annual report is due "每年年底前" — before 24:00 China time of 31 December of its year.
 */
@Component("ticSchedule")
public class TechCentreSchedule {

  private final TechCentreProperties properties;

  public TechCentreSchedule(TechCentreProperties properties) {
    this.properties = properties;
  }

  /** TIC-R1: the end of {@code year} (00:00 China time of 1 January of the next year). */
  public Date yearEnd(int year) {
    return Date.from(WorkingDayCalendar.endOfDay(LocalDate.of(year, 12, 31)).toInstant());
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
