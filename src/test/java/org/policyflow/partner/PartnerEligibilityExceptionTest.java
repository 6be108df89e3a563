package org.policyflow.partner;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

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
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * partner-application × rule-exception: an application failing only 原则上 conditions of 000 §四 (TZP-E2, E3,
 * E4) goes to its locality, which confirms it or asks for an exception with a reason; another officer of
 * tz-sti decides (EXC-1). Hard conditions (TZP-E1, E5, E6) never reach the locality (EXC-2).
 */
@PolicyflowIntegrationTest
class PartnerEligibilityExceptionTest {

  static final String SONGZHUANG = "tz-locality-songzhuang";
  static final List<String> CLERKS = List.of(SONGZHUANG);
  static final List<String> STI = List.of("tz-sti");

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  PartnerFixtures fixtures;
  final List<String> started = new ArrayList<>();
  String callId;

  @BeforeEach
  void openCall() {
    init(engine);
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    callId = "TZP-X-" + UUID.randomUUID().toString().substring(0, 8);
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()).getId());
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
  }

  private ProcessInstance applyOutsideTongzhou(int n) {
    Map<String, Object> v = eligibleApplication(callId, n, SONGZHUANG);
    v.put("tongzhouPresence", "none");
    ProcessInstance application = fixtures.apply("huanglei", v);
    started.add(application.getId());
    return application;
  }

  private Task taskOf(ProcessInstance application) {
    return engine.getTaskService().createTaskQuery().processInstanceId(application.getId()).singleResult();
  }

  private ProcessInstance exceptionOf(ProcessInstance application) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(application.getId()).singleResult();
  }

  private void request(ProcessInstance application, String reason) {
    fixtures.completeAs("sunpeng", CLERKS, taskOf(application).getId(),
        Map.of("eligibilityExceptionAction", "request", "exceptionRequestReason", reason));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> records(ProcessInstance application) {
    var variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(application.getId()).variableName("ruleExceptions").singleResult();
    return variable == null ? List.of() : (List<Map<String, Object>>) variable.getValue();
  }

  @Test
  void partnerEXC_1_TZP_E2_theLocalitySeesTheApplicationAsksForAnExceptionAndAnotherTzStiOfficerGrantsIt() {
    ProcessInstance application = applyOutsideTongzhou(1);
    assertThat(application).isWaitingAt("Task_ReviewIneligibleApplication").variables()
        .containsEntry("eligible", false).containsEntry("eligibilityExceptionPossible", true)
        .doesNotContainKey("outcome");
    assertThat(taskOf(application)).hasCandidateGroup(SONGZHUANG)
        .hasName("审查未通过资格审查的申报：北京通州示例科技有限公司1");

    request(application, "企业已在通州区租赁研发场地，分支机构正在办理登记");
    ProcessInstance exception = exceptionOf(application);
    assertThat(exception).isWaitingAt("Task_DecideException").variables()
        .containsEntry("exceptionRequester", "sunpeng").containsEntry("exceptionGrantingGroup", "tz-sti")
        .containsEntry("exceptionRules", List.of("TZP-E2"));
    Task decide = engine.getTaskService().createTaskQuery().processInstanceId(exception.getId()).singleResult();
    assertThat(decide).hasCandidateGroup("tz-sti").hasName("审批例外申请：北京通州示例科技有限公司1");

    engine.getTaskService().claim(decide.getId(), "wanglixin");
    fixtures.completeAs("wanglixin", STI, decide.getId(),
        Map.of("exceptionDecision", "grant", "exceptionDecisionReason", "分支机构登记材料齐全，准予按原则上条件例外办理"));
    assertThat(application).isWaitingAt("Task_RecommendApplication").variables().containsEntry("exceptionGranted", true);
    Assertions.assertThat(records(application)).singleElement().satisfies(r -> Assertions.assertThat(r)
        .containsEntry("rules", List.of("TZP-E2")).containsEntry("requestedBy", "sunpeng")
        .containsEntry("decidedBy", "wanglixin").containsEntry("decision", "grant").containsEntry("result", "准予例外")
        .containsEntry("requestReason", "企业已在通州区租赁研发场地，分支机构正在办理登记")
        .containsEntry("exceptionInstanceId", exception.getId()));

    // The case dossier shows the request (the locality's form) and the decision (the called instance's form).
    ResponseEntity<Map> dossier = http.withBasicAuth("wanglixin", "demo")
        .getForEntity("/api/dossiers/" + application.getId(), Map.class);
    Assertions.assertThat(dossier.getStatusCode()).isEqualTo(HttpStatus.OK);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sections = (List<Map<String, Object>>) dossier.getBody().get("sections");
    Assertions.assertThat(sections).anySatisfy(section -> {
      Assertions.assertThat(section).containsEntry("stage", "审批原则上条件例外").containsEntry("submittedBy", "wanglixin");
      Assertions.assertThat(String.valueOf(section.get("fields"))).contains("准予例外").contains("分支机构登记材料齐全");
    });
    Assertions.assertThat(sections).anySatisfy(section -> Assertions.assertThat(String.valueOf(section.get("fields")))
        .contains("申请例外的理由").contains("企业已在通州区租赁研发场地"));
  }

  @Test
  void partnerEXC_1_TZP_E4_aRefusedExceptionEndsNotEligibleWithTheGrantersReason() {
    Map<String, Object> v = eligibleApplication(callId, 2, SONGZHUANG);
    v.put("ownedIpCount", 0);
    ProcessInstance application = fixtures.apply("huanglei", v);
    started.add(application.getId());
    request(application, "该企业正在申请两项发明专利，已受理");
    Task decide = engine.getTaskService().createTaskQuery().processInstanceId(exceptionOf(application).getId()).singleResult();
    fixtures.completeAs("chenxiaoyan", STI, decide.getId(),
        Map.of("exceptionDecision", "refuse", "exceptionDecisionReason", "专利尚未授权，不符合拥有自主知识产权的要求"));

    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome").hasNotPassed("Task_RecommendApplication")
        .variables().containsEntry("outcome", "not-eligible").containsEntry("exceptionGranted", false);
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason"))
        .contains("[TZP-E4]").contains("例外申请未获准予：专利尚未授权");
    Assertions.assertThat(records(application)).singleElement().satisfies(r -> Assertions.assertThat(r)
        .containsEntry("decidedBy", "chenxiaoyan").containsEntry("result", "不予例外"));
  }

  @Test
  void partnerEXC_1_TZP_E3_theRequesterCannotDecideTheirOwnRequestAndNothingChanges() {
    Map<String, Object> v = eligibleApplication(callId, 3, SONGZHUANG);
    v.put("rdStaff", 0);
    v.put("rdSpending", 0);
    ProcessInstance application = fixtures.apply("huanglei", v);
    started.add(application.getId());
    request(application, "企业委托高校开展研发，研发能力由合作协议证明");
    ProcessInstance exception = exceptionOf(application);
    Task decide = engine.getTaskService().createTaskQuery().processInstanceId(exception.getId()).singleResult();

    // A clerk who also belongs to tz-sti (e.g. seconded there) still cannot decide their own request.
    Assertions.assertThatThrownBy(() -> fixtures.completeAs("sunpeng", List.of(SONGZHUANG, "tz-sti"), decide.getId(),
            Map.of("exceptionDecision", "grant", "exceptionDecisionReason", "本人认为研发能力可以认定")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[EXC-1] exceptionDecision")
        .hasMessageContaining("四眼原则").hasMessageContaining("four-eyes");
    assertThat(exception).isWaitingAt("Task_DecideException");
    Assertions.assertThat(engine.getTaskService().createTaskQuery().taskId(decide.getId()).singleResult()).isNotNull();
    Assertions.assertThat(engine.getRuntimeService().getVariable(exception.getId(), "exceptionDecision")).isNull();
    Assertions.assertThat(records(application)).isEmpty();
  }

  @Test
  void partnerEXC_2_TZP_E1_aHardConditionNeverReachesTheLocality() {
    Map<String, Object> v = eligibleApplication(callId, 4, SONGZHUANG);
    v.put("independentLegalPerson", false);
    v.put("tongzhouPresence", "none");
    ProcessInstance application = fixtures.apply("huanglei", v);
    started.add(application.getId());
    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome").hasNotPassed("Task_ReviewIneligibleApplication")
        .variables().containsEntry("eligibilityExceptionPossible", false).containsEntry("outcome", "not-eligible");
  }

  @Test
  void partnerEXC_3_TZP_E2_aRequestWithoutAWrittenReasonIsRefusedWith400AndTheTaskStays() {
    ProcessInstance application = applyOutsideTongzhou(5);
    String taskId = taskOf(application).getId();
    ResponseEntity<Map> refused = http.withBasicAuth("sunpeng", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Map.of(
            "eligibilityExceptionAction", Map.of("value", "request"), "exceptionRequestReason", Map.of("value", "请批准"))),
        Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[EXC-3] exceptionRequestReason")
        .contains("书面理由");
    assertThat(application).isWaitingAt("Task_ReviewIneligibleApplication");
    Assertions.assertThat(exceptionOf(application)).isNull();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refusals = (List<Map<String, Object>>) engine.getRuntimeService()
        .getVariable(application.getId(), "ruleRefusals");
    Assertions.assertThat(refusals).singleElement().satisfies(r -> Assertions.assertThat(r)
        .containsEntry("rule", "EXC-3").containsEntry("user", "sunpeng"));
  }

  @Test
  void partnerEXC_2_TZP_E2_theLocalityMayConfirmNotEligibleOrLetTheDeadlinePass() {
    ProcessInstance confirmed = applyOutsideTongzhou(6);
    fixtures.completeAs("sunpeng", CLERKS, taskOf(confirmed).getId(), Map.of("eligibilityExceptionAction", "confirm"));
    assertThat(confirmed).isWaitingAt("Task_AcknowledgeOutcome").variables().containsEntry("outcome", "not-eligible");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(confirmed.getId(), "outcomeReason"))
        .contains("[TZP-E2]").contains("属地部门确认不符合入选条件");

    ProcessInstance lapsed = applyOutsideTongzhou(7);
    var timer = engine.getManagementService().createJobQuery().processInstanceId(lapsed.getId())
        .activityId("BoundaryEvent_ReviewDeadline").singleResult();
    ClockUtil.setCurrentTime(timer.getDuedate());
    engine.getManagementService().executeJob(timer.getId());
    assertThat(lapsed).isWaitingAt("Task_AcknowledgeOutcome").hasPassed("Task_RecordNotEligible");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(lapsed.getId(), "outcomeReason"))
        .contains("推荐期限届满，属地部门未申请例外");
  }
}
