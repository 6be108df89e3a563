package org.policyflow.consortium.beijing;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/** Helpers shared by the bj-consortium rule checks. */
final class ConsortiumChecks {

  static final String FORM_RULE = "BJC-FORM";

  private ConsortiumChecks() {}

  static String text(DelegateExecution execution, String name) {
    return VariableValues.text(execution.getVariable(name));
  }

  static void required(DelegateExecution execution, List<RuleViolation> violations, String field, String labelZh,
      String labelEn) {
    if (text(execution, field).isEmpty()) {
      violations.add(new RuleViolation(FORM_RULE, field, "请填写" + labelZh, labelEn + " is required"));
    }
  }

  /**
   * A "原则上" rule (004 §三, §四(一)1): when {@code met} is false the step is refused unless the officer asks
   * for an exception (flag ticked); the rule then joins {@code requested}, and {@link RuleExceptionMapping#request}
   * hands the request to rule-exception.bpmn, where another bj-sti officer decides it (EXC-1).
   */
  static void principle(DelegateExecution execution, List<RuleViolation> violations, List<String> requested,
      boolean met, String ruleId, String field, String exceptionFlag, String reasonZh, String reasonEn) {
    if (met) {
      return;
    }
    if (VariableValues.isTrue(execution.getVariable(exceptionFlag))) {
      if (!requested.contains(ruleId)) {
        requested.add(ruleId);
      }
      return;
    }
    violations.add(new RuleViolation(ruleId, field, reasonZh
        + "。原则上须满足；如确需例外，请勾选“申请例外”并写明理由，由北京市科委其他工作人员审批",
        reasonEn + ". Required as a rule; to ask for an exception tick the box and give a written reason: another bj-sti officer decides"));
  }
}
