package org.policyflow.partner.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyflow.shared.experts.ReviewCriterion;

/** The selection table's review columns from the officers' entries (plain Java). */
class PartnerReviewSheetTest {

  static final List<ReviewCriterion> CRITERIA = List.of(
      new ReviewCriterion("industryLeading", "技术创新水平行业领先", 60, 60, "000 §四2（TZP-E4）"),
      new ReviewCriterion("localIndustryContribution", "属地特色产业贡献", 40, 70, "000 §四3"));

  static Map<String, Object> entry(String name, double leading, double local, String comment) {
    return Map.of("reviewerName", name, "score", (leading * 60 + local * 40) / 100, "comment", comment,
        "criteria", List.of(Map.of("code", "industryLeading", "score", leading),
            Map.of("code", "localIndustryContribution", "score", local)));
  }

  @Test
  void partnerReviewTZP_R2_weightsThresholdsAndSpreadComeFromTheCriteria() {
    Map<String, Object> columns = PartnerReviewSheet.columns(CRITERIA, 60,
        List.of(entry("王立新", 70, 60, "良"), entry("陈晓燕", 90, 70, "优")));
    // leading mean 80, local mean 65 (< 70): overall 80*0.6 + 65*0.4 = 74 passes the line, the criterion fails.
    assertThat(columns).containsEntry("reviewOverallScore", 74.0).containsEntry("reviewPassed", false)
        .containsEntry("reviewerCount", 2)
        .containsEntry("reviewPassedLabel", "未达到：“属地特色产业贡献”均分低于单项分数线 70 分")
        .containsEntry("reviewCriteriaSummary",
            "技术创新水平行业领先 80.00（70–90，标准差 10.00）；属地特色产业贡献 65.00（60–70，标准差 5.00）")
        .containsEntry("reviewComments", "王立新（66.00 分）：良；陈晓燕（82.00 分）：优");
  }

  @Test
  void partnerSelectionTZP_R1_anApplicationNobodyScoredCountsAsUnderThePassLine() {
    assertThat(PartnerReviewSheet.columns(CRITERIA, 60, List.of())).containsEntry("reviewPassed", false)
        .containsEntry("reviewPassedLabel", "未评分").containsEntry("reviewerCount", 0);
  }
}
