package org.policyflow.partner.district;

import java.time.MonthDay;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The district's routines for innovation partners (000 §七, district.yaml): how long a department has to
 * handle a partner's request, how long the partner has to confirm the result, how often partners are
 * visited and exchange meetings held, and when the yearly evaluation of the departments starts. The seed
 * says 定期 and 每年 without numbers: these are the district's own settings, not policy.
 *
 * @param handlingWorkingDays DST-S2: working days a department has for a request (and for each follow-up)
 * @param confirmationPeriod DST-S3: time the partner has to confirm the result; silence closes the request
 * @param visitsPerYear DST-V1: visit periods per year (4 = quarterly)
 * @param meetingsPerYear DST-M1: exchange-meeting periods per year (2 = half-yearly)
 * @param promotionsPerYear DST-P1: publicity periods per year (4 = quarterly)
 * @param evaluationStarts DST-A1: day of the year on which the yearly evaluation of the departments opens
 */
@ConfigurationProperties("policyflow.district")
public record DistrictProperties(
    int handlingWorkingDays,
    Period confirmationPeriod,
    int visitsPerYear,
    int meetingsPerYear,
    int promotionsPerYear,
    String evaluationStarts) {

  public DistrictProperties {
    if (handlingWorkingDays < 1 || !dividesYear(visitsPerYear) || !dividesYear(meetingsPerYear)
        || !dividesYear(promotionsPerYear)
        || confirmationPeriod == null || evaluationStarts == null || !evaluationStarts.matches("\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("policyflow.district: every setting of district.yaml is required; handling "
          + "days positive; visits, meetings and promotions per year one of 1, 2, 3, 4, 6, 12 (whole months per period); evaluation-starts MM-dd");
    }
    MonthDay.parse("--" + evaluationStarts);
  }

  /** DST-A1: the day of the year the evaluation opens. */
  public MonthDay evaluationDay() {
    return MonthDay.parse("--" + evaluationStarts);
  }

  private static boolean dividesYear(int perYear) {
    return perYear >= 1 && perYear <= 12 && 12 % perYear == 0;
  }
}
