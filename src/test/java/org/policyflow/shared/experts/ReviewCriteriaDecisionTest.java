package org.policyflow.shared.experts;

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
 * processes/review-criteria.dmn on the engine's own DMN engine, without Spring: every stage a calling model
 * passes has criteria the scoring form can hold, weights of 100 %, thresholds on the scale and a pass line;
 * and the criteria are the ones the seeds name.
 */
class ReviewCriteriaDecisionTest {

  /** reviewCriteriaStage of every calling model (bj-consortium, yc-consortium, tech-centre) and the partner stage. */
  static final List<String> STAGES = List.of("bj-material", "bj-site", "bj-defence", "yc-argumentation",
      "tic-evaluation", "partner-review");

  static DmnEngine dmn;
  static Map<String, DmnDecision> decisions;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/review-criteria.dmn"))) {
      decisions = Map.copyOf(dmn.parseDecisions(in).stream()
          .collect(java.util.stream.Collectors.toMap(DmnDecision::getKey, d -> d)));
    }
  }

  static List<ReviewCriterion> criteria(String stage) {
    List<Map<String, Object>> rows = dmn.evaluateDecisionTable(decisions.get("review-criteria"),
        Variables.createVariables().putValue("reviewCriteriaStage", stage)).getResultList();
    return ReviewCriterion.validated(stage, rows, 100);
  }

  @Test
  void expertsEXP_3_everyStageHasValidCriteriaWeighingOneHundredPercentAndAPassLine() {
    for (String stage : STAGES) {
      List<ReviewCriterion> criteria = criteria(stage);
      assertThat(criteria).as(stage).isNotEmpty().hasSizeLessThanOrEqualTo(ReviewCriterion.FORM_SLOTS);
      assertThat(criteria.stream().mapToDouble(ReviewCriterion::weight).sum()).as(stage).isEqualTo(100.0);
      assertThat(criteria).as(stage).allSatisfy(c -> assertThat(c.basis()).isNotBlank());
      Object passLine = dmn.evaluateDecisionTable(decisions.get("review-pass-line"),
          Variables.createVariables().putValue("reviewCriteriaStage", stage)).getSingleEntry();
      assertThat(passLine).as(stage).isInstanceOf(Number.class);
      assertThat(((Number) passLine).doubleValue()).isBetween(0.0, 100.0);
    }
    assertThat(dmn.evaluateDecisionTable(decisions.get("review-criteria"),
        Variables.createVariables().putValue("reviewCriteriaStage", "unknown")).getResultList()).isEmpty();
  }

  @Test
  void theCriteriaAreTheSeedsOwnWords() {
    // 004 §六1: 研究论证技术需求的必要性、紧迫性和可实施性 — material review and defence.
    for (String stage : List.of("bj-material", "bj-defence")) {
      assertThat(criteria(stage)).extracting(ReviewCriterion::label).as(stage)
          .anyMatch(l -> l.contains("必要性")).anyMatch(l -> l.contains("紧迫性")).anyMatch(l -> l.contains("可实施性"));
    }
    // 002 §四(二): 技术专家和管理专家 — both kinds of judgement are scored.
    assertThat(criteria("yc-argumentation")).extracting(ReviewCriterion::label)
        .anyMatch(l -> l.contains("技术论证")).anyMatch(l -> l.contains("管理论证"));
    // 003: TIC-E3 行业影响力; 第五章 总体目标、技术攻关成效、研发投入情况.
    assertThat(criteria("tic-evaluation")).extracting(ReviewCriterion::label)
        .contains("行业影响力", "研发投入情况").anyMatch(l -> l.contains("总体目标")).anyMatch(l -> l.contains("技术攻关"));
    assertThat(criteria("tic-evaluation")).extracting(ReviewCriterion::basis).anyMatch(b -> b.contains("TIC-E3"));
    // 000 §四2 (TZP-E4) 行业领先, §四3 属地特色产业贡献.
    assertThat(criteria("partner-review")).extracting(ReviewCriterion::basis)
        .anyMatch(b -> b.contains("TZP-E4")).anyMatch(b -> b.contains("000 §四3"));
    assertThat(criteria("partner-review")).extracting(ReviewCriterion::label).contains("属地特色产业贡献");
  }

  @Test
  void everyCallingModelPassesAStageTheTableKnows() throws IOException {
    for (String model : List.of("bj-consortium", "yc-consortium", "tech-centre")) {
      String xml = Files.readString(Path.of("processes/" + model + ".bpmn"));
      java.util.regex.Matcher stage = java.util.regex.Pattern
          .compile("sourceExpression=\"([^\"]+)\" target=\"reviewCriteriaStage\"").matcher(xml);
      int calls = 0;
      while (stage.find()) {
        calls++;
        assertThat(STAGES).as(model).contains(stage.group(1));
      }
      assertThat(calls).as(model + " passes reviewCriteriaStage on every expert-review call")
          .isEqualTo(xml.split("calledElement=\"expert-review\"", -1).length - 1);
    }
  }
}
