package org.policyflow.partner.cooperation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import org.policyflow.partner.PartnerProperties;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Dates of the three-year cooperation (TZP-C1, TZP-C2) for BPMN expressions, bean {@code partnerSchedule}.
 * The numbers come from partner.yaml ({@code cooperation-years}, {@code report-reminder-lead}); the models
 * hold none. Year {@code n} runs from the (n-1)-th to the n-th anniversary of signing; its progress
 * report is due at the end (24:00 China Standard Time) of the n-th anniversary day.
 */
@Component("partnerSchedule")
public class PartnerSchedule {

  private final PartnerProperties properties;

  public PartnerSchedule(PartnerProperties properties) {
    this.properties = properties;
  }

  /** TZP-C1: number of cooperation years, the cardinality of the yearly call activity. */
  public int cooperationYears() {
    return properties.cooperationYears();
  }

  /** Start of cooperation year {@code year} (1-based): the signing instant, then each anniversary day at 00:00. */
  public Date yearStart(Date signedAt, int year) {
    if (year <= 1) {
      return signedAt;
    }
    return Date.from(anniversaryEnd(signedAt, year - 1).toInstant());
  }

  /** TZP-C2: the year's report is due at 24:00 of the year's anniversary of signing. */
  public Date reportDue(Date signedAt, int year) {
    return Date.from(anniversaryEnd(signedAt, year).toInstant());
  }

  /** TZP-C2: the partner is reminded {@code report-reminder-lead} before the report is due. */
  public Date reminderAt(Date signedAt, int year) {
    return Date.from(anniversaryEnd(signedAt, year).minus(properties.reportReminderLead()).toInstant());
  }

  /** TZP-C1: the cooperation period ends with the last year's anniversary. */
  public Date cooperationEnd(Date signedAt) {
    return reportDue(signedAt, properties.cooperationYears());
  }

  private static ZonedDateTime anniversaryEnd(Date signedAt, int years) {
    LocalDate signingDay = signedAt.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    return WorkingDayCalendar.endOfDay(signingDay.plusYears(years));
  }
}
