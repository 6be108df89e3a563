package org.policyflow.partner.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyflow.shared.experts.PanelResult;
import org.policyflow.shared.experts.ReviewCriterion;

/**
 * What the selection table shows of one application's review (000 §五3): the reviewers' scores brought
 * together by the shared {@link PanelResult} (criterion means, spread, weighted overall score, pass rule of
 * the decision table) and put into the words of the table's columns. An application nobody could score
 * (no entries) is shown as not reviewed and counts as under the pass line, so that selecting it needs the
 * reason TZP-R1 asks for.
 */
public final class PartnerReviewSheet {

  private PartnerReviewSheet() {
  }

  /** The columns added to one row of {@code recommendedApplications}. */
  public static Map<String, Object> columns(List<ReviewCriterion> criteria, double passThreshold,
      List<Map<String, Object>> entries) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("reviewerCount", entries.size());
    if (entries.isEmpty()) {
      columns.put("reviewOverallScore", null);
      columns.put("reviewPassed", false);
      columns.put("reviewPassedLabel", "未评分");
      columns.put("reviewCriteriaSummary", "—");
      columns.put("reviewComments", "—");
      columns.put("reviewCriteria", List.of());
      return columns;
    }
    PanelResult result = PanelResult.of(criteria, entries, passThreshold);
    List<String> shortfalls = new ArrayList<>();
    if (result.overallScore() < passThreshold) {
      shortfalls.add("综合得分低于通过线 " + whole(passThreshold) + " 分");
    }
    List<String> summary = new ArrayList<>();
    for (PanelResult.CriterionResult c : result.criteria()) {
      summary.add(c.criterion().label() + " " + fixed(c.mean()) + "（" + whole(c.min()) + "–" + whole(c.max())
          + "，标准差 " + fixed(c.standardDeviation()) + "）");
      if (!c.passed()) {
        shortfalls.add("“" + c.criterion().label() + "”均分低于单项分数线 " + whole(c.criterion().threshold()) + " 分");
      }
    }
    columns.put("reviewOverallScore", result.overallScore());
    columns.put("reviewPassed", result.passed());
    columns.put("reviewPassedLabel", result.passed() ? "达到" : "未达到：" + String.join("；", shortfalls));
    columns.put("reviewCriteriaSummary", String.join("；", summary));
    List<String> comments = new ArrayList<>();
    for (Map<String, Object> entry : entries) {
      comments.add(entry.get("reviewerName") + "（" + fixed(((Number) entry.get("score")).doubleValue()) + " 分）："
          + entry.get("comment"));
    }
    columns.put("reviewComments", String.join("；", comments));
    columns.put("reviewCriteria", result.criteria().stream().map(PanelResult.CriterionResult::toMap).toList());
    return columns;
  }

  static String whole(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String fixed(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
