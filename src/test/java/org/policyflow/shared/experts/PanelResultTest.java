package org.policyflow.shared.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The panel's result by criteria, in plain Java: means, spread, weighted overall score, pass rule (EXP-3). */
class PanelResultTest {

  static final ReviewCriterion NECESSITY = new ReviewCriterion("necessity", "技术需求的必要性", 40, 60, "004 §六1");
  static final ReviewCriterion URGENCY = new ReviewCriterion("urgency", "技术需求的紧迫性", 20, 50, "004 §六1");
  static final ReviewCriterion FEASIBILITY = new ReviewCriterion("feasibility", "技术需求的可实施性", 40, 60, "004 §六1");
  static final List<ReviewCriterion> CRITERIA = List.of(NECESSITY, URGENCY, FEASIBILITY);

  static Map<String, Object> expert(String id, double necessity, double urgency, double feasibility) {
    return Map.of("expert", id, "criteria", List.of(
        Map.of("code", "necessity", "score", necessity),
        Map.of("code", "urgency", "score", urgency),
        Map.of("code", "feasibility", "score", feasibility)));
  }

  @Test
  void expertsEXP_3_eachCriterionHasItsMeanMinMaxAndStandardDeviation() {
    PanelResult result = PanelResult.of(CRITERIA,
        List.of(expert("a", 70, 60, 80), expert("b", 80, 50, 90), expert("c", 90, 70, 85)), 60);

    PanelResult.CriterionResult necessity = result.criteria().get(0);
    assertThat(necessity.mean()).isEqualTo(80.0);
    assertThat(necessity.min()).isEqualTo(70.0);
    assertThat(necessity.max()).isEqualTo(90.0);
    // Population deviation of 70, 80, 90: sqrt(200/3) = 8.1649…
    assertThat(necessity.standardDeviation()).isEqualTo(8.16);
    assertThat(result.criteria().get(1).mean()).isEqualTo(60.0);
    assertThat(result.criteria().get(2).mean()).isEqualTo(85.0);
    // 0.4·80 + 0.2·60 + 0.4·85 = 78
    assertThat(result.overallScore()).isEqualTo(78.0);
    assertThat(result.passed()).isTrue();
    assertThat(result.reasons()).singleElement().asString().contains("78.00").contains("达到总分通过线");
  }

  @Test
  void expertsEXP_3_theOverallScoreIsTheMeanOfTheExpertsWeightedScoresRoundedHalfUp() {
    List<Map<String, Object>> experts = List.of(expert("a", 61, 59, 60.5), expert("b", 60, 60, 60), expert("c", 59.5, 61, 60));
    PanelResult result = PanelResult.of(CRITERIA, experts, 60);
    double meanOfExperts = (0.4 * 61 + 0.2 * 59 + 0.4 * 60.5 + 0.4 * 60 + 0.2 * 60 + 0.4 * 60 + 0.4 * 59.5 + 0.2 * 61
        + 0.4 * 60) / 3;
    assertThat(result.overallScore()).isEqualTo(Math.round(meanOfExperts * 100) / 100.0);
    assertThat(result.passed()).isTrue();
    assertThat(PanelResult.of(CRITERIA, List.of(expert("a", 59.99, 59.99, 59.99)), 60).passed()).isFalse();
  }

  @Test
  void expertsEXP_3_aCriterionMeanUnderItsThresholdFailsDespiteAGoodOverallScore() {
    PanelResult result = PanelResult.of(CRITERIA,
        List.of(expert("a", 95, 40, 95), expert("b", 95, 45, 95), expert("c", 95, 44, 95)), 60);
    assertThat(result.overallScore()).isGreaterThan(80);
    assertThat(result.criteria().get(1).passed()).isFalse();
    assertThat(result.criteria().get(1).belowThreshold()).isEqualTo(3);
    assertThat(result.passed()).isFalse();
    assertThat(result.reasons()).singleElement().asString()
        .isEqualTo("“技术需求的紧迫性”专家组均分 43.00 分，低于单项分数线 50 分");
  }

  @Test
  void expertsEXP_3_anOverallScoreUnderThePassLineFailsWithBothReasons() {
    PanelResult result = PanelResult.of(CRITERIA, List.of(expert("a", 50, 55, 62), expert("b", 52, 55, 64)), 60);
    assertThat(result.passed()).isFalse();
    assertThat(result.reasons()).containsExactly("加权总分 56.60 分，低于总分通过线 60 分",
        "“技术需求的必要性”专家组均分 51.00 分，低于单项分数线 60 分");
    Map<String, Object> map = result.toMap("材料审查", 2);
    assertThat(map).containsEntry("overallScore", 56.6).containsEntry("passed", false).containsEntry("experts", 2);
    assertThat((String) map.get("summary")).contains("技术需求的必要性（权重 40%）：均分 51.00，最低 50，最高 52，标准差 1.00")
        .endsWith("结论：未通过。加权总分 56.60 分，低于总分通过线 60 分；“技术需求的必要性”专家组均分 51.00 分，低于单项分数线 60 分。");
  }

  @Test
  void anExpertWithoutAScoreForACriterionIsAnError() {
    assertThatThrownBy(() -> PanelResult.of(CRITERIA, List.of(Map.of("expert", "a", "criteria", List.of())), 60))
        .hasMessageContaining("necessity");
  }
}
