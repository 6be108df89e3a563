package org.policyflow.partner.district;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Dates of the district's yearly routines for BPMN expressions (bean {@code districtSchedule}). A year is cut
 * into equal periods of whole months (4 visits a year: quarters; 2 meetings: halves; 4 publicity periods: quarters); each period opens at
 * 00:00 of its first day and ends at 24:00 of its last (China Standard Time), calendar days because the
 * routines are counted in months, not in working days.
 */
@Component("districtSchedule")
public class DistrictSchedule {

  private final DistrictProperties properties;

  public DistrictSchedule(DistrictProperties properties) {
    this.properties = properties;
  }

  public List<Integer> visitPeriods() {
    return IntStream.rangeClosed(1, properties.visitsPerYear()).boxed().toList();
  }

  public List<Integer> meetingPeriods() {
    return IntStream.rangeClosed(1, properties.meetingsPerYear()).boxed().toList();
  }

  public List<Integer> promotionPeriods() {
    return IntStream.rangeClosed(1, properties.promotionsPerYear()).boxed().toList();
  }

  /** Start of period {@code n} (1-based) of {@code perYear} in the calendar year. */
  public Date periodStart(int year, int perYear, int n) {
    return Date.from(firstDay(year, perYear, n).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
  }

  /** End (24:00 of the last day) of period {@code n} of {@code perYear}. */
  public Date periodEnd(int year, int perYear, int n) {
    return Date.from(firstDay(year, perYear, n).plusMonths(12 / perYear).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
  }

  public int visitsPerYear() {
    return properties.visitsPerYear();
  }

  public int meetingsPerYear() {
    return properties.meetingsPerYear();
  }

  public int promotionsPerYear() {
    return properties.promotionsPerYear();
  }

  /** DST-A1: the yearly evaluation of the departments opens on the configured day of the year. */
  public Date evaluationStarts(int year) {
    return Date.from(properties.evaluationDay().atYear(year).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
  }

  private static LocalDate firstDay(int year, int perYear, int n) {
    if (12 % perYear != 0 || n < 1 || n > perYear) {
      throw new IllegalArgumentException("period " + n + " of " + perYear + " per year");
    }
    return LocalDate.of(year, 1, 1).plusMonths((long) (n - 1) * (12 / perYear));
  }
}
