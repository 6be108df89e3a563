package org.policyflow.consortium.beijing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;

/**
 * "原则上" rules (BJC-L1, BJC-M1, BJC-M2): the rule is enforced, but a bj-sti officer may grant an
 * exception with a written reason. Who granted it, when and why is appended to {@code ruleExceptions}
 * (kept in history with every update).
 */
final class RuleExceptions {

  private RuleExceptions() {}

  /** The granting officer, or null when nobody identifiable is acting (then no exception can be granted). */
  static String officer(IdentityService identityService) {
    return identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
  }

  static void record(DelegateExecution execution, String ruleId, String officer, String reason) {
    Map<String, Object> exception = new LinkedHashMap<>();
    exception.put("ruleId", ruleId);
    exception.put("grantedBy", officer);
    exception.put("grantedAt", Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString());
    exception.put("reason", reason);
    var all = new java.util.ArrayList<>(VariableValues.list(execution.getVariable("ruleExceptions")));
    all.add(exception);
    execution.setVariable("ruleExceptions", all);
  }
}
