package org.policyflow.partner.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;
import static org.policyflow.partner.PartnerFixtures.recommendation;
import static org.policyflow.partner.PartnerFixtures.reviewScores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 000 §四3 judged by the locality (TZP-E8) and the district office's 审核和评选 (000 §五3) by the criteria of
 * review-criteria.dmn, stage partner-review: each recommended application scored by different officers
 * (TZP-R2, EXP-3/EXP-4 of the shared score sheet), the selection table showing means, spread and overall
 * score, and a selection under the pass line only with a reason (TZP-R1).
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class PartnerReviewProcessTest {

  static final String SONGZHUANG = "tz-locality-songzhuang";
  static final String ZGC = "tz-locality-zgc-tongzhou";
  static final List<String> OFFICERS = List.of("tz-sti");

  @Autowired ProcessEngine engine;
  PartnerFixtures fixtures;
  String callId;

  @BeforeEach
  void setUp() {
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    callId = "TZP-R-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void partnerTZP_E8_aRecommendationWithoutTheLocalityJudgementIsRefusedAndTakesNoPlace(
      EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.apply("huanglei", eligibleApplication(callId, 301, SONGZHUANG)));
    Task task = taskOf(application);

    assertThatThrownBy(() -> fixtures.completeAs("sunpeng", List.of(SONGZHUANG), task.getId(),
            Map.of("recommendation", "recommend", "localIndustryJudgement", "excellent", "localIndustryOpinion", "好")))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[TZP-E8] localIndustryJudgement").hasMessageContaining("[TZP-E8] localIndustryOpinion")
        .hasMessageContaining("特色产业");
    assertThat(engine.getRuntimeService().getVariable(call.getId(), "quotaUsed_" + SONGZHUANG)).isEqualTo(0);
    assertThat(taskOf(application).getTaskDefinitionKey()).isEqualTo("Task_RecommendApplication");

    // Declining needs no judgement: TZP-D1's reason is what counts then.
    fixtures.completeAs("sunpeng", List.of(SONGZHUANG), task.getId(),
        Map.of("recommendation", "decline", "declineReason", "研发方向与本地产业需求不匹配"));
    assertThat(engine.getRuntimeService().getVariable(application.getId(), "outcome")).isEqualTo("not-recommended");
  }

  @Test
  void partnerTZP_E8_aWeakContributionMayStillBeRecommendedAndTheJudgementReachesReviewersAndSelection(
      EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    Map<String, Object> facts = eligibleApplication(callId, 302, SONGZHUANG);
    facts.put("localIndustryContribution", "为宋庄文化创意产业提供数字版权技术服务");
    ProcessInstance application = started.add(fixtures.apply("huanglei", facts));
    // 原则上 (000 §四): a weak contribution is the locality's finding, not a bar; the grounds say why.
    fixtures.completeAs("sunpeng", List.of(SONGZHUANG), taskOf(application).getId(), Map.of("recommendation", "recommend",
        "localIndustryJudgement", "weak", "localIndustryOpinion", "带动作用尚不明显，但技术实力突出"));
    assertThat(engine.getRuntimeService().getVariables(application.getId()))
        .containsEntry("recommended", true).containsEntry("localIndustryJudgement", "weak");

    closeRecommendations(call);
    Task review = reviewTasks(call).get(0);
    assertThat(engine.getTaskService().getVariables(review.getId()))
        .containsEntry("reviewLocalIndustryContribution", "为宋庄文化创意产业提供数字版权技术服务")
        .containsEntry("reviewLocalIndustryJudgement", "贡献和带动作用不明显：带动作用尚不明显，但技术实力突出");
    fixtures.reviewEveryApplication(call, 80, 70);
    assertThat(rows(call)).singleElement().satisfies(row -> assertThat(row)
        .containsEntry("localIndustryJudgementText", "贡献和带动作用不明显：带动作用尚不明显，但技术实力突出"));
  }

  @Test
  void partnerReviewTZP_R2_eachApplicationIsScoredOnTheDecisionTablesCriteriaByDifferentOfficers(
      EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance first = recommend(started, 303, SONGZHUANG, "sunpeng");
    recommend(started, 304, ZGC, "liuyang");
    closeRecommendations(call);

    List<Task> tasks = reviewTasks(call);
    assertThat(tasks).as("two officers for each of two applications").hasSize(4);
    assertThat(tasks).allSatisfy(t -> assertThat(engine.getTaskService().getIdentityLinksForTask(t.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("tz-sti"));
    assertThat(tasks).extracting(Task::getName).contains("审核评分：北京通州示例科技有限公司303");
    Map<String, Object> variables = engine.getRuntimeService().getVariables(call.getId());
    assertThat(variables).containsEntry("criterion1Label", "技术创新水平行业领先")
        .containsEntry("criterion2Label", "属地特色产业贡献").containsEntry("criterion1Threshold", 60.0)
        .containsEntry("criterionCount", 2).containsEntry("passThreshold", 60.0);

    List<Task> ofFirst = tasks.stream().filter(t -> first.getId()
        .equals(engine.getTaskService().getVariable(t.getId(), "reviewApplicationId"))).toList();
    fixtures.completeAs("wanglixin", OFFICERS, ofFirst.get(0).getId(), reviewScores(80, 75));
    assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, ofFirst.get(1).getId(), reviewScores(70, 70)))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-R2]").hasMessageContaining("不同的审核人员");
    fixtures.completeAs("chenxiaoyan", OFFICERS, ofFirst.get(1).getId(), reviewScores(70, 70));

    Map<String, Object> noOpinion = new HashMap<>(reviewScores(80, 80));
    noOpinion.remove("reviewComment");
    Task other = reviewTasks(call).get(0);
    assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, other.getId(), noOpinion))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-R2] reviewComment");
  }

  @Test
  void partnerReviewEXP_4_aScoreUnderACriterionsThresholdNeedsAWrittenReason(EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    recommend(started, 305, SONGZHUANG, "sunpeng");
    closeRecommendations(call);
    Task task = reviewTasks(call).get(0);

    assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, task.getId(),
            Map.of("criterion1Score", 85, "criterion2Score", 45, "reviewComment", "行业领先，属地贡献不足")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXP-4] criterion2Reason")
        .hasMessageContaining("属地特色产业贡献");
    assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, task.getId(),
            Map.of("criterion1Score", 120, "criterion2Score", 70, "reviewComment", "超出分值")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXP-3] criterion1Score");
    assertThat(reviewTasks(call)).hasSize(2);

    fixtures.completeAs("wanglixin", OFFICERS, task.getId(), Map.of("criterion1Score", 85, "criterion2Score", 45,
        "criterion2Reason", "主营方向与属地特色产业关联较弱", "reviewComment", "行业领先，属地贡献不足"));
    assertThat(reviewTasks(call)).hasSize(1);
  }

  @Test
  void partnerReviewTZP_R2_theSelectionTableShowsEachCriterionsMeanAndSpreadAndTheOverallScore(
      EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance strong = recommend(started, 306, SONGZHUANG, "sunpeng");
    ProcessInstance weak = recommend(started, 307, ZGC, "liuyang");
    closeRecommendations(call);
    score(call, strong, "wanglixin", 80, 70);
    score(call, strong, "chenxiaoyan", 90, 80);
    score(call, weak, "wanglixin", 50, 40);
    score(call, weak, "chenxiaoyan", 60, 50);
    fixtures.runReviewSummary(call);

    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("Task_SelectPartners");
    Map<String, Object> strongRow = row(call, strong);
    assertThat(strongRow).containsEntry("reviewOverallScore", 80.0).containsEntry("reviewPassed", true)
        .containsEntry("reviewPassedLabel", "达到").containsEntry("reviewerCount", 2)
        .containsEntry("reviewCriteriaSummary",
            "技术创新水平行业领先 85.00（80–90，标准差 5.00）；属地特色产业贡献 75.00（70–80，标准差 5.00）");
    assertThat((String) strongRow.get("reviewComments")).contains("王立新（75.00 分）").contains("陈晓燕（85.00 分）");
    Map<String, Object> weakRow = row(call, weak);
    assertThat(weakRow).containsEntry("reviewOverallScore", 50.0).containsEntry("reviewPassed", false);
    assertThat((String) weakRow.get("reviewPassedLabel")).startsWith("未达到").contains("综合得分低于通过线 60 分")
        .contains("“属地特色产业贡献”均分低于单项分数线 60 分");
    assertThat(engine.getRuntimeService().getVariable(call.getId(), "belowPassLineCount")).isEqualTo(1);
    SpinJsonNode options = (SpinJsonNode) engine.getRuntimeService().getVariable(call.getId(), "recommendationOptions");
    assertThat(options.elements()).extracting(o -> o.prop("label").stringValue())
        .anyMatch(l -> l.contains("307") && l.contains("综合得分 50.00") && l.contains("未达到通过线"))
        .anyMatch(l -> l.contains("306") && l.contains("综合得分 80.00") && !l.contains("未达到"));
  }

  @Test
  void partnerSelectionTZP_R1_selectingAnApplicationUnderThePassLineNeedsAReason(EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance weak = recommend(started, 308, SONGZHUANG, "sunpeng");
    closeRecommendations(call);
    fixtures.reviewEveryApplication(call, 55, 50);
    Task selection = engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult();

    assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, selection.getId(),
            PartnerFixtures.selection(List.of(weak.getId()), "择优选择")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-R1] belowPassLineReason")
        .hasMessageContaining("北京通州示例科技有限公司308");
    fixtures.completeAs("wanglixin", OFFICERS, selection.getId(), PartnerFixtures.selection(List.of(weak.getId()), "择优选择",
        Map.of("belowPassLineReason", "该企业承担区重大攻关任务，属地急需")));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> candidates = (List<Map<String, Object>>) engine.getHistoryService()
        .createHistoricVariableInstanceQuery().processInstanceId(call.getId()).variableName("candidates")
        .singleResult().getValue();
    assertThat(candidates).singleElement().satisfies(c -> assertThat(c).containsEntry("reviewPassed", false)
        .containsEntry("reviewOverallScore", 52.5).containsEntry("belowPassLineReason", "该企业承担区重大攻关任务，属地急需"));
  }

  @Test
  void partnerSelectionTZP_R1_applicationsAtOrAboveThePassLineNeedNoReason(EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance strong = recommend(started, 309, SONGZHUANG, "sunpeng");
    closeRecommendations(call);
    fixtures.reviewEveryApplication(call, 60, 60);
    Task selection = engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult();

    fixtures.completeAs("wanglixin", OFFICERS, selection.getId(),
        PartnerFixtures.selection(List.of(strong.getId()), "达到通过线，拟入选"));
    assertThat(engine.getRuntimeService().getVariable(call.getId(), "belowPassLineCount")).isEqualTo(0);
    assertThat(engine.getRuntimeService().getVariable(call.getId(), "selectedCount")).isEqualTo(1);
  }

  private ProcessInstance recommend(EngineStateRestored.Started started, int n, String locality, String clerk) {
    ProcessInstance application = started.add(fixtures.apply("huanglei", eligibleApplication(callId, n, locality)));
    fixtures.completeAs(clerk, List.of(locality), taskOf(application).getId(), recommendation());
    return application;
  }

  private void score(ProcessInstance call, ProcessInstance application, String officer, double leading, double local) {
    Task task = reviewTasks(call).stream().filter(t -> application.getId()
        .equals(engine.getTaskService().getVariable(t.getId(), "reviewApplicationId"))).findFirst().orElseThrow();
    fixtures.completeAs(officer, OFFICERS, task.getId(), reviewScores(leading, local));
  }

  private void closeRecommendations(ProcessInstance call) {
    ClockUtil.setCurrentTime(at(2026, 4, 4, 0));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(call.getId()).activityId("IntermediateCatchEvent_RecommendationClosed").singleResult().getId());
  }

  private List<Task> reviewTasks(ProcessInstance call) {
    return engine.getTaskService().createTaskQuery().processInstanceId(call.getId())
        .taskDefinitionKey(PartnerFixtures.REVIEW_TASK).list();
  }

  private Task taskOf(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows(ProcessInstance call) {
    return (List<Map<String, Object>>) engine.getRuntimeService().getVariable(call.getId(), "recommendedApplications");
  }

  private Map<String, Object> row(ProcessInstance call, ProcessInstance application) {
    return rows(call).stream().filter(r -> application.getId().equals(r.get("applicationId"))).findFirst().orElseThrow();
  }
}
