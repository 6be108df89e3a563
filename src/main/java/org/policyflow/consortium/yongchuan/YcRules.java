package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/**
 * Helpers of the yc-consortium rule checks. A "一般/原则上" rule not met is never excepted here: the officer asks,
 * and another yc-stb officer decides in rule-exception.bpmn (docs/exceptions.md).
 */
final class YcRules {

  static final String FORM_RULE = "YCC-FORM";

  private YcRules() {}

  static String text(VariableScope scope, String name) {
    return VariableValues.text(scope.getVariable(name));
  }

  static void required(VariableScope scope, List<RuleViolation> violations, String field, String labelZh, String labelEn) {
    if (text(scope, field).isEmpty()) {
      violations.add(new RuleViolation(FORM_RULE, field, "请填写" + labelZh, labelEn + " is required"));
    }
  }

  static String officer(IdentityService identityService) {
    return identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
  }

  static String now() {
    return ClockUtil.getCurrentTime().toInstant().toString();
  }

  /** Appends an audit entry to a list variable of the instance (history keeps every update). */
  static void append(DelegateExecution execution, String name, Map<String, Object> entry) {
    DelegateExecution instance = execution.getProcessInstance();
    List<Object> all = new ArrayList<>(VariableValues.list(instance.getVariable(name)));
    all.add(entry);
    instance.setVariable(name, all);
  }
}
