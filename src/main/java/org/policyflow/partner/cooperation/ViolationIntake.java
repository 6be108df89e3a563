package org.policyflow.partner.cooperation;

import static org.policyflow.partner.cooperation.CooperationVariables.removeFromOuterScopes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.MessageRuleException;
import org.springframework.stereotype.Component;

/**
 * Start of a violation report (TZP-C4): only the three grounds of 000 §六 are accepted, with a
 * description and a reporter; the report's data stay local to its own event sub-process, so two reports
 * under verification at once do not mix. Data correlated into an outer scope are moved in.
 */
@Component("violationIntake")
public class ViolationIntake implements ExecutionListener {

  /** fraud 弄虚作假, serious dishonesty 严重失信, safety/environmental accident 安全环保事故. */
  static final Map<String, String> TYPES = Map.of(
      "fraud", "弄虚作假", "seriousDishonesty", "严重失信", "safetyEnvironmentalAccident", "安全环保事故");
  static final List<String> INPUTS = List.of("violationType", "violationDescription", "reporterName");

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> report = new LinkedHashMap<>();
    for (String name : INPUTS) {
      Object value = execution.getVariable(name);
      report.put(name, value == null ? null : value.toString().trim());
      removeFromOuterScopes(execution, name);
    }
    if (!TYPES.containsKey(report.get("violationType"))) {
      throw new MessageRuleException("TZP-C4", "violationType",
          "违规情形须为以下之一：fraud（弄虚作假）、seriousDishonesty（严重失信）、safetyEnvironmentalAccident（安全环保事故），收到“"
              + report.get("violationType") + "”。",
          "The violation type must be fraud, seriousDishonesty or safetyEnvironmentalAccident, got '"
              + report.get("violationType") + "'.");
    }
    if (isBlank(report.get("violationDescription"))) {
      throw new MessageRuleException("TZP-C4", "violationDescription", "请描述违规情形（时间、事实、依据）。",
          "Describe the violation (when, what, evidence).");
    }
    if (isBlank(report.get("reporterName"))) {
      throw new MessageRuleException("TZP-C4", "reporterName", "请填写举报人或报送单位。",
          "Give the reporter or reporting body.");
    }
    report.forEach(execution::setVariableLocal);
    execution.setVariableLocal("violationTypeLabel", TYPES.get(report.get("violationType")));
    execution.setVariableLocal("violationReceivedAt", ClockUtil.getCurrentTime());
    // Declared here so the verifier's form values stay in this report's scope.
    execution.setVariableLocal("violationVerified", null);
    execution.setVariableLocal("violationFinding", null);
    execution.setVariableLocal("accidentMajor", null);
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
