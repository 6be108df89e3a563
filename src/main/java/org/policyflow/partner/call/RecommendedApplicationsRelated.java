package org.policyflow.partner.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.dossier.DossierAccess;
import org.policyflow.shared.dossier.DossierCaller;
import org.policyflow.shared.dossier.RelatedCases;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * Beside the selection task of a call (000 §五3), the dossiers of the applications the localities
 * recommended, in the order and with the key figures of the selection table, so that the officer opens
 * each application's fields and documents from the tab 申报材料. Only the applications the caller may
 * read are listed: the owning office (tz-sti), auditors and administrators.
 */
@Component
public class RecommendedApplicationsRelated implements RelatedCases {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final DossierAccess access;
  private final SystemAccess system;

  public RecommendedApplicationsRelated(RuntimeService runtimeService, HistoryService historyService,
      DossierAccess access, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.access = access;
    this.system = system;
  }

  @Override
  public List<Related> related(String processInstanceId, String taskId, DossierCaller caller) {
    if (processInstanceId == null) {
      return List.of();
    }
    List<Map<String, Object>> rows = system.call(() -> {
      ProcessInstance call = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
          .processDefinitionKey(PartnerCalls.PROCESS_KEY).singleResult();
      return call == null ? List.<Map<String, Object>>of() : recommended(processInstanceId);
    });
    List<Related> related = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String caseId = String.valueOf(row.get("applicationId"));
      HistoricProcessInstance application = system.call(() -> historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(caseId).singleResult());
      if (application != null && access.seesEverything(application, caller)) {
        related.add(new Related(caseId, String.valueOf(row.get("organisationName")), summary(row),
            "/api/dossiers/" + caseId));
      }
    }
    return related;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> recommended(String callInstanceId) {
    // Set by CollectRecommendationsDelegate before the selection task; none before the deadline.
    Object value = runtimeService.getVariable(callInstanceId, "recommendedApplications");
    return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  private static List<Figure> summary(Map<String, Object> row) {
    return List.of(
        new Figure("属地", text(row.get("localityName"))),
        new Figure("产业领域", text(row.get("industryField"))),
        new Figure("优先领域", text(row.get("priority"))),
        new Figure("研发人员（人）", text(row.get("rdStaff"))),
        new Figure("研发投入（万元）", text(row.get("rdSpending"))),
        new Figure("自主知识产权（项）", text(row.get("ownedIpCount"))),
        new Figure("属地推荐意见", text(row.get("localityOpinion"))),
        new Figure("属地特色产业贡献（属地判断）", text(row.get("localIndustryJudgementText"))),
        new Figure("审核综合得分", text(row.get("reviewOverallScore"))),
        new Figure("是否达到通过线", text(row.get("reviewPassedLabel"))));
  }

  private static String text(Object value) {
    return value == null ? "—" : value.toString();
  }
}
