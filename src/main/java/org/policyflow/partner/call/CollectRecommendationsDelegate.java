package org.policyflow.partner.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.Spin;
import org.policyflow.partner.PartnerProperties;
import org.policyflow.partner.application.PartnerApplications;
import org.policyflow.partner.application.RecommendationDelegates;
import org.policyflow.partner.review.PartnerReviewProperties;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * After the recommendation deadline, lists the applications the localities recommended (000 §五3) for
 * the officer's review side by side: key figures the applicant declared, the locality's opinion,
 * priority fields first (TZP-E7), and the programme's distance from its target (TZP-Q3) before the
 * officer decides: partners selected in the target period, not only those still cooperating. The
 * locality's judgement of the applicant's contribution to its characteristic industries (000 §四3,
 * TZP-E8) travels with each row into the review (TZP-R2) and the selection table.
 */
@Component("collectRecommendations")
public class CollectRecommendationsDelegate implements JavaDelegate {

  private final RuntimeService runtimeService;
  private final SystemAccess system;
  private final PartnerCalls calls;
  private final PartnerProperties properties;
  private final PartnerReviewProperties review;

  public CollectRecommendationsDelegate(RuntimeService runtimeService, SystemAccess system, PartnerCalls calls,
      PartnerProperties properties, PartnerReviewProperties review) {
    this.runtimeService = runtimeService;
    this.system = system;
    this.calls = calls;
    this.properties = properties;
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> recommended = system.call(() -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ProcessInstance application : runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(PartnerApplications.PROCESS_KEY)
          .variableValueEquals("callInstanceId", execution.getProcessInstanceId())
          .activityIdIn(PartnerApplications.AWAITING_SELECTION)
          .list()) {
        rows.add(row(application.getId(), runtimeService.getVariables(application.getId())));
      }
      return rows;
    });
    recommended.sort(Comparator.comparing((Map<String, Object> r) -> !(Boolean) r.get("priorityField"))
        .thenComparing(r -> (String) r.get("localityName"))
        .thenComparing(r -> (String) r.get("organisationName")));

    List<Map<String, Object>> options = new ArrayList<>();
    for (Map<String, Object> row : recommended) {
      options.add(Map.of("label", row.get("organisationName") + "（" + row.get("localityName") + "，"
          + row.get("industryField") + ("是".equals(row.get("priority")) ? "，优先领域" : "") + "）",
          "value", row.get("applicationId")));
    }
    long active = calls.activePartners();
    long selected = calls.partnersSelectedBetween(properties.targetPeriodStart(), properties.targetPeriodEnd());
    execution.setVariable("recommendedApplications", recommended);
    // Kept as a JSON value, as Camunda Forms themselves submit lists: Tasklist then submits the checklist
    // bound to these options as JSON too, instead of as a Java object of the options' own type.
    execution.setVariable("recommendationOptions", Spin.JSON(options));
    execution.setVariable("recommendedCount", recommended.size());
    // TZP-N2: the channels the proposed list may be published in (partner.yaml), offered on the form.
    execution.setVariable("noticeChannelOptions", Spin.JSON(properties.noticeChannels().stream()
        .map(channel -> Map.of("label", channel, "value", channel)).toList()));
    execution.setVariable("activePartners", active);
    execution.setVariable("targetPartners", properties.targetPartners());
    execution.setVariable("selectedPartners", selected);
    execution.setVariable("targetPeriodEndYear", properties.targetPeriodEnd().getYear());
    execution.setVariable("partnersToTarget", Math.max(0, properties.targetPartners() - selected));
    // TZP-R2: the review that follows scores each row this many times, each by a different officer.
    execution.setVariable("partnerReviewers", review.reviewers());
    execution.setVariable("partnerReviewWorkingDays", review.workingDays());
  }

  private static Map<String, Object> row(String applicationId, Map<String, Object> variables) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("applicationId", applicationId);
    row.put("organisationName", variables.get("organisationName"));
    row.put("creditCode", variables.get("creditCode"));
    row.put("localityGroup", variables.get("localityGroup"));
    row.put("localityName", variables.get("localityName"));
    row.put("industryField", variables.get("industryField"));
    boolean priority = Boolean.TRUE.equals(variables.get("priorityField"));
    row.put("priorityField", priority);
    row.put("priority", priority ? "是" : "否");
    row.put("rdStaff", variables.get("rdStaff"));
    row.put("rdSpending", variables.get("rdSpending"));
    row.put("ownedIpCount", variables.get("ownedIpCount"));
    Object opinion = variables.get("recommendationOpinion");
    row.put("localityOpinion", opinion == null || opinion.toString().isBlank() ? "推荐" : "推荐：" + opinion);
    row.put("ipDescription", variables.get("ipDescription"));
    row.put("localIndustryContribution", variables.get("localIndustryContribution"));
    row.put("localIndustryJudgement", variables.get("localIndustryJudgement"));
    row.put("localIndustryJudgementText", RecommendationDelegates.localIndustryJudgementText(
        variables.get("localIndustryJudgement"), variables.get("localIndustryOpinion")));
    row.put("applicant", variables.get("applicant"));
    row.put("recommendedBy", variables.get("recommendedBy"));
    return row;
  }
}
