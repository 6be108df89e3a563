package org.policyflow.shared.workingdays;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * One year of the State Council's holiday arrangement (policy-rules F): the statutory days off and
 * the weekend days declared working days (调休上班). Immutable once validated.
 *
 * @param source the file or database record it was read from, so that every later message can point at it
 * @param version how an auditor names this arrangement when a deadline was computed with it, e.g.
 *     "2027年第2版（国办发明电〔2026〕N号）"
 */
public record YearArrangement(int year, String notice, String source, String version, Set<LocalDate> daysOff,
    Set<LocalDate> workingWeekends) {

  public YearArrangement {
    daysOff = Set.copyOf(daysOff);
    workingWeekends = Set.copyOf(workingWeekends);
  }

  public YearArrangement withVersion(String newVersion) {
    return new YearArrangement(year, notice, source, newVersion, daysOff, workingWeekends);
  }

  public boolean isWorkingDay(LocalDate date) {
    if (workingWeekends.contains(date)) {
      return true;
    }
    return !isWeekend(date) && !daysOff.contains(date);
  }

  static boolean isWeekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
