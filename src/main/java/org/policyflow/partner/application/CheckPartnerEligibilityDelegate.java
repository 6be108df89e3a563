package org.policyflow.partner.application;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.exceptions.RuleExceptions;
import org.springframework.stereotype.Component;

/**
 * Runs TZP-E1 … TZP-E7 on the submitted application and keeps every finding in the instance. 000 §四 says
 * partners 原则上 meet the conditions: when every failed condition is one rule-exceptions.yaml lets be
 * excepted, the outcome stays open and the locality sees the application (EXC-2); a failed hard condition
 * decides at once.
 */
@Component("checkPartnerEligibility")
public class CheckPartnerEligibilityDelegate implements JavaDelegate {

  private final PartnerEligibility eligibility;
  private final RuleExceptions exceptions;

  public CheckPartnerEligibilityDelegate(PartnerEligibility eligibility, RuleExceptions exceptions) {
    this.eligibility = eligibility;
    this.exceptions = exceptions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ApplicationFacts facts = new ApplicationFacts(
        FormValues.text(execution, "organisationName"),
        FormValues.text(execution, "creditCode"),
        FormValues.flag(execution, "independentLegalPerson"),
        FormValues.text(execution, "tongzhouPresence"),
        orZero(FormValues.number(execution, "rdStaff")),
        orZero(FormValues.number(execution, "rdSpending")),
        orZero(FormValues.number(execution, "ownedIpCount")),
        FormValues.date(execution, "declaredDishonestyDate"),
        FormValues.date(execution, "declaredAccidentDate"),
        FormValues.text(execution, "industryField"));
    LocalDate submitted = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
    EligibilityResult result = eligibility.check(facts, submitted);

    execution.setVariable("eligible", result.eligible());
    execution.setVariable("priorityField", result.priorityField());
    execution.setVariable("eligibilityFindings", result.findingsAsMaps());
    List<String> failed = result.failures().stream().map(EligibilityFinding::rule).toList();
    boolean exceptionPossible = exceptions.allExceptionable(failed);
    execution.setVariable("eligibilityExceptionPossible", exceptionPossible);
    if (exceptionPossible) {
      execution.setVariable("exceptionRules", new ArrayList<>(failed));
      execution.setVariable("eligibilityFailures", result.failureText());
      execution.setVariable("eligibilityFailuresEn", result.failureTextEn());
    } else if (!result.eligible()) {
      execution.setVariable("outcome", PartnerOutcome.NOT_ELIGIBLE.value());
      execution.setVariable("outcomeReason", result.failureText());
      execution.setVariable("outcomeReasonEn", result.failureTextEn());
    }
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
