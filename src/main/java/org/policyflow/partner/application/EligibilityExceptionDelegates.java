package org.policyflow.partner.application;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.engine.FormValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The end of an application that failed only 原则上 conditions and got no exception: the locality confirmed
 * it, the exception was refused (the granter's reason is passed on), or the recommendation deadline came first.
 */
@Configuration
public class EligibilityExceptionDelegates {

  @Bean("recordNotEligible")
  JavaDelegate recordNotEligible() {
    return execution -> {
      String failures = FormValues.text(execution, "eligibilityFailures");
      String failuresEn = FormValues.text(execution, "eligibilityFailuresEn");
      String why;
      String whyEn;
      if (execution.hasVariable("exceptionGranted")) {
        why = "例外申请未获准予：" + FormValues.text(execution, "exceptionDecisionReason");
        whyEn = "The exception was refused: " + FormValues.text(execution, "exceptionDecisionReason");
      } else if ("confirm".equals(FormValues.text(execution, "eligibilityExceptionAction"))) {
        why = "属地部门确认不符合入选条件";
        whyEn = "The locality confirmed that the conditions are not met";
      } else {
        why = "推荐期限届满，属地部门未申请例外";
        whyEn = "The recommendation deadline passed without an exception request";
      }
      execution.setVariable("outcome", PartnerOutcome.NOT_ELIGIBLE.value());
      execution.setVariable("outcomeReason", failures + "\n" + why);
      execution.setVariable("outcomeReasonEn", failuresEn + "\n" + whyEn);
    };
  }
}
