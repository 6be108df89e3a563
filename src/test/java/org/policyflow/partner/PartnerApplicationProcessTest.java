package org.policyflow.partner;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** partner-application: submission, eligibility TZP-E1…E7, locality recommendation under TZP-Q1, outcomes. */
@PolicyflowIntegrationTest
class PartnerApplicationProcessTest {

  static final String SONGZHUANG = "tz-locality-songzhuang";
  static final List<String> APPLICANTS = List.of("applicants");
  static final List<String> CLERKS = List.of(SONGZHUANG);

  @Autowired ProcessEngine engine;
  @Autowired CreditRegistry creditRegistry;
  @Autowired TestRestTemplate http;
  PartnerFixtures fixtures;
  final List<String> started = new ArrayList<>();
  String callId;
  ProcessInstance call;

  @BeforeEach
  void openCall() {
    init(engine);
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    callId = "TZP-T-" + UUID.randomUUID().toString().substring(0, 8);
    call = fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of());
    started.add(call.getId());
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
  }

  private ProcessInstance apply(int n) {
    return apply(eligibleApplication(callId, n, SONGZHUANG));
  }

  private ProcessInstance apply(Map<String, Object> variables) {
    ProcessInstance application = fixtures.apply("huanglei", variables);
    started.add(application.getId());
    return application;
  }

  @Test
  void partnerTZP_E1toE7_eligibleApplicationGoesToItsLocalityWithTheQuotaShown() {
    ProcessInstance application = apply(1);

    assertThat(application).isWaitingAt("Task_RecommendApplication")
        .hasBusinessKey(callId + ":" + PartnerFixtures.creditCode(1))
        .variables().containsEntry("eligible", true).containsEntry("priorityField", true)
        .containsEntry("applicant", "huanglei").containsEntry("localityQuota", 2).containsEntry("localityRemaining", 2);
    assertThat(task()).hasCandidateGroup(SONGZHUANG).hasName("推荐申报：北京通州示例科技有限公司1")
        .hasDueDate(at(2026, 4, 4, 0));
  }

  @Test
  void partnerTZP_E1_E2_E3_E4_everyFailedRuleIsListedAndTheApplicantIsTold() {
    Map<String, Object> v = eligibleApplication(callId, 2, SONGZHUANG);
    v.put("independentLegalPerson", false);
    v.put("tongzhouPresence", "none");
    v.put("rdStaff", 0);
    v.put("rdSpending", 0);
    v.put("ownedIpCount", 0);
    ProcessInstance application = apply(v);

    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome").hasNotPassed("Task_RecommendApplication");
    assertThat(task()).isAssignedTo("huanglei");
    String failures = (String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason");
    Assertions.assertThat(failures).contains("[TZP-E1]", "[TZP-E2]", "[TZP-E3]", "[TZP-E4]")
        .doesNotContain("[TZP-E5]", "[TZP-E6]").contains("不具有独立法人资格")
        // Chinese only where the applicant reads it (the outcome form); the English apart.
        .doesNotContain("Not an independent legal person").doesNotContain(" / ");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReasonEn"))
        .contains("[TZP-E1]").contains("Not an independent legal person");
    Assertions.assertThat(engine.getRuntimeService().getVariable(application.getId(), "outcomeLabel"))
        .isEqualTo("不符合入选条件");

    fixtures.completeAs("huanglei", APPLICANTS, task().getId(), Map.of("acknowledged", true));
    assertThat(application).hasPassed("EndEvent_NotEligible").isEnded();
  }

  @Test
  void partnerTZP_E5_aSeriousDishonestyRecordInTheRegistryMakesTheApplicantIneligible() {
    creditRegistry.record(new CreditRecord(PartnerFixtures.creditCode(3), "北京通州示例科技有限公司3",
        CreditRecordType.SERIOUS_DISHONESTY, LocalDate.of(2024, 6, 1), "京信用〔2024〕21号", null, null, "wanglixin", null));
    ProcessInstance application = apply(3);
    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason"))
        .contains("[TZP-E5]").contains("京信用〔2024〕21号");
  }

  @Test
  void partnerTZP_E5_aRecordOlderThanThreeYearsDoesNotCount() {
    creditRegistry.record(new CreditRecord(PartnerFixtures.creditCode(4), "北京通州示例科技有限公司4",
        CreditRecordType.SERIOUS_DISHONESTY, LocalDate.of(2023, 3, 1), "京信用〔2023〕2号", null, null, "wanglixin", null));
    Map<String, Object> v = eligibleApplication(callId, 4, SONGZHUANG);
    v.put("declaredDishonestyDate", "2023-03-01");
    assertThat(apply(v)).isWaitingAt("Task_RecommendApplication");
  }

  @Test
  void partnerTZP_E5_E6_declaredRecordsWithinThreeYearsMakeTheApplicantIneligible() {
    Map<String, Object> v = eligibleApplication(callId, 5, SONGZHUANG);
    v.put("declaredDishonestyDate", "2025-01-10");
    v.put("declaredAccidentDate", "2024-08-08");
    ProcessInstance application = apply(v);
    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason"))
        .contains("[TZP-E5]", "[TZP-E6]", "2025-01-10", "2024-08-08");
  }

  @Test
  void partnerTZP_E6_aMajorAccidentInTheRegistryMakesTheApplicantIneligible() {
    creditRegistry.record(new CreditRecord(PartnerFixtures.creditCode(6), "北京通州示例科技有限公司6",
        CreditRecordType.MAJOR_ACCIDENT, LocalDate.of(2025, 9, 9), "通应急罚〔2025〕9号", null, null, "wanglixin", null));
    ProcessInstance application = apply(6);
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason"))
        .contains("[TZP-E6]").doesNotContain("[TZP-E5]");
  }

  @Test
  void partnerTZP_E7_aFieldOutsideThePriorityListIsRecordedButNotExcluded() {
    Map<String, Object> v = eligibleApplication(callId, 7, SONGZHUANG);
    v.put("industryField", "其他");
    assertThat(apply(v)).isWaitingAt("Task_RecommendApplication")
        .variables().containsEntry("eligible", true).containsEntry("priorityField", false);
  }

  @Test
  void partnerTZP_S1_anApplicationAfterTheDeadlineIsRefusedAndNothingIsCreated() {
    ClockUtil.setCurrentTime(at(2026, 3, 21, 0));
    ResponseEntity<Map> response = submitForm(eligibleApplication(callId, 8, SONGZHUANG));
    Assertions.assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) response.getBody().get("message")).contains("[TZP-S1]").contains("deadline");
    Assertions.assertThat(applicationsOfThisCall()).isZero();
  }

  @Test
  void partnerTZP_S1_theApplicantSubmitsTheMaterialsInOwnTaskDueAtTheApplicationDeadline() {
    ProcessInstance application = fixtures.startApplication("huanglei", eligibleApplication(callId, 20, SONGZHUANG));
    started.add(application.getId());

    assertThat(application).isWaitingAt(PartnerFixtures.MATERIALS_TASK).hasNotPassed("Task_CheckEligibility");
    assertThat(task()).isAssignedTo("huanglei").hasName("提交申报材料：北京通州示例科技有限公司20")
        .hasDueDate(at(2026, 3, 21, 0));
    Assertions.assertThat(job("BoundaryEvent_MaterialsDeadline", application).getDuedate())
        .as("the same instant from which TZP-S1 refuses new applications").isEqualTo(at(2026, 3, 21, 0));

    fixtures.submitMaterials("huanglei", application.getId());
    assertThat(application).hasPassed("Task_CheckEligibility").isWaitingAt("Task_RecommendApplication");
  }

  @Test
  void partnerTZP_S1_materialsNotSubmittedByTheDeadlineEndTheApplicationAsMaterialsMissing() {
    ProcessInstance application = fixtures.startApplication("huanglei", eligibleApplication(callId, 21, SONGZHUANG));
    started.add(application.getId());

    ClockUtil.setCurrentTime(at(2026, 3, 21, 0));
    execute(job("BoundaryEvent_MaterialsDeadline", application));

    assertThat(application).hasPassed("Task_RecordMaterialsMissing").hasNotPassed("Task_CheckEligibility")
        .isWaitingAt("Task_AcknowledgeOutcome")
        .variables().containsEntry("outcome", "materials-missing").containsEntry("outcomeLabel", "逾期未提交申报材料");
    assertThat(task()).isAssignedTo("huanglei");
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(application.getId(), "outcomeReason"))
        .contains("[TZP-S1]").contains("申报截止时仍未提交申报材料");
    fixtures.completeAs("huanglei", APPLICANTS, task().getId(), Map.of("acknowledged", true));
    assertThat(application).hasPassed("EndEvent_MaterialsMissing").isEnded();
  }

  @Test
  void partnerTZP_S2_aSecondApplicationOfTheSameOrganisationIsRefused() {
    apply(9);
    Assertions.assertThatThrownBy(() -> apply(9))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-S2]");
    ResponseEntity<Map> response = submitForm(eligibleApplication(callId, 9, SONGZHUANG));
    Assertions.assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) response.getBody().get("message")).contains("[TZP-S2]").contains("already applied");
    Assertions.assertThat(applicationsOfThisCall()).isOne();
  }

  /**
   * The acceptance writes the credit code and the call's instance only when it changes them (issue #21):
   * a code submitted as kept and the call's instance given by a portal stay one write each, a code in
   * lower case is stored normalised, and TZP-S2 still finds the organisation under its normalised code.
   */
  @Test
  void partnerTZP_S2_theAcceptanceRewritesCreditCodeAndCallOnlyWhenItChangesThem() {
    Map<String, Object> asKept = eligibleApplication(callId, 12, SONGZHUANG);
    asKept.put("callInstanceId", call.getId());
    ProcessInstance kept = apply(asKept);
    Assertions.assertThat(updates(kept, "creditCode")).isOne();
    Assertions.assertThat(updates(kept, "callInstanceId")).isOne();
    Assertions.assertThat(engine.getRuntimeService().getVariables(kept.getId(), List.of("applicationClosesAt",
        "recommendationClosesAt"))).isEqualTo(engine.getRuntimeService().getVariables(call.getId(),
        List.of("applicationClosesAt", "recommendationClosesAt")));

    Map<String, Object> lowerCase = eligibleApplication(callId, 13, SONGZHUANG);
    String code = PartnerFixtures.creditCode(13);
    lowerCase.put("creditCode", " " + code.toLowerCase(Locale.ROOT) + " ");
    ProcessInstance normalised = apply(lowerCase);
    Assertions.assertThat(engine.getRuntimeService().getVariable(normalised.getId(), "creditCode")).isEqualTo(code);
    Assertions.assertThat(updates(normalised, "creditCode")).isEqualTo(2);
    Assertions.assertThat(engine.getRuntimeService().getVariable(normalised.getId(), "callInstanceId"))
        .isEqualTo(call.getId());
    Assertions.assertThat(updates(normalised, "callInstanceId")).isOne();

    Assertions.assertThatThrownBy(() -> apply(eligibleApplication(callId, 13, SONGZHUANG)))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-S2]");
  }

  private long updates(ProcessInstance instance, String variable) {
    return engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId())
        .variableUpdates().list().stream()
        .filter(d -> variable.equals(((HistoricVariableUpdate) d).getVariableName()))
        .count();
  }

  @Test
  void partnerUSCC_aWrongCheckCharacterOrMalformedCodeIsRefused() {
    Map<String, Object> v = eligibleApplication(callId, 10, SONGZHUANG);
    String code = PartnerFixtures.creditCode(10);
    v.put("creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'));
    ResponseEntity<Map> wrongCheck = submitForm(v);
    Assertions.assertThat(wrongCheck.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) wrongCheck.getBody().get("message")).contains("creditCode").contains("校验位");
    v.put("creditCode", "9111011");
    Assertions.assertThat((String) submitForm(v).getBody().get("message")).contains("18");
    Assertions.assertThat(applicationsOfThisCall()).isZero();
  }

  @Test
  void partnerTZP_S1_anUnknownCallIsRefused() {
    Assertions.assertThatThrownBy(() -> apply(eligibleApplication("TZP-1999-99", 11, SONGZHUANG)))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("TZP-1999-99");
  }

  @Test
  void partnerTZP_D1_declineNeedsAReasonAndTheTaskIsKept() {
    // The form requires the reason while 不予推荐 is chosen, so the server-side form check refuses first
    // (FORM-REQUIRED, quoting TZP-D1 from the field's description); RecommendationDelegates keeps TZP-D1 for code paths without a form.
    ProcessInstance application = apply(12);
    String taskId = taskOf(application).getId();
    ResponseEntity<Map> refused = http.withBasicAuth("sunpeng", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Map.of("recommendation", Map.of("value", "decline"))), Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message"))
        .contains("[FORM-REQUIRED] declineReason").contains("TZP-D1");
    assertThat(application).isWaitingAt("Task_RecommendApplication");
    Assertions.assertThat(refusals(application)).singleElement()
        .satisfies(r -> Assertions.assertThat(r).containsEntry("rule", "FORM-REQUIRED").containsEntry("field", "declineReason")
            .containsEntry("user", "sunpeng"));

    fixtures.completeAs("sunpeng", CLERKS, taskId, Map.of("recommendation", "decline", "declineReason", "研发能力与本地产业需求不匹配"));
    assertThat(application).isWaitingAt("Task_AcknowledgeOutcome")
        .variables().containsEntry("outcome", "not-recommended");
    fixtures.completeAs("huanglei", APPLICANTS, taskOf(application).getId(), Map.of("acknowledged", true));
    assertThat(application).hasPassed("EndEvent_NotRecommended").isEnded();
  }

  @Test
  void partnerTZP_Q1_aLocalityCannotRecommendMoreThanItsQuota() {
    ProcessInstance first = apply(13);
    ProcessInstance second = apply(14);
    ProcessInstance third = apply(15);
    recommend("sunpeng", first);
    recommend("mali", second);
    assertThat(first).isWaitingAt("IntermediateCatchEvent_SelectionPublished");
    assertThat(second).isWaitingAt("IntermediateCatchEvent_SelectionPublished");

    Assertions.assertThatThrownBy(() -> recommend("sunpeng", third))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-Q1]").hasMessageContaining("2 / 名额 2");
    assertThat(third).isWaitingAt("Task_RecommendApplication");
    Assertions.assertThat(engine.getRuntimeService().getVariable(call.getId(), "quotaUsed_" + SONGZHUANG)).isEqualTo(2);
    Assertions.assertThat(refusals(third)).singleElement().satisfies(r -> {
      Assertions.assertThat(r).containsEntry("rule", "TZP-Q1").containsEntry("user", "sunpeng")
          .containsEntry("field", "recommendation").containsEntry("activityId", "Task_RecordRecommendation");
      Assertions.assertThat((String) r.get("reasonZh")).contains("名额已用完");
    });
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> refusals(ProcessInstance application) {
    return (List<Map<String, Object>>) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(application.getId()).variableName("ruleRefusals").singleResult().getValue();
  }

  @Test
  void partnerTZP_Q1_twoClerksRecommendingAtTheSameMomentCannotExceedTheQuota() throws Exception {
    ProcessInstance first = apply(16);
    ProcessInstance second = apply(17);
    ProcessInstance third = apply(18);
    recommend("sunpeng", first);
    String[] tasks = {taskOf(second).getId(), taskOf(third).getId()};
    String[] clerks = {"sunpeng", "mali"};

    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<ResponseEntity<Map>>> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int k = i;
      results.add(pool.submit(() -> {
        barrier.await();
        return http.withBasicAuth(clerks[k], "demo").postForEntity("/engine-rest/task/" + tasks[k] + "/submit-form",
            Map.of("variables", Map.of("recommendation", Map.of("value", "recommend"),
                "localIndustryJudgement", Map.of("value", "some"),
                "localIndustryOpinion", Map.of("value", "属地特色产业相关企业"))), Map.class);
      }));
    }
    List<ResponseEntity<Map>> responses = new ArrayList<>();
    for (var result : results) {
      responses.add(result.get());
    }
    pool.shutdown();

    Assertions.assertThat(responses).filteredOn(r -> r.getStatusCode() == HttpStatus.NO_CONTENT).hasSize(1);
    Assertions.assertThat(responses).filteredOn(r -> r.getStatusCode() == HttpStatus.BAD_REQUEST).singleElement()
        .satisfies(r -> Assertions.assertThat((String) r.getBody().get("message")).contains("[TZP-Q1]"));
    Assertions.assertThat(engine.getRuntimeService().getVariable(call.getId(), "quotaUsed_" + SONGZHUANG)).isEqualTo(2);
    Assertions.assertThat(engine.getTaskService().createTaskQuery().taskIdIn(tasks).count())
        .as("the losing clerk's task is still there").isOne();
    ProcessInstance loser = engine.getTaskService().createTaskQuery().taskIdIn(tasks).singleResult()
        .getProcessInstanceId().equals(second.getId()) ? second : third;
    Assertions.assertThat(refusals(loser)).singleElement().satisfies(r -> Assertions.assertThat(r).containsEntry("rule", "TZP-Q1"));
  }

  @Test
  void partnerTZP_Q1_aRecommendationTaskLeftOpenPastTheDeadlineEndsAsNotRecommended() {
    ProcessInstance application = apply(19);
    ClockUtil.setCurrentTime(at(2026, 4, 4, 0));
    execute(job("BoundaryEvent_RecommendationDeadline", application));
    assertThat(application).hasPassed("Task_RecordRecommendationLapsed").isWaitingAt("Task_AcknowledgeOutcome")
        .variables().containsEntry("outcome", "not-recommended");
  }

  private void recommend(String clerk, ProcessInstance application) {
    fixtures.completeAs(clerk, CLERKS, taskOf(application).getId(), PartnerFixtures.recommendation());
  }

  private Task taskOf(ProcessInstance application) {
    return engine.getTaskService().createTaskQuery().processInstanceId(application.getId()).singleResult();
  }

  private long applicationsOfThisCall() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("partner-application")
        .variableValueEquals("callInstanceId", call.getId()).count();
  }

  private ResponseEntity<Map> submitForm(Map<String, Object> values) {
    Map<String, Object> variables = new java.util.HashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    ResponseEntity<Map> response = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-application/submit-form", Map.of("variables", variables), Map.class);
    if (response.getStatusCode().is2xxSuccessful()) {
      started.add((String) response.getBody().get("id"));
    }
    return response;
  }
}
