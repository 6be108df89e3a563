package org.policyflow.techcentre;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.quota.QuotaService;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_OpenRound of tech-centre-round: opens the licensing year with the configured cap (TIC-Q1). One round
 * per year: a second one would double the cap. The round ends by itself at the year's end.
 */
@Component("ticOpenRound")
public class OpenTechCentreRoundDelegate implements JavaDelegate {

  private final TechCentreProperties properties;
  private final TechCentreRounds rounds;
  private final TechCentreSchedule schedule;
  private final QuotaService quotas;

  public OpenTechCentreRoundDelegate(TechCentreProperties properties, TechCentreRounds rounds,
      TechCentreSchedule schedule, QuotaService quotas) {
    this.properties = properties;
    this.rounds = rounds;
    this.schedule = schedule;
    this.quotas = quotas;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Double requested = FormValues.number(execution, "licensingYear");
    int current = schedule.currentYear();
    if (requested == null || requested.intValue() < current) {
      throw new PolicyRuleException("TIC-Q1", "licensingYear", "授牌年度须为本年度或以后年度（本年度：" + current + "）",
          "The licensing year must be this year or later");
    }
    int year = requested.intValue();
    boolean other = rounds.running(year).stream().anyMatch(r -> !r.getId().equals(execution.getProcessInstanceId()));
    if (other) {
      throw new PolicyRuleException("TIC-Q1", "licensingYear", year + "年度技术创新中心授牌已开启，不得重复开启",
          "The round of " + year + " is already open");
    }
    execution.setVariable("licensingYear", year);
    execution.setProcessBusinessKey("TIC-" + year);
    execution.setVariable("yearlyLicenceCap", properties.yearlyLicenceCap());
    quotas.open(execution, TechCentreRounds.QUOTA, properties.yearlyLicenceCap());
  }
}
