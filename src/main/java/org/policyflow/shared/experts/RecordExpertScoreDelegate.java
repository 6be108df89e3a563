package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordScore of expert-review, in the same transaction as the expert's form: a criterion's score
 * outside the scale, a score under a criterion's threshold without a reason (EXP-4), a missing comment or a
 * missing conflict declaration refuses the form (400), nothing is lost.
 *
 * <p>EXP-3: the score stays in the expert's own sub-process scope ({@code reviewEntry}), invisible to
 * the other experts' tasks; the scores are brought together only after every expert has finished.
 */
@Component("recordExpertScore")
public class RecordExpertScoreDelegate implements JavaDelegate {

  public static final String ENTRY = "reviewEntry";
  private final ExpertPool pool;
  private final ExpertProperties properties;

  public RecordExpertScoreDelegate(ExpertPool pool, ExpertProperties properties) {
    this.pool = pool;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    ExpertScoreSheet sheet = ExpertScoreSheet.readOrCollect(execution, properties.maxScore(), violations);
    String comment = VariableValues.text(execution.getVariable("comment"));
    if (comment.isEmpty()) {
      violations.add(new RuleViolation("EXP-3", "comment", "请填写评审意见", "Write your review comment"));
    }
    if (!VariableValues.isTrue(execution.getVariable("noConflictOfInterest"))) {
      violations.add(new RuleViolation("EXP-2", "noConflictOfInterest",
          "评分前须声明与申报单位及成员单位无利益冲突；如有利益冲突请勿评分，评审组织部门将更换专家",
          "Declare that you have no conflict of interest; if you do, do not score: the office will replace you"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    String expertId = (String) execution.getVariable("expert");
    Expert expert = pool.expert(expertId).orElse(new Expert(expertId, expertId, null, List.of(), null));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("expert", expertId);
    entry.put("name", expert.name());
    entry.put("organisation", expert.organisation());
    entry.put("score", sheet.weightedScore());
    entry.put("criteria", sheet.toMaps());
    entry.put("comment", comment);
    entry.put("submittedAt", ClockUtil.getCurrentTime().toInstant().toString());
    execution.setVariableLocal(ENTRY, entry);
  }
}
