package org.policyflow.shared.workingdays;

import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A deadline needs a year whose holiday arrangement is not in the calendar (policy-rules F, WDC-M1).
 * Counting such a year as plain Monday–Friday would silently move deadlines by days, so the computation
 * stops here. The message tells the user how far the calendar reaches and, for the period asked, the
 * latest day it could start on, so a form can be corrected at once; and it tells the office what to do.
 *
 * <p>The message starts with {@link #marker(int)}: jobs that failed with it are found and retried when
 * the year is confirmed ({@link CalendarUpkeep#resumeWaitingJobs}).
 *
 * <p>A form validation failure for the engine: when a person's start or task form leads to a deadline
 * the calendar cannot count, the engine REST API and Tasklist answer 400 with this message instead of a
 * server error, and nothing is started or completed. Inside a job it fails the job as any exception does.
 */
public class MissingCalendarYearException extends FormFieldValidationException {

  public static final String RULE = "WDC-M1";

  private final int year;
  private final LocalDate lastCountableDay;
  private final LocalDate latestStart;

  public MissingCalendarYearException(int year) {
    this(year, null, null, 0);
  }

  /**
   * @param lastCountableDay the last day of the calendar's unbroken run of years before {@code year},
   *     or {@code null} when the year before is missing too
   * @param latestStart the latest start day from which the period of {@code days} still ends by
   *     {@code lastCountableDay}, or {@code null} when unknown
   */
  public MissingCalendarYearException(int year, LocalDate lastCountableDay, LocalDate latestStart, int days) {
    super(RULE, message(year, lastCountableDay, latestStart, days));
    this.year = year;
    this.lastCountableDay = lastCountableDay;
    this.latestStart = latestStart;
  }

  /** The words every such failure starts with, for one year. */
  public static String marker(int year) {
    return "工作日历缺少 " + year + " 年的节假日安排";
  }

  private static String message(int year, LocalDate lastCountableDay, LocalDate latestStart, int days) {
    StringBuilder zh = new StringBuilder(marker(year)).append("，无法计算期限");
    StringBuilder en = new StringBuilder("The working-day calendar has no arrangement for ").append(year);
    if (lastCountableDay != null) {
      zh.append("：目前可计算到 ").append(lastCountableDay);
      en.append(": deadlines can be counted up to ").append(lastCountableDay);
      if (latestStart != null) {
        zh.append("，本期限（").append(days).append("个工作日）最晚可从 ").append(latestStart).append(" 起算");
        en.append("; this period of ").append(days).append(" working days can start on ").append(latestStart)
            .append(" at the latest");
      }
    }
    zh.append("。国务院办公厅公布").append(year).append("年节假日安排后，请由科委在“工作日历年度安排”流程中录入并经另一部门确认（").append(RULE)
        .append("）。");
    en.append(". Once the State Council has published it, an office enters ").append(year)
        .append(" in the process 'working-day-calendar' and another office confirms it (").append(RULE).append(").");
    return zh + " " + en;
  }

  public int year() {
    return year;
  }

  public Optional<LocalDate> lastCountableDay() {
    return Optional.ofNullable(lastCountableDay);
  }

  public Optional<LocalDate> latestStart() {
    return Optional.ofNullable(latestStart);
  }
}
