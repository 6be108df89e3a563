package org.policyflow.techcentre;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/** Small helpers shared by the tech-centre delegates: who acts, when, and append-only audit lists. */
final class TicRecords {

  private TicRecords() {}

  static String now() {
    return Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString();
  }

  /** The signed-in officer, or "system" when the engine acts on its own (timers, tests without a user). */
  static String actor(IdentityService identityService) {
    return identityService.getCurrentAuthentication() == null ? "system"
        : identityService.getCurrentAuthentication().getUserId();
  }

  static Map<String, Object> entry(Object... keyValues) {
    Map<String, Object> entry = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      entry.put((String) keyValues[i], keyValues[i + 1]);
    }
    return entry;
  }

  /** Appends to a list variable; every update stays in history, so nothing recorded is ever lost. */
  static void append(DelegateExecution execution, String variable, Map<String, Object> entry) {
    List<Object> all = new ArrayList<>(VariableValues.list(execution.getVariable(variable)));
    all.add(entry);
    execution.setVariable(variable, all);
  }

  static RuleViolation violation(String ruleId, String field, String zh, String en) {
    return new RuleViolation(ruleId, field, zh, en);
  }

  static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? "" : value.toString().trim();
  }
}
