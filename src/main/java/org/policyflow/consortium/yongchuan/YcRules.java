package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/**
 * Helpers of the yc-consortium rule checks, and the "一般/原则上" exception rule of policy-rules.md: the rule
 * is enforced, but a signed-in yc-stb officer may grant an exception with a written reason, which is kept as
 * {@code {ruleId, grantedBy, grantedAt, reason}} in {@code ruleExceptions} of the consortium instance.
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

  /**
   * A 一般/原则上 rule not met: refused unless the exception box is ticked with a long enough reason by a
   * signed-in officer. Returns the exception to record, or null when refused (the violation is added).
   */
  static Map<String, Object> exception(VariableScope scope, IdentityService identityService, int reasonMinLength,
      List<RuleViolation> violations, String ruleId, String field, String flag, String reasonField,
      String reasonZh, String reasonEn) {
    boolean requested = VariableValues.isTrue(scope.getVariable(flag));
    String reason = text(scope, reasonField);
    String officer = officer(identityService);
    if (requested && reason.length() >= reasonMinLength && officer != null) {
      Map<String, Object> exception = new LinkedHashMap<>();
      exception.put("ruleId", ruleId);
      exception.put("grantedBy", officer);
      exception.put("grantedAt", now());
      exception.put("reason", reason);
      return exception;
    }
    String how = !requested ? "。一般须满足；如确需例外，请勾选“特批例外”并填写不少于" + reasonMinLength + "字的书面理由"
        : officer == null ? "。例外须由登录的永川区科技局工作人员批准" : "。例外的书面理由不少于" + reasonMinLength + "字";
    String howEn = !requested ? ". Required as a rule; an exception needs the exception box and a written reason of at least "
        + reasonMinLength + " characters" : officer == null ? ". An exception must be granted by a signed-in yc-stb officer"
        : ". The written reason must have at least " + reasonMinLength + " characters";
    violations.add(new RuleViolation(ruleId, requested ? reasonField : field, reasonZh + how, reasonEn + howEn));
    return null;
  }

  /** Appends an audit entry to a list variable of the instance (history keeps every update). */
  static void append(DelegateExecution execution, String name, Map<String, Object> entry) {
    DelegateExecution instance = execution.getProcessInstance();
    List<Object> all = new ArrayList<>(VariableValues.list(instance.getVariable(name)));
    all.add(entry);
    instance.setVariable(name, all);
  }
}
