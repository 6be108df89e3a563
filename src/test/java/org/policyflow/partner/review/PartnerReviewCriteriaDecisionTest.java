package org.policyflow.partner.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision tables as partner-call's review reads them (stage partner-review): TZP-E4 行业领先 and
 * 000 §四3 属地特色产业贡献 (TZP-E8), their weights and thresholds, the pass line TZP-R1 compares with —
 * on the DMN engine alone, straight from processes/review-criteria.dmn as a process owner edits it.
 */
class PartnerReviewCriteriaDecisionTest {

  static DmnEngine dmn;
  static Map<String, DmnDecision> decisions;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/review-criteria.dmn"))) {
      decisions = dmn.parseDecisions(in).stream()
          .collect(java.util.stream.Collectors.toMap(DmnDecision::getKey, d -> d));
    }
  }

  @Test
  void partnerReviewTZP_E8_TZP_R2_theStageScoresIndustryLeadershipAndTheLocalIndustryContribution() {
    List<Map<String, Object>> rows = dmn.evaluateDecisionTable(decisions.get("review-criteria"),
        Variables.createVariables().putValue("reviewCriteriaStage", "partner-review")).getResultList();
    assertThat(rows).extracting(r -> r.get("code")).containsExactly("industryLeading", "localIndustryContribution");
    assertThat(rows).extracting(r -> r.get("label")).containsExactly("技术创新水平行业领先", "属地特色产业贡献");
    assertThat(rows).extracting(r -> ((Number) r.get("weight")).intValue()).containsExactly(50, 50);
    assertThat(rows).extracting(r -> ((Number) r.get("threshold")).doubleValue()).containsExactly(60.0, 60.0);
    assertThat(rows).extracting(r -> (String) r.get("basis"))
        .anySatisfy(b -> assertThat(b).contains("TZP-E4")).anySatisfy(b -> assertThat(b).contains("000 §四3"));
  }

  @Test
  void partnerSelectionTZP_R1_thePassLineOfTheStage() {
    Object passLine = dmn.evaluateDecisionTable(decisions.get("review-pass-line"),
        Variables.createVariables().putValue("reviewCriteriaStage", "partner-review")).getSingleEntry();
    assertThat(((Number) passLine).doubleValue()).isEqualTo(60.0);
  }

  @Test
  void partnerReviewTZP_R2_theCallModelAsksTheTablesForThePartnerStage() throws IOException {
    String xml = Files.readString(Path.of("processes/partner-call.bpmn"));
    assertThat(xml).contains("execution.setVariable('reviewCriteriaStage', 'partner-review')")
        .contains("camunda:decisionRef=\"review-criteria\"").contains("camunda:decisionRef=\"review-pass-line\"")
        .contains("${reviewCriteriaSheet}");
  }
}
