package org.policyflow.partner.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.spin.Spin;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.experts.ReviewCriteriaSheetListener;
import org.policyflow.shared.experts.ReviewCriterion;
import org.policyflow.shared.experts.VariableValues;
import org.springframework.stereotype.Component;

/**
 * Task_EvaluatePartnerReview of partner-call (asynchronous, after every seat has scored): brings each
 * application's scores together — read from history, as each lived in its reviewer's scope — and writes
 * them into the rows of the selection table, so the officer decides with the criteria means, their spread
 * and the overall score in view. {@code belowPassLineCount} tells the selection form to offer the TZP-R1
 * reason field.
 */
@Component("evaluatePartnerReview")
public class EvaluatePartnerReviewDelegate implements JavaDelegate {

  private final HistoryService historyService;
  private final SystemAccess system;

  public EvaluatePartnerReviewDelegate(HistoryService historyService, SystemAccess system) {
    this.historyService = historyService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, List<Map<String, Object>>> entriesByApplication = system.call(() -> historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .variableName(RecordPartnerReviewDelegate.ENTRY)
            .list())
        .stream()
        .map(HistoricVariableInstance::getValue)
        .map(VariableValues::map)
        .sorted(Comparator.comparing((Map<String, Object> e) -> String.valueOf(e.get("submittedAt"))))
        .collect(Collectors.groupingBy(e -> String.valueOf(e.get("applicationId")), LinkedHashMap::new,
            Collectors.toList()));
    List<ReviewCriterion> criteria = ReviewCriterion.fromVariable(execution.getVariable(ReviewCriteriaSheetListener.CRITERIA));
    double passThreshold = ((Number) execution.getVariable("passThreshold")).doubleValue();

    List<Map<String, Object>> rows = new ArrayList<>();
    List<Map<String, Object>> options = new ArrayList<>();
    int below = 0;
    for (Map<String, Object> recommended : FormValues.objects(execution, "recommendedApplications")) {
      Map<String, Object> row = new LinkedHashMap<>(recommended);
      row.putAll(PartnerReviewSheet.columns(criteria, passThreshold,
          entriesByApplication.getOrDefault(String.valueOf(row.get("applicationId")), List.of())));
      if (!Boolean.TRUE.equals(row.get("reviewPassed"))) {
        below++;
      }
      rows.add(row);
      Object score = row.get("reviewOverallScore");
      options.add(Map.of("label", row.get("organisationName") + "（" + row.get("localityName") + "，"
          + row.get("industryField") + ("是".equals(row.get("priority")) ? "，优先领域" : "")
          + (score == null ? "，未评分" : "，综合得分 " + PartnerReviewSheet.fixed(((Number) score).doubleValue()))
          + (Boolean.TRUE.equals(row.get("reviewPassed")) ? "" : "，未达到通过线") + "）",
          "value", row.get("applicationId")));
    }
    execution.setVariable("recommendedApplications", rows);
    // As CollectRecommendationsDelegate keeps it: JSON, so the checklist bound to it submits JSON too.
    execution.setVariable("recommendationOptions", Spin.JSON(options));
    execution.setVariable("belowPassLineCount", below);
  }
}
