package org.policyflow.shared.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;

/** One expert's scores by criterion, in plain Java: the scale (EXP-3) and the reason under a threshold (EXP-4). */
class ExpertScoreSheetTest {

  @Test
  void expertsEXP_4_aScoreUnderTheCriterionsThresholdWithoutAReasonIsRefusedNamingTheCriterion() {
    Map<String, Object> form = new HashMap<>(Map.of("criterion1Score", 80, "criterion2Score", 45, "criterion3Score", 59.5));
    form.put("criterion3Reason", "  ");
    assertThatThrownBy(() -> ExpertScoreSheet.read(PanelResultTest.CRITERIA, form::get, 100))
        .isInstanceOfSatisfying(PolicyRuleException.class, refused -> assertThat(refused.violations())
            .extracting(RuleViolation::ruleId, RuleViolation::field)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("EXP-4", "criterion2Reason"),
                org.assertj.core.groups.Tuple.tuple("EXP-4", "criterion3Reason")))
        .hasMessageContaining("“技术需求的紧迫性”评分 45 分，低于单项分数线 50 分，请书面说明理由")
        .hasMessageContaining("Criterion 'urgency' is scored 45, under its threshold of 50: write the reason")
        .hasMessageContaining("技术需求的可实施性");
  }

  @Test
  void expertsEXP_4_withTheReasonsTheSheetIsAcceptedAndWeighted() {
    Map<String, Object> form = new HashMap<>(Map.of("criterion1Score", 80, "criterion2Score", 45, "criterion3Score", 60,
        "criterion2Reason", "紧迫性论证不足，缺少产业链断点分析。"));
    ExpertScoreSheet sheet = ExpertScoreSheet.read(PanelResultTest.CRITERIA, form::get, 100);
    // 0.4·80 + 0.2·45 + 0.4·60 = 65
    assertThat(sheet.weightedScore()).isEqualTo(65.0);
    assertThat(sheet.toMaps()).extracting(m -> m.get("reason"))
        .containsExactly(null, "紧迫性论证不足，缺少产业链断点分析。", null);
  }

  @Test
  void expertsEXP_3_everyCriterionIsScoredOnTheScale() {
    Map<String, Object> form = new HashMap<>(Map.of("criterion1Score", 101, "criterion2Score", "七十"));
    assertThatThrownBy(() -> ExpertScoreSheet.read(PanelResultTest.CRITERIA, form::get, 100))
        .isInstanceOfSatisfying(PolicyRuleException.class, refused -> assertThat(refused.violations())
            .extracting(RuleViolation::field).containsExactly("criterion1Score", "criterion2Score", "criterion3Score"))
        .hasMessageContaining("请为“技术需求的必要性”给出 0 至 100 分之间的评分");
  }

  @Test
  void aDecisionTableSlipStopsTheReviewWithAMessageForTheProcessOwner() {
    assertThatThrownBy(() -> ReviewCriterion.validated("bj-material", List.of(), 100))
        .hasMessageContaining("没有评审环节“bj-material”的评价指标");
    List<Map<String, Object>> rows = List.of(
        Map.of("code", "a", "label", "甲", "weight", 0, "threshold", 60),
        Map.of("code", "a", "label", "乙", "weight", 50, "threshold", 160));
    assertThatThrownBy(() -> ReviewCriterion.validated("bj-material", rows, 100))
        .hasMessageContaining("指标“甲”的权重须大于 0").hasMessageContaining("指标代码重复：a")
        .hasMessageContaining("指标“乙”的单项分数线须在 0 至 100 之间");
    List<Map<String, Object>> nine = java.util.stream.IntStream.rangeClosed(1, 9)
        .mapToObj(i -> Map.<String, Object>of("code", "c" + i, "label", "指标" + i, "weight", 10, "threshold", 60)).toList();
    assertThatThrownBy(() -> ReviewCriterion.validated("bj-material", nine, 100)).hasMessageContaining("评分表最多 8 项");
  }
}
