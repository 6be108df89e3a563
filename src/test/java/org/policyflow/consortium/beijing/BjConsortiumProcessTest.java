package org.policyflow.consortium.beijing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.credit.PersonDocument;
import org.policyflow.shared.experts.ExpertReviewDriver;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** bj-consortium on the engine: every path and every BJC rule passing and failing, with real expert reviews. */
@PolicyflowIntegrationTest
class BjConsortiumProcessTest {

  static final String OFFICER = "lijianguo";
  static final String COMMISSIONER = "sunwen";
  /** EXC-1: an exception the officer asks for is decided by another bj-sti officer. */
  static final String SECOND_OFFICER = "zhaoyu";
  static final String LEAD_CODE = "91110108MA01XKQ126";
  // Units with registry records get codes of their own: the registry is shared history, and a record for
  // LEAD_CODE would refuse the lead unit of every later test (BJC-I2).
  static final String DISHONEST_CODE = code("91110108MA01XKR1");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired CreditRegistry creditRegistry;
  @Autowired TestRestTemplate http;

  private ExpertReviewDriver experts;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
    experts = new ExpertReviewDriver(engine);
    clock("2025-11-03T09:00+08:00");
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
    for (String id : started) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtimeService.deleteProcessInstance(id, "test cleanup");
      }
    }
  }

  // ---------------------------------------------------------------- full path

  @Test
  void consortiumBJC_F1_P1_supportedConsortiumIsFundedByMilestoneAndEvaluatedAtTheSetDates() {
    ProcessInstance consortium = supported("北京集成电路装备创新联合体");
    long supported = (Long) runtimeService.getVariable(consortium.getId(), "supportedConsortia");
    Assertions.assertThat((String) runtimeService.getVariable(consortium.getId(), "targetStatusText")).contains("20");

    // BJC-F1 over the consortium's own milestones (BJC-P2): names, indicators and shares from its plan.
    for (String stage : List.of("光刻胶样品通过验证", "中试线建成", "产业化验收")) {
      Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "currentMilestone")).isEqualTo(stage);
      complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "passed", "milestoneAssessmentComment", "按期完成"));
    }
    assertThat(consortium).hasPassed("EndEvent_MilestonesCompleted");
    List<Map<String, Object>> releases = VariableValues.rows(runtimeService.getVariable(consortium.getId(), "fundingReleases"));
    Assertions.assertThat(releases).extracting(r -> r.get("stage")).containsExactly("光刻胶样品通过验证", "中试线建成", "产业化验收");
    Assertions.assertThat(releases).extracting(r -> ((Number) r.get("amount")).doubleValue()).containsExactly(200.0, 500.0, 300.0);

    // BJC-P1: the evaluation waits for the date the department set (2026-06-30).
    Job evaluation = evaluationTimer(consortium);
    Assertions.assertThat(evaluation.getDuedate()).isEqualTo(at("2026-06-30T00:00+08:00"));
    clock("2026-06-30T08:00+08:00");
    managementService.executeJob(evaluation.getId());
    complete("Task_EvaluatePerformance", consortium, Map.of("performanceRating", "excellent",
        "evaluationComment", "攻克关键技术两项", "nextEvaluationDate", "2026-12-15"));
    complete("Task_IncreaseSupport", consortium, Map.of("measureDescription", "追加支持重点应用场景示范", "measureAmount", 200));
    Job next = evaluationTimer(consortium);
    Assertions.assertThat(next.getDuedate()).isEqualTo(at("2026-12-15T00:00+08:00"));
    clock("2026-12-15T08:00+08:00");
    managementService.executeJob(next.getId());
    complete("Task_EvaluatePerformance", consortium, Map.of("performanceRating", "qualified", "evaluationComment", "按计划推进"));

    assertThat(consortium).hasPassed("EndEvent_EvaluationsCompleted", "Task_IncreaseSupport").isEnded();
    Assertions.assertThat(VariableValues.rows(historicVariable(consortium, "performanceEvaluations")))
        .extracting(e -> e.get("rating")).containsExactly("excellent", "qualified");
    Assertions.assertThat(supported).isPositive();
  }

  @Test
  void consortiumBJC_F1_milestoneFundingBlockedByAFailedStage() {
    ProcessInstance consortium = supported("北京智能网联汽车创新联合体");
    complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "failed", "milestoneAssessmentComment", "样机未完成"));
    assertThat(consortium).isWaitingAt("Task_HandleFailedMilestone", "IntermediateCatchEvent_EvaluationDue")
        .hasNotPassed("Task_ReleaseMilestoneFunding");
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "fundingReleases")).isNull();

    // Even forcing the instance onto the release cannot pay the failed stage.
    Assertions.assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(consortium.getId())
            .startBeforeActivity("Task_ReleaseMilestoneFunding").execute())
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("BJC-F1").hasMessageContaining("光刻胶样品通过验证");

    complete("Task_HandleFailedMilestone", consortium, Map.of("failedMilestoneDecision", "reassess", "failedMilestoneNote", "限期一个月整改"));
    complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "passed", "milestoneAssessmentComment", "整改到位"));
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "fundingReleases")))
        .singleElement().satisfies(r -> Assertions.assertThat(r.get("stage")).isEqualTo("光刻胶样品通过验证"));

    complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "failed", "milestoneAssessmentComment", "中期目标未达成"));
    complete("Task_HandleFailedMilestone", consortium, Map.of("failedMilestoneDecision", "stop", "failedMilestoneNote", "停止后续拨付"));
    assertThat(consortium).hasPassed("EndEvent_FundingStopped");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "fundingReleases"))).hasSize(1);
  }

  @Test
  void consortiumBJC_P1_notUpToStandardNeedsRectificationOrRecovery() {
    ProcessInstance consortium = supported("北京医药健康创新联合体");
    clock("2026-06-30T08:00+08:00");
    managementService.executeJob(evaluationTimer(consortium).getId());
    Task evaluation = task("Task_EvaluatePerformance", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(evaluation, Map.of("performanceRating", "substandard",
            "evaluationComment", "关键指标未完成", "nextEvaluationDate", "2026-01-01")))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-P1] substandardMeasure").hasMessageContaining("[BJC-P1] nextEvaluationDate");
    completeAsOfficer(evaluation, Map.of("performanceRating", "substandard", "substandardMeasure", "recovery",
        "evaluationComment", "关键指标未完成"));
    complete("Task_RectifyOrRecover", consortium, Map.of("measureDescription", "追回第二阶段资金", "measureAmount", 400));
    assertThat(consortium).hasPassed("Task_RectifyOrRecover", "EndEvent_EvaluationsCompleted");
  }

  // ---------------------------------------------------------------- lead unit

  @Test
  void consortiumBJC_L1_EXC_1_leadOutsideBeijingNeedsAnExceptionThatAnotherBjStiOfficerGrants() {
    ProcessInstance consortium = propose("津京冀机器人创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("leadRegisteredInBeijing", false);
    Task task = task("Task_SelectLeadUnit", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, lead))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-L1]").hasMessageContaining("申请例外");

    lead.put("leadL1Exception", true);
    lead.put("leadL1ExceptionReason", "短");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, lead))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-3] leadL1ExceptionReason");

    lead.put("leadL1ExceptionReason", "牵头单位总部在天津，但研发中心及主要团队在京");
    completeAsOfficer(task, lead);
    assertThat(consortium).isWaitingAt("CallActivity_LeadException");
    Task decide = exceptionTask(consortium);
    Assertions.assertThat(taskService.getIdentityLinksForTask(decide.getId()))
        .anySatisfy(link -> Assertions.assertThat(link.getGroupId()).isEqualTo("bj-sti"));

    // EXC-1 over HTTP: the requester's own decision is refused with 400 and changes nothing.
    ResponseEntity<Map> refused = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/task/" + decide.getId() + "/submit-form", Map.of("variables", Map.of(
            "exceptionDecision", Map.of("value", "grant"),
            "exceptionDecisionReason", Map.of("value", "本人提出，本人认为可以准予"))), Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[EXC-1] exceptionDecision")
        .contains("四眼原则");
    Assertions.assertThat(taskService.createTaskQuery().taskId(decide.getId()).singleResult()).isNotNull();
    Assertions.assertThat(runtimeService.getVariable(decide.getProcessInstanceId(), "exceptionDecision")).isNull();
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "ruleExceptions")).isNull();

    decideException(SECOND_OFFICER, decide, "grant", "研发中心和团队在京，符合在京集聚创新资源的要求");
    assertThat(consortium).isWaitingAt("Task_DetermineMembers");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "ruleExceptions")))
        .singleElement().satisfies(e -> Assertions.assertThat(e).containsEntry("rules", List.of("BJC-L1"))
            .containsEntry("requestedBy", OFFICER).containsEntry("decidedBy", SECOND_OFFICER)
            .containsEntry("requestReason", "牵头单位总部在天津，但研发中心及主要团队在京")
            .containsEntry("result", "准予例外").containsKey("decidedAt"));
  }

  @Test
  void consortiumBJC_L1_EXC_1_aRefusedExceptionReturnsToLeadSelectionWithTheReason() {
    ProcessInstance consortium = propose("津京冀机器人创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("leadRegisteredInBeijing", false);
    lead.put("leadL1Exception", true);
    lead.put("leadL1ExceptionReason", "牵头单位总部在天津，但研发中心及主要团队在京");
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead);
    decideException(SECOND_OFFICER, exceptionTask(consortium), "refuse", "研发团队在京人数不足，不符合在京注册的要求");

    assertThat(consortium).isWaitingAt("Task_SelectLeadUnit");
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "exceptionDecisionReason"))
        .isEqualTo("研发团队在京人数不足，不符合在京注册的要求");
    Map<String, Object> corrected = leadForm();
    corrected.put("leadL1Exception", false);
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), corrected);
    assertThat(consortium).isWaitingAt("Task_DetermineMembers");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "ruleExceptions")))
        .singleElement().satisfies(e -> Assertions.assertThat(e).containsEntry("result", "不予例外"));
  }

  @Test
  void consortiumBJC_I2_EXC_2_anExceptionForTheLocationDoesNotSetAsideABadCreditRecord() {
    String code = code("91110108MA01XKW1");
    registerBadCredit(code, "天津某失信机器人企业", "2025-07-01", "京科监〔2025〕9号");
    Map<String, Object> proposal = proposal("津京冀机器人创新联合体");
    proposal.put("leadUnitCreditCode", code);
    ProcessInstance consortium = proposeWith(proposal);
    Map<String, Object> lead = leadForm();
    lead.put("leadRegisteredInBeijing", false);
    lead.put("leadL1Exception", true);
    lead.put("leadL1ExceptionReason", "牵头单位总部在天津，但研发中心及主要团队在京");
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead);
    Assertions.assertThat(runtimeService.getVariable(exceptionTask(consortium).getProcessInstanceId(), "exceptionRules"))
        .isEqualTo(List.of("BJC-L1"));
    decideException(SECOND_OFFICER, exceptionTask(consortium), "grant", "研发中心和团队在京，符合在京集聚创新资源的要求");
    assertThat(consortium).hasPassed("EndEvent_LeadNotSelected").isEnded();
    Assertions.assertThat((String) historicVariable(consortium, "leadNotSelectedReason")).startsWith("[BJC-I2]");
  }

  @Test
  void consortiumBJC_L2_L3_insufficientCapabilityKeepsTheLeadOffTheList() {
    ProcessInstance consortium = propose("北京某创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("leadIntegrationCapability", "insufficient");
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead);
    assertThat(consortium).hasPassed("EndEvent_LeadNotSelected").isEnded();
    Assertions.assertThat(VariableValues.map(historicVariable(consortium, "leadJudgement")))
        .containsEntry("BJC-L2", "meets").containsEntry("BJC-L3", "insufficient").containsEntry("judgedBy", OFFICER);
  }

  @Test
  void consortiumBJC_D1_D2_FORM_L2_fieldModeDirectionAndJudgementAreRequired() {
    ProcessInstance consortium = propose("北京某创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("field", "other");
    lead.put("formationMode", "临时拼凑");
    lead.put("directionUrgency", "");
    lead.remove("leadRdCapability");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-D1] field").hasMessageContaining("[BJC-D2] formationMode")
        .hasMessageContaining("[BJC-FORM] directionUrgency").hasMessageContaining("[BJC-L2]");
  }

  /** 004 §三1 "聚焦新一代信息技术…智能网联汽车等本市高精尖产业领域": another field is accepted and flagged. */
  @Test
  void consortiumBJC_D1_aFieldOutsideTheListedOnesIsAcceptedAndFlaggedForTheOfficer() {
    ProcessInstance listed = propose("北京某集成电路创新联合体");
    completeAsOfficer(task("Task_SelectLeadUnit", listed), leadForm());
    assertThat(listed).isWaitingAt("Task_DetermineMembers").variables().containsEntry("priorityField", true)
        .containsEntry("field", "集成电路");
    Assertions.assertThat(runtimeService.getVariable(listed.getId(), "fieldAttention")).isNull();

    ProcessInstance other = propose("北京某人工智能创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("field", "other");
    lead.put("otherField", "人工智能");
    completeAsOfficer(task("Task_SelectLeadUnit", other), lead);
    assertThat(other).isWaitingAt("Task_DetermineMembers").variables().containsEntry("priorityField", false)
        .containsEntry("field", "人工智能");
    Assertions.assertThat((String) runtimeService.getVariable(other.getId(), "fieldAttention"))
        .startsWith("[BJC-D1]").contains("人工智能").contains("等");
    // A client sending the field as text directly is treated the same way.
    ProcessInstance direct = propose("北京某区块链创新联合体");
    Map<String, Object> text = leadForm();
    text.put("field", "区块链与先进计算");
    completeAsOfficer(task("Task_SelectLeadUnit", direct), text);
    assertThat(direct).isWaitingAt("Task_DetermineMembers").variables().containsEntry("priorityField", false);
  }

  @Test
  void consortiumProposalWithAnInvalidCreditCodeIsRefused() {
    Map<String, Object> proposal = proposal("北京某创新联合体");
    proposal.put("leadUnitCreditCode", "91110108MA01XKQ127");
    Assertions.assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("bj-consortium", proposal))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("leadUnitCreditCode");
  }

  // ---------------------------------------------------------------- members

  @Test
  void consortiumBJC_M1_M2_EXC_1_membersNeedAnEnterpriseAndAResearchUnitUnlessAnotherOfficerGrantsAnException() {
    ProcessInstance consortium = leadSelected("北京某创新联合体");
    Task task = task("Task_DetermineMembers", consortium);
    Map<String, Object> onlyUniversities = new HashMap<>(Map.of("members", List.of(
        member("清华大学", "university", "北京"), member("北京大学", "university", "北京"))));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, onlyUniversities))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-M1]").hasMessageContainingAll("原则上");
    Map<String, Object> onlyEnterprises = Map.of("members", List.of(member("北京某芯片设计有限公司", "enterprise", "北京")));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, onlyEnterprises))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-M2]").satisfies(e ->
            Assertions.assertThat(e.getMessage()).doesNotContain("[BJC-M1]"));

    onlyUniversities.put("memberException", true);
    onlyUniversities.put("memberExceptionReason", "产业链企业将在揭榜挂帅后三个月内加入，经专题会研究同意");
    completeAsOfficer(task, onlyUniversities);
    assertThat(consortium).isWaitingAt("CallActivity_MemberException");
    Task decide = exceptionTask(consortium);
    Assertions.assertThatThrownBy(() -> decideException(OFFICER, decide, "grant", "本人提出，本人认为可以准予"))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-1] exceptionDecision");
    decideException(SECOND_OFFICER, decide, "grant", "揭榜挂帅项目已明确企业参与，准予例外");
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "ruleExceptions")))
        .singleElement().satisfies(e -> Assertions.assertThat(e).containsEntry("rules", List.of("BJC-M1"))
            .containsEntry("requestedBy", OFFICER).containsEntry("decidedBy", SECOND_OFFICER));
  }

  /** BJC-M3: members from outside Beijing (Tianjin, Hebei, abroad) are accepted; no location check. */
  @Test
  void consortiumBJC_M3_membersAreNotRestrictedByRegion() {
    ProcessInstance consortium = leadSelected("京津冀智能制造创新联合体");
    completeAsOfficer(task("Task_DetermineMembers", consortium), Map.of("members", List.of(
        member("天津某装备制造有限公司", "enterprise", "天津"),
        member("河北工业大学", "university", "河北"),
        member("Fraunhofer IPT", "research-institute", "德国"))));
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");
    Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(consortium.getId(), "memberOrganisations")))
        .containsExactly("天津某装备制造有限公司", "河北工业大学", "Fraunhofer IPT");
  }

  // ---------------------------------------------------------------- agreement

  @Test
  void consortiumBJC_A1_missingMechanismsAreNamed() {
    ProcessInstance consortium = membersDetermined("北京某创新联合体");
    Map<String, Object> agreement = agreementForm();
    agreement.put("agreementMechanisms", List.of("责任落实", "协同攻关", "决策运行", "知识产权管理", "开放创新合作"));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task("Task_RecordAgreement", consortium), agreement))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-A1] agreementMechanisms: 组建协议未明确资金筹措机制")
        .hasMessageContaining("[BJC-A1] agreementMechanisms: 组建协议未明确利益分配机制")
        .satisfies(e -> Assertions.assertThat(e.getMessage()).doesNotContain("责任落实机制"));
  }

  @Test
  void consortiumBJC_A2_dualChiefsAndProjectCommissionerAreRequired() {
    ProcessInstance consortium = membersDetermined("北京某创新联合体");
    Map<String, Object> agreement = agreementForm();
    agreement.remove("technicalLeadName");
    agreement.remove("commissionerBackground");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task("Task_RecordAgreement", consortium), agreement))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-A2] technicalLeadName")
        .hasMessageContaining("[BJC-A2] commissionerBackground");
  }

  @Test
  void consortiumBJC_I1_noIntegrityCommitmentIsRefusedOverRest() {
    ProcessInstance consortium = membersDetermined("北京某创新联合体");
    Task task = task("Task_RecordAgreement", consortium);
    // The documents are there (DOC-1), so the refusal is the form's own commitment, BJC-I1 alone.
    DossierUploads.uploadRequired(http, OFFICER, task.getId());
    Map<String, Object> variables = new HashMap<>();
    agreementForm().forEach((k, v) -> variables.put(k, Map.of("value", v)));
    variables.put("agreementMechanisms", Map.of("value", "[\"责任落实\",\"协同攻关\",\"决策运行\",\"资金筹措\",\"知识产权管理\",\"开放创新合作\",\"利益分配\"]",
        "type", "Json"));
    variables.put("planMilestones", Map.of("value", json(agreementForm().get("planMilestones")), "type", "Json"));
    variables.put("integrityCommitment", Map.of("value", false));
    ResponseEntity<Map> refused = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", variables), Map.class);
    Assertions.assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[BJC-I1]").doesNotContain("BJC-A1");
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");
  }

  // ---------------------------------------------------------------- review

  @Test
  void consortiumEXP_2_anExpertOfAMemberOrganisationIsNeverDrawnInAnyStage() {
    ProcessInstance consortium = submitted("北京集成电路创新联合体");
    for (String stage : List.of("material", "site", "defense")) {
      ProcessInstance review = runtimeService.createProcessInstanceQuery().superProcessInstanceId(consortium.getId()).singleResult();
      Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(review.getId(), "panel")))
          .hasSize(5).doesNotContain("zhanghua", "wuqiang");
      Assertions.assertThat(runtimeService.getVariable(review.getId(), "applicantOrganisation")).isEqualTo("北京芯联微电子有限公司");
      experts.scoreAll(consortium.getId(), 80);
      Assertions.assertThat(runtimeService.getVariable(consortium.getId(), stage + "ReviewPassed")).isEqualTo(true);
    }
    assertThat(consortium).isWaitingAt("Task_DecideSupport");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "siteReviewScores"))).hasSize(5);
    // Each stage scored its own criteria (review-criteria.dmn); bj-sti's decision form shows them.
    Map<String, List<String>> codes = Map.of(
        "material", List.of("necessity", "urgency", "feasibility", "leadCapability", "memberComplementarity"),
        "site", List.of("researchConditions", "resourceSupport", "feasibility"),
        "defense", List.of("necessity", "urgency", "feasibility", "developmentPlan"));
    codes.forEach((stage, expected) -> {
      Map<String, Object> result = VariableValues.map(runtimeService.getVariable(consortium.getId(), stage + "ReviewCriteriaResult"));
      Assertions.assertThat(VariableValues.rows(result.get("criteria"))).extracting(c -> c.get("code"))
          .as(stage).containsExactlyElementsOf(expected);
      Assertions.assertThat(result).containsEntry("overallScore", 80.0).containsEntry("passed", true);
    });
  }

  @Test
  void consortiumReviewFailedAtEachStageEndsWithoutSupport() {
    for (int failing = 0; failing < 3; failing++) {
      ProcessInstance consortium = submitted("北京某创新联合体" + failing);
      for (int stage = 0; stage < failing; stage++) {
        experts.scoreAll(consortium.getId(), 75);
      }
      experts.scoreAll(consortium.getId(), 50);
      assertThat(consortium).hasPassed("EndEvent_ReviewNotPassed").isEnded();
    }
  }

  @Test
  void consortiumSupportRefusedByBjSti() {
    ProcessInstance consortium = reviewed("北京某创新联合体");
    complete("Task_DecideSupport", consortium, Map.of("supportDecision", "rejected", "supportDecisionReason", "与已支持联合体方向重复"));
    assertThat(consortium).hasPassed("EndEvent_SupportRefused").isEnded();
    Assertions.assertThat(historicVariable(consortium, "supported")).isEqualTo(false);
  }

  @Test
  void consortiumBJC_F1_P1_supportNeedsAnAmountAndAFutureEvaluationDate() {
    ProcessInstance consortium = reviewed("北京某创新联合体");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task("Task_DecideSupport", consortium),
            Map.of("supportDecision", "supported", "supportDecisionReason", "三轮评审均通过", "evaluationDate", "2025-01-01")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-F1] totalFunding")
        .hasMessageContaining("[BJC-P1] evaluationDate");
  }

  @Test
  void consortiumMatureOneSupportOne_eachConsortiumMovesOnItsOwnAgainstTheTarget() {
    ResponseEntity<Map> before = http.withBasicAuth(OFFICER, "demo").getForEntity("/api/bj-consortium/target", Map.class);
    Assertions.assertThat(before.getBody()).containsEntry("targetConsortia", 20).containsEntry("targetYear", 2025);
    int supportedBefore = ((Number) before.getBody().get("supportedConsortia")).intValue();

    ProcessInstance waiting = propose("北京尚在遴选的创新联合体");
    supported("北京先成熟的创新联合体");
    assertThat(waiting).isWaitingAt("Task_SelectLeadUnit");

    ResponseEntity<Map> after = http.withBasicAuth(OFFICER, "demo").getForEntity("/api/bj-consortium/target", Map.class);
    Assertions.assertThat(((Number) after.getBody().get("supportedConsortia")).intValue()).isEqualTo(supportedBefore + 1);
    Assertions.assertThat(((Number) after.getBody().get("remaining")).intValue()).isEqualTo(Math.max(0, 20 - supportedBefore - 1));
  }


  // ---------------------------------------------------------------- development plan (BJC-P2, 004 §三5)

  @Test
  void consortiumBJC_P2_developmentPlanNeedsItsMainIndicatorsAndTheConsortiumsOwnMilestones() {
    ProcessInstance consortium = membersDetermined("北京某创新联合体");
    Task task = task("Task_RecordAgreement", consortium);
    Map<String, Object> incomplete = agreementForm();
    incomplete.remove("planKeyTasks");
    incomplete.put("planFundingArrangement", " ");
    incomplete.put("planMilestones", List.of(milestone("样品验证", "2026-03-31", "样品通过验证", 20),
        milestone("中试", "2026-09-30", "中试线建成", 50), milestone("验收", "2027-06-30", "量产", 20)));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, incomplete))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-P2] planKeyTasks: 发展规划须明确关键核心任务")
        .hasMessageContaining("[BJC-P2] planFundingArrangement: 发展规划须明确资金投入安排")
        .hasMessageContaining("[BJC-P2] planMilestones: 各里程碑拨付比例之和须为100%，现为90%")
        .satisfies(e -> Assertions.assertThat(e.getMessage()).doesNotContain("planResearchSchedule"));

    Map<String, Object> disordered = agreementForm();
    disordered.put("planMilestones", List.of(milestone("样品验证", "2025-10-01", "样品通过验证", 50),
        milestone("中试", "2026-09-30", "", 30), milestone("验收", "2026-06-30", "量产", 20)));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, disordered))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("第1个里程碑须填写晚于今天的计划完成日期")
        .hasMessageContaining("第2个里程碑须填写名称和考核指标");
    Map<String, Object> none = agreementForm();
    none.put("planMilestones", List.of());
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, none))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-P2] planMilestones: 发展规划须列明至少一个里程碑");
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");

    completeAsOfficer(task, agreementForm());
    assertThat(consortium).isWaitingAt("CallActivity_MaterialReview");
    // The plan is part of the case's dossier, under the form's own labels.
    ResponseEntity<Map> dossier = http.withBasicAuth(OFFICER, "demo").getForEntity("/api/dossiers/" + consortium.getId(), Map.class);
    Assertions.assertThat(dossier.getStatusCode()).isEqualTo(HttpStatus.OK);
    Assertions.assertThat(String.valueOf(dossier.getBody().get("sections")))
        .contains("关键核心任务", "高端光刻胶树脂与光酸合成工艺攻关", "成果验收考核指标", "资金投入安排");
  }

  @Test
  void consortiumBJC_F1_P2_milestonesAreTheConsortiumsOwnWithTheirDatesAndIndicators() {
    ProcessInstance consortium = supported("北京某自定里程碑创新联合体");
    List<Map<String, Object>> plan = VariableValues.rows(runtimeService.getVariable(consortium.getId(), "milestonePlan"));
    Assertions.assertThat(plan).extracting(m -> m.get("stage"), m -> m.get("plannedDate"), m -> m.get("sharePercent"))
        .containsExactly(Assertions.tuple("光刻胶样品通过验证", "2026-03-31", 20), Assertions.tuple("中试线建成", "2026-09-30", 50),
            Assertions.tuple("产业化验收", "2027-06-30", 30));
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "currentMilestoneIndicator")).isEqualTo("两款样品通过客户验证");
    complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "passed", "milestoneAssessmentComment", "按期完成"));
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "currentMilestone")).isEqualTo("中试线建成");
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "currentMilestonePlannedDate")).isEqualTo("2026-09-30");
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "milestoneAssessments")))
        .singleElement().satisfies(a -> Assertions.assertThat(a.get("indicator")).isEqualTo("两款样品通过客户验证"));
  }

  // ---------------------------------------------------------------- follow-up (BJC-S1, 004 §三3, §八1)

  @Test
  void consortiumBJC_S1_theCommissionerFollowsUpEveryCycleAndAnOverdueFollowUpGoesToBjSti() {
    ProcessInstance consortium = supported("北京某服务包创新联合体");
    Job cycle = followUpCycle(consortium);
    // follow-up-cycle R/P3M, started when the consortium was supported (2025-11-03 09:00).
    Assertions.assertThat(cycle.getDuedate()).isEqualTo(at("2026-02-03T09:00+08:00"));
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(consortium.getId())
        .taskDefinitionKey("Task_CommissionerFollowUp").count()).isZero();

    clock("2026-02-03T09:30+08:00");
    managementService.executeJob(cycle.getId());
    Task first = task("Task_CommissionerFollowUp", consortium);
    Assertions.assertThat(first.getName()).isEqualTo("项目专员跟进服务（第1次）：北京某服务包创新联合体");
    Assertions.assertThat(taskService.createTaskQuery().taskId(first.getId()).taskCandidateGroup("bj-commissioners").count()).isOne();
    Assertions.assertThat(first.getDueDate()).isAfter(at("2026-02-10T00:00+08:00"));
    Assertions.assertThat(followUpCycle(consortium).getDuedate()).as("the cycle goes on").isAfter(at("2026-04-30T00:00+08:00"));

    Assertions.assertThatThrownBy(() -> completeAs(COMMISSIONER, "bj-commissioners", first, Map.of("followUpDate", "2026-02-03",
            "followUpMethod", "visit", "followUpProblems", "中试设备进口受限", "followUpCoordination", "协调海关通关")))
        .hasRootCauseInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-S1] followUpProgress: 项目专员跟进须填写项目进展")
        .hasMessageContaining("[BJC-S1] servicePackageMeasures: 有需协调解决事项的，须填写服务包措施");
    // Over HTTP (Tasklist) the same refusal is a 400 naming field and rule, and the task stays open.
    ResponseEntity<Map> refused = http.withBasicAuth(COMMISSIONER, "demo").postForEntity(
        "/engine-rest/task/" + first.getId() + "/submit-form", Map.of("variables", Map.of(
            "followUpDate", Map.of("value", "2026-02-03"), "followUpMethod", Map.of("value", "visit"),
            "followUpProgress", Map.of("value", "样品已送两家客户验证"), "followUpProblems", Map.of("value", "中试设备进口受限"),
            "followUpCoordination", Map.of("value", "协调海关通关"))), Map.class);
    Assertions.assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[BJC-S1] servicePackageMeasures");
    Assertions.assertThat(taskService.createTaskQuery().taskId(first.getId()).count()).isOne();
    completeAs(COMMISSIONER, "bj-commissioners", first, Map.of("followUpDate", "2026-02-03", "followUpMethod", "visit",
        "followUpProgress", "样品已送两家客户验证", "followUpProblems", "中试设备进口受限", "followUpCoordination", "协调海关通关",
        "servicePackageMeasures", "市科委会同北京海关建立绿色通道，专人对接"));
    assertThat(consortium).hasPassed("EndEvent_FollowUpRecorded");
    Assertions.assertThat(runtimeService.getVariable(consortium.getId(), "followUpProgress"))
        .as("each follow-up keeps its entries in its own scope").isNull();
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "followUps"))).singleElement()
        .satisfies(f -> Assertions.assertThat(f).containsEntry("round", 1).containsEntry("recordedBy", COMMISSIONER)
            .containsEntry("measures", "市科委会同北京海关建立绿色通道，专人对接").containsEntry("late", false));

    // The second round is not recorded in time: the deadline passes, bj-sti is asked to supervise.
    clock("2026-05-04T09:00+08:00");
    managementService.executeJob(followUpCycle(consortium).getId());
    Task second = task("Task_CommissionerFollowUp", consortium);
    Job overdue = managementService.createJobQuery().processInstanceId(consortium.getId())
        .activityId("BoundaryEvent_FollowUpOverdue").singleResult();
    Assertions.assertThat(overdue.getDuedate()).isEqualTo(second.getDueDate());
    ClockUtil.setCurrentTime(new Date(overdue.getDuedate().getTime() + 3_600_000));
    managementService.executeJob(overdue.getId());
    Task supervise = task("Task_SuperviseOverdueFollowUp", consortium);
    Assertions.assertThat(taskService.createTaskQuery().taskId(supervise.getId()).taskCandidateGroup("bj-sti").count()).isOne();
    Assertions.assertThat(taskService.getVariable(supervise.getId(), "overdueFollowUpRound")).isEqualTo(2);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "overdueFollowUps"))).singleElement()
        .satisfies(o -> Assertions.assertThat(o).containsEntry("round", 2).containsEntry("taskId", second.getId()));
    assertThat(consortium).isWaitingAt("Task_CommissionerFollowUp", "Task_SuperviseOverdueFollowUp");

    completeAsOfficer(supervise, Map.of("supervisionNote", "已电话督促项目专员三日内完成跟进"));
    clock("2026-05-20T16:00+08:00");
    completeAs(COMMISSIONER, "bj-commissioners", second, Map.of("followUpDate", "2026-05-20", "followUpMethod", "remote",
        "followUpProgress", "中试线设备安装完成", "followUpProblems", "无"));
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(consortium.getId(), "followUps")))
        .extracting(f -> f.get("round"), f -> f.get("late")).containsExactly(Assertions.tuple(1, false), Assertions.tuple(2, true));
  }

  @Test
  void consortiumBJC_S1_theFollowUpCycleEndsWithTheOperatingPhase() {
    ProcessInstance consortium = supported("北京某短周期创新联合体");
    complete("Task_AssessMilestone", consortium, Map.of("milestoneAssessment", "failed", "milestoneAssessmentComment", "样品未通过"));
    complete("Task_HandleFailedMilestone", consortium, Map.of("failedMilestoneDecision", "stop", "failedMilestoneNote", "停止拨付"));
    clock("2026-06-30T08:00+08:00");
    managementService.executeJob(evaluationTimer(consortium).getId());
    complete("Task_EvaluatePerformance", consortium, Map.of("performanceRating", "qualified", "evaluationComment", "按计划推进"));
    assertThat(consortium).hasPassed("EndEvent_OperatingCompleted").isEnded();
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(consortium.getId()).count()).isZero();
  }

  // ---------------------------------------------------------------- credit

  @Test
  void consortiumBJC_CR1_verifiedDishonestyWritesABadCreditRecordThatMakesAPartnerApplicationIneligibleTZP_E5() {
    ProcessInstance consortium = supported("北京某失信创新联合体");
    ResponseEntity<Map> forbidden = http.withBasicAuth("zhanghua", "demo").postForEntity(
        "/api/bj-consortium/" + consortium.getId() + "/dishonesty-reports", Map.of("report", "x"), Map.class);
    Assertions.assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> reported = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/api/bj-consortium/" + consortium.getId() + "/dishonesty-reports",
        Map.of("report", "举报牵头单位虚报研发投入、伪造验收材料"), Map.class);
    Assertions.assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    Task verify = task("Task_VerifyDishonesty", consortium);
    Assertions.assertThat(taskService.getVariable(verify.getId(), "dishonestyReport")).isEqualTo("举报牵头单位虚报研发投入、伪造验收材料");
    completeAsOfficer(verify, Map.of("dishonestyVerified", "verified", "dishonestUnitName", "北京芯联微电子有限公司",
        "dishonestUnitCreditCode", DISHONEST_CODE, "responsiblePersons", List.of(
            person("王某甲", "财务负责人", "resident-id", WANG_ID), person("李某乙", "项目负责人", "passport", "e 1234 5678")),
        "verificationSource", "京科监〔2025〕9号核查结论", "verificationDescription", "伪造验收材料属实", "suspectedCrime", true));
    assertThat(consortium).isWaitingAt("Task_TransferToJudiciary");
    Assertions.assertThat(VariableValues.map(runtimeService.getVariable(consortium.getId(), "judicialTransferDecision")))
        .containsEntry("decidedBy", OFFICER);
    complete("Task_TransferToJudiciary", consortium, Map.of("transferAuthority", "北京市公安局经侦总队",
        "transferDocumentNo", "京科移〔2025〕1号", "transferDate", "2025-11-03"));
    assertThat(consortium).hasPassed("EndEvent_TransferredToJudiciary");

    // What the partner programme's TZP-E5 asks: bad credit or serious dishonesty within the last 3 years.
    LocalDate today = LocalDate.of(2025, 11, 3);
    Assertions.assertThat(creditRegistry.find(DISHONEST_CODE,
            EnumSet.of(CreditRecordType.SERIOUS_DISHONESTY, CreditRecordType.BAD_CREDIT), today.minusYears(3), today))
        .singleElement().satisfies(r -> {
          // 相关人员 are registry entries, found by name, not words inside the description.
          Assertions.assertThat(r.persons()).containsExactly(
              new CreditRecord.ResponsiblePerson("王某甲", "财务负责人", "resident-id", WANG_ID),
              new CreditRecord.ResponsiblePerson("李某乙", "项目负责人", "passport", "E12345678"));
          Assertions.assertThat(r.description()).doesNotContain("王某甲");
          Assertions.assertThat(r.type()).isEqualTo(CreditRecordType.BAD_CREDIT);
          Assertions.assertThat(r.ruleId()).isEqualTo("BJC-CR1");
          Assertions.assertThat(r.recordedBy()).isEqualTo(OFFICER);
          Assertions.assertThat(r.source()).isEqualTo("京科监〔2025〕9号核查结论");
        });

    Assertions.assertThat(creditRegistry.findByPerson("李某乙")).extracting(CreditRecord::creditCode).contains(DISHONEST_CODE);
    Assertions.assertThat(creditRegistry.findByPerson("李某")).as("a name is matched whole").isEmpty();
    // A person is found by the identity document, not a namesake: the document is the person's registry key.
    Assertions.assertThat(creditRegistry.findByPersonDocument("resident-id", WANG_ID.toLowerCase()))
        .extracting(CreditRecord::creditCode).containsExactly(DISHONEST_CODE);
    Assertions.assertThat(creditRegistry.findByPersonDocument("passport", "E12345678")).hasSize(1);
    Assertions.assertThat(creditRegistry.findByPersonDocument("resident-id", residentId("11010819850202123"))).isEmpty();

    // Months later the same organisation applies to the Tongzhou partner programme: TZP-E5 refuses it.
    ClockUtil.setCurrentTime(at("2026-03-02T09:00+08:00"));
    PartnerFixtures partner = new PartnerFixtures(engine);
    ProcessInstance call = partner.openCall("TZP-CR1-" + consortium.getId().substring(0, 8), "2026-03-20", 5, 2, Map.of());
    started.add(call.getId());
    Map<String, Object> application = PartnerFixtures.eligibleApplication(
        (String) runtimeService.getVariable(call.getId(), "callId"), 77, "tz-locality-songzhuang");
    application.put("creditCode", DISHONEST_CODE);
    ProcessInstance applied = partner.apply("huanglei", application);
    started.add(applied.getId());
    assertThat(applied).isWaitingAt("Task_AcknowledgeOutcome").variables()
        .containsEntry("eligible", false).containsEntry("outcome", "not-eligible");
    Assertions.assertThat((String) runtimeService.getVariable(applied.getId(), "outcomeReason"))
        .contains("[TZP-E5]").contains("京科监〔2025〕9号核查结论");
  }

  @Test
  void consortiumBJC_CR1_unfoundedReportsAndRecordsWithoutSuspectedCrime() {
    ProcessInstance consortium = propose("北京某创新联合体");
    String code = "91110105MA02ABCD1M";
    // bj-sti may not correlate messages through the engine API (no UPDATE on instances): the report goes
    // through the programme's own endpoint, which checks the group and delivers it on behalf of the system.
    identityService.setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      Assertions.assertThatThrownBy(() -> runtimeService.createMessageCorrelation(BjConsortiumController.DISHONESTY_MESSAGE)
          .processInstanceId(consortium.getId()).correlateWithResult()).hasMessageContaining("UPDATE");
    } finally {
      identityService.clearAuthentication();
    }
    for (int i = 0; i < 2; i++) {
      ResponseEntity<Map> reported = http.withBasicAuth(OFFICER, "demo").postForEntity(
          "/api/bj-consortium/" + consortium.getId() + "/dishonesty-reports", Map.of("report", "举报" + i), Map.class);
      Assertions.assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }
    Assertions.assertThat(http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/api/bj-consortium/" + consortium.getId() + "/dishonesty-reports", Map.of("report", " "), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/api/bj-consortium/no-such-instance/dishonesty-reports", Map.of("report", "举报"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    List<Task> reports = taskService.createTaskQuery().processInstanceId(consortium.getId())
        .taskDefinitionKey("Task_VerifyDishonesty").list();
    Assertions.assertThat(reports).hasSize(2);
    completeAsOfficer(reports.get(0), Map.of("dishonestyVerified", "unfounded", "verificationDescription", "经核查不属实"));
    Assertions.assertThat(taskService.getVariable(reports.get(1).getId(), "dishonestyVerified"))
        .as("a handled report's entries do not prefill the next report's form").isNull();
    Assertions.assertThatThrownBy(() -> completeAsOfficer(reports.get(1), Map.of("dishonestyVerified", "verified",
            "dishonestUnitName", "北京某公司", "verificationDescription", "属实")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("dishonestUnitCreditCode").hasMessageContaining("verificationSource");
    completeAsOfficer(reports.get(1), Map.of("dishonestyVerified", "verified", "dishonestUnitName", "北京某公司",
        "dishonestUnitCreditCode", code, "verificationSource", "京科监〔2025〕10号", "verificationDescription", "属实"));
    assertThat(consortium).hasPassed("EndEvent_ReportUnfounded", "EndEvent_BadCreditRecorded").isWaitingAt("Task_SelectLeadUnit");
    Assertions.assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(consortium.getId())
        .variableName("dishonestyVerified").includeDeleted().list()).as("history keeps both verifications").hasSize(2);
    Assertions.assertThat(creditRegistry.all(code)).singleElement()
        .satisfies(r -> Assertions.assertThat(r.type()).isEqualTo(CreditRecordType.BAD_CREDIT));
  }

  @Test
  void consortiumBJC_CR1_aPersonResponsibleNeedsAValidIdentityDocument() {
    ProcessInstance consortium = propose("北京某创新联合体");
    http.withBasicAuth(OFFICER, "demo").postForEntity("/api/bj-consortium/" + consortium.getId() + "/dishonesty-reports",
        Map.of("report", "举报虚报"), Map.class);
    Task verify = task("Task_VerifyDishonesty", consortium);
    Map<String, Object> verified = new HashMap<>(Map.of("dishonestyVerified", "verified", "dishonestUnitName", "北京某公司",
        "dishonestUnitCreditCode", code("91110105MA02ABC2"), "verificationSource", "京科监〔2025〕11号",
        "verificationDescription", "属实"));
    verified.put("responsiblePersons", List.of(Map.of("personName", "赵某丙", "personRole", "法定代表人"),
        person("钱某丁", "财务负责人", "resident-id", "110108198001011230")));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(verify, verified))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-CR1] responsiblePersons: 第1名相关人员（赵某丙）须填写证件类型和号码：请选择证件类型")
        .hasMessageContaining("第2名相关人员（钱某丁）须填写证件类型和号码：居民身份证号码应为18位且校验位正确");
    Assertions.assertThat(creditRegistry.all(code("91110105MA02ABC2"))).as("a refused verification writes nothing").isEmpty();
    verified.put("responsiblePersons", List.of(person("赵某丙", "法定代表人", "hk-macao-permit", "H12345678")));
    completeAsOfficer(verify, verified);
    Assertions.assertThat(creditRegistry.findByPersonDocument("hk-macao-permit", "H12345678"))
        .extracting(CreditRecord::creditCode).containsExactly(code("91110105MA02ABC2"));
  }

  // ---------------------------------------------------------------- integrity (BJC-I2, 004 §八3)

  /**
   * Issue 20 item 14 as it was reported: a unit with a recorded bad-credit entry was refused as a Tongzhou partner
   * (TZP-E5) and then started a Beijing consortium as its lead unit. The lead-unit check reads the same registry.
   */
  @Test
  void consortiumBJC_I2_aUnitRefusedAsPartnerUnderTZP_E5ForBadCreditIsNotSelectedAsLeadOfANewConsortium() {
    String code = code("91110108MA01XK71");
    ResponseEntity<Map> recorded = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/process-definition/key/credit-record/submit-form", Map.of("variables", Map.of(
            "organisationName", Map.of("value", "北京某失信科技有限公司"), "creditCode", Map.of("value", code),
            "recordType", Map.of("value", "bad-credit"), "recordDate", Map.of("value", "2025-10-15"),
            "source", Map.of("value", "京信用〔2025〕21号失信认定书"), "description", Map.of("value", "虚报科研项目经费"))),
        Map.class);
    Assertions.assertThat(recorded.getStatusCode()).as(String.valueOf(recorded.getBody())).isEqualTo(HttpStatus.OK);

    ClockUtil.setCurrentTime(at("2026-03-02T09:00+08:00"));
    PartnerFixtures partner = new PartnerFixtures(engine);
    ProcessInstance call = partner.openCall("TZP-I2-" + code.substring(10), "2026-03-20", 5, 2, Map.of());
    started.add(call.getId());
    Map<String, Object> application = PartnerFixtures.eligibleApplication(
        (String) runtimeService.getVariable(call.getId(), "callId"), 77, "tz-locality-songzhuang");
    application.put("creditCode", code);
    ProcessInstance applied = partner.apply("huanglei", application);
    started.add(applied.getId());
    assertThat(applied).isWaitingAt("Task_AcknowledgeOutcome").variables().containsEntry("eligible", false);
    Assertions.assertThat((String) runtimeService.getVariable(applied.getId(), "outcomeReason"))
        .contains("[TZP-E5]").contains("京信用〔2025〕21号失信认定书");

    clock("2026-03-10T09:00+08:00");
    Map<String, Object> proposal = proposal("北京某新组建创新联合体");
    proposal.put("leadUnitName", "北京某失信科技有限公司");
    proposal.put("leadUnitCreditCode", code);
    ProcessInstance consortium = proposeWith(proposal);
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), leadForm());
    assertThat(consortium).hasPassed("Task_CheckLeadUnit", "EndEvent_LeadNotSelected").hasNotPassed("Task_DetermineMembers")
        .isEnded();
    Assertions.assertThat((String) historicVariable(consortium, "leadNotSelectedReason"))
        .startsWith("[BJC-I2] 牵头单位近3年在信用登记簿中有不良信用记录").contains("京信用〔2025〕21号失信认定书");
  }

  @Test
  void consortiumBJC_I2_aLeadUnitWithABadCreditRecordIsNotSelectedAsTZP_E5RefusesAPartner() {
    String code = code("91110108MA01XK31");
    registerBadCredit(code, "北京某失信牵头企业", "2025-06-02", "京科监〔2025〕3号");
    Map<String, Object> proposal = proposal("北京某创新联合体");
    proposal.put("leadUnitCreditCode", code);
    ProcessInstance consortium = proposeWith(proposal);
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), leadForm());
    assertThat(consortium).hasPassed("EndEvent_LeadNotSelected").isEnded();
    Assertions.assertThat((String) historicVariable(consortium, "leadNotSelectedReason"))
        .startsWith("[BJC-I2] 牵头单位近3年在信用登记簿中有不良信用记录").contains("京科监〔2025〕3号");
    Assertions.assertThat(VariableValues.map(historicVariable(consortium, "leadJudgement")))
        .containsKey("BJC-I2").containsEntry("BJC-L2", "meets");
  }

  @Test
  void consortiumBJC_I2_aRecordOlderThanTheConfiguredPeriodDoesNotRefuseTheLead() {
    String code = code("91110108MA01XKT1");
    registerBadCredit(code, "北京某已修复信用企业", "2022-06-01", "京科监〔2022〕5号");
    Map<String, Object> proposal = proposal("北京某创新联合体");
    proposal.put("leadUnitCreditCode", code);
    ProcessInstance consortium = proposeWith(proposal);
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), leadForm());
    assertThat(consortium).isWaitingAt("Task_DetermineMembers");
  }

  @Test
  void consortiumBJC_I2_aMemberWithABadCreditRecordIsRefusedAndOneWithoutCodeIsFlagged() {
    String code = code("91110108MA01XKU1");
    registerBadCredit(code, "北京某失信封装企业", "2025-09-01", "京科监〔2025〕7号");
    ProcessInstance consortium = leadSelected("北京某创新联合体");
    Task task = task("Task_DetermineMembers", consortium);
    Map<String, Object> dishonest = new HashMap<>(member("北京某失信封装企业", "enterprise", "北京"));
    dishonest.put("memberCreditCode", code);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, Map.of("members", List.of(
            member("清华大学", "university", "北京"), dishonest))))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[BJC-I2] members")
        .hasMessageContaining("北京某失信封装企业").hasMessageContaining("京科监〔2025〕7号");
    Map<String, Object> clean = new HashMap<>(member("北京某封装测试有限公司", "enterprise", "北京"));
    clean.put("memberCreditCode", code("91110108MA01XK51"));
    completeAsOfficer(task, Map.of("members", List.of(member("Fraunhofer IPT", "research-institute", "德国"), clean)));
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");
    Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(consortium.getId(), "membersNotInRegistry")))
        .containsExactly("Fraunhofer IPT");
  }

  @Test
  void consortiumBJC_CR2_theLeadUnitNamesItsPersonsWithIdentityDocuments_otherwiseRefused() {
    ProcessInstance consortium = propose("北京某创新联合体");
    Task task = task("Task_SelectLeadUnit", consortium);
    Map<String, Object> none = leadForm();
    none.put("leadPersons", List.of());
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, none)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-CR2] leadPersons: 请填写牵头单位的相关人员");
    Map<String, Object> noDocument = leadForm();
    noDocument.put("leadPersons", List.of(person("周某", "法定代表人", "resident-id", "110108197003010512")));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, noDocument)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-CR2] leadPersons: 牵头单位第1名相关人员须填写证件类型和号码：居民身份证号码应为18位且校验位正确");
    assertThat(consortium).isWaitingAt("Task_SelectLeadUnit");
  }

  @Test
  void consortiumBJC_CR2_aLeadPersonTheRegistryNamesKeepsTheLeadOffTheList_theReasonNamesPersonAndEntry() {
    String idNumber = residentId("11010519800202231");
    registerPersonBadCredit(code("91110105MA01CR21"), "北京某原承担单位", "2025-08-01", "京科监〔2025〕11号", "郑某", idNumber);
    ProcessInstance consortium = propose("北京某创新联合体");
    Map<String, Object> lead = leadForm();
    lead.put("leadPersons", List.of(person("周某", "法定代表人", "resident-id", residentId("11010819700301051")),
        person("郑某", "项目负责人", "resident-id", idNumber.toLowerCase())));
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead);
    assertThat(consortium).hasPassed("EndEvent_LeadNotSelected").isEnded();
    String reason = (String) historicVariable(consortium, "leadNotSelectedReason");
    Assertions.assertThat(reason)
        .startsWith("[BJC-CR2] 牵头单位相关人员郑某（项目负责人，居民身份证 110105********" + idNumber.substring(14) + "）近3年在信用登记簿中有不良信用记录")
        .contains("京科监〔2025〕11号").contains("北京某原承担单位").doesNotContain(idNumber);
    Assertions.assertThat(VariableValues.map(historicVariable(consortium, "leadJudgement"))).containsKey("BJC-CR2");
  }

  @Test
  void consortiumBJC_CR2_aNamesakeWithAnotherDocumentOrARecordOlderThanThePeriodDoesNotRefuse() {
    registerPersonBadCredit(code("91110105MA01CR22"), "北京某旧失信单位", "2021-05-01", "京科监〔2021〕2号", "冯某",
        residentId("11010519810303341"));
    registerPersonBadCredit(code("91110105MA01CR23"), "北京某同名失信单位", "2025-05-01", "京科监〔2025〕12号", "冯某",
        residentId("11010519820404451"));
    ProcessInstance consortium = propose("北京某创新联合体");
    Map<String, Object> lead = leadForm();
    // The first: the person of the old record; the second: same name, another person (another document).
    lead.put("leadPersons", List.of(person("冯某", "法定代表人", "resident-id", residentId("11010519810303341")),
        person("冯某", "项目负责人", "resident-id", residentId("11010519830505561"))));
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), lead);
    assertThat(consortium).isWaitingAt("Task_DetermineMembers");
  }

  @Test
  void consortiumBJC_CR2_aMemberWhosePersonTheRegistryNamesIsRefusedWith400_theTaskStaysOpen() {
    String idNumber = residentId("11010619790606671");
    registerPersonBadCredit(code("91110106MA01CR24"), "北京某失信封装企业", "2025-10-01", "京科监〔2025〕13号", "卫某", idNumber);
    ProcessInstance consortium = leadSelected("北京某创新联合体");
    Task task = task("Task_DetermineMembers", consortium);
    DossierUploads.uploadRequired(http, OFFICER, task.getId());
    Map<String, Object> tainted = new HashMap<>(member("北京某封装测试有限公司", "enterprise", "北京"));
    tainted.put("memberPersonName", "卫某");
    tainted.put("memberPersonRole", "总经理");
    tainted.put("memberPersonIdNumber", idNumber);
    Map<String, Object> missing = new HashMap<>(member("清华大学", "university", "北京"));
    missing.remove("memberPersonIdNumber");
    missing.remove("memberPersonIdType");
    ResponseEntity<Map> refused = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of("members",
            Map.of("value", json(List.of(member("中国科学院微电子研究所", "research-institute", "北京"), tainted)), "type", "Json"))),
        Map.class);
    Assertions.assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message"))
        .contains("[BJC-CR2] members: 成员单位“北京某封装测试有限公司”的负责人卫某（总经理，居民身份证 110106********" + idNumber.substring(14) + "）")
        .contains("京科监〔2025〕13号").contains("北京某失信封装企业").doesNotContain(idNumber);
    assertThat(consortium).isWaitingAt("Task_DetermineMembers");

    // In-process too (the same delegate): a member without its person's document is refused.
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, Map.of("members", List.of(
            member("北京某封装测试有限公司", "enterprise", "北京"), missing))))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[BJC-CR2] members: 第2个成员单位的负责人须填写证件类型和号码");
    completeAsOfficer(task, Map.of("members", List.of(member("北京某封装测试有限公司", "enterprise", "北京"),
        member("清华大学", "university", "北京"))));
    assertThat(consortium).isWaitingAt("Task_RecordAgreement");
  }

  private void registerPersonBadCredit(String code, String unit, String date, String source, String name, String idNumber) {
    creditRegistry.record(new CreditRecord(code, unit, CreditRecordType.BAD_CREDIT, LocalDate.parse(date), source,
        "测试登记", null, OFFICER, null, List.of(new CreditRecord.ResponsiblePerson(name, "负责人", "resident-id", idNumber))));
  }

  private void registerBadCredit(String code, String name, String date, String source) {
    creditRegistry.record(new CreditRecord(code, name, CreditRecordType.BAD_CREDIT, LocalDate.parse(date), source,
        "测试登记", null, OFFICER, null));
  }

  private ProcessInstance proposeWith(Map<String, Object> proposal) {
    identityService.setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("bj-consortium", proposal);
      started.add(instance.getId());
      return instance;
    } finally {
      identityService.clearAuthentication();
    }
  }

  static final String WANG_ID = residentId("11010819800101123");

  static String residentId(String first17) {
    return first17 + PersonDocument.checkCharacter(first17);
  }

  static Map<String, Object> person(String name, String role, String idType, String idNumber) {
    return Map.of("personName", name, "personRole", role, "personIdType", idType, "personIdNumber", idNumber);
  }

  static String code(String first16) {
    String first17 = first16 + "2";
    return first17 + CreditCode.checkCharacter(first17);
  }

  // ---------------------------------------------------------------- helpers

  private ProcessInstance propose(String name) {
    identityService.setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("bj-consortium", proposal(name));
      started.add(instance.getId());
      return instance;
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ProcessInstance leadSelected(String name) {
    ProcessInstance consortium = propose(name);
    completeAsOfficer(task("Task_SelectLeadUnit", consortium), leadForm());
    return consortium;
  }

  private ProcessInstance membersDetermined(String name) {
    ProcessInstance consortium = leadSelected(name);
    completeAsOfficer(task("Task_DetermineMembers", consortium), Map.of("members", List.of(
        member("清华大学", "university", "北京"), member("中国科学院微电子研究所", "research-institute", "北京"),
        member("北京某封装测试有限公司", "enterprise", "北京"))));
    return consortium;
  }

  private ProcessInstance submitted(String name) {
    ProcessInstance consortium = membersDetermined(name);
    completeAsOfficer(task("Task_RecordAgreement", consortium), agreementForm());
    assertThat(consortium).isWaitingAt("CallActivity_MaterialReview");
    return consortium;
  }

  private ProcessInstance reviewed(String name) {
    ProcessInstance consortium = submitted(name);
    for (int stage = 0; stage < 3; stage++) {
      experts.scoreAll(consortium.getId(), 82);
    }
    assertThat(consortium).isWaitingAt("Task_DecideSupport");
    return consortium;
  }

  private ProcessInstance supported(String name) {
    ProcessInstance consortium = reviewed(name);
    complete("Task_DecideSupport", consortium, Map.of("supportDecision", "supported",
        "supportDecisionReason", "三个环节评审均通过，方向符合重点产业需求", "totalFunding", 1000, "evaluationDate", "2026-06-30"));
    assertThat(consortium).isWaitingAt("Task_AssessMilestone", "IntermediateCatchEvent_EvaluationDue");
    return consortium;
  }

  static Map<String, Object> proposal(String name) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("consortiumName", name);
    variables.put("leadUnitName", "北京芯联微电子有限公司");
    variables.put("leadUnitCreditCode", LEAD_CODE.toLowerCase());
    variables.put("technologyDemand", "高端光刻胶及配套材料国产化，突破“卡脖子”环节");
    return variables;
  }

  static Map<String, Object> leadForm() {
    Map<String, Object> lead = new HashMap<>();
    lead.put("field", "集成电路");
    lead.put("formationMode", "领军企业牵头");
    lead.put("directionNecessity", "产业链关键材料依赖进口");
    lead.put("directionUrgency", "供应链存在断供风险");
    lead.put("directionFeasibility", "已完成中试验证");
    lead.put("leadRegisteredInBeijing", true);
    lead.put("leadRdCapability", "meets");
    lead.put("leadRdComment", "研发人员800人，核心团队稳定");
    lead.put("leadIntegrationCapability", "meets");
    lead.put("leadIntegrationComment", "联合上下游20余家单位");
    lead.put("leadPersons", List.of(person("周某", "法定代表人", "resident-id", residentId("11010819700301051")),
        person("吴某", "项目负责人", "passport", "E87654321")));
    return lead;
  }

  static Map<String, Object> agreementForm() {
    Map<String, Object> agreement = new HashMap<>();
    agreement.put("agreementMechanisms", List.of("责任落实", "协同攻关", "决策运行", "资金筹措", "知识产权管理", "开放创新合作", "利益分配"));
    agreement.put("agreementSignedDate", "2025-10-20");
    agreement.put("administrativeLeadName", "赵总");
    agreement.put("administrativeLeadPosition", "董事长");
    agreement.put("technicalLeadName", "钱院士");
    agreement.put("technicalLeadProfile", "中国工程院院士，集成电路材料专家");
    agreement.put("commissionerName", "孙工");
    agreement.put("commissionerBackground", "微电子专业博士，十年项目管理经验");
    agreement.put("integrityCommitment", true);
    agreement.put("planKeyTasks", "高端光刻胶树脂与光酸合成工艺攻关");
    agreement.put("planResearchSchedule", "2026年完成样品验证，2026年三季度建成中试线，2027年中完成产业化验收");
    agreement.put("planFundingArrangement", "牵头单位自筹6000万元，成员单位配套2000万元，申请市级支持1000万元");
    agreement.put("planAcceptanceIndicators", "两款光刻胶通过产线验证，申请发明专利20项，制定团体标准2项");
    agreement.put("planLayout", "专利池共建共享；联合培养博士20名；建立“芯联”材料品牌；在三条产线推广应用");
    agreement.put("planMilestones", List.of(
        milestone("光刻胶样品通过验证", "2026-03-31", "两款样品通过客户验证", 20),
        milestone("中试线建成", "2026-09-30", "中试线月产能达到5吨", 50),
        milestone("产业化验收", "2027-06-30", "量产并进入三条产线供应链", 30)));
    return agreement;
  }

  static Map<String, Object> milestone(String name, String date, String indicator, int share) {
    return Map.of("milestoneName", name, "milestoneDate", date, "milestoneIndicator", indicator,
        "milestoneSharePercent", share);
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Job followUpCycle(ProcessInstance consortium) {
    return managementService.createJobQuery().processInstanceId(consortium.getId())
        .activityId("BoundaryEvent_FollowUpDue").singleResult();
  }

  private void completeAs(String user, String group, Task task, Map<String, Object> variables) {
    identityService.setAuthentication(user, List.of(group));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Job evaluationTimer(ProcessInstance consortium) {
    return managementService.createJobQuery().processInstanceId(consortium.getId())
        .activityId("IntermediateCatchEvent_EvaluationDue").singleResult();
  }

  static Map<String, Object> member(String name, String type, String region) {
    // Every member names its 负责人 (BJC-CR2); one made-up person per member name, none of them in the registry.
    String first17 = "1101011975" + String.format("%07d", Math.floorMod(name.hashCode(), 10_000_000));
    return Map.of("memberName", name, "memberType", type, "memberRegion", region, "selectionMethod", "negotiation",
        "memberPersonName", "负责人" + name.length(), "memberPersonRole", "法定代表人",
        "memberPersonIdType", "resident-id", "memberPersonIdNumber", residentId(first17));
  }

  private Task task(String key, ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  private void complete(String key, ProcessInstance instance, Map<String, Object> variables) {
    completeAsOfficer(task(key, instance), variables);
  }

  /** The open decision task of the rule-exception instance the consortium called. */
  private Task exceptionTask(ProcessInstance consortium) {
    ProcessInstance exception = runtimeService.createProcessInstanceQuery().superProcessInstanceId(consortium.getId())
        .processDefinitionKey("rule-exception").singleResult();
    return taskService.createTaskQuery().processInstanceId(exception.getId()).singleResult();
  }

  private void decideException(String officer, Task decide, String decision, String reason) {
    identityService.setAuthentication(officer, List.of("bj-sti"));
    try {
      taskService.complete(decide.getId(), Map.of("exceptionDecision", decision, "exceptionDecisionReason", reason));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void completeAsOfficer(Task task, Map<String, Object> variables) {
    identityService.setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Object historicVariable(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
