package org.policyflow.partner.district;

import java.time.LocalDate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 开启年度工作 (DST-Y1): one yearly cycle of the district's routines per calendar year — this year or the
 * next, never a past one — so a year's visits, meetings and evaluation are in one place and not twice.
 * The business key {@code DST-<year>} names it in Tasklist and Cockpit.
 */
@Component("districtYearIntake")
public class DistrictYearIntake implements JavaDelegate {

  static final String RULE = "DST-Y1";
  static final String PROCESS_KEY = "district-partner-support";
  private final HistoryService historyService;
  private final SystemAccess system;

  public DistrictYearIntake(HistoryService historyService, SystemAccess system) {
    this.historyService = historyService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int thisYear = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDayCalendar.ZONE).getYear();
    if (!(execution.getVariable("supportYear") instanceof Number number)
        || number.intValue() < thisYear || number.intValue() > thisYear + 1) {
      throw new PolicyRuleException(new RuleViolation(RULE, "supportYear",
          "年度须为本年（" + thisYear + "）或下一年。", "The year must be this year (" + thisYear + ") or the next."));
    }
    int year = number.intValue();
    String key = "DST-" + year;
    // Ended instances count too: a year done is done. Deleted ones (cancelled by an administrator) do not.
    long existing = system.call(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(key).list().stream()
        .filter(i -> i.getDeleteReason() == null || i.getState().equals("COMPLETED")).count());
    if (existing > 0) {
      throw new PolicyRuleException(new RuleViolation(RULE, "supportYear",
          year + " 年度的创新伙伴服务工作已经开启，同一年度只能开启一次。",
          "The district's partner routines of " + year + " have already been opened; one cycle per year."));
    }
    execution.setVariable("supportYear", year);
    execution.setProcessBusinessKey(key);
  }
}
