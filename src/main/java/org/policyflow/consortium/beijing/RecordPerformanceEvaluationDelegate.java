package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordEvaluation of bj-consortium (BJC-P1 绩效评价, 004 §八2): excellent → more support; not up to
 * standard → rectification or recovery of funds, one of which must be chosen. The department may set the
 * next evaluation date, which re-arms the evaluation timer.
 */
@Component("recordPerformanceEvaluation")
public class RecordPerformanceEvaluationDelegate implements JavaDelegate {

  static final List<String> RATINGS = List.of("excellent", "qualified", "substandard");
  private final IdentityService identityService;

  public RecordPerformanceEvaluationDelegate(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    String rating = ConsortiumChecks.text(execution, "performanceRating");
    String measure = ConsortiumChecks.text(execution, "substandardMeasure");
    if (!RATINGS.contains(rating)) {
      violations.add(new RuleViolation("BJC-P1", "performanceRating", "请选择评价结果", "Choose the evaluation result"));
    }
    if ("substandard".equals(rating) && !List.of("rectification", "recovery").contains(measure)) {
      violations.add(new RuleViolation("BJC-P1", "substandardMeasure",
          "评价不达标的，须选择整改或追回资金", "A consortium not up to standard must rectify or repay: choose one"));
    }
    ConsortiumChecks.required(execution, violations, "evaluationComment", "评价意见", "The evaluation comment");
    boolean more = !ConsortiumChecks.text(execution, "nextEvaluationDate").isEmpty();
    Date next = more ? RecordSupportDecisionDelegate.futureDate(execution, "nextEvaluationDate", violations) : null;
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> evaluation = new LinkedHashMap<>();
    evaluation.put("rating", rating);
    evaluation.put("measure", "substandard".equals(rating) ? measure : "excellent".equals(rating) ? "increase-support" : null);
    evaluation.put("comment", ConsortiumChecks.text(execution, "evaluationComment"));
    evaluation.put("evaluatedBy", RuleExceptions.officer(identityService));
    evaluation.put("evaluatedAt", ClockUtil.getCurrentTime().toInstant().toString());
    MilestoneFundingDelegates.append(execution, "performanceEvaluations", evaluation);
    execution.setVariable("moreEvaluations", more);
    if (more) {
      execution.setVariable("evaluationDueAt", next);
    }
    execution.setVariable("nextEvaluationDate", null);
  }
}
