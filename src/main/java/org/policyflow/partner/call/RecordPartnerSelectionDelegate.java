package org.policyflow.partner.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.policyflow.partner.PartnerProperties;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Forms the proposed list (拟入选名单) from the officer's selection: never more than the call's places
 * (TZP-Q2); above the programme target the officer is warned, not stopped (TZP-Q3). The review scores
 * inform the choice, they do not make it (000 §五3: 区科委…审核和评选): an application under the pass line
 * may be selected, with the reason written down (TZP-R1) and kept with the candidate.
 */
@Component("recordPartnerSelection")
public class RecordPartnerSelectionDelegate implements JavaDelegate {

  private final PartnerProperties properties;

  public RecordPartnerSelectionDelegate(PartnerProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> selected = FormValues.strings(execution, "selectedApplications");
    List<Map<String, Object>> recommended = FormValues.objects(execution, "recommendedApplications");
    Set<Object> recommendedIds = recommended.stream().map(r -> r.get("applicationId")).collect(Collectors.toSet());
    int places = ((Number) execution.getVariable("places")).intValue();

    List<RuleViolation> violations = new ArrayList<>();
    if (selected.size() > places) {
      violations.add(new RuleViolation("TZP-Q2", "selectedApplications",
          "拟入选名单 " + selected.size() + " 家，超过本轮名额 " + places + " 家",
          "The proposed list has " + selected.size() + " applicants, more than the call's " + places + " places"));
    }
    selected.stream().filter(id -> !recommendedIds.contains(id)).findFirst().ifPresent(id -> violations.add(
        new RuleViolation("TZP-Q2", "selectedApplications", "只能从属地推荐的申请中选择", 
            "Only applications recommended by a locality can be selected")));
    List<String> belowPassLine = recommended.stream()
        .filter(r -> selected.contains(String.valueOf(r.get("applicationId"))))
        .filter(r -> !Boolean.TRUE.equals(r.get("reviewPassed")))
        .map(r -> String.valueOf(r.get("organisationName"))).toList();
    String belowPassLineReason = FormValues.text(execution, "belowPassLineReason");
    if (!belowPassLine.isEmpty() && (belowPassLineReason == null || belowPassLineReason.length() < 4)) {
      violations.add(new RuleViolation("TZP-R1", "belowPassLineReason",
          "拟入选的" + String.join("、", belowPassLine) + "未达到审核评分通过线，请说明选择的理由（至少 4 个字）",
          "Selected applications under the review's pass line (" + belowPassLine.size()
              + "): write the reason for selecting them (4 characters or more)"));
    }
    if (!selected.isEmpty()) {
      noticePublication(execution, violations);
    }
    if (FormValues.isBlank(execution, "reviewOpinion")) {
      violations.add(new RuleViolation("TZP-Q2", "reviewOpinion", "请填写审核评选意见", "Enter the review opinion"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }

    List<Map<String, Object>> candidates = new ArrayList<>();
    for (Map<String, Object> row : recommended) {
      if (selected.contains(String.valueOf(row.get("applicationId")))) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("candidateId", row.get("applicationId"));
        candidate.put("organisationName", row.get("organisationName"));
        candidate.put("creditCode", row.get("creditCode"));
        candidate.put("localityGroup", row.get("localityGroup"));
        candidate.put("reviewOverallScore", row.get("reviewOverallScore"));
        candidate.put("reviewPassed", Boolean.TRUE.equals(row.get("reviewPassed")));
        if (!Boolean.TRUE.equals(row.get("reviewPassed"))) {
          candidate.put("belowPassLineReason", belowPassLineReason);
        }
        candidates.add(candidate);
      }
    }
    execution.setVariable("candidates", candidates);
    execution.setVariable("selectedCount", candidates.size());

    // The officer saw the same warning on the form before deciding; it is kept with the decision.
    long counted = ((Number) execution.getVariable("selectedPartners")).longValue();
    int target = ((Number) execution.getVariable("targetPartners")).intValue();
    Object year = execution.getVariable("targetPeriodEndYear");
    execution.setVariable("targetWarning", counted + candidates.size() > target
        ? "[TZP-Q3] 本次入选后目标期内选定的创新伙伴将达 " + (counted + candidates.size()) + " 家，超过" + year + "年目标 "
            + target + " 家（仅提示，不阻止） / With this selection, partners selected in the target period would reach "
            + (counted + candidates.size()) + ", above the " + year + " target of " + target + " (warning only)"
        : null);
  }

  /**
   * TZP-N2 (000 §五4 "进行5个工作日公示"): the officer who forms the list says where it is published — one of
   * the commission's channels (partner.yaml notice-channels) and the page address or notice board — and is
   * recorded as the one who ordered the publication; the notice adds the time it was published.
   */
  private void noticePublication(DelegateExecution execution, List<RuleViolation> violations) {
    String channel = FormValues.text(execution, "noticeChannel");
    if (channel == null || !properties.noticeChannels().contains(channel.trim())) {
      violations.add(new RuleViolation("TZP-N2", "noticeChannel",
          "请选择公示发布渠道（" + String.join("、", properties.noticeChannels()) + "）",
          "Choose the channel the proposed list is published in (one of " + properties.noticeChannels() + ")"));
    }
    String address = FormValues.text(execution, "noticeAddress");
    if (address == null || address.trim().length() < 4) {
      violations.add(new RuleViolation("TZP-N2", "noticeAddress", "请填写公示的网址或张贴地点",
          "Enter the web address or the notice board where the list is published"));
    }
    Authentication officer = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    execution.setVariable("noticeOrderedBy", officer == null ? null : officer.getUserId());
  }
}
