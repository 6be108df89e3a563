package org.policyflow.consortium.beijing;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Beijing consortium programme's lists and numbers (bj-consortium.yaml). */
@ConfigurationProperties("policyflow.bj-consortium")
public record BjConsortiumProperties(
    List<String> priorityFields,
    List<String> formationModes,
    List<String> agreementMechanisms,
    int targetConsortia,
    int targetYear,
    int integrityLookbackYears,
    String followUpCycle,
    String followUpResponsePeriod) {

  // A repeating ISO 8601 interval without a start ("R/P3M", "R12/P1M"): the engine starts it when the
  // operating phase begins. Months and days only, as a follow-up is planned in whole days.
  private static final Pattern CYCLE = Pattern.compile("R\\d*/P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?");
  // The commissioner's time to record a follow-up: ISO days or working days (PnWD, the project's calendar).
  private static final Pattern PERIOD = Pattern.compile("P\\d+W?D");

  public BjConsortiumProperties {
    if (followUpCycle == null || !CYCLE.matcher(followUpCycle).matches() || followUpCycle.endsWith("/P")) {
      throw new IllegalArgumentException("[BJC-S1] policyflow.bj-consortium.follow-up-cycle: 须为重复周期，如 R/P3M / "
          + "must be a repeating interval such as R/P3M, found " + followUpCycle);
    }
    if (followUpResponsePeriod == null || !PERIOD.matcher(followUpResponsePeriod).matches()) {
      throw new IllegalArgumentException("[BJC-S1] policyflow.bj-consortium.follow-up-response-period: 须为天数，如 P10WD / "
          + "must be a number of days such as P10WD, found " + followUpResponsePeriod);
    }
    if (integrityLookbackYears < 1) {
      throw new IllegalArgumentException("[BJC-I2] policyflow.bj-consortium.integrity-lookback-years: 须至少为1年 / "
          + "must be at least one year");
    }
    priorityFields = List.copyOf(priorityFields);
    formationModes = List.copyOf(formationModes);
    agreementMechanisms = List.copyOf(agreementMechanisms);
  }
}
