package org.policyflow.consortium.yongchuan;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
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
import org.policyflow.shared.experts.ExpertReviewDriver;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * yc-consortium and yc-consortium-year on the engine: every path and every YCC rule passing and failing, real
 * expert panels for the argumentation, and the operation driven through simulated calendar years (engine clock,
 * jobs executed as the job executor would).
 */
@PolicyflowIntegrationTest
class YcConsortiumProcessTest {

  static final String OFFICER = "hewei";
  /** EXC-1: an exception the officer asks for is decided by another yc-stb officer. */
  static final String SECOND_OFFICER = "tanghui";
  static final String LEAD = "重庆永川智行汽车科技有限公司";
  static final String LEAD_CODE = "91110108MA01XKQ126";
  static final String NAME = "重庆市永川区智能网联汽车创新联合体";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;

  private ExpertReviewDriver experts;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
    experts = new ExpertReviewDriver(engine);
    clock("2025-03-10T09:00+08:00");
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

  // ---------------------------------------------------------------- five years end to end

  @Test
  void ycc_YCC_O1_R1_fiveSimulatedYearsEndToEnd() {
    ProcessInstance consortium = launched("智能网联汽车");
    Assertions.assertThat(VariableValues.list(var(consortium, "operatingYears"))).containsExactly(2025, 2026, 2027, 2028, 2029, 2030);
    int exchanges = 0;
    for (int year = 2025; year <= 2030; year++) {
      if (year > 2025) {
        clockDay(year + "-01-20");
        runDueJobs(consortium);
        completeYear("Task_RecordSelfEvaluation", consortium, selfEvaluation());
        completeYear("Task_EvaluateConsortium", consortium, Map.of("evaluationGrade", year == 2026 ? "excellent" : "good",
            "evaluationOpinion", "完成年度阶段目标"));
        if (year == 2026) {
          completeYear("Task_GrantRollingSupport", consortium, Map.of("rollingSupportProjects", "车路协同关键技术二期",
              "rollingSupportAmount", 300));
        }
      }
      for (String mid : List.of("-02-15", "-05-15", "-08-15", "-11-15")) {
        clockDay(year + mid);
        runDueJobs(consortium);
        Task exchange = yearTask("Task_RecordExchange", consortium);
        if (exchange != null) {
          completeAsOfficer(exchange, exchange(year + mid));
          exchanges++;
        }
      }
    }
    runDueJobs(consortium);
    assertThat(consortium).isEnded().hasPassed("EndEvent_ConstructionCompleted");
    Assertions.assertThat(exchanges).isEqualTo(20);
    List<Map<String, Object>> years = VariableValues.rows(historic(consortium, "yearResults"));
    Assertions.assertThat(years).extracting(y -> y.get("calendarYear")).containsExactly(2025, 2026, 2027, 2028, 2029, 2030);
    Assertions.assertThat(years).extracting(y -> y.get("exchanges")).containsExactly(4, 4, 4, 4, 4, 0);
    Assertions.assertThat(years).extracting(y -> y.get("evaluationGrade")).containsExactly(null, "excellent", "good", "good", "good", "good");
    Assertions.assertThat(years).extracting(y -> y.get("reportLate")).containsExactly(null, false, false, false, false, false);
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("yc-consortium-year")
        .superProcessInstanceId(consortium.getId()).count()).isEqualTo(6);
  }

  // ---------------------------------------------------------------- formation conditions

  @Test
  void ycc_YCC_FORM_proposalNeedsAFormationModeAndAValidCreditCode() {
    Map<String, Object> proposal = proposal("智能网联汽车");
    proposal.put("formationMode", "临时拼凑");
    proposal.put("leadUnitCreditCode", "91110108MA01XKQ12X");
    Assertions.assertThatThrownBy(() -> propose(proposal)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[YCC-FORM] formationMode").hasMessageContaining("leadUnitCreditCode");
  }

  @Test
  void ycc_refusedProposalAnswers400OnTheEngineRestApi() {
    ResponseEntity<Map> response = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/process-definition/key/yc-consortium/submit-form",
        Map.of("variables", Map.of("consortiumTopic", Map.of("value", "智能网联汽车"), "formationMode", Map.of("value", "other"),
            "leadUnitName", Map.of("value", LEAD), "leadUnitCreditCode", Map.of("value", LEAD_CODE),
            "field", Map.of("value", "智能网联汽车"))), Map.class);
    Assertions.assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(String.valueOf(response.getBody().get("message"))).contains("formationMode");
  }

  @Test
  void ycc_YCC_L1_leadOutsideYongchuanIsRefused() {
    ProcessInstance consortium = propose(proposal("智能网联汽车"));
    Map<String, Object> plan = plan(5);
    plan.put("leadLocatedInYongchuan", false);
    plan.put("memberException", true);
    plan.put("memberExceptionReason", "与成员单位数无关的例外不能替代牵头企业所在地条件");
    Assertions.assertThatThrownBy(() -> complete("Task_RecordFormationPlan", consortium, plan))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-L1] leadLocatedInYongchuan");
    assertThat(consortium).isWaitingAt("Task_RecordFormationPlan");
  }

  @Test
  void ycc_YCC_M1_EXC_1_fewerThanFiveMembersNeedAnExceptionThatAnotherYcStbOfficerGrants() {
    ProcessInstance consortium = propose(proposal("智能网联汽车"));
    Task task = task("Task_RecordFormationPlan", consortium);
    Map<String, Object> plan = plan(4);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, plan))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-M1] members").hasMessageContaining("申请例外");
    plan.put("memberException", true);
    plan.put("memberExceptionReason", "短");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(task, plan))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-3] memberExceptionReason");
    plan.put("memberExceptionReason", "细分领域优势单位有限，第五家单位拟于半年内加入");
    Assertions.assertThatThrownBy(() -> taskService.complete(task.getId(), plan))
        .as("an exception is asked for by a signed-in officer").isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[EXC-1]").hasMessageContaining("登录");
    completeAsOfficer(task, plan);
    assertThat(consortium).isWaitingAt("CallActivity_MemberException");

    Task decide = exceptionTask(consortium);
    // The granter reads who asked by name (姓+名), the id stays the requester of record.
    Assertions.assertThat(runtimeService.getVariable(decide.getProcessInstanceId(), "exceptionRequesterName")).isEqualTo("何伟");
    Assertions.assertThat(runtimeService.getVariable(decide.getProcessInstanceId(), "exceptionRequester")).isEqualTo(OFFICER);
    Assertions.assertThatThrownBy(() -> decideException(OFFICER, decide, "grant", "本人提出，本人认为可以准予"))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-1] exceptionDecision");
    Assertions.assertThat(taskService.createTaskQuery().taskId(decide.getId()).singleResult()).isNotNull();
    decideException(SECOND_OFFICER, decide, "grant", "细分领域具备条件的单位确实有限，准予例外");
    assertThat(consortium).isWaitingAt("CallActivity_Argumentation");
    Assertions.assertThat(VariableValues.rows(var(consortium, "ruleExceptions"))).singleElement()
        .satisfies(e -> Assertions.assertThat(e).containsEntry("rules", List.of("YCC-M1")).containsEntry("requestedBy", OFFICER)
            .containsEntry("decidedBy", SECOND_OFFICER).containsEntry("result", "准予例外")
            .containsEntry("requestedByName", "何伟").containsEntry("decidedByName", "唐慧")
            .containsEntry("requestReason", "细分领域优势单位有限，第五家单位拟于半年内加入"));
    Assertions.assertThat(var(consortium, "memberCount")).isEqualTo(4);
  }

  @Test
  void ycc_YCC_M1_EXC_1_aRefusedExceptionReturnsThePlanForRevision() {
    ProcessInstance consortium = propose(proposal("智能网联汽车"));
    Map<String, Object> plan = plan(4);
    plan.put("memberException", true);
    plan.put("memberExceptionReason", "细分领域优势单位有限，第五家单位拟于半年内加入");
    completeAsOfficer(task("Task_RecordFormationPlan", consortium), plan);
    decideException(SECOND_OFFICER, exceptionTask(consortium), "refuse", "区内尚有多家具备条件的单位，应补足成员");

    assertThat(consortium).isWaitingAt("Task_RecordFormationPlan");
    Assertions.assertThat(var(consortium, "exceptionDecisionReason")).isEqualTo("区内尚有多家具备条件的单位，应补足成员");
    completeAsOfficer(task("Task_RecordFormationPlan", consortium), plan(5));
    assertThat(consortium).isWaitingAt("CallActivity_Argumentation");
    Assertions.assertThat(VariableValues.rows(var(consortium, "ruleExceptions"))).singleElement()
        .satisfies(e -> Assertions.assertThat(e).containsEntry("result", "不予例外").containsEntry("decidedBy", SECOND_OFFICER));
  }

  @Test
  void ycc_YCC_G1_councilChairedByTheLeadHeadWithAllMemberHeadsAndANamedSecretariat() {
    ProcessInstance consortium = propose(proposal("智能网联汽车"));
    Map<String, Object> plan = plan(5);
    plan.put("councilChair", "另一位副总");
    plan.put("secretariatStaff", List.of(Map.of("staffName", "")));
    List<Map<String, Object>> members = new ArrayList<>(VariableValues.rows(plan.get("members")));
    members.set(0, Map.of("memberName", "重庆大学", "memberType", "university", "memberHead", ""));
    plan.put("members", members);
    Assertions.assertThatThrownBy(() -> complete("Task_RecordFormationPlan", consortium, plan))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-G1] councilChair")
        .hasMessageContaining("[YCC-G1] secretariatStaff").hasMessageContaining("[YCC-G1] members");
    complete("Task_RecordFormationPlan", consortium, plan(5));
    Map<String, Object> council = VariableValues.map(var(consortium, "council"));
    Assertions.assertThat(council).containsEntry("chair", "王建军").containsEntry("chairUnit", LEAD);
    Assertions.assertThat(VariableValues.rows(council.get("members"))).hasSize(5)
        .allSatisfy(m -> Assertions.assertThat(m.get("head")).asString().isNotEmpty());
    Assertions.assertThat(VariableValues.map(var(consortium, "secretariat"))).containsEntry("attachedTo", LEAD);
  }

  // ---------------------------------------------------------------- argumentation

  @Test
  void ycc_argumentationRepeatedUntilPassed_eachRoundInHistory() {
    ProcessInstance consortium = planned("智能网联汽车");
    experts.scoreAll(consortium.getId(), 45);
    assertThat(consortium).isWaitingAt("Task_ReviseFormationPlan");
    complete("Task_ReviseFormationPlan", consortium, Map.of("revisionDecision", "revise", "revisionNote", "补充中试验证计划"));
    complete("Task_RecordFormationPlan", consortium, plan(6));
    experts.scoreAll(consortium.getId(), 55);
    complete("Task_ReviseFormationPlan", consortium, Map.of("revisionDecision", "revise", "revisionNote", "调整任务分工"));
    complete("Task_RecordFormationPlan", consortium, plan(6));
    experts.scoreAll(consortium.getId(), 82);
    recordIpAgreement(consortium);
    assertThat(consortium).isWaitingAt("Task_LaunchConsortium");

    List<Map<String, Object>> rounds = VariableValues.rows(var(consortium, "argumentationRounds"));
    Assertions.assertThat(rounds).extracting(r -> r.get("round")).containsExactly(1, 2, 3);
    Assertions.assertThat(rounds).extracting(r -> r.get("passed")).containsExactly(false, false, true);
    Assertions.assertThat(rounds).extracting(r -> r.get("memberCount")).containsExactly(5, 6, 6);
    Assertions.assertThat(rounds.get(2).get("scores")).asList().hasSize(5);
    // Each round keeps its own per-criterion figures, not only the last round's.
    Assertions.assertThat(rounds).extracting(r -> VariableValues.map(r.get("criteriaResult")).get("passed"))
        .containsExactly(false, false, true);
    Assertions.assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(consortium.getId())
        .activityId("CallActivity_Argumentation").count()).isEqualTo(3);
    // 咨询论证 by technical and management experts: the panel holds both kinds.
    Map<String, Object> draw = VariableValues.map(var(consortium, "argumentationPanelDraw"));
    List<String> drawn = VariableValues.strings(draw.get("drawn"));
    Assertions.assertThat(drawn).hasSize(5).containsAnyOf("gaofeng", "zhumin").containsAnyOf("zhanghua", "lina", "wuqiang",
        "zhengli", "fenggang", "yangfan", "malin");
    Assertions.assertThat(drawn).doesNotContain("malin"); // EXP-2: 重庆大学 is a member unit
  }

  @Test
  void ycc_failedArgumentationAndThePlanWithdrawn() {
    ProcessInstance consortium = planned("智能网联汽车");
    experts.scoreAll(consortium.getId(), 30);
    complete("Task_ReviseFormationPlan", consortium, Map.of("revisionDecision", "withdraw", "revisionNote", "牵头企业决定暂缓组建"));
    assertThat(consortium).isEnded().hasPassed("EndEvent_FormationWithdrawn");
  }

  @Test
  void ycc_argumentationAbortedWhenNoManagementExpertIsFree() {
    ProcessInstance consortium = propose(proposal("现代服务"));
    Map<String, Object> plan = plan(5);
    List<Map<String, Object>> members = new ArrayList<>(VariableValues.rows(plan.get("members")));
    // EXP-2: both management experts belong to member units, so no panel with both kinds can be drawn.
    members.set(3, member("北京交通大学", "university"));
    members.set(4, member("中国人民大学", "university"));
    plan.put("members", members);
    complete("Task_RecordFormationPlan", consortium, plan);
    experts.executeAsyncJobs(consortium.getId());
    Task shortage = experts.tree(consortium.getId()).stream().flatMap(id -> taskService.createTaskQuery()
        .processInstanceId(id).taskDefinitionKey("Task_ResolveExpertShortage").list().stream()).findFirst().orElseThrow();
    Assertions.assertThat(taskService.getIdentityLinksForTask(shortage.getId()))
        .anySatisfy(l -> Assertions.assertThat(l.getGroupId()).isEqualTo("yc-stb"));
    completeAsOfficer(shortage, Map.of("shortageDecision", "abort", "shortageNote", "管理专家均与成员单位存在利益关系"));
    experts.executeAsyncJobs(consortium.getId());
    assertThat(consortium).isEnded().hasPassed("EndEvent_ArgumentationAborted");
  }

  // ---------------------------------------------------------------- launch

  @Test
  void ycc_YCC_N1_nameFollowsThePatternAndTheGoalIsSplitIntoFiveYears() {
    ProcessInstance consortium = argued("智能网联汽车");
    Assertions.assertThat((String) var(consortium, "targetStatusText")).contains("2027").contains("5个左右");
    Task launch = task("Task_LaunchConsortium", consortium);
    Map<String, Object> form = launchForm("永川智能网联汽车联合体");
    form.put("yearlyGoals", List.of(Map.of("goal", "第一年"), Map.of("goal", "第二年")));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(launch, form)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[YCC-N1] consortiumName").hasMessageContaining("[YCC-N1] yearlyGoals");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(launch, launchForm("重庆市永川区创新联合体")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-N1] consortiumName");
    completeAsOfficer(launch, launchForm(NAME));
    Assertions.assertThat(VariableValues.rows(var(consortium, "yearlyStages"))).extracting(s -> s.get("calendarYear"))
        .containsExactly(2025, 2026, 2027, 2028, 2029);
    Assertions.assertThat(var(consortium, "launched")).isEqualTo(true);
  }

  @Test
  void ycc_targetOfAboutFiveBy2027AgainstTheLiveCount() {
    long before = http.withBasicAuth(OFFICER, "demo").getForEntity("/api/yc-consortium/target", Map.class)
        .getBody().get("launchedConsortia") instanceof Number n ? n.longValue() : -1;
    launched("先进材料");
    ResponseEntity<Map> after = http.withBasicAuth(OFFICER, "demo").getForEntity("/api/yc-consortium/target", Map.class);
    Assertions.assertThat(after.getStatusCode()).isEqualTo(HttpStatus.OK);
    Assertions.assertThat(after.getBody()).containsEntry("targetConsortia", 5).containsEntry("targetYear", 2027);
    Assertions.assertThat(((Number) after.getBody().get("launchedConsortia")).longValue()).isEqualTo(before + 1);
  }

  // ---------------------------------------------------------------- operation

  @Test
  void ycc_YCC_O1_aMissedQuarterIsFlaggedToYcStb() {
    ProcessInstance consortium = launched("智能网联汽车");
    runDueJobs(consortium);
    Task q1 = yearTask("Task_RecordExchange", consortium);
    Assertions.assertThat(q1.getDueDate()).isEqualTo(at("2025-04-01T00:00+08:00"));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(q1, exchange("2025-04-02")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-O1] exchangeDate");

    // Q1 ends without an exchange: flagged, and yc-stb urges the consortium.
    clockDay("2025-04-02");
    runDueJobs(consortium);
    Task followUp = yearTask("Task_FollowUpMissedExchange", consortium);
    Assertions.assertThat(taskService.getIdentityLinksForTask(followUp.getId()))
        .anySatisfy(l -> Assertions.assertThat(l.getGroupId()).isEqualTo("yc-stb"));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(followUp, Map.of("missedExchangeAction", "urge",
        "missedExchangeNote", " "))).isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-FORM] missedExchangeNote");
    completeAsOfficer(followUp, Map.of("missedExchangeAction", "urge", "missedExchangeNote", "请于下季度初开展技术交流"));
    String year = yearInstance(consortium);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(year, "missedExchanges")))
        .singleElement().satisfies(m -> Assertions.assertThat(m).containsEntry("ruleId", "YCC-O1").containsEntry("period", 1));

    // Q2 missed too: this time the officer asks for an exception (原则上每季度一次), which another officer grants.
    clockDay("2025-07-03");
    runDueJobs(consortium);
    Task q2 = yearTask("Task_FollowUpMissedExchange", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(q2, Map.of("missedExchangeAction", "exception",
        "missedExchangeNote", "短"))).isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-3] missedExchangeNote");
    completeAsOfficer(q2, Map.of("missedExchangeAction", "exception",
        "missedExchangeNote", "二季度成员单位集中开展整车测试，交流并入三季度专题研讨"));
    Task decide = exceptionTask(year);
    Assertions.assertThat(decide.getName()).contains("2025年第2期技术交流");
    Assertions.assertThatThrownBy(() -> decideException(OFFICER, decide, "grant", "本人提出，本人认为可以准予"))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-1] exceptionDecision");
    decideException(SECOND_OFFICER, decide, "grant", "整车测试期间确难安排交流，准予并入三季度");
    Assertions.assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(year)
        .activityId("EndEvent_MissedExchangeExcepted").count()).isEqualTo(1);
    clockDay("2025-08-20");
    runDueJobs(consortium);
    completeAsOfficer(yearTask("Task_RecordExchange", consortium), exchange("2025-08-18"));
    clockDay("2025-10-20");
    runDueJobs(consortium);
    completeAsOfficer(yearTask("Task_RecordExchange", consortium), exchange("2025-10-19"));
    runDueJobs(consortium);
    Map<String, Object> year2025 = VariableValues.rows(var(consortium, "yearResults")).get(0);
    Assertions.assertThat(year2025).containsEntry("exchanges", 2);
    Assertions.assertThat(VariableValues.rows(year2025.get("missedExchanges"))).extracting(m -> m.get("period")).containsExactly(1, 2);
    Assertions.assertThat(VariableValues.rows(var(consortium, "ruleExceptions"))).singleElement()
        .satisfies(e -> Assertions.assertThat(e).containsEntry("rules", List.of("YCC-O1")).containsEntry("requestedBy", OFFICER)
            .containsEntry("decidedBy", SECOND_OFFICER).containsEntry("result", "准予例外")
            .containsEntry("context", "2025年第2期技术交流"));
  }

  @Test
  void ycc_YCC_O1_EXC_1_aRefusedExceptionForAMissedQuarterReturnsToTheFollowUp() {
    ProcessInstance consortium = launched("智能网联汽车");
    runDueJobs(consortium);
    clockDay("2025-04-02");
    runDueJobs(consortium);
    String year = yearInstance(consortium);
    completeAsOfficer(yearTask("Task_FollowUpMissedExchange", consortium), Map.of("missedExchangeAction", "exception",
        "missedExchangeNote", "一季度春节假期较长，成员单位复工较晚"));
    decideException(SECOND_OFFICER, exceptionTask(year), "refuse", "复工后仍有一个多月时间，应当开展交流");

    Task again = yearTask("Task_FollowUpMissedExchange", consortium);
    Assertions.assertThat(again).as("back to the follow-up").isNotNull();
    Assertions.assertThat(runtimeService.getVariable(year, "exceptionDecisionReason")).isEqualTo("复工后仍有一个多月时间，应当开展交流");
    completeAsOfficer(again, Map.of("missedExchangeAction", "urge", "missedExchangeNote", "请于二季度开展两次技术交流"));
    Assertions.assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(year)
        .activityId("EndEvent_MissedExchangeHandled").count()).isEqualTo(1);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(year, "ruleExceptions"))).singleElement()
        .satisfies(e -> Assertions.assertThat(e).containsEntry("result", "不予例外").containsEntry("decidedBy", SECOND_OFFICER));
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(year, "missedExchangeFollowUps")))
        .extracting(f -> f.get("action")).containsExactly("exception", "urge");
  }

  @Test
  void ycc_YCC_IP1_theIpAgreementBindsEveryMemberAndSetsOutJointOwnershipAndSharing() {
    ProcessInstance consortium = planned("工业软件");
    experts.scoreAll(consortium.getId(), 80);
    assertThat(consortium).isWaitingAt("Task_RecordIpAgreement");
    List<String> members = VariableValues.strings(var(consortium, "memberOrganisations"));
    String withoutLastMember = String.join("\n", ipParties(consortium).lines().filter(p -> !p.equals(members.get(4))).toList());
    Map<String, Object> incomplete = ipAgreement(withoutLastMember);
    incomplete.put("ipSharingTerms", "");
    incomplete.put("ipAgreementSignedOn", "2099-01-01");
    Assertions.assertThatThrownBy(() -> complete("Task_RecordIpAgreement", consortium, incomplete))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-IP1] ipAgreementParties")
        .hasMessageContaining(members.get(4)).hasMessageContaining("[YCC-IP1] ipSharingTerms")
        .hasMessageContaining("[YCC-IP1] ipAgreementSignedOn");
    assertThat(consortium).isWaitingAt("Task_RecordIpAgreement");

    recordIpAgreement(consortium);
    assertThat(consortium).isWaitingAt("Task_LaunchConsortium");
    Map<String, Object> agreement = VariableValues.map(var(consortium, "ipAgreement"));
    Assertions.assertThat(agreement).containsEntry("ruleId", "YCC-IP1").containsEntry("recordedBy", OFFICER)
        .containsKeys("ownershipTerms", "sharingTerms", "signedOn");
    Assertions.assertThat(VariableValues.strings(agreement.get("parties"))).containsAll(members)
        .contains((String) var(consortium, "leadUnitName"));
  }

  @Test
  void ycc_YCC_R1_aReportSubmittedInJanuaryButKeyedInFebruaryIsNotLate() {
    ProcessInstance consortium = launchedIn2025AndYearRecorded("智能网联汽车");
    clockDay("2026-02-05");
    runDueJobs(consortium);
    String year = yearInstance(consortium);
    Assertions.assertThat(runtimeService.getVariable(year, "reportOverdue")).as("yc-stb is reminded").isEqualTo(true);
    Task report = yearTask("Task_RecordSelfEvaluation", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(report, selfEvaluation("2026-02-06")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-R1] reportSubmittedOn");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(report, selfEvaluation("2025-12-30")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-R1] reportSubmittedOn");
    completeAsOfficer(report, selfEvaluation("2026-01-30"));
    Assertions.assertThat(runtimeService.getVariable(year, "reportLate")).as("judged on the submission day").isEqualTo(false);
    Assertions.assertThat(runtimeService.getVariable(year, "reportSubmittedOn")).isEqualTo("2026-01-30");
    Assertions.assertThat(runtimeService.getVariable(year, "reportRecordedBy")).isEqualTo(OFFICER);
  }

  @Test
  void ycc_YCC_R1_aJanuaryReportThatIsLateIsFlaggedAndRecordedLate_poorGradeAdjusted() {
    ProcessInstance consortium = launchedIn2025AndYearRecorded("智能网联汽车");
    clockDay("2026-01-10");
    runDueJobs(consortium);
    Task report = yearTask("Task_RecordSelfEvaluation", consortium);
    Assertions.assertThat(report.getDueDate()).isEqualTo(at("2026-02-01T00:00+08:00"));
    clockDay("2026-02-03");
    runDueJobs(consortium);
    String year = yearInstance(consortium);
    Assertions.assertThat(runtimeService.getVariable(year, "reportOverdue")).isEqualTo(true);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(year, "lateReports"))).singleElement()
        .satisfies(l -> Assertions.assertThat(l).containsEntry("ruleId", "YCC-R1").containsEntry("reportYear", 2025));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(year).singleResult())
        .hasPassed("EndEvent_LateReportFlagged").isWaitingAt("Task_RecordSelfEvaluation", "Task_RecordExchange");

    Assertions.assertThatThrownBy(() -> completeAsOfficer(report, Map.of("goalProgress", "")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("goalProgress");
    completeAsOfficer(report, selfEvaluation("2026-02-02"));
    Assertions.assertThat(runtimeService.getVariable(year, "reportLate")).as("submitted after 31 January").isEqualTo(true);
    Task evaluation = yearTask("Task_EvaluateConsortium", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(evaluation, Map.of("evaluationGrade", "很好", "evaluationOpinion", "好")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-R1] evaluationGrade");
    completeAsOfficer(evaluation, Map.of("evaluationGrade", "poor", "evaluationOpinion", "年度目标完成不足一半"));
    Task adjust = yearTask("Task_AdjustOrTerminate", consortium);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(adjust, Map.of("poorGradeDecision", "", "poorGradeMeasures", "")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-R1] poorGradeDecision");
    completeAsOfficer(adjust, Map.of("poorGradeDecision", "adjust", "poorGradeMeasures", "调整攻关任务分工，更换项目负责人"));
    Assertions.assertThat(runtimeService.getVariable(year, "evaluationMeasure")).isEqualTo("adjust");
    assertThat(consortium).isActive();
  }

  @Test
  void ycc_YCC_R1_poorGradeTerminatesTheConsortium() {
    ProcessInstance consortium = launchedIn2025AndYearRecorded("智能网联汽车");
    clockDay("2026-01-20");
    runDueJobs(consortium);
    completeYear("Task_RecordSelfEvaluation", consortium, selfEvaluation());
    completeYear("Task_EvaluateConsortium", consortium, Map.of("evaluationGrade", "poor", "evaluationOpinion", "未开展实质性联合攻关"));
    completeYear("Task_AdjustOrTerminate", consortium, Map.of("poorGradeDecision", "terminate", "poorGradeMeasures", "联合体运行停滞，终止建设"));
    runDueJobs(consortium);
    assertThat(consortium).isEnded().hasPassed("EndEvent_ConsortiumTerminated");
    Assertions.assertThat(historic(consortium, "consortiumTerminated")).isEqualTo(true);
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("yc-consortium-year")
        .superProcessInstanceId(consortium.getId()).count()).isEqualTo(2);
  }

  @Test
  void ycc_YCC_O2_YCC_M1_aMembershipChangeThatDropsBelowFiveMembers() {
    ProcessInstance consortium = launched("智能网联汽车");
    fileChange(consortium, "重庆某传感器公司申请加入");
    completeChange(consortium, "member-joined", 6);
    assertThat(consortium).hasPassed("EndEvent_ChangeRecorded");

    fileChange(consortium, "两家成员单位退出");
    completeChange(consortium, "member-left", 4);
    Task shortfall = task("Task_HandleShortfall", consortium);
    Assertions.assertThat(var(consortium, "memberCount")).isEqualTo(4);
    Assertions.assertThatThrownBy(() -> completeAsOfficer(shortfall, Map.of("shortfallAction", "exception", "shortfallReason", "短")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-3] shortfallReason");
    completeAsOfficer(shortfall, Map.of("shortfallAction", "rectify", "shortfallReason", "限三个月内补充成员单位"));
    assertThat(consortium).hasPassed("EndEvent_ShortfallHandled").isActive();

    fileChange(consortium, "补充成员未到位，又一家退出");
    completeChange(consortium, "member-left", 3);
    completeAsOfficer(task("Task_HandleShortfall", consortium), Map.of("shortfallAction", "exception",
        "shortfallReason", "细分领域仅三家单位具备条件，申请保留"));
    assertThat(consortium).isWaitingAt("CallActivity_ShortfallException");
    Task decide = exceptionTask(consortium);
    Assertions.assertThat(decide.getName()).contains("变更后成员单位3个");
    Assertions.assertThatThrownBy(() -> decideException(OFFICER, decide, "grant", "本人提出，本人认为可以准予"))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-1] exceptionDecision");
    decideException(SECOND_OFFICER, decide, "grant", "细分领域具备条件的单位确实有限，准予保留");
    assertThat(consortium).hasPassed("EndEvent_ShortfallExcepted").isActive();
    Assertions.assertThat(VariableValues.rows(var(consortium, "ruleExceptions")))
        .anySatisfy(e -> Assertions.assertThat(e).containsEntry("rules", List.of("YCC-M1")).containsEntry("requestedBy", OFFICER)
            .containsEntry("decidedBy", SECOND_OFFICER).containsEntry("result", "准予例外"));

    List<Map<String, Object>> changes = VariableValues.rows(var(consortium, "majorChanges"));
    Assertions.assertThat(changes).extracting(c -> c.get("memberCount")).containsExactly(6, 4, 3);
    Assertions.assertThat(changes).allSatisfy(c -> Assertions.assertThat(c).containsEntry("ruleId", "YCC-O2")
        .containsEntry("filedBy", OFFICER));
    Assertions.assertThat(VariableValues.strings(changes.get(1).get("left"))).hasSize(2);
    Assertions.assertThat(yearTask("Task_RecordExchange", consortium)).as("operation goes on").isNotNull();
  }

  @Test
  void ycc_YCC_M1_EXC_1_aRefusedShortfallExceptionReturnsToTheShortfallDecision() {
    ProcessInstance consortium = launched("智能网联汽车");
    fileChange(consortium, "一家成员单位退出");
    completeChange(consortium, "member-left", 4);
    completeAsOfficer(task("Task_HandleShortfall", consortium), Map.of("shortfallAction", "exception",
        "shortfallReason", "退出单位的任务已由其他成员承接，申请保留"));
    decideException(SECOND_OFFICER, exceptionTask(consortium), "refuse", "区内尚有同类单位可以吸收，应限期补充");

    Task again = task("Task_HandleShortfall", consortium);
    Assertions.assertThat(again).as("back to the shortfall decision").isNotNull();
    Assertions.assertThat(var(consortium, "exceptionDecisionReason")).isEqualTo("区内尚有同类单位可以吸收，应限期补充");
    completeAsOfficer(again, Map.of("shortfallAction", "rectify", "shortfallReason", "限三个月内补充成员单位"));
    assertThat(consortium).hasPassed("EndEvent_ShortfallHandled").hasNotPassed("EndEvent_ShortfallExcepted").isActive();
    Assertions.assertThat(VariableValues.rows(var(consortium, "ruleExceptions"))).singleElement()
        .satisfies(e -> Assertions.assertThat(e).containsEntry("result", "不予例外"));
    Assertions.assertThat(VariableValues.rows(var(consortium, "membershipDecisions"))).extracting(d -> d.get("action"))
        .containsExactly("exception", "rectify");
  }

  @Test
  void ycc_YCC_IP2_aJoiningMemberMustSignTheIpAgreementBeforeItJoins() {
    ProcessInstance consortium = launched("智能网联汽车");
    fileChange(consortium, "重庆某传感器有限公司申请加入");
    Task change = task("Task_FileMajorChange", consortium);
    Map<String, Object> joining = new HashMap<>(Map.of("changeType", "member-joined", "changeDescription", "新成员单位加入",
        "members", members(6)));
    Assertions.assertThatThrownBy(() -> completeAsOfficer(change, joining)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[YCC-IP2] ipAccessionParties").hasMessageContaining("重庆某传感器有限公司")
        .hasMessageContaining("[YCC-IP2] ipAccessionSignedOn");
    Assertions.assertThat(task("Task_FileMajorChange", consortium)).as("nothing changed").isNotNull();
    Assertions.assertThat(VariableValues.strings(var(consortium, "memberOrganisations"))).hasSize(5);

    joining.put("ipAccessionParties", "重庆某软件有限公司");
    joining.put("ipAccessionSignedOn", "2025-03-10");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(change, joining)).as("another unit's signature does not count")
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[YCC-IP2] ipAccessionParties");
    joining.put("ipAccessionParties", "重庆某传感器有限公司");
    joining.put("ipAccessionSignedOn", "2099-01-01");
    Assertions.assertThatThrownBy(() -> completeAsOfficer(change, joining)).isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[YCC-IP2] ipAccessionSignedOn");

    joining.put("ipAccessionSignedOn", "2025-03-10");
    completeAsOfficer(change, joining);
    assertThat(consortium).hasPassed("EndEvent_ChangeRecorded");
    Map<String, Object> agreement = VariableValues.rows(List.of(var(consortium, "ipAgreement"))).get(0);
    Assertions.assertThat(VariableValues.strings(agreement.get("parties"))).contains("重庆某传感器有限公司", LEAD);
    Assertions.assertThat(VariableValues.rows(agreement.get("accessions"))).singleElement()
        .satisfies(a -> Assertions.assertThat(a).containsEntry("ruleId", "YCC-IP2").containsEntry("signedOn", "2025-03-10")
            .containsEntry("recordedBy", OFFICER));

    // Leaving needs no signature.
    fileChange(consortium, "一家成员单位退出");
    completeChange(consortium, "member-left", 5);
    assertThat(consortium).isActive();
  }

  @Test
  void ycc_YCC_M1_membershipShortfallCanTerminateTheConsortium() {
    ProcessInstance consortium = launched("智能网联汽车");
    fileChange(consortium, "三家成员单位退出");
    completeChange(consortium, "member-left", 2);
    completeAsOfficer(task("Task_HandleShortfall", consortium), Map.of("shortfallAction", "terminate",
        "shortfallReason", "成员单位大量退出，无法开展协同攻关"));
    assertThat(consortium).isEnded().hasPassed("EndEvent_TerminatedAfterShortfall", "EndEvent_TerminatedByShortfall");
    Assertions.assertThat(historic(consortium, "consortiumTerminated")).isEqualTo(true);
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("yc-consortium-year")
        .superProcessInstanceId(consortium.getId()).count()).isZero();
  }

  @Test
  void ycc_YCC_O2_changeEndpointIsForYcStbOnly() {
    ProcessInstance consortium = launched("智能网联汽车");
    String path = "/api/yc-consortium/" + consortium.getId() + "/major-changes";
    Assertions.assertThat(http.withBasicAuth("lijianguo", "demo").postForEntity(path, Map.of("notice", "变更"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Assertions.assertThat(http.withBasicAuth(OFFICER, "demo").postForEntity(path, Map.of("notice", " "), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(http.withBasicAuth(OFFICER, "demo").postForEntity("/api/yc-consortium/no-such-id/major-changes",
        Map.of("notice", "变更"), Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    Assertions.assertThat(task("Task_FileMajorChange", consortium)).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private ProcessInstance propose(Map<String, Object> proposal) {
    identityService.setAuthentication(OFFICER, List.of("yc-stb"));
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("yc-consortium", proposal);
      started.add(instance.getId());
      return instance;
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** YCC-IP1: the agreement signed by the lead and every member, with both halves of 共建共享. */
  private void recordIpAgreement(ProcessInstance consortium) {
    assertThat(consortium).isWaitingAt("Task_RecordIpAgreement");
    complete("Task_RecordIpAgreement", consortium, ipAgreement(ipParties(consortium)));
  }

  private String ipParties(ProcessInstance consortium) {
    List<String> parties = new ArrayList<>();
    parties.add((String) var(consortium, "leadUnitName"));
    parties.addAll(VariableValues.strings(var(consortium, "memberOrganisations")));
    return String.join("\n", parties);
  }

  static Map<String, Object> ipAgreement(String parties) {
    Map<String, Object> values = new HashMap<>();
    values.put("ipAgreementParties", parties);
    values.put("ipAgreementSignedOn", ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"))
        .toLocalDate().toString());
    values.put("ipOwnershipTerms", "联合攻关形成的知识产权由参与研发的成员单位按投入比例共有");
    values.put("ipSharingTerms", "成员单位在联合体内可免费许可使用，对外许可须经理事会同意");
    values.put("ipBenefitTerms", "转化收益按贡献分配");
    return values;
  }

  private ProcessInstance planned(String topic) {
    ProcessInstance consortium = propose(proposal(topic));
    complete("Task_RecordFormationPlan", consortium, plan(5));
    assertThat(consortium).isWaitingAt("CallActivity_Argumentation");
    return consortium;
  }

  private ProcessInstance argued(String topic) {
    ProcessInstance consortium = planned(topic);
    experts.scoreAll(consortium.getId(), 80);
    recordIpAgreement(consortium);
    assertThat(consortium).isWaitingAt("Task_LaunchConsortium");
    return consortium;
  }

  private ProcessInstance launched(String topic) {
    ProcessInstance consortium = argued(topic);
    complete("Task_LaunchConsortium", consortium, launchForm("重庆市永川区" + topic + "创新联合体"));
    runDueJobs(consortium);
    assertThat(consortium).isWaitingAt("CallActivity_OperatingYear");
    return consortium;
  }

  /** Launched on 2025-03-10 with the four exchanges of 2025 recorded, so the 2026 instance runs. */
  private ProcessInstance launchedIn2025AndYearRecorded(String topic) {
    ProcessInstance consortium = launched(topic);
    for (String day : List.of("2025-03-20", "2025-05-15", "2025-08-15", "2025-11-15")) {
      clockDay(day);
      runDueJobs(consortium);
      completeAsOfficer(yearTask("Task_RecordExchange", consortium), exchange(day));
    }
    runDueJobs(consortium);
    return consortium;
  }

  private void fileChange(ProcessInstance consortium, String notice) {
    ResponseEntity<Map> response = http.withBasicAuth(OFFICER, "demo")
        .postForEntity("/api/yc-consortium/" + consortium.getId() + "/major-changes", Map.of("notice", notice), Map.class);
    Assertions.assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  /** A filed change to the first {@code members} units; a unit joining has signed the IP agreement (YCC-IP2). */
  private void completeChange(ProcessInstance consortium, String type, int members) {
    List<String> before = VariableValues.strings(var(consortium, "memberOrganisations"));
    List<String> joined = members(members).stream().map(m -> (String) m.get("memberName")).filter(n -> !before.contains(n)).toList();
    Map<String, Object> change = new HashMap<>(Map.of("changeType", type, "changeDescription", "成员单位变更",
        "members", members(members)));
    if (!joined.isEmpty()) {
      change.put("ipAccessionParties", String.join("\n", joined));
      change.put("ipAccessionSignedOn", ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"))
          .toLocalDate().toString());
    }
    complete("Task_FileMajorChange", consortium, change);
  }

  static Map<String, Object> proposal(String topic) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("consortiumTopic", topic);
    variables.put("formationMode", "directed");
    variables.put("leadUnitName", LEAD);
    variables.put("leadUnitCreditCode", LEAD_CODE);
    variables.put("field", "智能网联汽车");
    variables.put("technologyDemand", "车规级芯片与车路协同关键技术");
    return variables;
  }

  static Map<String, Object> plan(int memberCount) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("leadLocatedInYongchuan", true);
    plan.put("leadUnitHead", "王建军");
    plan.put("councilChair", "王建军");
    plan.put("members", members(memberCount));
    plan.put("secretariatStaff", List.of(Map.of("staffName", "刘秘书", "staffRole", "秘书长")));
    plan.put("planSummary", "围绕车路协同开展联合攻关，分工明确，知识产权共建共享");
    return plan;
  }

  static List<Map<String, Object>> members(int count) {
    List<Map<String, Object>> all = List.of(member("重庆大学", "university"), member("重庆文理学院", "university"),
        member("永川区智能网联汽车测试研究院", "research-institute"), member("重庆某零部件有限公司", "enterprise"),
        member("重庆某软件有限公司", "enterprise"), member("重庆某传感器有限公司", "enterprise"));
    return new ArrayList<>(all.subList(0, count));
  }

  static Map<String, Object> member(String name, String type) {
    return Map.of("memberName", name, "memberType", type, "memberHead", name + "负责人");
  }

  static Map<String, Object> launchForm(String name) {
    Map<String, Object> form = new HashMap<>();
    form.put("consortiumName", name);
    form.put("fiveYearGoal", "突破车规级芯片等关键技术，形成国内领先的细分领域竞争优势");
    form.put("yearlyGoals", List.of(Map.of("goal", "组建团队，启动攻关"), Map.of("goal", "完成关键技术样机"),
        Map.of("goal", "中试验证"), Map.of("goal", "示范应用"), Map.of("goal", "产业化推广")));
    return form;
  }

  static Map<String, Object> exchange(String day) {
    return Map.of("exchangeDate", day, "exchangeTopic", "技术需求研讨", "exchangeParticipants", "重庆大学、重庆文理学院",
        "exchangeSummary", "梳理技术需求，研讨技术路线");
  }

  /** A self-evaluation the consortium submitted today (engine clock, China time). */
  static Map<String, Object> selfEvaluation() {
    return selfEvaluation(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString());
  }

  static Map<String, Object> selfEvaluation(String submittedOn) {
    return Map.of("reportSubmittedOn", submittedOn, "goalProgress", "完成年度阶段目标", "keyTechnologyProgress", "攻克关键技术一项");
  }

  /** Runs every job of the consortium tree that is due now (async continuations, timers), as the job executor would. */
  private void runDueJobs(ProcessInstance consortium) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = experts.tree(consortium.getId()).stream().flatMap(id -> managementService.createJobQuery()
          .processInstanceId(id).executable().list().stream()).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }

  private String yearInstance(ProcessInstance consortium) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("yc-consortium-year")
        .superProcessInstanceId(consortium.getId()).singleResult().getId();
  }

  private Task yearTask(String key, ProcessInstance consortium) {
    return experts.tree(consortium.getId()).stream().flatMap(id -> taskService.createTaskQuery().processInstanceId(id)
        .taskDefinitionKey(key).list().stream()).findFirst().orElse(null);
  }

  private void completeYear(String key, ProcessInstance consortium, Map<String, Object> variables) {
    Task task = yearTask(key, consortium);
    Assertions.assertThat(task).as(key).isNotNull();
    completeAsOfficer(task, variables);
  }

  private Task task(String key, ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  private void complete(String key, ProcessInstance instance, Map<String, Object> variables) {
    completeAsOfficer(task(key, instance), variables);
  }

  /** The open decision task of the rule-exception instance the consortium called. */
  private Task exceptionTask(ProcessInstance consortium) {
    return exceptionTask(consortium.getId());
  }

  /** The open decision task of the rule-exception instance that the given instance (consortium or year) called. */
  private Task exceptionTask(String caller) {
    ProcessInstance exception = runtimeService.createProcessInstanceQuery().superProcessInstanceId(caller)
        .processDefinitionKey("rule-exception").singleResult();
    return taskService.createTaskQuery().processInstanceId(exception.getId()).singleResult();
  }

  private void decideException(String officer, Task decide, String decision, String reason) {
    identityService.setAuthentication(officer, List.of("yc-stb"));
    try {
      taskService.complete(decide.getId(), Map.of("exceptionDecision", decision, "exceptionDecisionReason", reason));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void completeAsOfficer(Task task, Map<String, Object> variables) {
    identityService.setAuthentication(OFFICER, List.of("yc-stb"));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Object var(ProcessInstance instance, String name) {
    return runtimeService.getVariable(instance.getId(), name);
  }

  private Object historic(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private static void clockDay(String day) {
    ClockUtil.setCurrentTime(Date.from(LocalDate.parse(day).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant()));
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
