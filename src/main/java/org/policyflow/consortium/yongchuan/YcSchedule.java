package org.policyflow.consortium.yongchuan;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Calendar dates of a consortium's operation for BPMN expressions (bean {@code ycSchedule}). The construction
 * period runs over calendar years, because the self-evaluation report (YCC-R1) is due in January for the
 * previous year: operating years are the launch year and the following {@code construction-years − 1} years,
 * plus one more year in which only the last report is made. Exchange periods (YCC-O1) are calendar quarters
 * (or the configured interval). All dates are calendar dates in China Standard Time, not working days: the
 * operation runs years beyond the published working-day calendar, and the policy counts them in months.
 */
@Component("ycSchedule")
public class YcSchedule {

  private final YcConsortiumProperties properties;

  public YcSchedule(YcConsortiumProperties properties) {
    this.properties = properties;
  }

  public static int year(Date instant) {
    return instant.toInstant().atZone(WorkingDayCalendar.ZONE).getYear();
  }

  /** Calendar years with a yearly instance: construction years, then the year of the last report. */
  public List<Integer> operatingYears(Date launchedAt) {
    int first = year(launchedAt);
    List<Integer> years = new ArrayList<>();
    for (int y = first; y <= first + properties.constructionYears(); y++) {
      years.add(y);
    }
    return years;
  }

  /** Construction year number (1-based) of a calendar year; beyond the period the number continues. */
  public int yearNumber(Date launchedAt, int calendarYear) {
    return calendarYear - year(launchedAt) + 1;
  }

  public boolean isConstructionYear(Date launchedAt, int calendarYear) {
    int n = yearNumber(launchedAt, calendarYear);
    return n >= 1 && n <= properties.constructionYears();
  }

  /** YCC-O1: exchange periods of the year that end after the launch; none outside the construction period. */
  public List<Integer> exchangePeriods(Date launchedAt, int calendarYear) {
    List<Integer> periods = new ArrayList<>();
    if (!isConstructionYear(launchedAt, calendarYear)) {
      return periods;
    }
    for (int p = 1; p <= properties.exchangesPerYear(); p++) {
      if (periodEnd(calendarYear, p).after(launchedAt)) {
        periods.add(p);
      }
    }
    return periods;
  }

  public Date periodStart(int calendarYear, int period) {
    return Date.from(startOfMonth(calendarYear, (period - 1) * properties.exchangeIntervalMonths() + 1).toInstant());
  }

  /** 24:00 of the period's last day, i.e. 00:00 of the next period's first day. */
  public Date periodEnd(int calendarYear, int period) {
    return Date.from(startOfMonth(calendarYear, (period - 1) * properties.exchangeIntervalMonths() + 1)
        .plusMonths(properties.exchangeIntervalMonths()).toInstant());
  }

  /** YCC-R1: a report on the previous year is made in every operating year after the launch year. */
  public boolean hasReport(Date launchedAt, int calendarYear) {
    return calendarYear > year(launchedAt);
  }

  /** YCC-R1: the report on {@code reportYear} can be made from the first day of the report month of the next year. */
  public Date reportOpens(int reportYear) {
    return Date.from(startOfMonth(reportYear + 1, properties.selfEvaluationMonth()).toInstant());
  }

  /** YCC-R1: due at 24:00 of the deadline day of the report month of the next year. */
  public Date reportDue(int reportYear) {
    LocalDate day = LocalDate.of(reportYear + 1, properties.selfEvaluationMonth(), properties.selfEvaluationDeadlineDay());
    return Date.from(WorkingDayCalendar.endOfDay(day).toInstant());
  }

  /** The yearly stage goal set at the launch for a calendar year ("" after the construction period). */
  public String stageGoal(Object yearlyStages, int calendarYear) {
    return LaunchConsortiumDelegate.goalOf(yearlyStages, calendarYear);
  }

  private static ZonedDateTime startOfMonth(int year, int month) {
    return LocalDate.of(year, month, 1).atStartOfDay(WorkingDayCalendar.ZONE);
  }
}
