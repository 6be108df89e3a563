package org.policyflow.shared.experts;

import java.math.BigDecimal;
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
 * Task_RecordScore of expert-review, in the same transaction as the expert's form: a score outside the
 * scale, a missing comment or a missing conflict declaration refuses the form (400), nothing is lost.
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
    BigDecimal score = score(execution.getVariable("score"));
    if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(properties.maxScore())) > 0) {
      violations.add(new RuleViolation("EXP-3", "score",
          "请给出 0 至 " + properties.maxScore() + " 分之间的评分",
          "Give a score between 0 and " + properties.maxScore()));
    }
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
    entry.put("score", score.doubleValue());
    entry.put("comment", comment);
    entry.put("submittedAt", ClockUtil.getCurrentTime().toInstant().toString());
    execution.setVariableLocal(ENTRY, entry);
  }

  private static BigDecimal score(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(VariableValues.text(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
