package org.policyflow.shared.experts;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * Task_EvaluateReview of expert-review (EXP-3): brings the experts' independent scores together once all
 * have scored; result = every score and comment, each criterion's mean and spread, the weighted overall
 * score and pass/fail ({@link PanelResult}).
 * The scores are read from history because each lived in its expert's own scope until now.
 */
@Component("evaluateExpertReview")
public class EvaluateExpertReviewDelegate implements JavaDelegate {

  private final HistoryService historyService;
  private final SystemAccess system;

  public EvaluateExpertReviewDelegate(HistoryService historyService, SystemAccess system) {
    this.historyService = historyService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> scores = system.call(() -> historyService.createHistoricVariableInstanceQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .variableName(RecordExpertScoreDelegate.ENTRY)
            .list())
        .stream()
        .map(HistoricVariableInstance::getValue)
        .map(VariableValues::map)
        .sorted(Comparator.comparing((Map<String, Object> e) -> String.valueOf(e.get("submittedAt")))
            .thenComparing(e -> String.valueOf(e.get("expert"))))
        .toList();
    int required = ((Number) execution.getVariable("panelSizeRequired")).intValue();
    if (scores.size() != required) {
      throw new IllegalStateException("expert-review " + execution.getProcessInstanceId() + ": " + scores.size()
          + " scores for a panel of " + required);
    }
    double threshold = ((Number) execution.getVariable("passThreshold")).doubleValue();
    List<ReviewCriterion> criteria = ReviewCriterion.fromVariable(execution.getVariable(ReviewCriteriaSheetListener.CRITERIA));
    PanelResult result = PanelResult.of(criteria, scores, threshold);
    execution.setVariable("reviewScores", scores);
    execution.setVariable("reviewMeanScore", result.overallScore());
    execution.setVariable("reviewPassed", result.passed());
    execution.setVariable("reviewOutcome", result.passed() ? "passed" : "failed");
    execution.setVariable("reviewCriteriaResult",
        result.toMap(VariableValues.text(execution.getVariable("reviewStage")), scores.size()));
  }
}
