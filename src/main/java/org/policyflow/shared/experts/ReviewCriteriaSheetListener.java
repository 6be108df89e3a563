package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of Task_DeterminePassLine in expert-review: the two decisions ({@code review-criteria},
 * {@code review-pass-line}) have answered for {@code reviewCriteriaStage}; this turns their answer into the
 * review's criteria and into the rows of the scoring form (criterion1Label … criterion8Label with weight and
 * threshold), so every expert of the panel scores the same criteria, whatever a later redeployment says.
 */
@Component("reviewCriteriaSheet")
public class ReviewCriteriaSheetListener implements ExecutionListener {

  public static final String CRITERIA = "reviewCriteria";
  public static final String PASS_LINE = "criteriaPassLine";
  private final ExpertProperties properties;

  public ReviewCriteriaSheetListener(ExpertProperties properties) {
    this.properties = properties;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String stage = VariableValues.text(execution.getVariable("reviewCriteriaStage"));
    List<ReviewCriterion> criteria = ReviewCriterion.validated(stage,
        VariableValues.rows(execution.getVariable(CRITERIA)), properties.maxScore());
    List<Map<String, Object>> stored = new ArrayList<>();
    for (int slot = 1; slot <= criteria.size(); slot++) {
      ReviewCriterion criterion = criteria.get(slot - 1);
      stored.add(criterion.toMap());
      execution.setVariable(slotName(slot, "Label"), criterion.label());
      execution.setVariable(slotName(slot, "Threshold"), criterion.threshold());
      execution.setVariable(slotName(slot, "Weight"), criterion.weight());
    }
    execution.setVariable(CRITERIA, stored);
    execution.setVariable("criterionCount", criteria.size());
    // A caller's explicit passThreshold still wins, as before the decision table existed.
    if (execution.getVariable("passThreshold") == null) {
      Object passLine = execution.getVariable(PASS_LINE);
      if (!(passLine instanceof Number)) {
        throw new IllegalStateException("评审指标配置有误（" + stage + "）：判定表 review-pass-line 中没有该环节的总分通过线"
            + " / no pass line for stage '" + stage + "' in review-pass-line");
      }
      execution.setVariable("passThreshold", ((Number) passLine).doubleValue());
    }
  }

  /** Variable of a scoring-form row: criterion3Label, criterion3Score, criterion3Reason … */
  public static String slotName(int slot, String part) {
    return "criterion" + slot + part;
  }
}
