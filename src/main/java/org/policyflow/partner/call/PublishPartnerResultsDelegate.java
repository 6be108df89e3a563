package org.policyflow.partner.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.partner.application.PartnerApplications;
import org.policyflow.partner.application.PartnerOutcome;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * After the public notice the list is final (入选名单): every recommended applicant learns its outcome
 * (selected, removed after an upheld objection, or not selected), and the selected ones become the
 * partners whose agreements the call starts.
 */
@Component("publishPartnerResults")
public class PublishPartnerResultsDelegate implements JavaDelegate {

  private final RuntimeService runtimeService;
  private final SystemAccess system;

  public PublishPartnerResultsDelegate(RuntimeService runtimeService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, String> removedReasons = new HashMap<>();
    for (Map<String, Object> removed : FormValues.objects(execution, "removedCandidates")) {
      removedReasons.put(String.valueOf(removed.get("candidateId")), String.valueOf(removed.get("objectionReason")));
    }
    List<String> finalIds = FormValues.objects(execution, "finalList").stream()
        .map(c -> String.valueOf(c.get("candidateId"))).toList();

    List<Map<String, Object>> partners = new ArrayList<>();
    for (Map<String, Object> row : FormValues.objects(execution, "recommendedApplications")) {
      String applicationId = String.valueOf(row.get("applicationId"));
      PartnerOutcome outcome;
      String reason;
      String reasonEn;
      // Chinese and English apart: the applicant's outcome form shows outcomeReason in the Chinese interface.
      if (finalIds.contains(applicationId)) {
        outcome = PartnerOutcome.SELECTED;
        reason = "经公示无异议，列入创新伙伴入选名单";
        reasonEn = "Selected after the public notice";
        partners.add(partner(row));
      } else if (removedReasons.containsKey(applicationId)) {
        outcome = PartnerOutcome.REMOVED_AFTER_OBJECTION;
        reason = "公示期间异议经核实成立：" + removedReasons.get(applicationId);
        reasonEn = "An objection during the public notice was upheld";
      } else {
        outcome = PartnerOutcome.NOT_SELECTED;
        reason = "未列入拟入选名单";
        reasonEn = "Not on the proposed list";
      }
      system.run(() -> runtimeService.createMessageCorrelation(PartnerApplications.SELECTION_MESSAGE)
          .processInstanceId(applicationId)
          .setVariable("outcome", outcome.value())
          .setVariable("outcomeReason", reason)
          .setVariable("outcomeReasonEn", reasonEn)
          .correlate());
    }
    execution.setVariable("partners", partners);
    execution.setVariable("partnerCount", partners.size());
  }

  private static Map<String, Object> partner(Map<String, Object> row) {
    Map<String, Object> partner = new LinkedHashMap<>();
    partner.put("applicationInstanceId", row.get("applicationId"));
    partner.put("applicant", row.get("applicant"));
    partner.put("organisationName", row.get("organisationName"));
    partner.put("creditCode", row.get("creditCode"));
    partner.put("localityGroup", row.get("localityGroup"));
    return partner;
  }
}
