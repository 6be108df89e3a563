package org.policyflow.consortium.beijing;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
   * A "原则上" rule: when {@code met} is false the request is refused unless a bj-sti officer granted an
   * exception (flag variable set) with a written reason; a granted exception is recorded.
   */
  static void principle(DelegateExecution execution, IdentityService identityService, int reasonMinLength,
      List<RuleViolation> violations, boolean met, String ruleId, String field, String exceptionFlag,
      String reasonField, String reasonZh, String reasonEn) {
    if (met) {
      return;
    }
    boolean requested = VariableValues.isTrue(execution.getVariable(exceptionFlag));
    String reason = text(execution, reasonField);
    String officer = RuleExceptions.officer(identityService);
    if (requested && reason.length() >= reasonMinLength && officer != null) {
      RuleExceptions.record(execution, ruleId, officer, reason);
      return;
    }
    String how = !requested ? "。原则上须满足；如确需例外，请勾选“特批例外”并填写不少于" + reasonMinLength + "字的书面理由"
        : officer == null ? "。例外须由登录的北京市科委工作人员批准" : "。例外的书面理由不少于" + reasonMinLength + "字";
    String howEn = !requested ? ". Required as a rule; an exception needs the exception box and a written reason of at least "
        + reasonMinLength + " characters" : officer == null ? ". An exception must be granted by a signed-in bj-sti officer"
        : ". The written reason must have at least " + reasonMinLength + " characters";
    violations.add(new RuleViolation(ruleId, requested ? reasonField : field, reasonZh + how, reasonEn + howEn));
  }
}
