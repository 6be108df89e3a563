package org.policyflow.partner.cooperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 记录核实结论 (TZP-C4): every report and its finding is added to {@code violationReports} of the
 * cooperation, verified or not; a verified one also becomes the ground of termination, which the
 * fund-handling task after the termination shows (the report's own scope ends with the termination).
 */
@Component("violationRecord")
public class ViolationRecord implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> entry = new LinkedHashMap<>();
    for (String name : List.of("violationType", "violationTypeLabel", "violationDescription", "reporterName",
        "violationVerified", "violationFinding", "accidentMajor", "violationSubmittedBy")) {
      entry.put(name, CooperationVariables.text(execution, name));
    }
    // Read by the gateway 是否记入信用记录？ of this report's scope (TZP-V2).
    execution.setVariableLocal("creditRecordType", ViolationCreditEntry.typeFor(
        (String) entry.get("violationType"), (String) entry.get("violationVerified"), (String) entry.get("accidentMajor"))
        .map(t -> t.value()).orElse(""));
    entry.put("violationReceivedAt", String.valueOf(((java.util.Date) execution.getVariable("violationReceivedAt")).toInstant()));
    entry.put("verifiedAt", ClockUtil.getCurrentTime().toInstant().toString());
    List<Map<String, Object>> reports = CooperationVariables.list(execution, "violationReports");
    reports.add(entry);
    execution.getProcessInstance().setVariable("violationReports", reports);
    if ("verified".equals(entry.get("violationVerified"))) {
      execution.getProcessInstance().setVariable("terminationGround", entry);
      execution.getProcessInstance().setVariable("terminationTypeLabel", entry.get("violationTypeLabel"));
      execution.getProcessInstance().setVariable("terminationFinding", entry.get("violationFinding"));
    }
  }
}
