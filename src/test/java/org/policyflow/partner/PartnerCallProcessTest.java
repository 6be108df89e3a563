package org.policyflow.partner;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.call.PartnerCalls;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;

/** partner-call: publishing, quotas, the recommendation deadline and the selection rules TZP-Q2 / TZP-Q3. */
@PolicyflowIntegrationTest
class PartnerCallProcessTest {

  static final List<String> OFFICERS = List.of("tz-sti");

  @Autowired ProcessEngine engine;
  @Autowired PartnerCalls calls;
  PartnerFixtures fixtures;
  final List<String> started = new ArrayList<>();
  String callId;

  @BeforeEach
  void setUp() {
    init(engine);
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    callId = "TZP-C-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
  }

  private ProcessInstance open(int places, Map<String, Object> extra) {
    ProcessInstance call = fixtures.openCall(callId, "2026-03-20", places, 2, extra);
    started.add(call.getId());
    return call;
  }

  @Test
  void partnerCallTZP_Q1_everyLocalityGetsTheDefaultQuotaUnlessTheCallSetsItsOwn() {
    ProcessInstance call = open(5, Map.of("localityQuotas",
        List.of(Map.of("localityGroup", "tz-locality-songzhuang", "quota", 1))));
    assertThat(call).isWaitingAt("IntermediateCatchEvent_RecommendationClosed").hasBusinessKey(callId)
        .variables().containsEntry("quota_tz-locality-songzhuang", 1).containsEntry("quota_tz-locality-zgc-tongzhou", 2)
        .containsEntry("quotaUsed_tz-locality-songzhuang", 0).containsEntry("noticeDays", 5)
        .containsEntry("recommendationClosesAt", at(2026, 4, 4, 0)).containsEntry("applicationClosesAt", at(2026, 3, 21, 0));
    assertThat(job()).hasDueDate(at(2026, 4, 4, 0));
  }

  @Test
  void partnerCallTZP_S1_aDeadlineInThePastIsRefused() {
    Assertions.assertThatThrownBy(() -> fixtures.openCall(callId, "2026-02-27", 5, 2, Map.of()))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-S1] applicationDeadline");
  }

  @Test
  void partnerCallTZP_S1_aCallIdIsNeverReusedAndOneIsGeneratedWhenNoneIsGiven() {
    open(5, Map.of());
    Assertions.assertThatThrownBy(() -> fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-S1] businessKey");
    ProcessInstance unnamed = fixtures.openCall(null, "2026-03-20", 5, 2, Map.of());
    started.add(unnamed.getId());
    Assertions.assertThat(engine.getRuntimeService().getVariable(unnamed.getId(), "callId").toString())
        .matches("TZP-2026-\\d{2}");
  }

  @Test
  void partnerCallTZP_Q1_Q2_placesAndQuotasMustBePositiveAndLocalitiesKnown() {
    Assertions.assertThatThrownBy(() -> fixtures.openCall(callId, "2026-03-20", 0, 0,
            Map.of("localityQuotas", List.of(Map.of("localityGroup", "tz-locality-atlantis", "quota", 1)))))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[TZP-Q2] places").hasMessageContaining("[TZP-Q1] defaultLocalityQuota")
        .hasMessageContaining("tz-locality-atlantis");
  }

  @Test
  void partnerCallTZP_Q2_theProposedListCannotExceedThePlaces() {
    ProcessInstance call = open(2, Map.of());
    List<String> applications = recommendThree();
    Task selection = selectionTask(call);

    Assertions.assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, selection.getId(),
            PartnerFixtures.selection(applications, "三家均具备较强研发能力")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-Q2]").hasMessageContaining("3 家");
    assertThat(call).isWaitingAt("Task_SelectPartners");
  }

  @Test
  void partnerCallTZP_Q3_aSelectionAboveTheTargetIsWarnedNotBlocked() {
    ProcessInstance call = open(3, Map.of());
    List<String> applications = recommendThree();
    Task selection = selectionTask(call);
    long counted = (Long) engine.getRuntimeService().getVariable(call.getId(), "selectedPartners");
    Assertions.assertThat(engine.getRuntimeService().getVariable(call.getId(), "partnersToTarget"))
        .isEqualTo(Math.max(0, 32L - counted));
    // As if 31 partners had been selected in the target period: two more pass the 2027 target of 32.
    engine.getRuntimeService().setVariable(call.getId(), "selectedPartners", 31L);

    fixtures.completeAs("wanglixin", OFFICERS, selection.getId(),
        PartnerFixtures.selection(applications.subList(0, 2), "择优推荐两家"));

    Assertions.assertThat((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
            .processInstanceId(call.getId()).variableName("targetWarning").singleResult().getValue())
        .contains("[TZP-Q3]").contains("33").contains("32");
    assertThat(call).hasPassed("Task_RecordSelection", "Gateway_AnyCandidates");
  }

  @Test
  void partnerCallTZP_Q3_partnersSelectedInTheTargetPeriodCountAlsoAfterTheirCooperationEnded() {
    long before = calls.partnersSelectedBetween(LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31));
    ProcessInstance ended = engine.getRuntimeService().startProcessInstanceByKey("partner-cooperation",
        Map.of("organisationName", "北京通州已结束合作科技有限公司"));
    engine.getRuntimeService().deleteProcessInstance(ended.getId(), "合作已终止");
    ClockUtil.setCurrentTime(at(2023, 6, 1, 9));
    ProcessInstance beforePeriod = engine.getRuntimeService().startProcessInstanceByKey("partner-cooperation",
        Map.of("organisationName", "北京通州目标期前科技有限公司"));
    started.add(beforePeriod.getId());
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));

    Assertions.assertThat(calls.partnersSelectedBetween(LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31)))
        .as("the terminated cooperation counts, the one started before the period does not").isEqualTo(before + 1);

    ProcessInstance call = open(3, Map.of());
    recommendThree();
    selectionTask(call);
    Assertions.assertThat(engine.getRuntimeService().getVariables(call.getId()))
        .containsEntry("selectedPartners", before + 1).containsEntry("targetPeriodEndYear", 2027)
        .containsEntry("partnersToTarget", Math.max(0, 32L - before - 1));
  }

  @Test
  void partnerCallTZP_E7_TZP_Q3_theSelectionTableShowsKeyFiguresAndTheLocalityOpinionPriorityFirst() {
    ProcessInstance call = open(3, Map.of());
    Map<String, Object> other = eligibleApplication(callId, 50, "tz-locality-zhangjiawan");
    other.put("industryField", "其他");
    other.put("rdStaff", 30);
    ProcessInstance nonPriority = fixtures.apply("xuting", other);
    started.add(nonPriority.getId());
    fixtures.completeAs("zhouqiang", List.of("tz-locality-zhangjiawan"), taskOf(nonPriority).getId(),
        PartnerFixtures.recommendation("本镇重点培育企业，研发团队稳定"));
    recommendThree();
    selectionTask(call);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) engine.getRuntimeService()
        .getVariable(call.getId(), "recommendedApplications");
    Assertions.assertThat(rows).hasSize(4);
    Assertions.assertThat(rows.get(0)).containsEntry("priority", "是").containsEntry("rdStaff", 12)
        .containsEntry("rdSpending", 350.5).containsEntry("ownedIpCount", 4).containsEntry("localityOpinion", "推荐");
    Assertions.assertThat(rows.get(3)).containsEntry("applicationId", nonPriority.getId()).containsEntry("priority", "否")
        .containsEntry("rdStaff", 30).containsEntry("localityOpinion", "推荐：本镇重点培育企业，研发团队稳定");
  }

  private Task taskOf(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  @Test
  void partnerCallNoCandidatesSelectedEndsTheRoundAndTellsEveryApplicant() {
    ProcessInstance call = open(3, Map.of());
    List<String> applications = recommendThree();
    fixtures.completeAs("wanglixin", OFFICERS, selectionTask(call).getId(),
        PartnerFixtures.selection(List.of(), "本轮推荐单位均未达到要求"));
    execute(job(call));

    assertThat(call).hasPassed("Task_PublishResults", "EndEvent_CallClosedWithoutPartners").isEnded();
    for (String id : applications) {
      ProcessInstance application = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
      assertThat(application).isWaitingAt("Task_AcknowledgeOutcome").variables().containsEntry("outcome", "not-selected");
    }
  }

  @Test
  void partnerCallOnlyRecommendedApplicationsReachTheReview() {
    ProcessInstance call = open(3, Map.of());
    recommendThree();
    ProcessInstance pending = fixtures.apply("xuting", eligibleApplication(callId, 40, "tz-locality-taihu"));
    started.add(pending.getId());
    selectionTask(call);
    Assertions.assertThat(engine.getRuntimeService().getVariable(call.getId(), "recommendedCount")).isEqualTo(3);
    assertThat(pending).isWaitingAt("Task_RecommendApplication");
  }

  /** Three applications from three localities, each recommended by its clerk. */
  @Test
  void partnerCallTZP_N2_theNoticeRecordsWhereWhenAndByWhomTheListWasPublished() {
    ProcessInstance call = open(3, Map.of());
    List<String> applications = recommendThree();
    Task selection = selectionTask(call);
    Map<String, Object> nowhere = new java.util.HashMap<>(PartnerFixtures.selection(applications.subList(0, 1), "择优入选"));
    nowhere.put("noticeChannel", "朋友圈");
    nowhere.put("noticeAddress", " ");

    Assertions.assertThatThrownBy(() -> fixtures.completeAs("wanglixin", OFFICERS, selection.getId(), nowhere))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-N2] noticeChannel")
        .hasMessageContaining("通州区人民政府网站").hasMessageContaining("[TZP-N2] noticeAddress");
    assertThat(call).isWaitingAt("Task_SelectPartners");

    ClockUtil.setCurrentTime(at(2026, 4, 7, 10));
    fixtures.completeAs("wanglixin", OFFICERS, selection.getId(),
        PartnerFixtures.selection(applications.subList(0, 1), "择优入选"));
    ProcessInstance notice = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("public-notice")
        .superProcessInstanceId(call.getId()).singleResult();
    execute(job("Task_PublishNotice", notice));

    @SuppressWarnings("unchecked")
    Map<String, Object> publication = (Map<String, Object>) engine.getRuntimeService()
        .getVariable(notice.getId(), "noticePublication");
    Assertions.assertThat(publication).containsEntry("channel", PartnerFixtures.NOTICE_CHANNEL)
        .containsEntry("address", PartnerFixtures.NOTICE_ADDRESS).containsEntry("publishedBy", "wanglixin")
        .containsEntry("publishedAt", "2026-04-07T10:00+08:00");
  }

  private List<String> recommendThree() {
    String[][] localities = {{"tz-locality-songzhuang", "sunpeng"}, {"tz-locality-zgc-tongzhou", "liuyang"},
        {"tz-locality-canal-cbd", "zhaomin"}};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < localities.length; i++) {
      ProcessInstance application = fixtures.apply("huanglei", eligibleApplication(callId, 30 + i, localities[i][0]));
      started.add(application.getId());
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(application.getId()).singleResult();
      fixtures.completeAs(localities[i][1], List.of(localities[i][0]), task.getId(), PartnerFixtures.recommendation());
      ids.add(application.getId());
    }
    return ids;
  }

  /** Moves past the recommendation deadline, fires the call's timer and scores every application (TZP-R2). */
  private Task selectionTask(ProcessInstance call) {
    ClockUtil.setCurrentTime(at(2026, 4, 4, 0));
    execute(job("IntermediateCatchEvent_RecommendationClosed", call));
    fixtures.reviewEveryApplication(call, 80, 75);
    assertThat(call).isWaitingAt("Task_SelectPartners");
    return engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult();
  }
}
