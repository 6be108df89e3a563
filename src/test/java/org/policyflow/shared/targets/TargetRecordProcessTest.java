package org.policyflow.shared.targets;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;


import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** target-record: a value reported by one officer is recorded once another officer confirms it. */
@PolicyflowIntegrationTest
class TargetRecordProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void clearAuthentication() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void aConfirmedValueIsRecorded() {
    ProcessInstance instance = reportedBy("wanglixin");
    assertThat(instance).isWaitingAt("Task_VerifyTargetValue");
    assertThat(task()).hasCandidateGroup("tz-sti").hasDueDate(task().getDueDate());

    completeAs("chenxiaoyan", task().getId(), withVariables("verification", "confirmed"));

    assertThat(instance).hasPassed("EndEvent_TargetValueRecorded").isEnded()
        .variables().containsEntry("targetValue", 1620).containsEntry("source", "区统计局2026年三季度报表");
  }

  @Test
  void aRejectedValueIsNotRecorded() {
    ProcessInstance instance = reportedBy("wanglixin");
    assertThat(instance).isWaitingAt("Task_VerifyTargetValue");
    completeAs("chenxiaoyan", task().getId(),
        withVariables("verification", "rejected", "verificationComment", "来源报表尚未正式发布"));
    assertThat(instance).hasPassed("EndEvent_TargetValueRejected").hasNotPassed("EndEvent_TargetValueRecorded").isEnded();
  }

  @Test
  void targetsFOUR_EYES_theReporterCannotVerifyTheirOwnValueAndNothingIsLost() {
    ResponseEntity<Map> started = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/target-record/submit-form",
        Map.of("variables", Map.of(
            "targetKey", Map.of("value", "high-tech-enterprises"),
            "targetValue", Map.of("value", 1620),
            "asOfDate", Map.of("value", "2026-09-30"),
            "source", Map.of("value", "区统计局2026年三季度报表"))), Map.class);
    Assertions.assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instanceId = (String) started.getBody().get("id");
    Assertions.assertThat(engine.getRuntimeService().getVariable(instanceId, "reporter")).isEqualTo("wanglixin");
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult().getId();

    ResponseEntity<Map> own = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Map.of("verification", Map.of("value", "confirmed"))), Map.class);
    Assertions.assertThat(own.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) own.getBody().get("message")).contains("四眼原则").contains("four-eyes");
    Assertions.assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isOne();

    ResponseEntity<Void> other = http.withBasicAuth("chenxiaoyan", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Map.of("verification", Map.of("value", "confirmed"))), Void.class);
    Assertions.assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instanceId).activityId("EndEvent_TargetValueRecorded").count()).isOne();
  }

  /** Completes as a tz-sti officer would in Tasklist: authenticated, so listeners see who acts. */
  private void completeAs(String userId, String taskId, Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(userId, List.of("tz-sti"));
    try {
      engine.getTaskService().complete(taskId, variables);
    } finally {
      // Assertions read history without authorization checks, as an engine-internal caller.
      engine.getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance reportedBy(String reporter) {
    return engine.getRuntimeService().startProcessInstanceByKey("target-record", Map.of(
        "targetKey", "high-tech-enterprises", "targetValue", 1620, "asOfDate", "2026-09-30",
        "source", "区统计局2026年三季度报表", "reporter", reporter));
  }

}
