package org.policyflow.partner.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.experts.ExpertProperties;
import org.policyflow.shared.experts.ExpertScoreSheet;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.identity.PersonNames;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPartnerReview of partner-call, in the reviewer's own transaction: the criteria scores are
 * read and checked by the shared score sheet (EXP-3 on the scale, EXP-4 a reason under a criterion's
 * threshold), the review opinion is required, and one person scores an application once (TZP-R2) — the
 * spread the selection table shows is only worth something between different people. Refused → 400,
 * nothing stored. The entry stays in the seat's own scope until every seat is done.
 */
@Component("recordPartnerReview")
public class RecordPartnerReviewDelegate implements JavaDelegate {

  public static final String ENTRY = "partnerReviewEntry";
  private final ExpertProperties experts;
  private final IdentityService identityService;
  private final HistoryService historyService;
  private final SystemAccess system;

  public RecordPartnerReviewDelegate(ExpertProperties experts, IdentityService identityService,
      HistoryService historyService, SystemAccess system) {
    this.experts = experts;
    this.identityService = identityService;
    this.historyService = historyService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    ExpertScoreSheet sheet = ExpertScoreSheet.readOrCollect(execution, experts.maxScore(), violations);
    String comment = VariableValues.text(execution.getVariable("reviewComment"));
    if (comment.isEmpty()) {
      violations.add(new RuleViolation("TZP-R2", "reviewComment", "请填写审核意见", "Write the review opinion"));
    }
    String applicationId = VariableValues.text(execution.getVariable("reviewApplicationId"));
    Authentication authentication = identityService.getCurrentAuthentication();
    String reviewer = authentication == null ? null : authentication.getUserId();
    if (reviewer != null && alreadyScored(execution.getProcessInstanceId(), applicationId, reviewer)) {
      violations.add(new RuleViolation("TZP-R2", "reviewComment",
          "您已为该申请评过分；每份申请须由不同的审核人员分别评分，请由其他审核人员办理本任务",
          "You have already scored this application: each of its scores must come from a different reviewer"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("applicationId", applicationId);
    entry.put("reviewer", reviewer);
    entry.put("reviewerName", reviewer == null ? "系统" : nameOf(reviewer));
    entry.put("score", sheet.weightedScore());
    entry.put("criteria", sheet.toMaps());
    entry.put("comment", comment);
    entry.put("submittedAt", ClockUtil.getCurrentTime().toInstant().toString());
    execution.setVariableLocal(ENTRY, entry);
  }

  /** The earlier seats of this call are in history: each seat's scope ended when its entry was recorded. */
  private boolean alreadyScored(String callInstanceId, String applicationId, String reviewer) {
    return system.call(() -> historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(callInstanceId).variableName(ENTRY).list()).stream()
        .map(v -> VariableValues.map(v.getValue()))
        .anyMatch(e -> applicationId.equals(e.get("applicationId")) && reviewer.equals(e.get("reviewer")));
  }

  private String nameOf(String userId) {
    User user = system.call(() -> identityService.createUserQuery().userId(userId).singleResult());
    return user == null ? userId : PersonNames.displayName(user);
  }
}
