package org.policyflow.shared.experts;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * have scored; result = every score and comment, the mean and pass/fail against the threshold.
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
    ReviewResult result = ReviewResult.of(scores, threshold);
    execution.setVariable("reviewScores", scores);
    execution.setVariable("reviewMeanScore", result.mean());
    execution.setVariable("reviewPassed", result.passed());
    execution.setVariable("reviewOutcome", result.passed() ? "passed" : "failed");
  }

  /** The mean of the scores, rounded half-up to two decimals, and whether it reaches the threshold. */
  public record ReviewResult(double mean, boolean passed) {

    public static ReviewResult of(List<Map<String, Object>> scores, double threshold) {
      BigDecimal sum = scores.stream().map(e -> new BigDecimal(String.valueOf(e.get("score"))))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal mean = sum.divide(BigDecimal.valueOf(scores.size()), 2, RoundingMode.HALF_UP);
      return new ReviewResult(mean.doubleValue(), mean.compareTo(BigDecimal.valueOf(threshold)) >= 0);
    }
  }
}
